import { readFileSync } from 'node:fs';
import type * as PdfMake from 'pdfmake';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { formatCell, headerText, type ReportDocument, type ReportTable } from '@park/reports';

// pdfmake's module is one instance (`module.exports = new pdfmake()`) whose methods live on its prototype: an ES
// namespace import copies only own properties and would lose them, so it is required as it is.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const pdfMake = require('pdfmake') as typeof PdfMake & {
  /** pdfmake 0.3's in-memory file system (its own js/virtual-fs.js), which @types/pdfmake does not declare. */
  readonly virtualfs: { writeFileSync(name: string, content: Buffer): void };
};

/**
 * A report as a PDF: A4 landscape, the title, the facts, each table with a full grid and its header row repeated on
 * every page, the notes, and page numbers. Drawn by pdfmake (on pdfkit + fontkit) in Noto Sans SC, which npm
 * installs with the project (@expo-google-fonts/noto-sans-sc: the full static TTFs, not web subsets), so a fresh
 * machine renders Chinese without any system font; pdfkit embeds only the glyphs a report uses, so a report
 * weighs tens of kilobytes, not the font's 10 MB (docs/decisions/011-pdf-reports-pdfmake-noto-sans-sc.md).
 */
const FONT_FAMILY = 'NotoSansSC';

let fontsLoaded = false;

/**
 * The two weights, read from disk once per process into pdfmake's virtual file system and registered under those
 * names. pdfmake takes a font as a path only, and read from the disk each 10.5 MB file afresh for every document:
 * that read was most of a report's PDF time (docs/benchmarks.md, bench:reports). Served from memory, the same
 * Buffer goes to every document. No local file and no URL is admitted otherwise, so no text in a report can make
 * the renderer read anything else from the disk or the network.
 */
function registerFonts(): void {
  if (fontsLoaded) return;
  const weights = { normal: '400Regular', bold: '700Bold' } as const;
  const files: Record<string, string> = {};
  for (const [style, weight] of Object.entries(weights)) {
    const name = `${FONT_FAMILY}-${weight}.ttf`;
    const path = require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);
    pdfMake.virtualfs.writeFileSync(name, readFileSync(path));
    files[style] = name;
  }
  pdfMake.setFonts({ [FONT_FAMILY]: files });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy(() => false);
  fontsLoaded = true;
}

/**
 * Unicode subscripts (U+2080–U+209C: the ₂ of tCO₂e and SO₂, the ₓ of NOₓ) have no glyph in Noto Sans SC and would
 * print as empty boxes: the PDF writes them as the plain characters (tCO2e, NOx), as Chinese reports commonly do.
 * The XLSX keeps them (spreadsheet programs fall back to another font).
 */
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎\u208Fₐₑₒₓₔₕₖₗₘₙₚₛₜ';
const PLAIN = '0123456789+-=()\u208Faeoxehklmnpst';

export function drawableText(text: string): string {
  return text.replace(/[\u2080-\u209C]/g, (ch) => PLAIN[SUBSCRIPTS.indexOf(ch)] ?? ch);
}

/** The document with every text made drawable in the embedded font (drawableText). */
export function drawableDocument(document: ReportDocument): ReportDocument {
  const text = drawableText;
  return {
    ...document,
    title: text(document.title),
    subtitle: text(document.subtitle),
    facts: document.facts.map((f) => ({ label: text(f.label), value: text(f.value) })),
    tables: document.tables.map((table) => ({
      ...table,
      title: text(table.title),
      ...(table.empty === undefined ? {} : { empty: text(table.empty) }),
      columns: table.columns.map((c) => ({
        ...c,
        header: text(c.header),
        ...(c.unit === undefined ? {} : { unit: text(c.unit) }),
      })),
      rows: table.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? text(cell) : cell))),
    })),
    notes: document.notes.map(text),
  };
}

export async function reportPdf(input: ReportDocument): Promise<Buffer> {
  registerFonts();
  const document = drawableDocument(input);
  const content: Content[] = [
    { text: document.title, style: 'title' },
    { text: document.subtitle, style: 'subtitle' },
    {
      table: {
        widths: [90, '*'],
        body: document.facts.map((fact): TableCell[] => [{ text: fact.label, bold: true }, fact.value]),
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
  ];
  for (const table of document.tables) content.push(...tableContent(table));
  content.push({ text: '说明', style: 'heading' });
  content.push({ ul: document.notes.map((note) => ({ text: note })), fontSize: 8, color: '#333333' });

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 32, 32, 40],
    info: { title: document.title, subject: document.subtitle, creator: 'smart-park' },
    defaultStyle: { font: FONT_FAMILY, fontSize: 9 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, alignment: 'center', color: '#444444', margin: [0, 0, 0, 10] },
      heading: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      header: { bold: true, fillColor: '#e8eef5', alignment: 'center' },
    },
    footer: (page, pages) => ({
      text: `${document.title} · 第 ${page} 页 / 共 ${pages} 页`,
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
    }),
    content,
  };
  return pdfMake.createPdf(definition).getBuffer();
}

/** Tables of at most this many rows are kept on one page with their heading. */
const SHORT_TABLE_ROWS = 20;

function tableContent(table: ReportTable): Content[] {
  const heading: Content = { text: table.title, style: 'heading' };
  if (table.rows.length === 0)
    return [{ stack: [heading, { text: table.empty ?? '无数据', color: '#666666' }], unbreakable: true }];
  const body: TableCell[][] = [
    table.columns.map((column): TableCell => ({ text: headerText(column), style: 'header' })),
    ...table.rows.map((row) =>
      row.map((cell, i): TableCell => ({
        text: formatCell(cell, table.columns[i]),
        alignment: typeof cell === 'number' ? 'right' : 'left',
      })),
    ),
  ];
  const drawn: Content = {
    table: { headerRows: 1, widths: columnWidths(table), body },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#555555',
      vLineColor: () => '#555555',
      paddingLeft: () => 3,
      paddingRight: () => 3,
    },
    fontSize: 8,
  };
  // A short table moves to the next page whole, with its heading, rather than leave the heading at a page's foot
  // or split a few rows; a long one (a month of days) breaks across pages with its header row repeated.
  return table.rows.length <= SHORT_TABLE_ROWS
    ? [{ stack: [heading, drawn], unbreakable: true }]
    : [heading, drawn];
}

/**
 * Columns as wide as their text; a short table (up to 6 columns) spans the page, its first text column (the name of
 * each row) taking the rest, so a three-column table does not sit in a corner.
 */
function columnWidths(table: ReportTable): ('auto' | '*')[] {
  const stretch = table.columns.length <= 6 ? table.columns.findIndex((c) => c.digits === undefined) : -1;
  return table.columns.map((_, i) => (i === stretch ? '*' : 'auto'));
}
