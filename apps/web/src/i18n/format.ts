/**
 * How numbers and times are shown. Numbers always carry their unit; times are always the park's local time
 * (Asia/Shanghai, UTC+8), whatever time zone the browser is in, so an officer in the control room and a manager
 * on a laptop abroad read the same clock. Pure module (no DOM).
 */
import { productionLineName, toPlanUnit } from '@park/contracts';
import type { Language } from './messages';

export const PARK_TIME_ZONE = 'Asia/Shanghai';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, maxFractionDigits: number): Intl.NumberFormat {
  const key = `${language}:${maxFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

/** A plain number in the language's digits and grouping, at most `maxFractionDigits` decimals. */
export function formatNumber(value: number, language: Language, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) return '—';
  return numberFormat(language, maxFractionDigits).format(value);
}

/**
 * A measured value with its unit, e.g. `55 %LEL`, `1,234.5 kWh`, `23.4 °C` (SI: a space between number and unit).
 * Only a dimensionless metric (power factor) has no unit to show.
 */
export function formatQuantity(value: number, unit: string, language: Language): string {
  const number = formatNumber(value, language);
  return unit ? `${number} ${unitText(unit, language)}` : number;
}

/** Units of time written as symbols in the contracts (`min`: a device silent for minutes), in words in Chinese. */
const TIME_UNIT_WORDS: Readonly<Record<string, string>> = { s: '秒', min: '分钟', h: '小时' };

/**
 * A unit as the interface language writes it: the SI symbols of the contracts, except that the Chinese interface
 * says a time in words (`10.5 分钟`, `L/分钟`, as the notifications do) rather than an English `min`.
 */
export function unitText(unit: string, language: Language): string {
  if (language !== 'zh-CN') return unit;
  const whole = TIME_UNIT_WORDS[unit];
  if (whole) return whole;
  // A rate per minute as the notifications write it (L/分钟); m³/h and m/s keep their SI symbols.
  return unit.endsWith('/min') ? `${unit.slice(0, -'min'.length)}分钟` : unit;
}

/**
 * A plan-level figure (a park total, a plan target) with its unit, in the unit the plan speaks: an amount kept in
 * 万元 is shown in 亿元 (`50 亿元`, at most two decimals), every other unit as it is (@park/contracts toPlanUnit).
 * `unitText` words the unit in the interface language (亿元 → `100M CNY`). Figures of one enterprise stay in 万元:
 * use formatQuantity for those.
 */
export function formatPlanQuantity(
  value: number,
  unit: string,
  language: Language,
  unitText: (unit: string) => string = (u) => u,
): string {
  const shown = toPlanUnit(value, unit);
  return formatQuantity(shown.value, unitText(shown.unit), language);
}

/** A production line in words of the interface language (`synthesis-1` → `合成 1 号线`), never its bare code. */
export function formatLineName(line: string, language: Language): string {
  const name = productionLineName(line);
  return language === 'en' ? name.en : name.zh;
}

const DURATION_UNITS: readonly { ms: number; zh: string; en: string }[] = [
  { ms: 3_600_000, zh: '小时', en: 'h' },
  { ms: 60_000, zh: '分钟', en: 'min' },
  { ms: 1_000, zh: '秒', en: 's' },
];

/**
 * A time span kept in milliseconds, in the largest of hours, minutes and seconds that it is a whole number of
 * (`10 分钟`, `90 秒`, `1.5 秒`): the interface never shows milliseconds.
 */
export function formatDuration(ms: number, language: Language): string {
  if (!Number.isFinite(ms)) return '—';
  const unit = DURATION_UNITS.find((u) => ms !== 0 && ms % u.ms === 0) ?? DURATION_UNITS[2];
  return formatQuantity(ms / unit.ms, language === 'en' ? unit.en : unit.zh, language);
}

interface ShanghaiParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(epochMs: number): ShanghaiParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** `2025-11-27 17:31:05` in park time: unambiguous in both languages and sortable by eye. */
export function formatDateTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  const p = shanghaiParts(epochMs);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `17:31:05` in park time. */
export function formatTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  const p = shanghaiParts(epochMs);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** For a list: the time alone when it is the same park-time day as `nowMs`, else `11-26 23:58`. */
export function formatListTime(epochMs: number, nowMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  const p = shanghaiParts(epochMs);
  const today = shanghaiParts(nowMs);
  if (p.year === today.year && p.month === today.month && p.day === today.day) {
    return `${p.hour}:${p.minute}:${p.second}`;
  }
  return p.year === today.year
    ? `${p.month}-${p.day} ${p.hour}:${p.minute}`
    : `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * A time axis tick in park time: `HH:mm` on a chart of a day or two, with the date (`MM-DD`) at midnight; the date
 * alone on a longer one. The chart library places the ticks; a tick that would overlap another is hidden
 * (`hideOverlap`), so labels stay short and readable.
 */
export function formatAxisTime(epochMs: number, spanMs: number): string {
  const text = formatDateTime(epochMs);
  const clock = text.slice(11, 16);
  return spanMs > 2 * 86_400_000 || clock === '00:00' ? text.slice(5, 10) : clock;
}
