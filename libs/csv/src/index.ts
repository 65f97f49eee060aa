/**
 * @park/csv — the one CSV reader of the imports: the API reads an uploaded file with it (apps/api/src/imports), and
 * the web app's import page reads the same file with it to show the cell each reported problem points at
 * (apps/web/src/imports), so a report's line finds the same cells in both. Built on csv-parse (its sync parser; the
 * web app's bundle takes csv-parse's browser build of it, apps/web/vite.config.mts). Pure: no I/O.
 */
export { csvRows, parseCsv, CsvReadError, type CsvRow } from './csv-reader';
