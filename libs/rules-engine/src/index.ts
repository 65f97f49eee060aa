/**
 * @park/rules-engine — pure rule evaluation: no I/O, no clock of its own; the rules service feeds it.
 * `evaluate(rule, state, input, now)` judges one input for one (rule, device | line) and returns the new state
 * (plain JSON, for the service to persist), the verdicts for the alert lifecycle, and issues to log.
 * docs/rules.md describes every kind and cites the standards behind the built-in rules.
 */
export * from './threshold';
export * from './evaluate';
export * from './default-rules';
export * from './engine';
export * from './resolve-thresholds';
export * from './subject-settings';
export * from './subject-key';
export * from './o2-correction';
export * from './rule-router';
export * from './replay';
export * from './coverage';
export * from './persistence';
export type { RuleInput, RuleContext, Enrolment } from './inputs';
export {
  SEVERITY_FOR_LEVEL,
  formatBeijingTime,
  type AlertLevel,
  type Severity,
  type TriggerChange,
  type TriggerVerdict,
  type ClearVerdict,
  type EngineVerdict,
  type IssueCode,
  type EngineIssue,
  type Evaluation,
} from './verdicts';
export type { ThresholdState } from './kinds/threshold-rule';
export type { SustainedParams, SustainedState } from './kinds/sustained-rule';
export type { RepeatedParams, RepeatedState } from './kinds/repeated-rule';
export type { RateOfChangeParams, RateOfChangeState } from './kinds/rate-of-change-rule';
export type { DeviceOfflineParams, DeviceOfflineState } from './kinds/device-offline-rule';
export { HOUR_MS, DAY_MS, hourOf, beijingDayOf } from './kinds/hourly-mean-emission-rule';
export { INVALID_FLAGS, LOWER_BOUND_KINDS, judgesFlag, validInput } from './data-validity';
export { ABNORMAL_FLAGS, PLANNED_FLAGS } from './kinds/analyser-abnormal-rule';
export type { AnalyserAbnormalParams, AnalyserAbnormalState } from './kinds/analyser-abnormal-rule';
export type { HourlyMeanEmissionParams, HourlyMeanEmissionState } from './kinds/hourly-mean-emission-rule';
export type { TreatmentCheck, TreatmentPowerParams, TreatmentPowerState } from './kinds/treatment-power-rule';
export type { EmissionSpikeParams, EmissionSpikeState, Bucket } from './kinds/emission-spike-rule';
export type { MeterSnapshot, LineMeters } from './kinds/line-meters';
export { isAlarmState, stateText } from './kinds/state-signal-rule';
export type { ProcessLimitParams, ProcessLimitState } from './kinds/process-limit-rule';
export type {
  StateSignalCheck,
  StateSignalParams,
  StateSignalState,
  StateValue,
  StuckState,
} from './kinds/state-signal-rule';
