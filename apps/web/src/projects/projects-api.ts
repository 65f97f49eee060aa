/**
 * The 重点项目 routes of the API on behalf of the signed-in user (apps/api/src/projects/projects.controller.ts):
 * every role reads — an energy manager only their own enterprise's projects — and admins and officers write.
 * Answers are typed by the API's OpenAPI document. A 401 calls `onUnauthorized` and still rejects.
 */
import type { Role } from '@park/auth';
import type { Page, ProjectStage } from '@park/contracts';
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

/**
 * POST/PATCH /api/projects… (projects.controller.ts @Edits('projects', 'officer')) allow these roles besides admin
 * and the staff of a department that keeps projects (session/access.ts mayEdit).
 */
export const PROJECT_WRITERS: readonly Role[] = ['officer'];

export type Project = ApiSchemas['ProjectView'];
export type ProjectDetail = ApiSchemas['ProjectDetailView'];
export type ProjectMilestone = ApiSchemas['ProjectMilestoneView'];
export type ProjectActual = ApiSchemas['ProjectActualView'];
export type SupervisionList = ApiSchemas['SupervisionListView'];
export type NewProject = ApiSchemas['CreateProjectDto'];
export type NewMilestone = ApiSchemas['CreateMilestoneDto'];
export type ActualFigures = ApiSchemas['ProjectActualDto'];

export interface ProjectQuery {
  readonly q: string;
  readonly stage: ProjectStage | '';
  readonly overdue: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/** The largest page the records lists serve (ListQueryDto). */
const MAX_PAGE_SIZE = 500;

export class ProjectsApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(query: ProjectQuery, signal?: AbortSignal): Promise<Page<Project>> {
    return this.call('GET', '/api/projects', {
      query: {
        page: query.page,
        pageSize: query.pageSize,
        sort: 'signedOn',
        order: 'desc',
        q: query.q.trim() || undefined,
        stage: query.stage || undefined,
        overdue: query.overdue ? true : undefined,
      },
      signal,
    });
  }

  /** The projects of one enterprise or on one parcel (their profiles' 重点项目 section). */
  of(link: { enterpriseId?: string; parcelId?: string }, signal?: AbortSignal): Promise<Page<Project>> {
    return this.call('GET', '/api/projects', {
      query: { ...link, pageSize: MAX_PAGE_SIZE, sort: 'signedOn', order: 'desc' },
      signal,
    });
  }

  get(id: string, signal?: AbortSignal): Promise<ProjectDetail> {
    return this.call('GET', '/api/projects/{id}', { path: { id }, signal });
  }

  supervision(signal?: AbortSignal): Promise<SupervisionList> {
    return this.call('GET', '/api/projects/supervision', { signal });
  }

  create(body: NewProject): Promise<ProjectDetail> {
    return this.call('POST', '/api/projects', { body });
  }

  advance(id: string, stage: ProjectStage, on: string): Promise<ProjectDetail> {
    return this.call('POST', '/api/projects/{id}/advance', { path: { id }, body: { stage, on } });
  }

  addMilestone(id: string, body: NewMilestone): Promise<ProjectMilestone> {
    return this.call('POST', '/api/projects/{id}/milestones', { path: { id }, body });
  }

  completeMilestone(id: string, milestoneId: string, doneOn: string): Promise<ProjectMilestone> {
    return this.call('POST', '/api/projects/{id}/milestones/{milestoneId}/complete', {
      path: { id, milestoneId },
      body: { doneOn },
    });
  }

  putActual(id: string, year: number, body: ActualFigures): Promise<ProjectActual> {
    return this.call('PUT', '/api/projects/{id}/actuals/{year}', { path: { id, year }, body });
  }

  /** Every enterprise the user may see, by name (the create form's picker). */
  async enterpriseNames(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
    const page = await this.call('GET', '/api/enterprises', {
      query: { pageSize: MAX_PAGE_SIZE, sort: 'name' },
      signal,
    });
    return page.items.map((e) => ({ id: e.id, name: e.name }));
  }

  /** Every parcel, by code (the create form's picker). */
  async parcels(
    signal?: AbortSignal,
  ): Promise<{ id: string; code: string; name: string; enterpriseId: string | null }[]> {
    const page = await this.call('GET', '/api/parcels', {
      query: { pageSize: MAX_PAGE_SIZE, sort: 'code' },
      signal,
    });
    return page.items.map((p) => ({ id: p.id, code: p.code, name: p.name, enterpriseId: p.enterpriseId }));
  }
}
