import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@park/config';
import { ParkLogger } from '@park/logging';
import { standaloneConfigSpec } from './standalone.config';
import { runControlLine } from '../../../simulators/src/control-console';
import { DataFolderInUseError } from './platform-lock';
import { startStandalone } from './standalone';

/** `npm start`: the whole platform in one process on embedded defaults, with the demo park and its simulator. */
async function main(): Promise<void> {
  const config = loadConfigOrExit('standalone', standaloneConfigSpec);
  // Before anything logs: the records' and the seed's lines too follow LOG_LEVEL.
  Logger.overrideLogger(new ParkLogger(config.LOG_LEVEL));
  const platform = await startStandalone(config);
  const users = platform.logins.users.map((u) => `${u.username} (${u.role})`).join(', ');
  const simulator = platform.fleet
    ? [
        `  Simulator:     ${platform.fleet.stats().devices.length} demo devices publishing (SIMULATE=false to switch off)`,
        '  Scenarios:     type e.g. "gas-leak demo-gas-001 on", "treatment-off demo-meter-002 on", "help"',
        config.DEMO_TIMELINE
          ? '  Demo timeline: gas leak +1 min, smoke alarm +3, overpressure +10, treatment off +15, every hour (DEMO_TIMELINE=false to switch off)'
          : '  Demo timeline: off',
      ]
    : ['  Simulator:     off'];
  const banner = [
    '',
    '  智慧园区监测平台 Smart park platform — standalone mode',
    `  Web platform:  ${platform.webUrl}`,
    `  Logins:        ${users}; password "${platform.logins.password}" unless changed since the first start`,
    `  MQTT broker:   ${platform.mqttUrl}   (devices: username = device id, password = its secret)`,
    `  Telemetry:     ${platform.telemetry === 'embedded' ? 'embedded store' : 'InfluxDB'}; operations: ${platform.opsUrl}/metrics`,
    platform.hj212
      ? `  HJ 212:        ${platform.hj212.url}   (data loggers: MN, device and PW hash in ${platform.hj212.devicesFile}; HJ212=false to switch off)`
      : '  HJ 212:        off',
    `  Data folder:   ${platform.dataDir}   (kept across restarts; delete it to start over)`,
    ...simulator,
    '  Stop:          Ctrl-C',
    '',
  ];
  process.stdout.write(`${banner.join('\n')}\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping…\n`);
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  const fleet = platform.fleet;
  if (fleet) {
    // The simulator's control commands, typed while it runs (docs/simulator.md): scenarios on and off, status.
    createInterface({ input: process.stdin, terminal: false }).on('line', (line) => {
      if (runControlLine(line, fleet, (text) => process.stdout.write(text)) === 'quit') shutdown('quit');
    });
  }
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // A folder in use is the user's situation, not a bug: one line, no stack.
  const why =
    error instanceof DataFolderInUseError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`standalone failed to start: ${why}\n`);
  process.exit(1);
});
