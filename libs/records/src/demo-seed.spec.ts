import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_FLEET } from './demo-fleet';
import { creditCodeCheckChar } from './credit-code';
import { DEMO_ENTERPRISE_CODE_BODY, DEMO_MECH_CODE_BODY } from './demo-seed';

interface Manifest {
  enterprises: { key: string; creditCode: string }[];
  devices: {
    id: string;
    kind: string;
    role?: string;
    enterprise: string;
    line?: string;
    expectedIntervalS: number;
    params?: { permit?: Record<string, number>; ratedKw?: number };
  }[];
}

const manifest = JSON.parse(
  readFileSync(join(__dirname, '../../../simulators/fleets/demo.json'), 'utf8'),
) as Manifest;

describe('the demo seed and the simulator demo fleet agree', () => {
  it('seeds every device of the fleet with its kind, role, line, enterprise, interval and permit', () => {
    const seeded = new Map(DEMO_FLEET.map((d) => [d.id, d]));
    for (const d of manifest.devices) {
      expect([d.id, seeded.get(d.id)]).toEqual([
        d.id,
        expect.objectContaining({
          kind: d.kind,
          enterprise: d.enterprise,
          expectedIntervalS: d.expectedIntervalS,
          ...(d.role ? { role: d.role } : {}),
          ...(d.line ? { line: d.line } : {}),
          ...(d.params?.permit ? { permit: d.params.permit } : {}),
          // 分表计电 judges line meters against their normal load: the simulator's rated load of the same meter.
          ...(d.role === 'production' || d.role === 'pollution-control'
            ? { normalKw: d.params?.ratedKw }
            : {}),
        }),
      ]);
    }
    expect(DEMO_FLEET).toHaveLength(manifest.devices.length);
  });

  it('uses the credit codes the fleet names for its two enterprises', () => {
    const codes = Object.fromEntries(manifest.enterprises.map((e) => [e.key, e.creditCode]));
    expect(DEMO_ENTERPRISE_CODE_BODY + creditCodeCheckChar(DEMO_ENTERPRISE_CODE_BODY)).toBe(
      codes['demo-chem'],
    );
    expect(DEMO_MECH_CODE_BODY + creditCodeCheckChar(DEMO_MECH_CODE_BODY)).toBe(codes['demo-mech']);
  });
});
