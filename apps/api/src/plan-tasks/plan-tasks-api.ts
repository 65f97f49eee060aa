import type { Provider } from '@nestjs/common';
import { PlanTaskRepository, repositoryProvider } from '@park/records';
import { PlanTasksController } from './plan-tasks.controller';
import { PlanTasksService } from './plan-tasks.service';

/** 计划任务 (/api/plan-tasks): the plan's yearly, quarterly and monthly tasks and the monthly review. */
export const PLAN_TASKS_CONTROLLERS = [PlanTasksController];

/** Its providers; the records handle, the clock and the AnalyticsService (plan progress) come from the API module. */
export function planTasksProviders(): Provider[] {
  return [repositoryProvider(PlanTaskRepository), PlanTasksService];
}
