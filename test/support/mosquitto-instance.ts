import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { waitFor } from './wait-for';

/**
 * A real Mosquitto started for one test file on a free loopback port, with the given password and ACL files. With
 * files it has park-mosquitto's two listeners (deploy/local/mosquitto/park-mosquitto.conf.in): `url` for devices,
 * `serviceUrl` for the platform's service accounts.
 */
export interface MosquittoInstance {
  readonly url: string;
  readonly port: number;
  /** The services' listener (the same as `url` for an anonymous broker). */
  readonly serviceUrl: string;
  /** The broker's process id (to measure it, or to send it SIGHUP). */
  readonly pid: number;
  /** The folder holding its configuration and its password and ACL files. */
  readonly dir: string;
  /** Rewrites the password and ACL files and makes Mosquitto re-read them (SIGHUP), as reload-park-mosquitto. */
  reload(auth: MosquittoAuth): Promise<void>;
  stop(): Promise<void>;
}

/** What renderMosquittoAuth (libs/mqtt) writes: one password and ACL file per listener. */
export interface MosquittoAuth {
  readonly passwordFile: string;
  readonly aclFile: string;
  readonly servicePasswordFile: string;
  readonly serviceAclFile: string;
}

/** park-mosquitto's packet limit (deploy/local/mosquitto/park-mosquitto.conf.in). */
export const PARK_MOSQUITTO_MAX_PACKET_SIZE = 132096;

/**
 * An MQTT 5 client logged in to `url` (no reconnecting), added to `clients` for the caller's clean-up; rejects with
 * the broker's refusal (e.g. "Not authorized").
 */
export async function connectMqtt(
  clients: MqttClient[],
  url: string,
  username?: string,
  password?: string,
): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    username,
    password,
    protocolVersion: 5,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface MosquittoOptions {
  /** Password and ACL files; without them the broker is anonymous (one listener, no limits). */
  readonly auth?: MosquittoAuth;
}

/**
 * Starts Mosquitto with the settings park-mosquitto uses in production (deploy/local/mosquitto): a wide in-flight
 * window and a queue that keeps a persistent session's backlog instead of dropping it.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoInstance> {
  const files = options.auth;
  const dir = mkdtempSync(join(tmpdir(), 'park-mosquitto-'));
  const port = await freePort();
  const servicePort = files ? await freePort() : port;
  const writeAuth = (auth: MosquittoAuth) => {
    writeFileSync(join(dir, 'passwd'), auth.passwordFile, { mode: 0o600 });
    writeFileSync(join(dir, 'acl'), auth.aclFile, { mode: 0o600 });
    writeFileSync(join(dir, 'passwd-services'), auth.servicePasswordFile, { mode: 0o600 });
    writeFileSync(join(dir, 'acl-services'), auth.serviceAclFile, { mode: 0o600 });
  };
  if (files) writeAuth(files);
  writeFileSync(
    join(dir, 'mosquitto.conf'),
    [
      ...(files
        ? [
            // As park-mosquitto: per-listener files, a packet limit, the client id bound to the username.
            'per_listener_settings true',
            `max_packet_size ${PARK_MOSQUITTO_MAX_PACKET_SIZE}`,
            `listener ${port} 127.0.0.1`,
            'allow_anonymous false',
            'use_username_as_clientid true',
            `password_file ${join(dir, 'passwd')}`,
            `acl_file ${join(dir, 'acl')}`,
            `listener ${servicePort} 127.0.0.1`,
            'allow_anonymous false',
            `password_file ${join(dir, 'passwd-services')}`,
            `acl_file ${join(dir, 'acl-services')}`,
          ]
        : [`listener ${port} 127.0.0.1`, 'allow_anonymous true']),
      'persistence false',
      'max_inflight_messages 20000',
      'max_queued_messages 2000000',
      'max_queued_bytes 0',
      'set_tcp_nodelay true',
      // Started as root (CI), Mosquitto would drop to the `mosquitto` user, who cannot read this private folder.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      `log_dest file ${join(dir, 'mosquitto.log')}`,
      'log_type error',
      'log_type warning',
      'log_type notice',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  child.once('exit', (code) => {
    if (code !== 0 && code !== null)
      process.stderr.write(`mosquitto exited with ${code}; log: ${dir}/mosquitto.log\n`);
  });
  await waitFor(`mosquitto on port ${port} (log: ${dir}/mosquitto.log)`, () => canConnect(port), 10_000, 50);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    serviceUrl: `mqtt://127.0.0.1:${servicePort}`,
    pid: child.pid ?? 0,
    dir,
    reload(auth) {
      writeAuth(auth);
      child.kill('SIGHUP');
      // Mosquitto applies a reload on its next loop iteration; the callers wait for its effect.
      return Promise.resolve();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
