import type { RuleContext, RuleInput } from '../inputs';
import { alertLevel, durationMs, optionalNumber, paramsObject } from '../params';
import {
  citation,
  clear,
  formatBeijingTime,
  formatDuration,
  trigger,
  unchanged,
  type Evaluation,
} from '../verdicts';

/**
 * Device offline. Raised when
 * - time passes (a `tick`) and nothing has been heard for more than `factor` × `expectedIntervalMs`. Silence is
 *   counted from the later of the last reading and, when the tick carries the device's enrolment, the moment the
 *   rules service started watching it (`since`: the later of its enabling and the service's start). So a device
 *   that has never reported is judged from the moment it was enabled, and a restart of the platform never opens an
 *   alert for a device that was fine: its silence is counted afresh from the restart;
 * - an `offline` status event arrives (the MQTT last will) that is not older than the last reading.
 * A device already offline stays so, with no second trigger, whatever the ticks say (its state is stored with the
 * alert, so this holds across a restart too). Cleared by the next reading that is itself fresh
 * (now − its ts ≤ k × interval): a back-filled old reading moves "last seen" but does not prove the device is back.
 * Also cleared when a tick says the device was disabled: it is no longer expected to report.
 * A tick without enrolment judges a device from its last reading alone (one never heard from is not judged).
 * Value and limit are in minutes.
 */
export interface DeviceOfflineParams {
  readonly expectedIntervalMs: number;
  readonly factor: number;
  readonly level: 1 | 2;
}

export interface DeviceOfflineState {
  readonly kind: 'device-offline';
  readonly v: 1;
  readonly lastSeen: number | null;
  readonly lastStatusTs: number | null;
  readonly offline: boolean;
  /**
   * While offline: the moment the silence was counted from (the last reading, or the start of the watch for a
   * device never heard from). Absent in states stored before it existed.
   */
  readonly silentFrom?: number | null;
}

const KIND = 'device-offline';
export const DEVICE_OFFLINE_KEYS = ['expectedIntervalMs', 'factor', 'level'] as const;

export function parseDeviceOfflineParams(raw: unknown): DeviceOfflineParams {
  const p = paramsObject(KIND, raw, DEVICE_OFFLINE_KEYS);
  return {
    expectedIntervalMs: durationMs(KIND, p, 'expectedIntervalMs'),
    factor: optionalNumber(KIND, p, 'factor', 3, { min: 1, max: 1000 }),
    level: alertLevel(KIND, p),
  };
}

export function initialDeviceOfflineState(): DeviceOfflineState {
  return { kind: 'device-offline', v: 1, lastSeen: null, lastStatusTs: null, offline: false };
}

const MINUTE = 60_000;

/** How the `cause` of a `park.device-status.v1` event is worded. */
const STATUS_CAUSE: Readonly<Record<string, { zh: string; en: string }>> = {
  'last-will': { zh: '遗嘱消息', en: 'last-will message' },
  silence: { zh: '静默判定', en: 'silence notice' },
  'status-message': { zh: '设备状态消息', en: 'status message from the device' },
};

export function stepDeviceOffline(
  ctx: RuleContext,
  params: DeviceOfflineParams,
  state: DeviceOfflineState,
  input: RuleInput,
  now: number,
): Evaluation<DeviceOfflineState> {
  const allowed = params.factor * params.expectedIntervalMs;
  const limitMin = allowed / MINUTE;

  if (input.kind === 'reading') {
    if (state.lastSeen !== null && input.ts <= state.lastSeen) return unchanged(state);
    const next: DeviceOfflineState = { ...state, lastSeen: input.ts };
    if (!state.offline || now - input.ts > allowed) return unchanged(next);
    const from = state.lastSeen ?? state.silentFrom ?? input.ts;
    const silent = Math.max(0, input.ts - from);
    return {
      state: { ...next, offline: false, silentFrom: null },
      verdicts: [
        clear({
          value: silent / MINUTE,
          unit: 'min',
          ts: input.ts,
          explanation:
            state.lastSeen === null
              ? {
                  zh: `设备于 ${formatBeijingTime(input.ts)} 首次上报数据（此前自 ${formatBeijingTime(from)} 起 ${formatDuration(silent).zh}未收到数据）`,
                  en: `Device reported for the first time at ${formatBeijingTime(input.ts)} (nothing for ${formatDuration(silent).en} since ${formatBeijingTime(from)})`,
                }
              : {
                  zh: `设备于 ${formatBeijingTime(input.ts)} 恢复上报数据（此前中断 ${formatDuration(silent).zh}）`,
                  en: `Device reporting again at ${formatBeijingTime(input.ts)} (silent for ${formatDuration(silent).en} before)`,
                },
        }),
      ],
      issues: [],
    };
  }

  if (input.kind === 'status') {
    if (state.lastStatusTs !== null && input.ts <= state.lastStatusTs) return unchanged(state);
    const next: DeviceOfflineState = { ...state, lastStatusTs: input.ts };
    // A last will older than the last reading is stale: the device has spoken since.
    if (
      input.status !== 'offline' ||
      state.offline ||
      (state.lastSeen !== null && input.ts < state.lastSeen)
    ) {
      return unchanged(next);
    }
    const silent = state.lastSeen === null ? 0 : input.ts - state.lastSeen;
    const cite = citation(ctx.source);
    const cause = input.cause ?? 'last-will';
    const why = Object.prototype.hasOwnProperty.call(STATUS_CAUSE, cause)
      ? STATUS_CAUSE[cause]
      : { zh: `状态消息（${cause}）`, en: `status message (${cause})` };
    return {
      state: { ...next, offline: true, silentFrom: state.lastSeen ?? input.ts },
      verdicts: [
        trigger({
          change: 'opened',
          level: params.level,
          value: silent / MINUTE,
          limit: limitMin,
          unit: 'min',
          ts: input.ts,
          explanation: {
            zh: `设备已离线：${formatBeijingTime(input.ts)} 收到离线${why.zh}${state.lastSeen === null ? '' : `，最后一次数据为 ${formatBeijingTime(state.lastSeen)}`}${cite.zh}`,
            en: `Device offline: ${why.en} received at ${formatBeijingTime(input.ts)}${state.lastSeen === null ? '' : `; last reading at ${formatBeijingTime(state.lastSeen)}`}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }

  if (input.kind === 'tick') {
    const enrolment = input.enrolment;
    if (enrolment && !enrolment.enabled) return disabled(state, now);
    if (state.offline) return unchanged(state);
    const since = enrolment ? enrolment.since : null;
    // Silence counts from the later of the last reading and the start of the watch: never from before either.
    const from =
      state.lastSeen === null ? since : since === null ? state.lastSeen : Math.max(state.lastSeen, since);
    if (from === null || now - from <= allowed) return unchanged(state);
    // Texts are built only for a verdict: this runs for every enabled device on every tick.
    const cite = citation(ctx.source);
    const allowedText = formatDuration(allowed);
    const intervalText = formatDuration(params.expectedIntervalMs);
    const silent = now - (state.lastSeen ?? from);
    const watched = formatDuration(now - from);
    const counted =
      state.lastSeen === null || state.lastSeen >= from
        ? { zh: '', en: '' }
        : {
            zh: `；自 ${formatBeijingTime(from)}（规则服务启动或设备启用）起计已 ${watched.zh}`,
            en: `; ${watched.en} counted from ${formatBeijingTime(from)}, when the rules service started or the device was enabled`,
          };
    return {
      state: { ...state, offline: true, silentFrom: from },
      verdicts: [
        trigger({
          change: 'opened',
          level: params.level,
          value: silent / MINUTE,
          limit: limitMin,
          unit: 'min',
          ts: now,
          explanation:
            state.lastSeen === null
              ? {
                  zh: `设备自 ${formatBeijingTime(from)}（设备启用或规则服务启动）起从未上报数据，已 ${watched.zh}，超过 ${params.factor} 个上报周期（周期 ${intervalText.zh}，合计 ${allowedText.zh}）${cite.zh}`,
                  en: `No data from the device ever: watched since ${formatBeijingTime(from)} (when it was enabled or the rules service started), ${watched.en}, more than ${params.factor} reporting intervals of ${intervalText.en} (${allowedText.en})${cite.en}`,
                }
              : {
                  zh: `设备已 ${formatDuration(silent).zh}未上报数据（最后一次 ${formatBeijingTime(state.lastSeen)}${counted.zh}），超过 ${params.factor} 个上报周期（周期 ${intervalText.zh}，合计 ${allowedText.zh}）${cite.zh}`,
                  en: `No data from the device for ${formatDuration(silent).en} (last at ${formatBeijingTime(state.lastSeen)}${counted.en}), more than ${params.factor} reporting intervals of ${intervalText.en} (${allowedText.en})${cite.en}`,
                },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(state);
}

/**
 * The device was disabled: it is no longer expected to report, so an open offline condition clears (the alert is
 * auto-resolved when the rule auto-resolves). "Last seen" is kept: once enabled again, its silence counts from the
 * later of that reading and the new watch.
 */
function disabled(state: DeviceOfflineState, now: number): Evaluation<DeviceOfflineState> {
  if (!state.offline) return unchanged(state);
  const from = state.lastSeen ?? state.silentFrom ?? now;
  const silent = Math.max(0, now - from);
  return {
    state: { ...state, offline: false, silentFrom: null },
    verdicts: [
      clear({
        value: silent / MINUTE,
        unit: 'min',
        ts: now,
        explanation: {
          zh: `设备已停用，${formatBeijingTime(now)} 起不再判定离线（停用前已 ${formatDuration(silent).zh}未收到数据）`,
          en: `Device disabled: no longer judged for silence from ${formatBeijingTime(now)} (nothing received for ${formatDuration(silent).en} before)`,
        },
      }),
    ],
    issues: [],
  };
}
