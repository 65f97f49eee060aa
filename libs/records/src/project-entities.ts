import { ProjectActualEntity } from './entities/project-actual.entity';
import { ProjectMilestoneEntity } from './entities/project-milestone.entity';
import { ProjectEntity } from './entities/project.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';

/** 重点项目: projects, their milestones and their yearly actuals; and the plan's tasks (计划任务). */
export const PROJECT_ENTITIES = [ProjectEntity, ProjectMilestoneEntity, ProjectActualEntity, PlanTaskEntity];
