/**
 * The fleet that drives a whole seeded park: one simulated device for every device the records expect to hear
 * from. The records are the one list of devices; a hand-written manifest (the demo fleet, `fleets/demo.json`) only
 * adds what the records do not hold — line schedules and model tuning for its showcase devices. Pure: the caller
 * reads the records.
 */
import { DEVICE_ID_PATTERN, isDeviceKind, METER_ROLES, type MeterRole } from '@park/contracts';
import { SCHEDULE_PRESETS, type SchedulePreset } from '../models/load-profile';
import type { ModelParams } from '../models/device-model';
import type { FleetManifest, ManifestDevice, ManifestEnterprise, ManifestLine } from './manifest';

/** A device as the records hold it (structurally `DemoDeviceRecord` of `@park/records`). */
export interface ParkDevice {
  readonly id: string;
  readonly kind: string;
  readonly role: string | null;
  readonly line: string | null;
  readonly expectedIntervalS: number;
  /** Normal running load of a production or pollution-control meter, kW: its simulated rating. */
  readonly normalKw: number | null;
  readonly permitLimits: Record<string, number> | null;
  readonly enterpriseCreditCode: string;
  readonly enterpriseName: string;
}

export interface ParkFleet {
  readonly manifest: FleetManifest;
  /** Devices no model can drive, with the reason (none for the seeded demo park). */
  readonly skipped: readonly { id: string; reason: string }[];
}

/** Lines the showcase manifest does not describe run one of these, picked from the enterprise and line. */
const BACKGROUND_SCHEDULES: readonly SchedulePreset[] = ['three-shift', 'two-shift', 'day-shift'];

/**
 * One manifest device per park device, at the interval the records expect (offline detection counts from that
 * interval). A device the showcase lists with the same kind keeps the showcase's line and parameters; any other
 * device gets its kind's model with the rating and permit the records give it.
 */
export function parkFleetManifest(showcase: FleetManifest, devices: readonly ParkDevice[]): ParkFleet {
  const enterprises = new Map<string, { enterprise: ManifestEnterprise; lines: ManifestLine[] }>();
  for (const e of showcase.enterprises)
    enterprises.set(e.creditCode ?? `key:${e.key}`, { enterprise: e, lines: [...e.lines] });
  const showcaseDevices = new Map(showcase.devices.map((d) => [d.id, d]));
  const out: ManifestDevice[] = [];
  const skipped: { id: string; reason: string }[] = [];

  for (const record of devices) {
    const reason = unsimulable(record);
    if (reason) {
      skipped.push({ id: record.id, reason });
      continue;
    }
    const known = showcaseDevices.get(record.id);
    if (known && known.kind === record.kind) {
      out.push({ ...known, expectedIntervalS: record.expectedIntervalS });
      continue;
    }
    let entry = enterprises.get(record.enterpriseCreditCode);
    if (!entry) {
      entry = {
        enterprise: {
          key: record.enterpriseCreditCode,
          name: record.enterpriseName,
          creditCode: record.enterpriseCreditCode,
          lines: [],
        },
        lines: [],
      };
      enterprises.set(record.enterpriseCreditCode, entry);
    }
    if (record.line !== null && !entry.lines.some((l) => l.id === record.line)) {
      const preset = BACKGROUND_SCHEDULES[hash(`${record.enterpriseCreditCode}/${record.line}`) % 3];
      entry.lines.push({
        id: record.line,
        name: null,
        scheduleName: preset,
        schedule: SCHEDULE_PRESETS[preset],
      });
    }
    const kind = record.kind as ManifestDevice['kind'];
    const role = kind === 'power-meter' ? ((record.role ?? 'general') as MeterRole) : null;
    out.push({
      id: record.id,
      kind,
      role,
      line: record.line,
      enterprise: entry.enterprise.key,
      expectedIntervalS: record.expectedIntervalS,
      name: null,
      location: null,
      password: null,
      passwordEnv: null,
      params: paramsOf(record, role),
    });
  }

  return {
    manifest: {
      name: `${showcase.name}-park`,
      description: `every enabled device of the park's records, ${showcase.name}'s showcase devices as it tunes them`,
      enterprises: [...enterprises.values()].map(({ enterprise, lines }) => ({ ...enterprise, lines })),
      devices: out,
    },
    skipped,
  };
}

/** Why a record cannot become a manifest device, or null when it can (the manifest's own rules). */
function unsimulable(d: ParkDevice): string | null {
  if (!DEVICE_ID_PATTERN.test(d.id)) return 'its id is not a valid device id';
  if (!isDeviceKind(d.kind)) return `no simulator model for kind "${d.kind}"`;
  if (!Number.isInteger(d.expectedIntervalS) || d.expectedIntervalS < 1 || d.expectedIntervalS > 86_400)
    return `expected interval ${d.expectedIntervalS} s is outside 1–86400 s`;
  if (d.kind === 'power-meter') {
    if (d.role !== null && !(METER_ROLES as readonly string[]).includes(d.role))
      return `unknown meter role "${d.role}"`;
    if ((d.role === 'production' || d.role === 'pollution-control') && d.line === null)
      return `a ${d.role} meter needs a production line to follow`;
  }
  return null;
}

function paramsOf(d: ParkDevice, role: MeterRole | null): ModelParams {
  if (d.kind === 'power-meter' && role !== 'general' && d.normalKw !== null && d.normalKw > 0)
    return { ratedKw: d.normalKw };
  if (d.kind === 'stack-gas' && d.permitLimits) {
    const { so2, nox, pm } = d.permitLimits;
    const permit = Object.fromEntries(
      Object.entries({ so2, nox, pm }).filter(([, v]) => typeof v === 'number' && v > 0),
    );
    return { permit };
  }
  if (d.kind === 'wastewater' && d.permitLimits) {
    const { cod, nh3n } = d.permitLimits;
    const waterPermit = Object.fromEntries(
      Object.entries({ cod, nh3n }).filter(([, v]) => typeof v === 'number' && v > 0),
    );
    return { waterPermit };
  }
  return {};
}

/** A small stable string hash (FNV-1a), so the same park gets the same schedules on every start. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
