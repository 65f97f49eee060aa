/**
 * The words of a notification: one alert event as a short Chinese title and ordered facts (severity, what, where,
 * value against its limit, time), rendered by every channel in its own format. Pure module.
 *
 * The wording follows the web app (apps/web/src/i18n/messages.ts): 一级报警/二级报警 for the levels (GB/T 50493-2019),
 * the same verbs as the alert's 处置记录 (触发, 升级, 超时未确认, 提醒, 确认, 解除), metric names from the contracts,
 * numbers with their units, times in Beijing time.
 */
import {
  alertStateName,
  productionLineName,
  uniqueMetricSpec,
  type AlertEvent,
  type AlertEventType,
  type AlertSeverity,
  type AlertView,
} from '@park/contracts';
import { formatBeijingTime } from '@park/rules-engine';
import type { AlertNotificationMessage } from './channel';

/** The severity as officers say it: the two alarm levels of GB/T 50493-2019, or 提示 for information. */
export const SEVERITY_WORDS: Readonly<Record<AlertSeverity, string>> = {
  critical: '二级报警',
  warning: '一级报警',
  info: '提示',
};

/** What happened to the alert, in the words of its 处置记录 (trail). */
export const EVENT_WORDS: Readonly<Record<AlertEventType, string>> = {
  opened: '新报警',
  escalated: '已升级',
  'de-escalated': '已降级',
  overdue: '超时未确认',
  reminder: '提醒·仍未确认',
  repeated: '持续触发',
  assigned: '已指派',
  acknowledged: '已确认',
  resolved: '已解除',
  suppressed: '检修期间触发',
};

/** The label of the event's own time, when it is not the time the alert was raised. */
const EVENT_TIME_LABELS: Readonly<Record<AlertEventType, string | null>> = {
  opened: null,
  suppressed: null,
  escalated: '升级时间',
  'de-escalated': '降级时间',
  overdue: '超时时间',
  reminder: '提醒时间',
  repeated: '最近触发',
  assigned: '指派时间',
  acknowledged: '确认时间',
  resolved: '解除时间',
};

/**
 * The rules report durations in minutes (`min`, a device silent for 35 min) and rates per minute (`%LEL/min`); the
 * Chinese interface says 分钟. Physical units stay as the contracts write them (m³/h is m³/h).
 */
const MINUTES = 'min';

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/**
 * One alert event as a message. `link` is the alert's mobile page (signed, short-lived) or null when the park has
 * no public address configured.
 */
export function alertMessage(event: AlertEvent, link: string | null): AlertNotificationMessage {
  const alert = event.alert;
  const lines: [string, string][] = [];
  lines.push(['企业', alert.enterpriseName]);
  // A line's alert is named by its line (the view's deviceName says the same line), in words, not its code.
  if (alert.subjectType === 'line' && alert.subjectId)
    lines.push(['产线', productionLineName(alert.subjectId).zh]);
  else if (alert.deviceName.trim()) lines.push(['设备', alert.deviceName]);
  const location = alert.location?.trim();
  if (location) lines.push(['位置', location]);
  lines.push(valueLine(alert));
  lines.push(['发生时间', formatBeijingTime(alert.openedAt)]);
  const eventTime = EVENT_TIME_LABELS[event.type];
  if (eventTime && event.at - alert.openedAt >= 60_000) lines.push([eventTime, formatBeijingTime(event.at)]);
  if (event.type === 'acknowledged' && alert.acknowledgedBy) lines.push(['确认人', alert.acknowledgedBy]);
  if (event.type === 'resolved') {
    if (alert.resolvedBy) lines.push(['解除人', alert.resolvedBy]);
    if (alert.resolutionNote) lines.push(['处置说明', alert.resolutionNote]);
  }
  if (event.type === 'assigned' && alert.assignedTo) lines.push(['指派给', alert.assignedTo]);
  if (event.type === 'suppressed' && alert.maintenance) lines.push(['检修原因', alert.maintenance.reason]);
  return {
    title: `【${SEVERITY_WORDS[alert.severity]}】${EVENT_WORDS[event.type]}：${alert.ruleName.zh}`,
    lines: lines.map(([label, value]) => [label, oneLine(value)] as const),
    link,
    event,
  };
}

/**
 * The reading against its limit: `55 %LEL（限值 50 %LEL）`. A state signal in alarm (smoke, fire, a valve's
 * position) carries its state as the value and the limit alike; it reads as the state (报警, 故障), never as "1".
 */
export function valueLine(alert: AlertView): [string, string] {
  const spec = uniqueMetricSpec(alert.metric);
  const label = spec?.label.zh ?? '监测值';
  const state = alertStateName(alert);
  if (state) return [label, state.zh];
  const unit = unitWord(alert.unit);
  return [label, `${quantity(alert.value, unit)}（限值 ${quantity(alert.limit, unit)}）`];
}

/** A number in Chinese grouping with at most two decimals, and its unit after a space (SI). */
export function quantity(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const number = numberFormat.format(value);
  return unit ? `${number} ${unit}` : number;
}

function unitWord(unit: string): string {
  if (unit === MINUTES) return '分钟';
  return unit.endsWith(`/${MINUTES}`) ? `${unit.slice(0, -MINUTES.length)}分钟` : unit;
}

/** Text from the records on one line: a line break inside a name would break a robot's markdown list. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
