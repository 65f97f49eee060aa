import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GENERATED_BEGIN, GENERATED_END, renderDeviceKindTables } from './device-protocol-doc';
import { DEVICE_KINDS } from './device-kinds';
import { checkReadingsForKind, parseTelemetryPayload } from './telemetry';
import type { DeviceKind } from './device-kinds';

const DOC = resolve(__dirname, '../../../docs/device-protocol.md');

describe('docs/device-protocol.md', () => {
  const doc = readFileSync(DOC, 'utf8');

  it('carries exactly the metric tables the contract enforces (regenerate: npm run docs:device-protocol)', () => {
    const section = doc.slice(
      doc.indexOf(GENERATED_BEGIN) + GENERATED_BEGIN.length,
      doc.indexOf(GENERATED_END),
    );
    expect(section.trim()).toBe(renderDeviceKindTables().trim());
  });

  it('shows an example payload for every kind that ingestion accepts as it stands', () => {
    const examples = [...doc.matchAll(/### `([a-z-]+)`[\s\S]*?```json\n(.*)\n```/g)];
    expect(examples.map((m) => m[1]).sort()).toEqual(Object.keys(DEVICE_KINDS).sort());
    for (const [, kind, json] of examples) {
      const parsed = parseTelemetryPayload(Buffer.from(json), Date.UTC(2026, 10, 27, 2, 0, 0));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(checkReadingsForKind(kind as DeviceKind, parsed.readings)).toBeNull();
    }
  });
});
