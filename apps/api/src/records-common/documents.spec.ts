import { EVENT_DOCUMENT_KINDS, QUALIFICATION_DOCUMENT_KINDS } from '@park/contracts';
import { RecordsError } from '@park/records';
import { acceptDocument, cleanFilename, sniffDocument } from './documents';

/** A ZIP's first local header naming `part` (enough for the sniffing, which reads the part names only). */
const zipWith = (...parts: string[]) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), ...parts.map((p) => Buffer.from(`\0\0${p}\0`))]);
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

describe('attached documents: what a file is judged to be', () => {
  it('knows a PDF, a PNG and a JPEG by their first bytes', () => {
    expect(sniffDocument(PDF, QUALIFICATION_DOCUMENT_KINDS)).toBe('pdf');
    expect(sniffDocument(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), ['png'])).toBe(
      'png',
    );
    expect(sniffDocument(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), ['jpeg'])).toBe('jpeg');
  });

  it('tells a Word document from an Excel workbook, and neither from a plain ZIP', () => {
    expect(sniffDocument(zipWith('[Content_Types].xml', 'word/document.xml'), EVENT_DOCUMENT_KINDS)).toBe(
      'docx',
    );
    expect(sniffDocument(zipWith('[Content_Types].xml', 'xl/workbook.xml'), EVENT_DOCUMENT_KINDS)).toBe(
      'xlsx',
    );
    expect(sniffDocument(zipWith('payload.exe'), EVENT_DOCUMENT_KINDS)).toBeUndefined();
  });

  it('accepts a Word document for an event but not for a certificate', () => {
    const docx = zipWith('[Content_Types].xml', 'word/document.xml');
    const file = { originalname: 'agreement.docx', buffer: docx, size: docx.length };
    expect(acceptDocument(file, EVENT_DOCUMENT_KINDS).contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(() => acceptDocument(file, QUALIFICATION_DOCUMENT_KINDS)).toThrow(
      'only PDF, JPEG or PNG documents are accepted (仅接受 PDF、JPEG 或 PNG 文件)',
    );
  });

  it('refuses text named .pdf and a missing file, naming the field', () => {
    const fake = Buffer.from('not a pdf');
    const refused = (() => {
      try {
        acceptDocument({ originalname: 'x.pdf', buffer: fake, size: fake.length }, EVENT_DOCUMENT_KINDS);
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(RecordsError);
    expect((refused as RecordsError).details).toEqual({ field: 'file' });
    expect(() => acceptDocument(undefined, EVENT_DOCUMENT_KINDS)).toThrow('as form field "file"');
  });

  it('reads a UTF-8 name sent as Latin-1 back as UTF-8, and cleans separators and quotes', () => {
    expect(cleanFilename(Buffer.from('产业协议.pdf', 'utf8').toString('latin1'))).toBe('产业协议.pdf');
    expect(cleanFilename('../a"b\r\n.pdf')).toBe('.._a_b__.pdf');
    const doc = acceptDocument({ originalname: '', buffer: PDF, size: PDF.length }, EVENT_DOCUMENT_KINDS);
    expect(doc.filename).toBe('document.pdf');
  });
});
