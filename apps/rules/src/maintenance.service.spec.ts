import type { AlertEvent } from '@park/contracts';
import type { Clock } from '@park/clock';
import {
  AlertEntity,
  AlertRepository,
  DeviceEntity,
  MaintenanceRepository,
  openRecords,
  RuleEntity,
  RuleRepository,
  seedDemoPark,
  type TriggerInput,
} from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import type { DataSource } from 'typeorm';
import type { AlertPublisher } from './alert-publisher';
import { MaintenanceService } from './maintenance.service';
import type { RulesConfig } from './rules.config';

/**
 * The service's two decisions — hold back at opening, release when no window holds — on the real records adapter
 * in its embedded form (SQLite in memory, as the standalone platform runs), so the SQL each dialect needs is
 * exercised too; PostgreSQL is covered by test/integration/maintenance.int-spec.ts.
 */
describe('maintenance windows in the rules service (SQLite records)', () => {
  const URL = 'sqlite::memory:';
  const MINUTE = 60_000;
  let records: DataSource;
  let alerts: AlertRepository;
  let windows: MaintenanceRepository;
  let service: MaintenanceService;
  let now = Date.UTC(2026, 11, 7, 2, 0, 0);
  let flushes = 0;
  let enterpriseId: string;
  let ruleId: string;
  const device = 'demo-gas-002';
  let line: string;

  beforeAll(async () => {
    records = await openRecords(URL);
    await seedDemoPark(records, 'maintenance-unit-1');
    await new RuleRepository(records).ensureBuiltIns(BUILT_IN_RULES);
    const gas = await records.getRepository(DeviceEntity).findOneByOrFail({ id: device });
    enterpriseId = gas.enterpriseId;
    line = gas.line ?? '';
    expect(line).not.toBe('');
    ruleId = (await records.getRepository(RuleEntity).findOneByOrFail({ code: 'gas.lel.two-level' })).id;
    alerts = new AlertRepository(records);
    windows = new MaintenanceRepository(records);
    const clock: Clock = { now: () => now };
    const publisher = {
      flush: () => {
        flushes++;
        return Promise.resolve();
      },
    } as unknown as AlertPublisher;
    service = new MaintenanceService(
      { RULES_TICK_MS: 1000 } as RulesConfig,
      clock,
      windows,
      alerts,
      publisher,
    );
  });

  afterAll(async () => {
    await records?.destroy();
  });

  const trigger = (value: number, readingTs: number): Promise<AlertEvent | null> =>
    alerts.transaction((em) =>
      alerts.triggerIn(em, {
        ruleId,
        subjectType: 'device',
        subjectId: device,
        deviceId: device,
        enterpriseId,
        metric: 'lel',
        unit: '%LEL',
        level: 2,
        severity: 'critical',
        change: 'opened',
        value,
        limit: 50,
        readingTs,
        at: now,
        explanation: { zh: '超限', en: 'over the limit' },
        repeatEventEveryMs: 0,
        holdBack: service.holdBack(
          { enterpriseId, subjectType: 'device', subjectId: device, line },
          readingTs,
        ),
      } satisfies TriggerInput),
    );
  const rowOf = (id: string) => records.getRepository(AlertEntity).findOneByOrFail({ id });

  it("holds back, by the line's window, an alert raised inside it, and stays silent while it is held", async () => {
    const window = await windows.create(
      'officer',
      {
        subjectType: 'line',
        subjectId: line,
        enterpriseId,
        startsAt: now,
        endsAt: now + 30 * MINUTE,
        reason: '停车检修',
      },
      now,
    );
    const before = await trigger(55, now - 1);
    // A reading taken before the window started opens live: the window judges the reading's time.
    expect(before?.type).toBe('opened');
    await alerts.resolve(before!.alert.id, 'officer', 'seen', now);

    now += MINUTE;
    const held = await trigger(60, now);
    expect(held).toMatchObject({
      type: 'suppressed',
      alert: { status: 'suppressed', maintenance: { id: window.id, reason: '停车检修' } },
    });
    // Confirmed again while held: the row counts, no event is written.
    expect(await trigger(70, now + 1)).toBeNull();
    expect(await rowOf(held!.alert.id)).toMatchObject({ count: 2, value: 70, status: 'suppressed' });

    // Nothing is released while the window holds.
    now += MINUTE;
    expect(await service.release()).toBe(0);
    expect(flushes).toBe(0);
  });

  it('releases what the window held when it is ended early, opened at that moment, once', async () => {
    const [held] = await alerts.list({ status: 'suppressed', limit: 10 });
    const [window] = await windows.list({ enterpriseId, notEndedAt: now, limit: 10 });
    now += MINUTE;
    await windows.end('officer', window.id, now, null);
    now += 1_000;
    expect(await service.release()).toBe(1);
    expect(flushes).toBe(1);
    const live = await alerts.view(held.id);
    expect(live).toMatchObject({ status: 'open', openedAt: now, count: 2, maintenance: { id: window.id } });
    expect((await alerts.trail(held.id)).map((e) => e.type)).toEqual(['suppressed', 'opened']);
    expect(await service.release()).toBe(0);
  });

  it("keeps an alert held while another of the subject's windows is active, and names that one", async () => {
    const open = await alerts.list({ status: 'open', limit: 10 });
    for (const a of open) await alerts.resolve(a.id, 'officer', 'done', now);
    const first = await windows.create(
      'officer',
      {
        subjectType: 'device',
        subjectId: device,
        enterpriseId,
        startsAt: now,
        endsAt: now + 10 * MINUTE,
        reason: 'A',
      },
      now,
    );
    const second = await windows.create(
      'officer',
      {
        subjectType: 'line',
        subjectId: line,
        enterpriseId,
        startsAt: now,
        endsAt: now + 60 * MINUTE,
        reason: 'B',
      },
      now,
    );
    now += 1_000;
    const held = await trigger(80, now);
    // Of two windows, the one that lasts longest decides when it goes live.
    expect(held?.alert.maintenance?.id).toBe(second.id);
    await windows.end('officer', second.id, now + 1, null);
    now += 2_000;
    expect(await service.release()).toBe(0);
    expect(await rowOf(held!.alert.id)).toMatchObject({ status: 'suppressed', maintenanceId: first.id });
    now += 10 * MINUTE;
    expect(await service.release()).toBe(1);
    expect((await rowOf(held!.alert.id)).status).toBe('open');
  });

  it('resolves a held-back alert whose condition clears, so it never goes live', async () => {
    for (const a of await alerts.list({ status: 'open', limit: 10 }))
      await alerts.resolve(a.id, 'officer', 'done', now);
    await windows.create(
      'officer',
      {
        subjectType: 'device',
        subjectId: device,
        enterpriseId,
        startsAt: now,
        endsAt: now + 5 * MINUTE,
        reason: 'C',
      },
      now,
    );
    now += 1_000;
    const held = await trigger(90, now);
    expect(held?.type).toBe('suppressed');
    const cleared = await alerts.transaction((em) =>
      alerts.clearIn(em, {
        ruleId,
        subjectType: 'device',
        subjectId: device,
        enterpriseId,
        readingTs: now + 1,
        at: now + 1,
        explanation: { zh: '恢复', en: 'back to normal' },
        suppressedOnly: true,
      }),
    );
    expect(cleared).toMatchObject({ type: 'resolved', alert: { status: 'resolved' } });
    now += 10 * MINUTE;
    expect(await service.release()).toBe(0);
    expect((await alerts.trail(held!.alert.id)).map((e) => e.type)).toEqual(['suppressed', 'resolved']);
  });

  it('leaves an open alert alone when asked to resolve only a held-back one', async () => {
    const live = await trigger(95, now);
    expect(live?.type).toBe('opened');
    const cleared = await alerts.transaction((em) =>
      alerts.clearIn(em, {
        ruleId,
        subjectType: 'device',
        subjectId: device,
        enterpriseId,
        readingTs: now + 1,
        at: now + 1,
        explanation: { zh: '恢复', en: 'back to normal' },
        suppressedOnly: true,
      }),
    );
    expect(cleared).toBeNull();
    expect((await rowOf(live!.alert.id)).status).toBe('open');
  });
});
