/**
 * HJ 212 times (`DataTime`, `QN`) are local civil time written `YYYYMMDDhhmmss`; data loggers in the park keep
 * China Standard Time, UTC+8 all year (no daylight saving since 1991).
 */
export const CHINA_UTC_OFFSET_MS = 8 * 3600_000;

/**
 * `20160801084000` → epoch ms of 2016-08-01 08:40:00 +08:00, or null when it is not a real date and time.
 * Also `YYYYMMDDhhmmsszzz` (17 digits, milliseconds): the standard writes DataTime with 14 digits and QN with 17,
 * and loggers in the field send DataTime in QN's form too (`DataTime=20210305003817000`, docs/hj212.md "Field
 * variants"); the milliseconds are kept.
 */
export function parseDataTime(raw: string | undefined): number | null {
  const m = raw === undefined ? null : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(raw);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = m[7] === undefined ? 0 : Number(m[7]);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 April over into 1 May: a round trip catches impossible dates and times.
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return null;
  }
  return utc - CHINA_UTC_OFFSET_MS;
}
