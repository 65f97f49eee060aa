/**
 * SMS goes out through a template the provider has approved (模板), filled with variables. Both SMS adapters fill
 * the same seven, in this order — by name for Aliyun (`${level}`), by position for Tencent Cloud (`{1}`…`{7}`):
 *
 *   level       二级报警            rule        可燃气体浓度超限
 *   event       新报警              enterprise  华源化工
 *   where       储罐区 T-101 东侧   value       55 %LEL（限值 50 %LEL）
 *   time        2026-12-07 16:49
 *
 * e.g. a template `${level}${event}：${enterprise}${where}${rule}，${value}，${time}，请立即处理。`. Each value is cut to
 * SMS_PARAM_MAX_CHARS: providers bound a variable's length (a "其他" variable is commonly 20–35 characters) and refuse
 * the whole message over it. Square brackets become round ones: 【】 in a variable reads as a second signature.
 */
import { formatBeijingTime } from '@park/rules-engine';
import { EVENT_WORDS, SEVERITY_WORDS, valueLine } from './alert-message';
import type { AlertNotificationMessage } from './channel';

export const SMS_TEMPLATE_PARAMS = [
  'level',
  'event',
  'rule',
  'enterprise',
  'where',
  'value',
  'time',
] as const;
export type SmsTemplateParam = (typeof SMS_TEMPLATE_PARAMS)[number];

export const SMS_PARAM_MAX_CHARS = 20;

export function smsTemplateParams(message: AlertNotificationMessage): Record<SmsTemplateParam, string> {
  const { alert, type, at } = message.event;
  const where = alert.location?.trim() || alert.deviceName.trim() || alert.enterpriseName;
  const params: Record<SmsTemplateParam, string> = {
    level: SEVERITY_WORDS[alert.severity],
    event: EVENT_WORDS[type],
    rule: alert.ruleName.zh,
    enterprise: alert.enterpriseName,
    where,
    value: valueLine(alert)[1],
    time: formatBeijingTime(at),
  };
  for (const key of SMS_TEMPLATE_PARAMS) params[key] = smsVariable(params[key]);
  return params;
}

export function smsVariable(text: string): string {
  const clean = text
    .replace(/[【[]/g, '（')
    .replace(/[】\]]/g, '）')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...clean];
  return chars.length > SMS_PARAM_MAX_CHARS ? `${chars.slice(0, SMS_PARAM_MAX_CHARS - 1).join('')}…` : clean;
}

/**
 * A mobile number as the recipient's record holds it (11-digit mainland, or E.164 with +) in E.164, or null when it
 * is neither.
 */
export function e164Mobile(address: string): string | null {
  const compact = address.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(compact)) return `+86${compact}`;
  if (/^\+\d{7,15}$/.test(compact)) return compact;
  if (/^00\d{7,15}$/.test(compact)) return `+${compact.slice(2)}`;
  return null;
}
