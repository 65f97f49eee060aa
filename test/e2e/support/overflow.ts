/**
 * Horizontal overflow as a user meets it: the page scrolls sideways (the document wider than the viewport), or
 * something sticks out past the right edge (cut off, or reachable only by that sideways scroll).
 */
import type { Page } from 'playwright-core';

export interface Overflow {
  /** document.documentElement.scrollWidth */
  readonly scrollWidth: number;
  /** document.documentElement.clientWidth: the viewport without a scrollbar */
  readonly clientWidth: number;
  /** Each visible element whose right edge is past the viewport's, as `tag.class` (at most 20). */
  readonly wide: readonly string[];
}

/** The few DOM shapes the measurement runs on (this file is type-checked without the DOM lib). */
interface MeasuredElement {
  readonly tagName: string;
  readonly className: unknown;
  readonly parentElement: MeasuredElement | null;
  getBoundingClientRect(): { readonly right: number; readonly width: number; readonly height: number };
}
interface MeasuredDocument {
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  querySelectorAll(selector: string): ArrayLike<MeasuredElement>;
}

export function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const win = globalThis as unknown as {
      document: MeasuredDocument;
      getComputedStyle(el: MeasuredElement): { readonly overflowX: string };
    };
    const doc = win.document;
    const width = doc.documentElement.clientWidth;
    /** Inside a box that scrolls or clips on its own (a wide table in its scroller): not the page's overflow. */
    const contained = (el: MeasuredElement) => {
      for (let a = el.parentElement; a && a.tagName !== 'BODY'; a = a.parentElement)
        if (win.getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const wide = Array.from(doc.querySelectorAll('body *'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > width + 1 && !contained(el);
      })
      .slice(0, 20)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, '.')}`);
    return { scrollWidth: doc.documentElement.scrollWidth, clientWidth: width, wide };
  });
}
