import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { hashDeviceSecret } from '@park/auth';
import { renderMosquittoAuth, type MosquittoAuthFiles } from '@park/mqtt';
import { DeviceChangeListener, DeviceRepository } from '@park/records';
import type { DataSource } from 'typeorm';

/** The platform's read-only service account on park-mosquitto's services' listener. */
export const INGESTION_SERVICE_ACCOUNT = 'park-ingestion';

/** What it may subscribe to: the devices' readings and status messages (through its $share group). */
export const INGESTION_SERVICE_READS = ['park/v1/devices/+/telemetry', 'park/v1/devices/+/status'] as const;

/** The four files in the broker's folder, as its configuration names them (park-mosquitto.conf.in, deploy/kubernetes/mosquitto.conf). */
export const MOSQUITTO_AUTH_FILE_NAMES = {
  passwordFile: 'passwd',
  aclFile: 'acl',
  servicePasswordFile: 'passwd-services',
  serviceAclFile: 'acl-services',
} as const;

/** The broker's pid file in the same folder (`pid_file`), which the watcher signals to reload. */
export const MOSQUITTO_PID_FILE = 'mosquitto.pid';

/**
 * Writes park-mosquitto's four files (passwd/acl for devices, passwd-services/acl-services for services) from the
 * records into `dir`. Each is written then renamed, so the broker never reads a half-written file.
 */
export async function writeMosquittoAuthFiles(
  records: DataSource,
  dir: string,
  ingestionPassword: string,
): Promise<MosquittoAuthFiles> {
  const files = renderMosquittoAuth(await new DeviceRepository(records).brokerAccounts(), [
    {
      username: INGESTION_SERVICE_ACCOUNT,
      credentialHash: await hashDeviceSecret(ingestionPassword),
      read: INGESTION_SERVICE_READS,
    },
  ]);
  for (const [key, name] of Object.entries(MOSQUITTO_AUTH_FILE_NAMES) as [
    keyof typeof MOSQUITTO_AUTH_FILE_NAMES,
    string,
  ][]) {
    const content = files[key];
    writeFileSync(join(dir, `${name}.tmp`), content, { mode: 0o600 });
    renameSync(join(dir, `${name}.tmp`), join(dir, name));
  }
  return files;
}

/**
 * Keeps park-mosquitto's files in step with the records: on every device change (PostgreSQL LISTEN, via
 * DeviceChangeListener) it rewrites them and calls `reload` (SIGHUP to the broker). Mosquitto 2.0 re-checks the
 * connected clients on reload and disconnects those the new password file no longer admits, so disabling a
 * device or rotating its credential through the API ends its open session within about a second. Changes that
 * come in a burst are written once (`debounceMs`); a failed write is logged and retried on the next change.
 */
export class MosquittoAuthSync {
  private readonly logger = new Logger('MosquittoAuthSync');
  private readonly listener: DeviceChangeListener;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly records: DataSource,
    databaseUrl: string,
    private readonly dir: string,
    private readonly ingestionPassword: string,
    private readonly reload: () => void,
    private readonly debounceMs = 200,
  ) {
    this.listener = new DeviceChangeListener(databaseUrl, () => this.schedule());
  }

  async start(): Promise<void> {
    await this.listener.start();
    await this.sync();
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.listener.close();
    await this.running;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.sync());
    }, this.debounceMs);
  }

  private async sync(): Promise<void> {
    try {
      const files = await writeMosquittoAuthFiles(this.records, this.dir, this.ingestionPassword);
      this.reload();
      this.logger.log(`broker files rewritten (${files.deviceCount} devices) and reloaded`);
      if (files.refused.length > 0)
        this.logger.warn(`left out (id begins with a service account's name): ${files.refused.join(', ')}`);
    } catch (error) {
      this.logger.error(`broker files not rewritten: ${(error as Error).message}`);
    }
  }
}
