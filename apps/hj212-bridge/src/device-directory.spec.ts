import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceDirectoryError, JsonFileDeviceDirectory } from './device-directory';

const HASH = 'scrypt$1024$1$1$c2FsdA$a2V5';
const good = [
  { mn: '010000A8900016F000169DC0', deviceId: 'cems-boiler-1', kind: 'stack-gas', passwordHash: HASH },
  { mn: '81733553213013', deviceId: 'ww-outfall-1', kind: 'wastewater', passwordHash: HASH },
];

function problems(body: unknown): readonly string[] {
  try {
    JsonFileDeviceDirectory.check('devices.json', body);
  } catch (error) {
    if (error instanceof DeviceDirectoryError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('JsonFileDeviceDirectory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hj212-devices-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds a device by MN, and nothing for an MN it does not know', async () => {
    const file = join(dir, 'devices.json');
    await writeFile(file, JSON.stringify(good));
    const directory = await JsonFileDeviceDirectory.load(file);
    await expect(directory.find('81733553213013')).resolves.toEqual(good[1]);
    await expect(directory.find('81733553213014')).resolves.toBeNull();
    expect(directory.size).toBe(2);
  });

  it('names the file when it cannot be read or is not JSON', async () => {
    await expect(JsonFileDeviceDirectory.load(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json: cannot be read/,
    );
    const file = join(dir, 'broken.json');
    await writeFile(file, '[{"mn": ');
    await expect(JsonFileDeviceDirectory.load(file)).rejects.toThrow(/broken\.json: is not JSON/);
  });

  it('refuses a plaintext password', () => {
    expect(problems([{ ...good[0], passwordHash: '123456' }])).toEqual([
      '[0].passwordHash must be a hashSecret (scrypt$…) hash, never a plaintext password',
    ]);
  });

  it('reports every bad entry with its index', () => {
    expect(
      problems([
        good[0],
        { mn: '', deviceId: 'has space', kind: 'power-meter', passwordHash: HASH },
        'not an object',
        { ...good[1], mn: good[0].mn },
        { ...good[1], mn: 'other', deviceId: good[0].deviceId },
      ]),
    ).toEqual([
      '[1].mn must be 1–64 printable characters',
      expect.stringMatching(/^\[1\]\.deviceId must match/),
      '[1].kind must be one of stack-gas, wastewater',
      '[2] is not an object',
      `[3].mn ${good[0].mn} appears twice`,
      `[4].deviceId ${good[0].deviceId} appears twice`,
    ]);
  });

  it('wants an array', () => {
    expect(problems({ devices: good })).toEqual(['must be a JSON array of devices']);
  });
});
