import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for';

/** A real Mosquitto started for one test file on a free loopback port, with the given password and ACL files. */
export interface MosquittoInstance {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
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
  /** Password and ACL files; without them the broker is anonymous. */
  readonly auth?: { readonly passwordFile: string; readonly aclFile: string };
}

/**
 * Starts Mosquitto with the settings park-mosquitto uses in production (deploy/local/mosquitto): a wide in-flight
 * window and a queue that keeps a persistent session's backlog instead of dropping it.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoInstance> {
  const files = options.auth;
  const dir = mkdtempSync(join(tmpdir(), 'park-mosquitto-'));
  const port = await freePort();
  if (files) {
    writeFileSync(join(dir, 'passwd'), files.passwordFile, { mode: 0o600 });
    writeFileSync(join(dir, 'acl'), files.aclFile, { mode: 0o600 });
  }
  writeFileSync(
    join(dir, 'mosquitto.conf'),
    [
      `listener ${port} 127.0.0.1`,
      ...(files
        ? ['allow_anonymous false', `password_file ${join(dir, 'passwd')}`, `acl_file ${join(dir, 'acl')}`]
        : ['allow_anonymous true']),
      'persistence false',
      'max_inflight_messages 2000',
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
