import { readFile } from 'node:fs/promises';
import { DEVICE_ID_PATTERN } from '@park/contracts';
import { HJ212_KINDS, isHj212Kind, type Hj212Kind } from '@park/hj212';

/** A data logger's monitoring point as the platform knows it. */
export interface Hj212Device {
  /** HJ 212 device identifier (MN) the logger sends. */
  readonly mn: string;
  /** Platform device id: its MQTT username and topic segment. */
  readonly deviceId: string;
  readonly kind: Hj212Kind;
  /** `hashSecret` (@park/auth, scrypt) of the logger's access password (PW). Never the password itself. */
  readonly passwordHash: string;
}

/**
 * Who an MN is: the devices file (JsonFileDeviceDirectory). An interface, so a directory that reads the loggers'
 * hashed credentials from the records could take its place without a change to the bridge.
 */
export interface Hj212DeviceDirectory {
  find(mn: string): Promise<Hj212Device | null>;
}

export const HJ212_DEVICE_DIRECTORY = Symbol('Hj212DeviceDirectory');

export class DeviceDirectoryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'DeviceDirectoryError';
  }
}

const MN_PATTERN = /^[\x21-\x7e]{1,64}$/;

/** The devices file, read and checked once at start-up (like the rest of the configuration). */
export class JsonFileDeviceDirectory implements Hj212DeviceDirectory {
  private readonly byMn: ReadonlyMap<string, Hj212Device>;

  private constructor(devices: readonly Hj212Device[]) {
    this.byMn = new Map(devices.map((d) => [d.mn, d]));
  }

  static async load(file: string): Promise<JsonFileDeviceDirectory> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new DeviceDirectoryError(file, [`cannot be read: ${(error as Error).message}`]);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new DeviceDirectoryError(file, [`is not JSON: ${(error as Error).message}`]);
    }
    return new JsonFileDeviceDirectory(JsonFileDeviceDirectory.check(file, body));
  }

  /** Validates the file's content; every problem is reported, with the entry's index. */
  static check(file: string, body: unknown): Hj212Device[] {
    if (!Array.isArray(body)) throw new DeviceDirectoryError(file, ['must be a JSON array of devices']);
    const problems: string[] = [];
    const devices: Hj212Device[] = [];
    const mns = new Set<string>();
    const ids = new Set<string>();
    body.forEach((entry: unknown, i) => {
      const at = `[${i}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push(`${at} is not an object`);
        return;
      }
      const { mn, deviceId, kind, passwordHash } = entry as Record<string, unknown>;
      const before = problems.length;
      if (typeof mn !== 'string' || !MN_PATTERN.test(mn))
        problems.push(`${at}.mn must be 1–64 printable characters`);
      if (typeof deviceId !== 'string' || !DEVICE_ID_PATTERN.test(deviceId)) {
        problems.push(`${at}.deviceId must match ${String(DEVICE_ID_PATTERN)}`);
      }
      if (!isHj212Kind(kind)) problems.push(`${at}.kind must be one of ${HJ212_KINDS.join(', ')}`);
      if (typeof passwordHash !== 'string' || !passwordHash.startsWith('scrypt$')) {
        problems.push(`${at}.passwordHash must be a hashSecret (scrypt$…) hash, never a plaintext password`);
      }
      if (problems.length > before) return;
      const device = { mn, deviceId, kind, passwordHash } as Hj212Device;
      if (mns.has(device.mn)) problems.push(`${at}.mn ${device.mn} appears twice`);
      if (ids.has(device.deviceId)) problems.push(`${at}.deviceId ${device.deviceId} appears twice`);
      mns.add(device.mn);
      ids.add(device.deviceId);
      devices.push(device);
    });
    if (problems.length > 0) throw new DeviceDirectoryError(file, problems);
    return devices;
  }

  get size(): number {
    return this.byMn.size;
  }

  find(mn: string): Promise<Hj212Device | null> {
    return Promise.resolve(this.byMn.get(mn) ?? null);
  }
}
