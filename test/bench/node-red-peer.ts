/**
 * The peer in the ingestion benchmark: Node-RED with node-red-contrib-influxdb running an MQTT in (QoS 1,
 * persistent session) → function → InfluxDB out flow on the same broker and InfluxDB. Installed on first use into
 * test/bench/.peers (git-ignored; not a dependency of the platform).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/mosquitto-instance';
import { cpuSeconds, peakRssMiB, REPO, stopChild } from './bench-support';

const PEERS = join(REPO, 'test/bench/.peers');
const NODE_RED_VERSION = '4.1.8';
const INFLUX_NODE_VERSION = '0.7.0';

export interface PeerStep {
  readonly rate: number;
  readonly acked: number;
  readonly ackedPerSecond: number;
  readonly stored: number;
  readonly cpuPer1000: number;
  readonly rssMiB: number;
}

export interface PeerOptions {
  readonly brokerUrl: string;
  readonly influxUrl: string;
  readonly database: string;
  readonly rates: readonly number[];
  step(prefix: string, runId: string, rate: number): Promise<{ acked: number; ackedPerSecond: number }>;
  stored(prefix: string, runId: string, expected: number): Promise<{ count: number }>;
}

function ensureInstalled(): string {
  const red = join(PEERS, 'node_modules/node-red/red.js');
  if (!existsSync(red) || !existsSync(join(PEERS, 'node_modules/node-red-contrib-influxdb'))) {
    mkdirSync(PEERS, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefix',
        PEERS,
        `node-red@${NODE_RED_VERSION}`,
        `node-red-contrib-influxdb@${INFLUX_NODE_VERSION}`,
      ],
      { stdio: 'ignore' },
    );
  }
  return red;
}

export async function runNodeRedPeer(options: PeerOptions): Promise<PeerStep[]> {
  const red = ensureInstalled();
  const userDir = mkdtempSync(join(tmpdir(), 'park-node-red-'));
  const broker = new URL(options.brokerUrl);
  const influx = new URL(options.influxUrl);
  const flows = [
    { id: 'bench', type: 'tab', label: 'bench' },
    {
      id: 'broker',
      type: 'mqtt-broker',
      broker: broker.hostname,
      port: broker.port,
      clientid: 'node-red-bench',
      autoConnect: true,
      usetls: false,
      protocolVersion: '4',
      keepalive: '60',
      cleansession: false,
    },
    {
      id: 'in',
      type: 'mqtt in',
      z: 'bench',
      topic: 'park/v1/devices/+/telemetry',
      qos: '1',
      datatype: 'json',
      broker: 'broker',
      inputs: 0,
      wires: [['fn']],
    },
    {
      id: 'fn',
      type: 'function',
      z: 'bench',
      func: "const v = msg.payload.values; msg.payload = [{ kw: v.kw, voltage: v.voltage, current: v.current, time: new Date(msg.payload.ts) }, { device: msg.topic.split('/')[3], kind: 'power-meter' }]; return msg;",
      outputs: 1,
      wires: [['out']],
    },
    {
      id: 'influx',
      type: 'influxdb',
      hostname: influx.hostname,
      port: influx.port,
      protocol: 'http',
      database: options.database,
      name: '',
      usetls: false,
      influxdbVersion: '1.x',
    },
    {
      id: 'out',
      type: 'influxdb out',
      z: 'bench',
      influxdb: 'influx',
      name: '',
      measurement: 'power_meter',
      precision: 'ms',
      retentionPolicy: 'raw',
      wires: [],
    },
  ];
  writeFileSync(join(userDir, 'flows.json'), JSON.stringify(flows));
  const port = await freePort();
  const child = spawn(process.execPath, [red, '--userDir', userDir, '--port', String(port), 'flows.json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Node-RED's own log, for reading what it did under load (it logs each failed InfluxDB write).
  mkdirSync(join(REPO, 'test-output/bench'), { recursive: true });
  const log = createWriteStream(join(REPO, 'test-output/bench/node-red.log'));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Node-RED did not start its flows in 60 s')), 60_000);
      let seen = '';
      child.stdout?.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('Connected to broker')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`Node-RED exited ${code}: ${seen.slice(-500)}`)));
    });
    const results: PeerStep[] = [];
    for (const rate of options.rates) {
      if (exited) throw new Error('Node-RED exited during the run (test-output/bench/node-red.log)');
      const runId = `nr${rate}`;
      const cpuBefore = cpuSeconds(child.pid!);
      const report = await options.step('nr', runId, rate);
      const { count } = await options.stored('nr', runId, report.acked);
      results.push({
        rate,
        acked: report.acked,
        ackedPerSecond: report.ackedPerSecond,
        stored: count,
        cpuPer1000: ((cpuSeconds(child.pid!) - cpuBefore) / report.acked) * 1000,
        rssMiB: peakRssMiB(child.pid!),
      });
    }
    return results;
  } finally {
    await stopChild(child);
    rmSync(userDir, { recursive: true, force: true });
  }
}
