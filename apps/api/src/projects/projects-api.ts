import type { Provider } from '@nestjs/common';
import { ProjectRepository, repositoryProvider } from '@park/records';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

/** 重点项目 (/api/projects): projects, their stages, milestones and yearly actuals, and the supervision list. */
export const PROJECTS_CONTROLLERS = [ProjectsController];

/** Its providers; the records handle (RECORDS) and the clock come from the API module. */
export function projectsProviders(): Provider[] {
  return [repositoryProvider(ProjectRepository), ProjectsService];
}
