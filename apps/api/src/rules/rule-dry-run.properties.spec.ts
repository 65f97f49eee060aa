import fc from 'fast-check';
import type { IncomingMessage } from '@park/bus';
import { ManualClock } from '@park/clock';
import {
  DATA_QUALITIES,
  DEVICE_KINDS,
  topicName,
  type DataQuality,
  type DeviceKind,
  type MetricSpec,
  type TelemetryRecord,
} from '@park/contracts';
import type {
  AlertRepository,
  ClearInput,
  RuleDeviceInfo,
  RuleEntity,
  RuleRepository,
  RuleStateRepository,
  RuleStateWrite,
  StoredRuleState,
  TriggerInput,
} from '@park/records';
import { BUILT_IN_RULES, RULE_KINDS, subjectKey, type BuiltInRule, type RuleKind } from '@park/rules-engine';
import type { DataSource, EntityManager } from 'typeorm';
import type { AlertPublisher } from '../../../rules/src/alert-publisher';
import type { MaintenanceService } from '../../../rules/src/maintenance.service';
import type { RulesConfig } from '../../../rules/src/rules.config';
import { RulesMetrics } from '../../../rules/src/rules-metrics';
import { RulesService } from '../../../rules/src/rules.service';
import { RulesAdminService } from './rules.service';
import type { TelemetryReader } from './telemetry-reader';

/**
 * The dry-run's guarantee (docs/rules.md, "One pipeline"): on the same recorded readings it reports what the live
 * rules service does — the same alerts opened, escalated, de-escalated and cleared, at the same times and levels,
 * and the same number of confirmations. Both paths run for real: the live RulesService consumes the readings as
 * Kafka messages and ticks on its timer (its repositories in memory), and RulesAdminService.dryRun reads the same
 * readings back through its TelemetryReader. Every rule kind of the engine's registry (RULE_KINDS) is run — a new
 * kind is included the moment it lands, and fails here until it has a built-in rule or a fixture below.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const TICK_MS = 60_000;
/** The replayed window: [TO − HOURS h, TO]. An hour boundary, so hourly kinds close hours inside it. */
const HOURS = 2;
const TO = Date.UTC(2026, 11, 6, 12);
const FROM = TO - HOURS * HOUR;

/** Rules of the kinds no built-in rule uses (or worth running beside the built-ins). */
const FIXTURES: readonly BuiltInRule[] = [
  fixture('sustained', 'combustible-gas', 'lel', { limit: 40, durationMs: 5 * MINUTE, hysteresis: 2 }),
  fixture('repeated', 'toxic-gas', 'h2s', { limit: 50, count: 2, windowMs: HOUR, hysteresis: 2 }),
  fixture('rate-of-change', 'pressure', 'pressure', { ratePerMinute: 3, windowMs: 10 * MINUTE }),
  fixture('emission-spike', 'stack-gas', 'so2', { productionNormalKw: null, baselineWindowMs: HOUR }),
  fixture('threshold', 'wastewater', 'cod', { direction: 'above', level1: 50, level2: 80, hysteresis: 2 }),
  fixture('device-offline', 'smoke', 'status', { expectedIntervalMs: 2 * MINUTE, factor: 2 }),
];

function fixture(kind: RuleKind, deviceKind: string, metric: string, params: object): BuiltInRule {
  return {
    code: `fixture.${kind}`,
    kind,
    name: { zh: '测试规则', en: `Fixture ${kind}` },
    deviceKind,
    metric,
    params,
    autoResolve: true,
    source: 'test',
  };
}

const rulesOf = (kind: RuleKind) => [
  ...BUILT_IN_RULES.filter((r) => r.kind === kind),
  ...FIXTURES.filter((r) => r.kind === kind),
];

const RULE_ID = '00000000-0000-4000-8000-000000000001';
const rowOf = (rule: BuiltInRule): RuleEntity =>
  ({
    id: RULE_ID,
    code: rule.code,
    kind: rule.kind,
    nameZh: rule.name.zh,
    nameEn: rule.name.en,
    deviceKind: rule.deviceKind,
    metric: rule.metric,
    params: { ...(rule.params as Record<string, unknown>) },
    autoResolve: rule.autoResolve,
    enabled: true,
    source: rule.source,
  }) as unknown as RuleEntity;

const device = (over: Partial<RuleDeviceInfo> & Pick<RuleDeviceInfo, 'id' | 'kind'>): RuleDeviceInfo => ({
  enterpriseId: 'e1',
  expectedIntervalS: 120,
  role: null,
  line: null,
  normalKw: null,
  permitLimits: null,
  permitO2Reference: null,
  enterprisePermitLimits: null,
  enterprisePermitO2Reference: null,
  processLimits: null,
  ...over,
});

/**
 * One device of every kind, and a production line (a production and a pollution-control meter, a stack monitor on the
 * line): every rule has subjects, device and line, and readings it must not take.
 */
const FLEET: readonly RuleDeviceInfo[] = [
  device({ id: 'm1', kind: 'power-meter', role: 'production', line: 'l1', normalKw: 100 }),
  device({ id: 'm2', kind: 'power-meter', role: 'pollution-control', line: 'l1', normalKw: 50 }),
  device({
    id: 's1',
    kind: 'stack-gas',
    line: 'l1',
    permitLimits: { so2: 50, nox: 100, pm: 20, nmhc: 60 },
    permitO2Reference: 9,
  }),
  ...(Object.keys(DEVICE_KINDS) as DeviceKind[])
    .filter((kind) => kind !== 'power-meter' && kind !== 'stack-gas')
    .map((kind) =>
      device({
        id: `${kind}-1`,
        kind,
        permitLimits: kind === 'wastewater' ? { cod: 50, nh3n: 5, tp: 0.5, tn: 15 } : null,
        enterprisePermitLimits: kind === 'wastewater' ? { cod: 60, ph: 9 } : null,
        processLimits: Object.fromEntries(
          Object.keys(DEVICE_KINDS[kind].metrics).map((metric) => [
            metric,
            { high: 70, highHigh: 90, low: 10, lowLow: 5, hysteresis: 2 },
          ]),
        ),
      }),
    ),
].sort((a, b) => (a.id < b.id ? -1 : 1));

/** A value of a metric: booleans for flags, the codes of an enumerated state, numbers mostly in [0, 100]. */
function valueOf(spec: MetricSpec, u: number, previous: number | boolean | undefined): number | boolean {
  if (spec.type === 'boolean') return u < 0.3;
  if (spec.states) {
    const codes = Object.keys(spec.states).map(Number);
    return codes[Math.floor(u * codes.length) % codes.length];
  }
  const lo = Math.max(spec.min ?? 0, 0);
  const hi = Math.min(spec.max ?? 100, 100);
  // Mostly a walk from the previous value (so durations and baselines build up), sometimes a jump.
  if (typeof previous === 'number' && u < 0.7)
    return Math.round(Math.min(hi, Math.max(lo, previous * (0.8 + u / 2))));
  return Math.round(lo + (hi - lo) * u);
}

interface Series {
  readonly records: readonly TelemetryRecord[];
}

/** Readings of every device of the fleet in (FROM, TO], at distinct times (a device's index breaks ties). */
const seriesArb: fc.Arbitrary<Series> = fc
  .array(
    fc.record({
      gaps: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 30, maxLength: 90 }),
      us: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
      // A plateau: one metric held at one value for a run of reports (a stopped fan, a stuck analyser…), flagged
      // or not (a fault, a calibration…) — what durations, baselines and flag rules need to see. And stray flags.
      run: fc.option(
        fc.record({
          metric: fc.nat(),
          first: fc.integer({ min: 0, max: 40 }),
          length: fc.integer({ min: 10, max: 60 }),
          value: fc.double({ min: 0, max: 1, noNaN: true }),
          flag: fc.option(fc.constantFrom(...DATA_QUALITIES), { nil: undefined }),
        }),
        { freq: 2 },
      ),
      stray: fc.array(fc.option(fc.constantFrom(...DATA_QUALITIES), { freq: 8, nil: null }), {
        minLength: 60,
        maxLength: 60,
      }),
    }),
    { minLength: FLEET.length, maxLength: FLEET.length },
  )
  .map((perDevice) => {
    const records: TelemetryRecord[] = [];
    perDevice.forEach(({ gaps, us, run, stray }, index) => {
      const d = FLEET[index];
      const kind = d.kind as DeviceKind;
      const metrics = Object.entries(DEVICE_KINDS[kind].metrics) as [string, MetricSpec][];
      let ts = FROM + index;
      const last: Record<string, number | boolean> = {};
      gaps.forEach((gap, i) => {
        ts += gap * MINUTE;
        if (ts > TO) return;
        const values: Record<string, number | boolean> = {};
        const held = run && i >= run.first && i < run.first + run.length ? run : null;
        metrics.forEach(([metric, spec], j) => {
          values[metric] =
            held && held.metric % metrics.length === j
              ? valueOf(spec, held.value, undefined)
              : valueOf(spec, us[(i + j * 7) % us.length], last[metric]);
          last[metric] = values[metric];
        });
        const flags: Record<string, DataQuality> = {};
        const strayFlag = stray[i % stray.length];
        if (strayFlag) flags[metrics[(i * 3) % metrics.length][0]] = strayFlag;
        if (held?.flag) flags[metrics[held.metric % metrics.length][0]] = held.flag;
        records.push({
          v: 1,
          deviceId: d.id,
          enterpriseId: d.enterpriseId,
          kind,
          role: d.role as TelemetryRecord['role'],
          line: d.line,
          ts,
          values,
          ...(Object.keys(flags).length > 0 ? { flags } : {}),
          receivedAt: ts,
        });
      });
    });
    return { records: records.sort((a, b) => a.ts - b.ts) };
  });

/** One lifecycle call, as both paths report it. */
type Call = string;

const CONFIG = {
  PARK_NAMESPACE: '',
  REPEAT_EVENT_EVERY_MS: 0,
  RULES_CAUGHT_UP_LAG: 100,
  RULES_CAUGHT_UP_MS: 60_000,
} as unknown as RulesConfig;

/**
 * The live path: RulesService as deployed, its records in memory. Every reading is one Kafka message handled at its
 * own time; the service's timer ticks every TICK_MS from FROM (its start), after the readings up to that moment.
 */
async function live(
  row: RuleEntity,
  records: readonly TelemetryRecord[],
  hours = HOURS,
): Promise<Map<string, Call[]>> {
  const from = TO - hours * HOUR;
  const clock = new ManualClock(from);
  const calls = new Map<string, Call[]>();
  const note = (subject: string, call: Call) => calls.set(subject, [...(calls.get(subject) ?? []), call]);
  const subjectOf = (i: { subjectType: string; subjectId: string; enterpriseId: string }) =>
    i.subjectType === 'line'
      ? subjectKey({ type: 'line', enterpriseId: i.enterpriseId, id: i.subjectId })
      : i.subjectId;
  const stored = new Map<string, StoredRuleState & { ruleId: string; subjectKey: string }>();
  const keyOf = (ruleId: string, subjectKey: string) => `${ruleId}|${subjectKey}`;
  const rules = {
    enabled: () => Promise.resolve([row]),
    devices: () => Promise.resolve([...FLEET]),
    disabledDevices: () => Promise.resolve([]),
  };
  const alerts = {
    transaction: <T>(work: (em: EntityManager) => Promise<T>) => work({} as EntityManager),
    triggerIn: (_em: EntityManager, i: TriggerInput) => {
      note(subjectOf(i), `${i.change}@${i.readingTs}:L${i.level}`);
      return Promise.resolve({ type: 'opened' });
    },
    clearIn: (_em: EntityManager, i: ClearInput & { suppressedOnly?: boolean }) => {
      // A clear of held-back alerts only (a rule that does not resolve itself) is not a clear anyone sees.
      if (!i.suppressedOnly) note(subjectOf(i), `cleared@${i.readingTs}`);
      return Promise.resolve({ type: 'resolved' });
    },
  };
  const states = {
    load: (pairs: readonly { ruleId: string; subjectKey: string }[]) =>
      Promise.resolve(
        new Map(
          pairs.flatMap((p) => {
            const s = stored.get(keyOf(p.ruleId, p.subjectKey));
            return s ? [[keyOf(p.ruleId, p.subjectKey), s] as const] : [];
          }),
        ),
      ),
    loadForRules: (ids: readonly string[]) =>
      Promise.resolve(new Map([...stored].filter(([, s]) => ids.includes(s.ruleId)))),
    saveIn: (_em: EntityManager, writes: readonly RuleStateWrite[]) => {
      const versions = new Map<string, number>();
      for (const w of writes) {
        const key = keyOf(w.ruleId, w.subjectKey);
        const state = JSON.parse(JSON.stringify(w.state)) as unknown;
        stored.set(key, { ruleId: w.ruleId, subjectKey: w.subjectKey, state, version: w.version + 1 });
        versions.set(key, w.version + 1);
      }
      return Promise.resolve(versions);
    },
  };
  const publisher = { flush: () => Promise.resolve() };
  // Maintenance windows hold nothing back here (none is open): the parity is about verdicts.
  const maintenance = { holdBack: () => () => Promise.resolve(null) };
  // Built by hand, as Nest would: the service's collaborators are the in-memory records above.
  const service = new RulesService(
    CONFIG,
    clock,
    rules as unknown as RuleRepository,
    alerts as unknown as AlertRepository,
    states as unknown as RuleStateRepository,
    publisher as unknown as AlertPublisher,
    maintenance as unknown as MaintenanceService,
    new RulesMetrics(),
    {} as DataSource, // only heard for device changes, after a start this test does not make
  );
  await service.reloadRules();
  const topic = topicName('telemetry', '');
  let offset = 0;
  const message = (r: TelemetryRecord): IncomingMessage => ({
    topic,
    partition: 0,
    offset: String(offset++),
    key: r.deviceId,
    value: Buffer.from(JSON.stringify(r)),
    headers: {},
    timestamp: r.ts,
  });
  let i = 0;
  for (let t = from + TICK_MS; t <= TO; t += TICK_MS) {
    for (; i < records.length && records[i].ts <= t; i++) {
      clock.set(records[i].ts);
      await service.handleBatch([message(records[i])]);
    }
    clock.set(t);
    await service.tick();
  }
  for (; i < records.length; i++) {
    clock.set(records[i].ts);
    await service.handleBatch([message(records[i])]);
  }
  return calls;
}

/** The dry-run path: RulesAdminService.dryRun over the same readings, as its TelemetryReader returns them. */
async function dryRun(
  row: RuleEntity,
  records: readonly TelemetryRecord[],
  hours = HOURS,
): Promise<Map<string, Call[]>> {
  const reader: TelemetryReader = {
    devices: () => Promise.resolve([...FLEET]),
    raw: (_kind, metric, deviceId, from, to) =>
      Promise.resolve(
        records
          .filter(
            (r) => r.deviceId === deviceId && r.ts >= from && r.ts <= to && r.values[metric] !== undefined,
          )
          .map((r) => ({
            ts: r.ts,
            value: r.values[metric],
            ...(r.flags?.[metric] ? { quality: r.flags[metric] } : {}),
          })),
      ),
  };
  const rules = { get: () => Promise.resolve(row) } as unknown as RuleRepository;
  const result = await new RulesAdminService(rules, reader, new ManualClock(TO)).dryRun(RULE_ID, hours);
  const calls = new Map<string, Call[]>();
  for (const s of result.subjects) {
    const out: Call[] = s.firings.map((f) =>
      f.change === 'cleared' ? `cleared@${f.ts}` : `${f.change}@${f.ts}:L${f.level}`,
    );
    // Confirmations are counted, not listed: compare them as the live path's `continuing` calls.
    if (out.length > 0 || s.confirmations > 0) calls.set(s.subject, out);
    if (s.confirmations > 0) calls.set(`${s.subject}#continuing`, [String(s.confirmations)]);
  }
  return calls;
}

/** The live calls in the dry-run's terms: continuing confirmations counted per subject. */
function summarised(calls: Map<string, Call[]>): Map<string, Call[]> {
  const out = new Map<string, Call[]>();
  for (const [subject, list] of calls) {
    const shown = list.filter((c) => !c.startsWith('continuing@'));
    const continuing = list.length - shown.length;
    out.set(subject, shown);
    if (continuing > 0) out.set(`${subject}#continuing`, [String(continuing)]);
  }
  return out;
}

const sorted = (calls: Map<string, Call[]>) =>
  Object.fromEntries([...calls].filter(([, list]) => list.length > 0).sort(([a], [b]) => (a < b ? -1 : 1)));

describe('the rule dry-run and the live rules service give the same verdicts', () => {
  it('has a rule to run for every kind of the engine', () => {
    expect(RULE_KINDS.filter((kind) => rulesOf(kind).length === 0)).toEqual([]);
  });

  it.each([...RULE_KINDS])(
    '%s: same alerts, times and levels on the same random readings',
    async (kind) => {
      const rules = rulesOf(kind);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...rules), seriesArb, async (rule, { records }) => {
          const row = rowOf(rule);
          expect(sorted(await dryRun(row, records))).toEqual(sorted(summarised(await live(row, records))));
        }),
        { numRuns: 25 },
      );
    },
    120_000,
  );

  it('emission spike: 6 h of SO₂ at 8× on a line with flat production opens an alert in the dry-run as live', async () => {
    // Regression: the dry-run once read only the line's power meters for this rule and reported 0 firings.
    const hours = 7;
    const start = TO - hours * HOUR;
    const records: TelemetryRecord[] = [];
    const line = { enterpriseId: 'e1', line: 'l1', receivedAt: 0 } as const;
    for (let ts = start + MINUTE; ts <= TO; ts += MINUTE) {
      records.push({
        v: 1,
        deviceId: 'm1',
        kind: 'power-meter',
        role: 'production',
        ts,
        values: { kw: 100 },
        ...line,
      });
      const so2 = ts - start <= HOUR ? 20 : 160;
      records.push({
        v: 1,
        deviceId: 's1',
        kind: 'stack-gas',
        role: null,
        ts: ts + 1,
        values: { so2 },
        ...line,
      });
    }
    const row = rowOf(rulesOf('emission-spike').find((r) => r.code === 'fixture.emission-spike')!);
    const dry = sorted(await dryRun(row, records, hours));
    expect(
      Object.values(dry)
        .flat()
        .some((c) => c.startsWith('opened@')),
    ).toBe(true);
    expect(dry).toEqual(sorted(summarised(await live(row, records, hours))));
  });
});
