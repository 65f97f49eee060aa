/**
 * 出让年限 of a land parcel: the bounds the API checks and the end of the term, computed in this one place for the
 * API's parcel view (its `transferEndDate`) and the web app's 剩余年限. Pure.
 */

/** 出让年限 in whole years: the longest statutory term is 70 (居住用地); 工业用地 is 50 at most. */
export const TRANSFER_TERM_MIN_YEARS = 1;
export const TRANSFER_TERM_MAX_YEARS = 70;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * 到期日期: the transfer date plus the term, the same calendar day `termYears` later (a 29 February start ends on
 * 28 February when the end year is not a leap year). Null when either is missing or the date is not YYYY-MM-DD.
 */
export function transferEndDate(transferDate: string | null, termYears: number | null): string | null {
  if (transferDate === null || termYears === null || !Number.isInteger(termYears)) return null;
  const m = DATE.exec(transferDate);
  if (!m) return null;
  const year = Number(m[1]) + termYears;
  const month = Number(m[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${m[2]}-${String(day).padStart(2, '0')}`;
}
