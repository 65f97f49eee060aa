/**
 * The one rule every spreadsheet export (CSV and XLSX) applies to its cells, against CSV / formula injection
 * (OWASP "CSV Injection"; docs/security.md): a spreadsheet program runs a cell as a formula when its text starts
 * with `=`, `+`, `-` or `@` — and TAB or CR in front of those are skipped by some importers — so a record whose
 * name is `-1+cmd|' /C calc'!A0` would run a command on the officer's machine that opens the export. LF is
 * treated as CR is: XML (inside XLSX) reads a CR back as LF, and some importers strip either.
 *
 * The rule:
 * - numbers (and booleans) are written as numbers: a genuine `-12.5` stays a number a spreadsheet can sum;
 * - a string whose first character after any leading apostrophes is one of `= + - @ TAB CR LF` gets one more
 *   apostrophe in front, which makes it text in every spreadsheet program ("'=1+1" shows as =1+1 in Excel's
 *   CSV import, and as text in an XLSX cell);
 * - every other string is written as it is.
 *
 * The import reverses it with `restoreSpreadsheetText` (one apostrophe off a cell of exactly that shape), so an
 * exported file imported back gives the same values. Counting the apostrophes already there makes the pair exact
 * for every string, including one that really starts with `'=`: it is written `''=` and read back as `'=`.
 */
const NEUTRALISE = /^'*[=+\-@\t\r\n]/;
const NEUTRALISED = /^'+[=+\-@\t\r\n]/;

/** A string as a spreadsheet must receive it so it is never run as a formula. */
export function neutraliseSpreadsheetText(text: string): string {
  return NEUTRALISE.test(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseSpreadsheetText`, for cells read back by the import. */
export function restoreSpreadsheetText(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/** A cell value of an export: a finite number as a number, anything else as text with formulas neutralised. */
export type SpreadsheetCell = string | number;

/**
 * The value one export cell gets, for CSV and XLSX alike: finite numbers stay numbers, null and undefined are an
 * empty cell, booleans are `true`/`false`, objects are JSON — and all text goes through `neutraliseSpreadsheetText`.
 */
export function spreadsheetCell(value: unknown): SpreadsheetCell {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : neutraliseSpreadsheetText(String(value));
  if (typeof value === 'string') return neutraliseSpreadsheetText(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return neutraliseSpreadsheetText(JSON.stringify(value) ?? '');
}
