/**
 * The 计划任务 routes of the API on behalf of the signed-in user (apps/api/src/plan-tasks/plan-tasks.controller.ts):
 * park staff read, admins write; an energy manager has none of it. Answers are typed by the API's OpenAPI
 * document. A 401 calls `onUnauthorized` and still rejects.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type PlanTask = ApiSchemas['PlanTaskView'];
export type PlanReview = ApiSchemas['PlanMonthlyReview'];
export type NewPlanTask = ApiSchemas['CreatePlanTaskDto'];
export type PlanTaskChange = ApiSchemas['UpdatePlanTaskDto'];

/** The largest page the records lists serve (ListQueryDto): a year's plan fits in one. */
const MAX_PAGE_SIZE = 500;

export class PlanTasksApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  /** Every task of a year, by due date. */
  async ofYear(year: number, signal?: AbortSignal): Promise<PlanTask[]> {
    const page = await this.call('GET', '/api/plan-tasks', {
      query: { year, pageSize: MAX_PAGE_SIZE, sort: 'dueOn' },
      signal,
    });
    return page.items;
  }

  review(year: number, month: number, signal?: AbortSignal): Promise<PlanReview> {
    return this.call('GET', '/api/plan-tasks/review', { query: { year, month }, signal });
  }

  create(body: NewPlanTask): Promise<PlanTask> {
    return this.call('POST', '/api/plan-tasks', { body });
  }

  update(id: string, body: PlanTaskChange): Promise<PlanTask> {
    return this.call('PATCH', '/api/plan-tasks/{id}', { path: { id }, body });
  }

  remove(id: string): Promise<void> {
    return this.call('DELETE', '/api/plan-tasks/{id}', { path: { id } });
  }
}
