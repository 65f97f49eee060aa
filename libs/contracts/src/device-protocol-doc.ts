import { DEVICE_KINDS, type DeviceKindSpec } from './device-kinds';

/**
 * The per-kind metric tables of docs/device-protocol.md, rendered from DEVICE_KINDS so the page an integrator
 * reads cannot drift from what ingestion enforces (a unit test compares them).
 */
export function renderDeviceKindTables(now = Date.UTC(2026, 10, 27, 2, 0, 0)): string {
  const out: string[] = [];
  for (const [kind, spec] of Object.entries(DEVICE_KINDS) as [string, DeviceKindSpec][]) {
    out.push(`### \`${kind}\` — ${spec.label.zh} / ${spec.label.en}`, '');
    out.push(
      '| metric | 名称 | name | unit | type | valid range | counter |',
      '|---|---|---|---|---|---|---|',
    );
    const example: Record<string, number | boolean> = {};
    for (const [name, m] of Object.entries(spec.metrics)) {
      const range = m.type === 'boolean' ? '—' : `${m.min ?? '−∞'} … ${m.max ?? '∞'}`;
      out.push(
        `| \`${name}\` | ${m.label.zh} | ${m.label.en} | ${m.unit || '—'} | ${m.type} | ${range} | ${m.counter ? 'yes, never decreases' : ''} |`,
      );
      example[name] = EXAMPLES[`${kind}.${name}`] ?? (m.type === 'boolean' ? false : 0);
    }
    out.push('', '```json', JSON.stringify({ ts: now, values: example }), '```', '');
  }
  return out.join('\n');
}

/** Typical values a working device of each kind reports, for the example payloads. */
const EXAMPLES: Record<string, number | boolean> = {
  'power-meter.kw': 356.2,
  'power-meter.kwh': 10023.4,
  'power-meter.voltage': 380.5,
  'power-meter.current': 612.3,
  'power-meter.pf': 0.92,
  'stack-gas.so2': 18.6,
  'stack-gas.nox': 45.2,
  'stack-gas.pm': 4.1,
  'stack-gas.o2': 10.2,
  'stack-gas.flow': 52000,
  'stack-gas.temp': 128.5,
  'stack-gas.velocity': 12.4,
  'stack-gas.pressure': -0.12,
  'stack-gas.humidity': 9.6,
  'stack-gas.nmhc': 8.3,
  'stack-gas.thc': 10.1,
  'stack-gas.ch4': 1.8,
  'wastewater.cod': 42.5,
  'wastewater.nh3n': 3.2,
  'wastewater.tp': 0.4,
  'wastewater.ph': 7.3,
  'wastewater.flow': 36.8,
  'wastewater.tn': 9.8,
  'wastewater.do': 6.2,
  'wastewater.temp': 18.5,
  'wastewater.conductivity': 1425,
  'wastewater.turbidity': 13.1,
  'combustible-gas.lel': 0.8,
  'toxic-gas.h2s': 0.5,
  'toxic-gas.co': 2.1,
  'oxygen.o2': 20.8,
  'temperature.temp': 26.4,
  'pressure.pressure': 101.6,
  'smoke.smoke': false,
  'smoke.fire': false,
};

export const GENERATED_BEGIN = '<!-- generated from libs/contracts DEVICE_KINDS: begin -->';
export const GENERATED_END = '<!-- generated from libs/contracts DEVICE_KINDS: end -->';
