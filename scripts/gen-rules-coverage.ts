/** Rewrites the coverage matrix in docs/rules.md from libs/rules-engine (npm run docs:rules-coverage). */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COVERAGE_BEGIN, COVERAGE_END, renderCoverageMatrix } from '@park/rules-engine';

const path = resolve(__dirname, '../../docs/rules.md');
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf(COVERAGE_BEGIN);
const end = doc.indexOf(COVERAGE_END);
if (start < 0 || end < 0) throw new Error(`markers missing in ${path}`);
writeFileSync(
  path,
  `${doc.slice(0, start + COVERAGE_BEGIN.length)}\n\n${renderCoverageMatrix()}\n${doc.slice(end)}`,
);
process.stdout.write(`updated ${path}\n`);
