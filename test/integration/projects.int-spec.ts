/**
 * 重点项目 over the real API on both records backends (the same cases on PostgreSQL and SQLite): every write path —
 * create, update, advance, milestones added, changed and completed, yearly actuals — with its audit entry, and the
 * refusals: a skipped stage, a step back, bad and impossible dates, a role that may not write, and an energy
 * manager reaching for another enterprise's project. The supervision list (督办) against the park's calendar.
 */
import { randomBytes } from 'node:crypto';
import { daysBetween, parkCalendarDay, type ProjectDetailView } from '@park/contracts';
import { EnterpriseEntity, UserEntity } from '@park/records';
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';

const PASSWORD = 'projects-test-password';

interface AuditRow {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

describe.each(API_BACKENDS)('projects on %s', (_mode, start) => {
  const run = randomBytes(3).toString('hex');
  let backend: ApiBackend;
  let admin: Caller;
  let officer: Caller;
  let operator: Caller;
  let manager: Caller;
  /** The energy manager's enterprise, and another one. */
  let own: EnterpriseEntity;
  let other: EnterpriseEntity;
  const today = parkCalendarDay(Date.now());
  const thisYear = Number(today.slice(0, 4));
  const dayOffset = (days: number) => parkCalendarDay(Date.now() + days * 86_400_000);

  beforeAll(async () => {
    backend = await start(PASSWORD);
    admin = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
    officer = caller(backend.url, await login(backend.url, 'officer', PASSWORD));
    operator = caller(backend.url, await login(backend.url, 'operator', PASSWORD));
    manager = caller(backend.url, await login(backend.url, 'manager', PASSWORD));
    const managerUser = await backend.records
      .getRepository(UserEntity)
      .findOneByOrFail({ username: 'manager' });
    own = await backend.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ id: managerUser.enterpriseId! });
    other = (
      await backend.records.getRepository(EnterpriseEntity).find({ order: { creditCode: 'ASC' } })
    ).find((e) => e.id !== own.id)!;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const newProject = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
    name: `测试项目 ${run} ${Math.random().toString(36).slice(2, 6)}`,
    enterpriseId,
    signedOn: `${thisYear - 2}-03-18`,
    promisedInvestment: 20_000,
    promisedSales: 50_000,
    promisedTax: 2_500,
    ownerName: '陆建华',
    department: '经济发展局',
    ...extra,
  });

  async function create(call: Caller, body: Record<string, unknown>): Promise<ProjectDetailView> {
    const res = await call('POST', '/api/projects', body);
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return res.body as ProjectDetailView;
  }

  async function auditOf(entityId: string): Promise<AuditRow[]> {
    const res = await admin('GET', `/api/audit?entityId=${entityId}&pageSize=50`);
    expect(res.status).toBe(200);
    return (res.body as { items: AuditRow[] }).items;
  }

  it('creates a project at 签约, linked to its enterprise and parcel both ways, audited as its author', async () => {
    const parcels = await admin('GET', `/api/parcels?pageSize=500`);
    const parcel = (parcels.body as { items: { id: string; enterpriseId: string | null }[] }).items.find(
      (p) => p.enterpriseId === other.id,
    )!;
    const project = await create(officer, newProject(other.id, { parcelId: parcel.id }));
    expect(project).toMatchObject({
      stage: 'signed',
      stageDates: { signed: `${thisYear - 2}-03-18`, started: null, completed: null, producing: null },
      enterpriseId: other.id,
      enterpriseName: other.name,
      parcelId: parcel.id,
      promisedInvestment: 20_000,
      milestones: [],
      actuals: [],
      overdueMilestones: 0,
    });
    const ofEnterprise = await admin('GET', `/api/projects?enterpriseId=${other.id}&pageSize=500`);
    expect((ofEnterprise.body as { items: { id: string }[] }).items.map((p) => p.id)).toContain(project.id);
    const ofParcel = await admin('GET', `/api/projects?parcelId=${parcel.id}`);
    expect((ofParcel.body as { items: { id: string }[] }).items.map((p) => p.id)).toContain(project.id);
    const [entry] = await auditOf(project.id);
    expect(entry).toMatchObject({ actor: 'officer', action: 'create', entityType: 'project' });
    expect(entry.changes.stage).toEqual({ from: null, to: 'signed' });
  });

  it('refuses a project with a field missing, an impossible or future date, a negative amount, or no such enterprise', async () => {
    const missing = await admin('POST', '/api/projects', { name: '缺字段项目', enterpriseId: other.id });
    expect(missing.status).toBe(400);
    const messages = (missing.body as { message: string[] }).message;
    for (const field of ['signedOn', 'ownerName', 'department'])
      expect(messages.some((m) => m.startsWith(field))).toBe(true);

    const impossible = await admin('POST', '/api/projects', newProject(other.id, { signedOn: '2025-02-30' }));
    expect(impossible.status).toBe(400);
    expect(JSON.stringify(impossible.body)).toContain('signedOn: a calendar day YYYY-MM-DD that exists');

    const future = await admin('POST', '/api/projects', newProject(other.id, { signedOn: dayOffset(3) }));
    expect(future.status).toBe(400);
    expect((future.body as { message: string }).message).toContain(
      'signedOn: a signing date cannot be after today',
    );

    const negative = await admin('POST', '/api/projects', newProject(other.id, { promisedTax: -1 }));
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('promisedTax: not negative');

    const nobody = await admin('POST', '/api/projects', newProject('00000000-0000-4000-8000-000000000000'));
    expect(nobody.status).toBe(400);
    expect((nobody.body as { message: string }).message).toMatch(/^enterpriseId: no enterprise/);
  });

  it('advances one stage at a time to 达产 on days in order, refusing a skip, a step back and bad days', async () => {
    const project = await create(admin, newProject(other.id));
    const advance = (stage: string, on: string) =>
      admin('POST', `/api/projects/${project.id}/advance`, { stage, on });

    const skip = await advance('completed', `${thisYear - 1}-01-10`);
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'PROJECT_STAGE_ORDER', current: 'signed', expected: 'started' });
    expect((skip.body as { message: string }).message).toContain(
      'the next stage is 开工 (started), not 竣工 (completed)',
    );

    const beforeSigning = await advance('started', `${thisYear - 2}-03-01`);
    expect(beforeSigning.status).toBe(400);
    expect((beforeSigning.body as { message: string }).message).toMatch(
      /^on: 开工 \(started\) cannot be before 签约/,
    );
    const future = await advance('started', dayOffset(2));
    expect(future.status).toBe(400);
    expect((future.body as { message: string }).message).toContain('after today');
    expect((await advance('started', 'tomorrow')).status).toBe(400);
    expect((await advance('launched', `${thisYear - 1}-01-10`)).status).toBe(400);

    expect((await advance('started', `${thisYear - 2}-09-01`)).status).toBe(200);
    const back = await advance('signed', `${thisYear - 1}-01-10`);
    expect(back.status).toBe(409);
    expect((back.body as { message: string }).message).toContain('cannot go back');
    expect((await advance('completed', `${thisYear - 1}-06-30`)).status).toBe(200);
    const done = await advance('producing', `${thisYear - 1}-12-01`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      stage: 'producing',
      stageDates: {
        signed: `${thisYear - 2}-03-18`,
        started: `${thisYear - 2}-09-01`,
        completed: `${thisYear - 1}-06-30`,
        producing: `${thisYear - 1}-12-01`,
      },
    });
    const past = await advance('producing', today);
    expect(past.status).toBe(409);
    expect((past.body as { message: string }).message).toContain(
      'already at 达产 (producing), the last stage',
    );

    const stages = (await auditOf(project.id))
      .filter((e) => e.action === 'update')
      .map((e) => e.changes.stage?.to)
      .sort();
    expect(stages).toEqual(['completed', 'producing', 'started']);
    const listed = await admin('GET', `/api/projects?stage=producing&enterpriseId=${other.id}&pageSize=500`);
    expect((listed.body as { items: { id: string }[] }).items.map((p) => p.id)).toContain(project.id);
  });

  it('changes a project’s owner and figures, and refuses a signing day after its start', async () => {
    const project = await create(admin, newProject(other.id));
    await admin('POST', `/api/projects/${project.id}/advance`, {
      stage: 'started',
      on: `${thisYear - 1}-02-01`,
    });
    const changed = await officer('PATCH', `/api/projects/${project.id}`, {
      ownerName: '张敏',
      promisedSales: 60_000,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ ownerName: '张敏', promisedSales: 60_000, stage: 'started' });
    const late = await officer('PATCH', `/api/projects/${project.id}`, { signedOn: `${thisYear - 1}-03-01` });
    expect(late.status).toBe(400);
    expect((late.body as { message: string }).message).toContain(
      `signedOn: the project started on ${thisYear - 1}-02-01`,
    );
    // The stage is not a field a PATCH writes: only /advance moves it.
    const sneaky = await officer('PATCH', `/api/projects/${project.id}`, { stage: 'producing' });
    expect(sneaky.status).toBe(400);
    const update = (await auditOf(project.id)).find((e) => e.actor === 'officer' && e.action === 'update')!;
    expect(update.changes).toEqual({
      ownerName: { from: '陆建华', to: '张敏' },
      promisedSales: { from: 50_000, to: 60_000 },
    });
  });

  it('keeps milestones: an overdue one is on the supervision list with its days overdue until it is done', async () => {
    const project = await create(admin, newProject(other.id));
    const base = `/api/projects/${project.id}/milestones`;
    const tooEarly = await admin('POST', base, {
      title: '开工前准备',
      dueOn: `${thisYear - 3}-12-31`,
      ownerName: '黄志刚',
      department: '规划建设局',
    });
    expect(tooEarly.status).toBe(400);
    expect((tooEarly.body as { message: string }).message).toMatch(/^dueOn: before the project was signed/);

    const dueOn = dayOffset(-12);
    const added = await officer('POST', base, {
      title: `主体结构封顶 ${run}`,
      dueOn,
      ownerName: '黄志刚',
      department: '规划建设局',
    });
    expect(added.status).toBe(201);
    const milestone = added.body as { id: string; overdueDays: number; doneOn: string | null };
    expect(milestone).toMatchObject({ overdueDays: daysBetween(dueOn, today), doneOn: null });
    expect(milestone.overdueDays).toBe(12);

    const supervision = await operator('GET', '/api/projects/supervision');
    expect(supervision.status).toBe(200);
    const list = supervision.body as {
      asOf: string;
      items: { projectId: string; enterpriseName: string; milestone: { id: string; overdueDays: number } }[];
    };
    expect(list.asOf).toBe(today);
    expect(list.items.find((i) => i.milestone.id === milestone.id)).toMatchObject({
      projectId: project.id,
      enterpriseName: other.name,
      milestone: { overdueDays: 12 },
    });
    const days = list.items.map((i) => i.milestone.overdueDays);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const overdue = await admin('GET', `/api/projects?overdue=true&enterpriseId=${other.id}&pageSize=500`);
    expect((overdue.body as { items: { id: string; overdueMilestones: number }[] }).items).toContainEqual(
      expect.objectContaining({ id: project.id, overdueMilestones: 1 }),
    );

    const retitled = await admin('PATCH', `${base}/${milestone.id}`, {
      title: `主体结构封顶（调整） ${run}`,
    });
    expect(retitled.status).toBe(200);
    const badDay = await admin('PATCH', `${base}/${milestone.id}`, { dueOn: '2025-13-01' });
    expect(badDay.status).toBe(400);

    const future = await admin('POST', `${base}/${milestone.id}/complete`, { doneOn: dayOffset(1) });
    expect(future.status).toBe(400);
    expect((future.body as { message: string }).message).toMatch(/^doneOn: .*after today/);
    const done = await officer('POST', `${base}/${milestone.id}/complete`, { doneOn: today });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ doneOn: today, overdueDays: 0 });
    const again = await officer('POST', `${base}/${milestone.id}/complete`, { doneOn: today });
    expect(again.status).toBe(409);
    expect((again.body as { message: string }).message).toContain(`already done on ${today}`);

    const after = (await admin('GET', '/api/projects/supervision')).body as typeof list;
    expect(after.items.some((i) => i.milestone.id === milestone.id)).toBe(false);
    const trail = await auditOf(milestone.id);
    expect(trail.map((e) => [e.actor, e.action, e.entityType]).sort()).toEqual([
      ['admin', 'update', 'project-milestone'],
      ['officer', 'create', 'project-milestone'],
      ['officer', 'update', 'project-milestone'],
    ]);
  });

  it('upserts the actuals of a year (未上报 stays null), once per change, within the project’s years', async () => {
    const project = await create(admin, newProject(other.id));
    const put = (year: number, body: Record<string, unknown>) =>
      officer('PUT', `/api/projects/${project.id}/actuals/${year}`, body);
    const first = await put(thisYear - 1, { investment: 8_000, sales: null });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ year: thisYear - 1, investment: 8_000, sales: null, tax: null });
    expect((await put(thisYear - 1, { investment: 8_000, sales: 1_200, tax: 60 })).status).toBe(200);
    expect((await put(thisYear - 1, { investment: 8_000, sales: 1_200, tax: 60 })).status).toBe(200);
    const beforeSigning = await put(thisYear - 3, { investment: 1 });
    expect(beforeSigning.status).toBe(400);
    expect((beforeSigning.body as { message: string }).message).toContain(
      `year: a project's actuals run from its signing year ${thisYear - 2} to ${thisYear}`,
    );
    expect((await put(thisYear + 1, { investment: 1 })).status).toBe(400);
    const negative = await put(thisYear, { sales: -5 });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('sales: not negative');

    const detail = (await admin('GET', `/api/projects/${project.id}`)).body as ProjectDetailView;
    expect(detail.actuals).toEqual([
      expect.objectContaining({ year: thisYear - 1, investment: 8_000, sales: 1_200, tax: 60 }),
    ]);
    const trail = await admin(
      'GET',
      `/api/enterprises/${other.id}/audit?entityType=project-actual&pageSize=500`,
    );
    const entries = (trail.body as { items: AuditRow[] }).items.filter(
      (e) => e.actor === 'officer' && e.entityType === 'project-actual',
    );
    // Created, then changed once: the identical third write wrote nothing.
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('lets admins and officers write and nobody else; an energy manager reads only their own enterprise', async () => {
    const ofOther = await create(admin, newProject(other.id));
    const ofOwn = await create(admin, newProject(own.id));
    const milestone = (
      await admin('POST', `/api/projects/${ofOther.id}/milestones`, {
        title: `他企节点 ${run}`,
        dueOn: dayOffset(-3),
        ownerName: '顾晓峰',
        department: '招商局',
      })
    ).body as { id: string };
    await admin('POST', `/api/projects/${ofOwn.id}/milestones`, {
      title: `本企节点 ${run}`,
      dueOn: dayOffset(-2),
      ownerName: '顾晓峰',
      department: '招商局',
    });

    for (const [who, call] of [
      ['operator', operator],
      ['manager', manager],
    ] as const) {
      const writes = [
        await call('POST', '/api/projects', newProject(own.id)),
        await call('PATCH', `/api/projects/${ofOther.id}`, { ownerName: '越权' }),
        await call('POST', `/api/projects/${ofOther.id}/advance`, { stage: 'started', on: today }),
        await call('POST', `/api/projects/${ofOther.id}/milestones`, {
          title: '越权',
          dueOn: today,
          ownerName: '越权',
          department: '越权',
        }),
        await call('POST', `/api/projects/${ofOther.id}/milestones/${milestone.id}/complete`, {
          doneOn: today,
        }),
        await call('PUT', `/api/projects/${ofOther.id}/actuals/${thisYear}`, { sales: 1 }),
      ];
      expect([who, writes.map((w) => w.status)]).toEqual([who, [403, 403, 403, 403, 403, 403]]);
    }
    const untouched = (await admin('GET', `/api/projects/${ofOther.id}`)).body as ProjectDetailView;
    expect(untouched).toMatchObject({ ownerName: '陆建华', stage: 'signed', actuals: [] });
    expect(untouched.milestones[0].doneOn).toBeNull();

    expect((await manager('GET', `/api/projects/${ofOther.id}`)).status).toBe(404);
    expect((await manager('GET', `/api/projects/${ofOwn.id}`)).status).toBe(200);
    const mine = (await manager('GET', '/api/projects?pageSize=500')).body as {
      items: { enterpriseId: string }[];
    };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((p) => p.enterpriseId === own.id)).toBe(true);
    const widened = (await manager('GET', `/api/projects?enterpriseId=${other.id}`)).body as {
      total: number;
    };
    expect(widened.total).toBe(0);
    const supervision = (await manager('GET', '/api/projects/supervision')).body as {
      items: { enterpriseId: string; milestone: { title: string } }[];
    };
    expect(supervision.items.some((i) => i.milestone.title === `本企节点 ${run}`)).toBe(true);
    expect(supervision.items.every((i) => i.enterpriseId === own.id)).toBe(true);
  });

  it('seeds the demo park with a project in every stage, one milestone overdue, all marked demo', async () => {
    const all = (await admin('GET', '/api/projects?pageSize=500&q=项目')).body as {
      items: { name: string; stage: string; overdueMilestones: number }[];
    };
    const demo = all.items.filter((p) => !p.name.startsWith('测试项目'));
    expect(new Set(demo.map((p) => p.stage))).toEqual(
      new Set(['signed', 'started', 'completed', 'producing']),
    );
    expect(demo.some((p) => p.overdueMilestones > 0)).toBe(true);
    const rows = await backend.records.query<{ n: number | string }[]>(
      `SELECT COUNT(*) AS n FROM projects WHERE is_demo = ${backend.records.options.type === 'postgres' ? 'true' : '1'}`,
    );
    expect(Number(rows[0].n)).toBe(demo.length);
  });
});
