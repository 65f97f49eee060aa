import type { Bilingual, MetricInfo } from './evaluate';
import type { RuleContext, RuleInput } from './inputs';
import {
  DEVICE_OFFLINE_KEYS,
  initialDeviceOfflineState,
  parseDeviceOfflineParams,
  stepDeviceOffline,
  type DeviceOfflineParams,
  type DeviceOfflineState,
} from './kinds/device-offline-rule';
import {
  EMISSION_SPIKE_KEYS,
  initialEmissionSpikeState,
  parseEmissionSpikeParams,
  stepEmissionSpike,
  type EmissionSpikeParams,
  type EmissionSpikeState,
} from './kinds/emission-spike-rule';
import {
  HOURLY_MEAN_EMISSION_KEYS,
  initialHourlyMeanEmissionState,
  parseHourlyMeanEmissionParams,
  stepHourlyMeanEmission,
  type HourlyMeanEmissionParams,
  type HourlyMeanEmissionState,
} from './kinds/hourly-mean-emission-rule';
import {
  RATE_OF_CHANGE_KEYS,
  initialRateOfChangeState,
  parseRateOfChangeParams,
  stepRateOfChange,
  type RateOfChangeParams,
  type RateOfChangeState,
} from './kinds/rate-of-change-rule';
import {
  REPEATED_KEYS,
  initialRepeatedState,
  parseRepeatedParams,
  stepRepeated,
  type RepeatedParams,
  type RepeatedState,
} from './kinds/repeated-rule';
import {
  SUSTAINED_KEYS,
  initialSustainedState,
  parseSustainedParams,
  stepSustained,
  type SustainedParams,
  type SustainedState,
} from './kinds/sustained-rule';
import {
  THRESHOLD_KEYS,
  initialThresholdState,
  parseThresholdRuleParams,
  stepThreshold,
  type ThresholdState,
} from './kinds/threshold-rule';
import {
  TREATMENT_POWER_KEYS,
  initialTreatmentPowerState,
  parseTreatmentPowerParams,
  stepTreatmentPower,
  type TreatmentPowerParams,
  type TreatmentPowerState,
} from './kinds/treatment-power-rule';
import {
  PROCESS_LIMIT_KEYS,
  initialProcessLimitState,
  parseProcessLimitParams,
  stepProcessLimit,
  type ProcessLimitParams,
  type ProcessLimitState,
} from './kinds/process-limit-rule';
import {
  STATE_SIGNAL_KEYS,
  initialStateSignalState,
  parseStateSignalParams,
  stepStateSignal,
  type StateSignalParams,
  type StateSignalState,
} from './kinds/state-signal-rule';
import {
  ANALYSER_ABNORMAL_KEYS,
  initialAnalyserAbnormalState,
  parseAnalyserAbnormalParams,
  stepAnalyserAbnormal,
  type AnalyserAbnormalParams,
  type AnalyserAbnormalState,
} from './kinds/analyser-abnormal-rule';
import { validInput } from './data-validity';
import { RuleParamsError, type ThresholdParams } from './threshold';
import { issue, type Evaluation } from './verdicts';

/**
 * The engine's one entry point: `evaluate(rule, state, input, now) → { state, verdicts, issues }`.
 * Pure and deterministic: no I/O, no timers, no clock of its own — time is the inputs' timestamps and `now`.
 * State is plain JSON (numbers, strings, booleans, null, arrays, objects), to be stored per (rule, subject) and
 * handed back on the next call; an input at or before the last one applied changes nothing, so a replay of the
 * telemetry topic raises nothing twice.
 */
export const RULE_KINDS = [
  'threshold',
  'sustained',
  'repeated',
  'rate-of-change',
  'device-offline',
  'hourly-mean-emission',
  'treatment-power',
  'emission-spike',
  'state-signal',
  'process-limit',
  'analyser-abnormal',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * Each kind's parameters, in the order the kind reads them: all that its params may hold (`parseRuleDefinition`
 * refuses any other key). The web app's rule form lists exactly these (apps/web/src/admin/rules-form.ts).
 */
export const RULE_PARAM_KEYS: Readonly<Record<RuleKind, readonly string[]>> = {
  threshold: THRESHOLD_KEYS,
  sustained: SUSTAINED_KEYS,
  repeated: REPEATED_KEYS,
  'rate-of-change': RATE_OF_CHANGE_KEYS,
  'device-offline': DEVICE_OFFLINE_KEYS,
  'hourly-mean-emission': HOURLY_MEAN_EMISSION_KEYS,
  'treatment-power': TREATMENT_POWER_KEYS,
  'emission-spike': EMISSION_SPIKE_KEYS,
  'state-signal': STATE_SIGNAL_KEYS,
  'process-limit': PROCESS_LIMIT_KEYS,
  'analyser-abnormal': ANALYSER_ABNORMAL_KEYS,
};

export type RuleDefinition =
  | { readonly kind: 'threshold'; readonly params: ThresholdParams }
  | { readonly kind: 'sustained'; readonly params: SustainedParams }
  | { readonly kind: 'repeated'; readonly params: RepeatedParams }
  | { readonly kind: 'rate-of-change'; readonly params: RateOfChangeParams }
  | { readonly kind: 'device-offline'; readonly params: DeviceOfflineParams }
  | { readonly kind: 'hourly-mean-emission'; readonly params: HourlyMeanEmissionParams }
  | { readonly kind: 'treatment-power'; readonly params: TreatmentPowerParams }
  | { readonly kind: 'emission-spike'; readonly params: EmissionSpikeParams }
  | { readonly kind: 'state-signal'; readonly params: StateSignalParams }
  | { readonly kind: 'process-limit'; readonly params: ProcessLimitParams }
  | { readonly kind: 'analyser-abnormal'; readonly params: AnalyserAbnormalParams };

export type RuleState =
  | ThresholdState
  | SustainedState
  | RepeatedState
  | RateOfChangeState
  | DeviceOfflineState
  | HourlyMeanEmissionState
  | TreatmentPowerState
  | EmissionSpikeState
  | StateSignalState
  | ProcessLimitState
  | AnalyserAbnormalState;

/** The version of every kind's state shape; a stored state of another version is started afresh. */
export const STATE_VERSION = 1;

/**
 * How the rules service routes inputs to a rule: per device or per production line, and which inputs it reads.
 * A line rule's readings are the line's stack monitor readings (emission spike) — its meters come as `meter` inputs.
 */
export const RULE_KIND_INFO: Readonly<
  Record<RuleKind, { readonly subject: 'device' | 'line'; readonly inputs: readonly RuleInput['kind'][] }>
> = {
  threshold: { subject: 'device', inputs: ['reading'] },
  sustained: { subject: 'device', inputs: ['reading'] },
  repeated: { subject: 'device', inputs: ['reading'] },
  'rate-of-change': { subject: 'device', inputs: ['reading'] },
  'device-offline': { subject: 'device', inputs: ['reading', 'status', 'tick'] },
  'hourly-mean-emission': { subject: 'device', inputs: ['reading', 'tick'] },
  'treatment-power': { subject: 'line', inputs: ['meter'] },
  'emission-spike': { subject: 'line', inputs: ['meter', 'reading'] },
  'state-signal': { subject: 'device', inputs: ['reading', 'tick'] },
  'process-limit': { subject: 'device', inputs: ['reading'] },
  'analyser-abnormal': { subject: 'device', inputs: ['reading'] },
};

export function isRuleKind(value: unknown): value is RuleKind {
  return typeof value === 'string' && (RULE_KINDS as readonly string[]).includes(value);
}

/**
 * Validates untrusted parameters for a kind — what the rules CRUD API and the rule loader call.
 * Throws `RuleParamsError` with a message naming the kind, the parameter and what was expected.
 * Unknown parameters are refused (a typo would otherwise silently fall back to a default).
 */
export function parseRuleDefinition(kind: unknown, params: unknown): RuleDefinition {
  if (!isRuleKind(kind)) {
    throw new RuleParamsError(`unknown rule kind ${JSON.stringify(kind)} (known: ${RULE_KINDS.join(', ')})`, {
      type: 'unknown-kind',
    });
  }
  switch (kind) {
    case 'threshold':
      return { kind, params: parseThresholdRuleParams(params) };
    case 'sustained':
      return { kind, params: parseSustainedParams(params) };
    case 'repeated':
      return { kind, params: parseRepeatedParams(params) };
    case 'rate-of-change':
      return { kind, params: parseRateOfChangeParams(params) };
    case 'device-offline':
      return { kind, params: parseDeviceOfflineParams(params) };
    case 'hourly-mean-emission':
      return { kind, params: parseHourlyMeanEmissionParams(params) };
    case 'treatment-power':
      return { kind, params: parseTreatmentPowerParams(params) };
    case 'emission-spike':
      return { kind, params: parseEmissionSpikeParams(params) };
    case 'state-signal':
      return { kind, params: parseStateSignalParams(params) };
    case 'process-limit':
      return { kind, params: parseProcessLimitParams(params) };
    case 'analyser-abnormal':
      return { kind, params: parseAnalyserAbnormalParams(params) };
  }
}

export function initialState(definition: RuleDefinition): RuleState {
  switch (definition.kind) {
    case 'threshold':
      return initialThresholdState();
    case 'sustained':
      return initialSustainedState();
    case 'repeated':
      return initialRepeatedState();
    case 'rate-of-change':
      return initialRateOfChangeState();
    case 'device-offline':
      return initialDeviceOfflineState();
    case 'hourly-mean-emission':
      return initialHourlyMeanEmissionState();
    case 'treatment-power':
      return initialTreatmentPowerState();
    case 'emission-spike':
      return initialEmissionSpikeState();
    case 'state-signal':
      return initialStateSignalState();
    case 'process-limit':
      return initialProcessLimitState();
    case 'analyser-abnormal':
      return initialAnalyserAbnormalState();
  }
}

/** A rule ready for the engine: validated definition plus what its explanations need. */
export interface EngineRule {
  readonly id: string;
  readonly name: Bilingual;
  /** The standard or document the rule's values come from, cited in every trigger explanation. */
  readonly source: string | null;
  /** The metric read from `reading` inputs (the pollutant for emission kinds; unused by 分表计电 and offline). */
  readonly metric: string;
  /** Unit and label of `metric`, from `metricSpec` in @park/contracts; defaults to no unit and the rule's name. */
  readonly metricInfo?: MetricInfo;
  readonly definition: RuleDefinition;
}

/**
 * The stored state if it belongs to this rule's kind and the current state version, else a fresh one (with an
 * issue, so a reset after a rule's kind changed or the state shape moved on is visible in the logs).
 */
export function reviveState(definition: RuleDefinition, stored: unknown, now: number): Evaluation<RuleState> {
  const fresh = initialState(definition);
  if (stored === null || stored === undefined) return { state: fresh, verdicts: [], issues: [] };
  const s = stored as { kind?: unknown; v?: unknown };
  if (typeof stored === 'object' && s.kind === definition.kind && s.v === STATE_VERSION) {
    return { state: stored as RuleState, verdicts: [], issues: [] };
  }
  return {
    state: fresh,
    verdicts: [],
    issues: [
      issue('state-reset', now, {
        zh: '规则状态与规则类型或版本不符，已重新开始累计',
        en: 'stored rule state did not match the rule kind or state version; started afresh',
      }),
    ],
  };
}

/**
 * Judges one input for one (rule, subject). `state` is what the previous call returned, as stored (parsed JSON), or
 * null for a subject not seen before; it is checked with `reviveState`, as any value read back from storage should be.
 */
export function evaluate(
  rule: EngineRule,
  state: unknown,
  input: RuleInput,
  now: number,
): Evaluation<RuleState> {
  const revived = reviveState(rule.definition, state, now);
  const ctx: RuleContext = {
    id: rule.id,
    name: rule.name,
    source: rule.source,
    metric: rule.metric,
    info: rule.metricInfo ?? { unit: '', label: rule.name },
  };
  // Flagged values are stored but not judged (data-validity.ts, HJ 356-2019): the kinds never see them.
  const result = step(ctx, rule.definition, revived.state, validInput(rule.definition.kind, input), now);
  return revived.issues.length === 0 ? result : { ...result, issues: [...revived.issues, ...result.issues] };
}

function step(
  ctx: RuleContext,
  definition: RuleDefinition,
  state: RuleState,
  input: RuleInput,
  now: number,
): Evaluation<RuleState> {
  // reviveState guarantees state.kind === definition.kind; the casts only tell the compiler so.
  switch (definition.kind) {
    case 'threshold':
      return stepThreshold(ctx, definition.params, state as ThresholdState, input);
    case 'sustained':
      return stepSustained(ctx, definition.params, state as SustainedState, input);
    case 'repeated':
      return stepRepeated(ctx, definition.params, state as RepeatedState, input);
    case 'rate-of-change':
      return stepRateOfChange(ctx, definition.params, state as RateOfChangeState, input);
    case 'device-offline':
      return stepDeviceOffline(ctx, definition.params, state as DeviceOfflineState, input, now);
    case 'hourly-mean-emission':
      return stepHourlyMeanEmission(ctx, definition.params, state as HourlyMeanEmissionState, input, now);
    case 'treatment-power':
      return stepTreatmentPower(ctx, definition.params, state as TreatmentPowerState, input);
    case 'emission-spike':
      return stepEmissionSpike(ctx, definition.params, state as EmissionSpikeState, input);
    case 'state-signal':
      return stepStateSignal(ctx, definition.params, state as StateSignalState, input, now);
    case 'process-limit':
      return stepProcessLimit(ctx, definition.params, state as ProcessLimitState, input);
    case 'analyser-abnormal':
      return stepAnalyserAbnormal(ctx, definition.params, state as AnalyserAbnormalState, input);
  }
}

/**
 * Closes an hourly-mean rule's clock hour if `now` is at or past its end (the same as a `tick` for that kind);
 * any other kind is returned unchanged.
 */
export function closeHour(
  rule: EngineRule,
  state: RuleState | null | undefined,
  now: number,
): Evaluation<RuleState> {
  if (rule.definition.kind !== 'hourly-mean-emission') return reviveState(rule.definition, state, now);
  return evaluate(rule, state, { kind: 'tick' }, now);
}
