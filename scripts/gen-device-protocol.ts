/** Rewrites the generated section of docs/device-protocol.md from libs/contracts (npm run docs:device-protocol). */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GENERATED_BEGIN, GENERATED_END, renderDeviceKindTables } from '@park/contracts';

const path = resolve(__dirname, '../../docs/device-protocol.md');
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf(GENERATED_BEGIN);
const end = doc.indexOf(GENERATED_END);
if (start < 0 || end < 0) throw new Error(`markers missing in ${path}`);
writeFileSync(
  path,
  `${doc.slice(0, start + GENERATED_BEGIN.length)}\n\n${renderDeviceKindTables()}\n${doc.slice(end)}`,
);
process.stdout.write(`updated ${path}\n`);
