import type { Bilingual, TelemetryRecord } from '@park/contracts';
import { evaluate } from './engine';
import type { RuleRouter, RoutedInput } from './rule-router';
import type { SubjectKey } from './subject-key';
import type { DeviceSettings } from './subject-settings';

/** What the alert lifecycle is asked to do for one verdict: the same call the rules service makes. */
export interface ReplayAction {
  /** opened, escalated, de-escalated, continuing — or cleared (asked only of rules that resolve themselves). */
  readonly change: 'opened' | 'escalated' | 'de-escalated' | 'continuing' | 'cleared';
  /** The verdict's time (the reading's, or the tick's). */
  readonly ts: number;
  /** When the service judged it: the input's time in a replay. */
  readonly at: number;
  readonly level: number | null;
  readonly value: number;
  readonly limit: number | null;
  readonly unit: string;
  readonly explanation: Bilingual;
}

export interface ReplaySubject {
  readonly ruleId: string;
  readonly subjectKey: SubjectKey;
  readonly subjectType: 'device' | 'line';
  readonly subjectId: string;
  /** Inputs routed to it other than ticks. */
  inputs: number;
  readonly actions: ReplayAction[];
  /** Issue codes the engine reported (e.g. not-configured) with how often. */
  readonly issues: Record<string, number>;
}

export interface ReplayOptions {
  /** The replay starts here: the enabled devices are watched for silence from this moment, as on a service start. */
  readonly from: number;
  readonly to: number;
  /** Ticks fall on from + k × tickEveryMs (k ≥ 1) up to `to`, after every record at or before them. */
  readonly tickEveryMs: number;
  /** The enabled devices, as the service knows them: each is ticked for silence. */
  readonly devices: readonly Pick<DeviceSettings, 'id' | 'kind' | 'enterpriseId'>[];
}

/**
 * Replays recorded telemetry through the live pipeline: every record through `RuleRouter.reading`, every routed input
 * through `evaluate` with the state of its (rule, subject), `now` at the record's time; ticks as the rules service
 * ticks — every enabled device's silence with its enrolment (watched since `from`), and every other time-driven
 * subject that has state. Returns, per (rule, subject), the lifecycle calls the service would have made. Pure.
 * `records` must be in time order.
 */
export function replay(
  router: RuleRouter,
  records: readonly TelemetryRecord[],
  options: ReplayOptions,
): ReplaySubject[] {
  const states = new Map<string, unknown>();
  const subjects = new Map<string, ReplaySubject>();
  const ticking = router.all.filter((r) => r.takesTicks);
  const apply = (routed: readonly RoutedInput[], now: number) => {
    for (const r of routed) {
      const key = `${r.rule.engine.id}|${r.subjectKey}`;
      let subject = subjects.get(key);
      if (!subject) {
        subject = {
          ruleId: r.rule.engine.id,
          subjectKey: r.subjectKey,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          inputs: 0,
          actions: [],
          issues: {},
        };
        subjects.set(key, subject);
      }
      if (r.input.kind !== 'tick') subject.inputs++;
      const result = evaluate(r.engine, states.get(key) ?? null, r.input, now);
      states.set(key, result.state);
      for (const i of result.issues) subject.issues[i.code] = (subject.issues[i.code] ?? 0) + 1;
      for (const v of result.verdicts) {
        if (v.action === 'trigger') {
          subject.actions.push({
            change: v.change,
            ts: v.ts,
            at: now,
            level: v.level,
            value: v.value,
            limit: v.limit,
            unit: v.unit,
            explanation: v.explanation,
          });
        } else if (r.rule.autoResolve) {
          subject.actions.push({
            change: 'cleared',
            ts: v.ts,
            at: now,
            level: null,
            value: v.value,
            limit: null,
            unit: v.unit,
            explanation: v.explanation,
          });
        }
      }
    }
  };
  const tick = (now: number) => {
    const routed: RoutedInput[] = [];
    for (const device of options.devices)
      routed.push(...router.silenceTicks(device, { enabled: true, since: options.from }));
    for (const rule of ticking) {
      if (rule.kind === 'device-offline') continue;
      for (const subject of subjects.values()) {
        if (subject.ruleId !== rule.engine.id) continue;
        routed.push({
          rule,
          engine: router.engineForSubject(rule, subject.subjectKey),
          subjectType: subject.subjectType,
          subjectId: subject.subjectId,
          subjectKey: subject.subjectKey,
          enterpriseId: '',
          deviceId: '',
          input: { kind: 'tick' },
        });
      }
    }
    apply(routed, now);
  };
  let nextTick = options.from + options.tickEveryMs;
  for (const record of records) {
    if (ticking.length > 0) {
      for (; nextTick < record.ts && nextTick <= options.to; nextTick += options.tickEveryMs) tick(nextTick);
    }
    apply(router.reading(record), record.ts);
  }
  if (ticking.length > 0) for (; nextTick <= options.to; nextTick += options.tickEveryMs) tick(nextTick);
  return [...subjects.values()];
}
