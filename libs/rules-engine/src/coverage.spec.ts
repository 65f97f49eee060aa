import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEVICE_KINDS, metricSpec, type DeviceKind } from '@park/contracts';
import {
  COVERAGE_BEGIN,
  COVERAGE_END,
  coverageMatrix,
  INFORMATIONAL_METRICS,
  renderCoverageMatrix,
} from './coverage';

/** The table as prettier may lay it out (padded cells, longer rules) compares equal to the table as rendered. */
function normalised(markdown: string): string[] {
  return markdown
    .trim()
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+$/, '-'))
            .join('|')
        : line.trim(),
    );
}

describe('coverage matrix: every metric is judged by a rule or marked informational with a reason', () => {
  const rows = coverageMatrix();

  it('has a row for every metric of every device kind in libs/contracts', () => {
    const metrics = Object.values(DEVICE_KINDS).reduce((n, kind) => n + Object.keys(kind.metrics).length, 0);
    expect(rows).toHaveLength(metrics);
  });

  it('leaves no metric unjudged unless it is marked informational', () => {
    const unjudged = rows
      .filter((r) => r.judgedBy.length === 0 && r.informational === null)
      .map((r) => `${r.deviceKind}.${r.metric}`);
    expect(unjudged).toEqual([]);
  });

  it('marks no metric informational that a rule judges (the mark would be stale)', () => {
    const stale = rows
      .filter((r) => r.judgedBy.length > 0 && r.informational !== null)
      .map((r) => `${r.deviceKind}.${r.metric} (${r.judgedBy.join(', ')})`);
    expect(stale).toEqual([]);
  });

  it('marks only metrics that exist, each with a reason in Chinese and English', () => {
    for (const [kind, marks] of Object.entries(INFORMATIONAL_METRICS)) {
      for (const [metric, reason] of Object.entries(marks ?? {})) {
        expect([kind, metric, metricSpec(kind as DeviceKind, metric) !== undefined]).toEqual([
          kind,
          metric,
          true,
        ]);
        expect(reason.zh.length).toBeGreaterThan(5);
        expect(reason.en.length).toBeGreaterThan(10);
      }
    }
  });

  it('is the table docs/rules.md carries (npm run docs:rules-coverage rewrites it)', () => {
    const doc = readFileSync(resolve(__dirname, '../../../docs/rules.md'), 'utf8');
    const start = doc.indexOf(COVERAGE_BEGIN);
    const end = doc.indexOf(COVERAGE_END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(normalised(doc.slice(start + COVERAGE_BEGIN.length, end))).toEqual(
      normalised(renderCoverageMatrix()),
    );
  });
});
