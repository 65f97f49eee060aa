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
 * - time passes (a `tick`) and nothing has been heard for more than `factor` × `expectedIntervalMs`
 *   (now − last reading > k × interval), or
 * - an `offline` status event arrives (the MQTT last will) that is not older than the last reading.
 * Cleared by the next reading that is itself fresh (now − its ts ≤ k × interval): a back-filled old reading moves
 * "last seen" but does not prove the device is back. A device never heard from is not judged.
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
  const cite = citation(ctx.source);
  const allowedText = formatDuration(allowed);
  const intervalText = formatDuration(params.expectedIntervalMs);

  if (input.kind === 'reading') {
    if (state.lastSeen !== null && input.ts <= state.lastSeen) return unchanged(state);
    const next: DeviceOfflineState = { ...state, lastSeen: input.ts };
    if (!state.offline || now - input.ts > allowed) return unchanged(next);
    const silent = state.lastSeen === null ? 0 : input.ts - state.lastSeen;
    return {
      state: { ...next, offline: false },
      verdicts: [
        clear({
          value: silent / MINUTE,
          unit: 'min',
          ts: input.ts,
          explanation: {
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
    const cause = input.cause ?? 'last-will';
    const why = Object.prototype.hasOwnProperty.call(STATUS_CAUSE, cause)
      ? STATUS_CAUSE[cause]
      : { zh: `状态消息（${cause}）`, en: `status message (${cause})` };
    return {
      state: { ...next, offline: true },
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
    if (state.offline || state.lastSeen === null || now - state.lastSeen <= allowed) return unchanged(state);
    const silent = now - state.lastSeen;
    return {
      state: { ...state, offline: true },
      verdicts: [
        trigger({
          change: 'opened',
          level: params.level,
          value: silent / MINUTE,
          limit: limitMin,
          unit: 'min',
          ts: now,
          explanation: {
            zh: `设备已 ${formatDuration(silent).zh}未上报数据（最后一次 ${formatBeijingTime(state.lastSeen)}），超过 ${params.factor} 个上报周期（周期 ${intervalText.zh}，合计 ${allowedText.zh}）${cite.zh}`,
            en: `No data from the device for ${formatDuration(silent).en} (last at ${formatBeijingTime(state.lastSeen)}), more than ${params.factor} reporting intervals of ${intervalText.en} (${allowedText.en})${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(state);
}
