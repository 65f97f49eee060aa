/**
 * Operator commands on the records database:
 *   migrate                 apply pending migrations
 *   seed-demo               create the demo park and demo logins (passwords from DEMO_PASSWORD, DEMO_DEVICE_SECRET)
 *   mosquitto-auth DIR      write DIR/passwd and DIR/acl (devices' listener) and DIR/passwd-services and
 *                           DIR/acl-services (services' listener) for Mosquitto from the devices in the records
 *                           (service account park-ingestion with PARK_INGESTION_MQTT_PASSWORD); a reload
 *                           (services.sh reload-park-mosquitto) then disconnects disabled and rotated devices
 *   mosquitto-auth-watch DIR  the same on every device change, each followed by a reload (SIGHUP to the pid in
 *                           DIR/mosquitto.pid); runs until SIGTERM (npm start runs it)
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrExit, postgresSpec, str } from '@park/config';
import { openRecords, seedDemoPark } from '@park/records';
import type { DataSource } from 'typeorm';
import { MosquittoAuthSync, MOSQUITTO_PID_FILE, writeMosquittoAuthFiles } from './mosquitto-auth-sync';

/** The CLI's variables (exported for the deploy files' checks, test/integration/deploy-files.int-spec.ts). */
export const cliConfigSpec = {
  ...postgresSpec,
  DEMO_PASSWORD: str('password given to the demo logins', 'park-demo-2025'),
  DEMO_DEVICE_SECRET: str('MQTT password of the demo devices', 'demo-device-secret'),
  PARK_INGESTION_MQTT_PASSWORD: str(
    'MQTT password of the ingestion service account (mosquitto-auth only)',
    '',
  ),
};
type CliConfig = ReturnType<typeof loadConfigOrExit<typeof cliConfigSpec>>;

const commands: Record<string, (ds: DataSource, config: CliConfig, args: string[]) => Promise<void>> = {
  migrate: () => {
    process.stdout.write('migrations applied\n');
    return Promise.resolve();
  },
  'seed-demo': async (ds, config) => {
    const logins = await seedDemoPark(ds, config.DEMO_PASSWORD, config.DEMO_DEVICE_SECRET);
    process.stdout.write(
      `demo park ready; logins (password "${logins.password}"): ${logins.users.map((u) => `${u.username} (${u.role})`).join(', ')}\n`,
    );
  },
  'mosquitto-auth': async (ds, config, [dir]) => {
    if (!dir) throw new Error('usage: cli mosquitto-auth DIR');
    if (!config.PARK_INGESTION_MQTT_PASSWORD) throw new Error('PARK_INGESTION_MQTT_PASSWORD is missing');
    const files = await writeMosquittoAuthFiles(ds, dir, config.PARK_INGESTION_MQTT_PASSWORD);
    process.stdout.write(`mosquitto auth files written to ${dir}: ${files.deviceCount} devices\n`);
    if (files.refused.length > 0) {
      process.stderr.write(
        `left out (id begins with a service account's name, could take over its sessions): ${files.refused.join(', ')}\n`,
      );
    }
  },
  'mosquitto-auth-watch': async (ds, config, [dir]) => {
    if (!dir) throw new Error('usage: cli mosquitto-auth-watch DIR');
    if (!config.PARK_INGESTION_MQTT_PASSWORD) throw new Error('PARK_INGESTION_MQTT_PASSWORD is missing');
    const reload = () => {
      // The broker's pid file (park-mosquitto.conf.in: pid_file <runtime>/mosquitto/mosquitto.pid).
      const pid = Number(readFileSync(join(dir, MOSQUITTO_PID_FILE), 'utf8').trim());
      process.kill(pid, 'SIGHUP');
    };
    const sync = new MosquittoAuthSync(
      ds,
      config.DATABASE_URL,
      dir,
      config.PARK_INGESTION_MQTT_PASSWORD,
      reload,
    );
    await sync.start();
    process.stdout.write(`watching the records; ${dir} follows every device change\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    await sync.close();
  },
};

async function main(command: string | undefined, args: string[]): Promise<void> {
  const run = command ? commands[command] : undefined;
  if (!run) throw new Error(`usage: cli ${Object.keys(commands).join(' | ')}`);
  const config = loadConfigOrExit('cli', cliConfigSpec);
  const dataSource = await openRecords(config.DATABASE_URL, { migrate: true });
  try {
    await run(dataSource, config, args);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
