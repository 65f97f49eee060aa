import { ProjectActualEntity } from './entities/project-actual.entity';
import { ProjectMilestoneEntity } from './entities/project-milestone.entity';
import { ProjectEntity } from './entities/project.entity';

/** 重点项目: projects, their milestones and their yearly actuals. */
export const PROJECT_ENTITIES = [ProjectEntity, ProjectMilestoneEntity, ProjectActualEntity];
