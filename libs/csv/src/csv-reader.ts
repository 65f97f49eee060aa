import { parse, type CsvError, type Options } from 'csv-parse/sync';

/** One row of a CSV file: the line it starts on (as an editor or Excel numbers it) and its cells as written. */
export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

/** A file csv-parse cannot read (a quoted cell that is never closed), with the line its row starts on. */
export class CsvReadError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvReadError';
  }
}

/** RFC 4180 as the imports read it. */
const OPTIONS = {
  // The byte-order mark Excel writes is skipped by csvRows itself: csv-parse's browser build compares it with its
  // own Buffer polyfill, which refuses the plain Uint8Array the web app hands it ("Argument must be a Buffer").
  bom: false,
  // A quote inside an unquoted cell (`5"`, `A"B`) is text, as Excel reads it.
  relax_quotes: true,
  // A row may have more or fewer cells than the header: the import reports the cells, not the shape.
  relax_column_count: true,
  // CRLF, LF or CR — even mixed in one file, as a file edited on two systems is.
  record_delimiter: ['\r\n', '\n', '\r'],
  // Every line is a record, blank ones too, so consecutive records cover the file without gaps (see csvRows).
  skip_empty_lines: false,
} satisfies Options;

/**
 * Records per call of the parser. Each call parses only until it has this many, so a caller that pauses between
 * rows (the API's import of a 10 MB file) holds the event loop for one call's worth at a time: 100 rows of 1 KB
 * take a few milliseconds.
 */
const RECORDS_PER_CALL = 100;

const LF = 0x0a;
const CR = 0x0d;

/**
 * The non-blank rows of a CSV file (text, or its UTF-8 bytes), each with the line it starts on, one at a time.
 * A row whose cells are all blank is skipped, its lines counted. Throws `CsvReadError` for a file that cannot be
 * read as CSV.
 *
 * The line is counted here, from the byte where csv-parse says each record ends: its own `info.lines` counts a
 * CRLF inside a quoted cell as two lines, and a row's first line is what an editor shows and a report needs.
 */
export function* csvRows(input: string | Uint8Array): Generator<CsvRow, void, undefined> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  /** Where the next record starts: a byte offset just after a line end (or the byte-order mark), and its line. */
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  for (;;) {
    const records: { cells: string[]; end: number }[] = [];
    const from = offset;
    try {
      parse(bytes.subarray(from), {
        ...OPTIONS,
        to: RECORDS_PER_CALL,
        on_record: (cells: string[], info) => {
          records.push({ cells, end: from + info.bytes });
          return null;
        },
      });
    } catch (error) {
      // The row that cannot be read starts where the last record read ends.
      const last = records.at(-1);
      throw new CsvReadError(last ? line + lineEnds(bytes, offset, last.end) : line, reasonOf(error));
    }
    for (const record of records) {
      if (record.cells.some((cell) => cell.trim() !== '')) yield { line, cells: record.cells };
      line += lineEnds(bytes, offset, record.end);
      offset = record.end;
    }
    if (records.length < RECORDS_PER_CALL || offset >= bytes.length) return;
  }
}

/** Line ends (CRLF, LF or CR) in bytes [from, to). */
function lineEnds(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF)) n++;
  return n;
}

/** Every non-blank row of a CSV file (see `csvRows`). */
export function parseCsv(input: string | Uint8Array): CsvRow[] {
  return [...csvRows(input)];
}

function reasonOf(error: unknown): string {
  if ((error as CsvError).code === 'CSV_QUOTE_NOT_CLOSED')
    return 'a quoted cell is never closed (a " without its closing ")';
  return error instanceof Error ? error.message : String(error);
}
