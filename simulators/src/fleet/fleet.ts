/**
 * The fleet runner: one connection per device, each device publishing on its own (jittered) interval in sim time,
 * scenarios switched on and off while it runs. Tests and benchmarks drive it through this class; the CLI is a thin
 * shell around it.
 */
import { randomBytes } from 'node:crypto';
import { SystemClock, type Clock } from '@park/clock';
import { formatDuration } from '../duration';
import type { Episode } from '../models/scenarios';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { connectMqttDevice } from '../runtime/mqtt-device-connection';
import type { DeviceConnection, DeviceConnector } from './device-connection';
import {
  DEFAULT_JITTER,
  DeviceSimulator,
  type OutgoingMessage,
  type ScenarioChange,
} from './device-simulator';
import { scheduleOf, type FleetManifest, type ManifestDevice } from './manifest';
import { SimClock } from './sim-clock';

export interface FleetOptions {
  readonly brokerUrl: string;
  readonly manifest: FleetManifest;
  /** Same seed, same readings. Default 1. */
  readonly seed?: number;
  /** Sim-time acceleration. Default 1 (real time). */
  readonly speed?: number;
  /** Sim time at start (epoch ms). Default: the wall clock's now. See `defaultSimStart`. */
  readonly simStart?: number;
  /** ± share of each interval. Default 0.1. */
  readonly jitter?: number;
  /** The MQTT password of a device; default: the manifest's `password`. */
  readonly passwordFor?: (device: ManifestDevice) => string | null;
  readonly wallClock?: Clock;
  readonly connect?: DeviceConnector;
  /** MQTT 5 (default) or 3.1.1 (4), for brokers that speak only 3.1.1 such as the standalone mode's aedes. */
  readonly mqttProtocolVersion?: 4 | 5;
  /** Unacknowledged messages a device keeps before it drops new ones (a device's buffer is finite). Default 100. */
  readonly maxInFlight?: number;
  /** Connections opened at once during start-up. Default 20. */
  readonly connectConcurrency?: number;
  /** Called with each message a device put on the wire (for benchmarks and tests). */
  readonly onPublish?: (deviceId: string, message: OutgoingMessage) => void;
  readonly log?: (line: string) => void;
}

export interface DeviceStats {
  readonly id: string;
  readonly kind: string;
  readonly connected: boolean;
  /** Messages handed to the broker connection. */
  readonly published: number;
  /** Of those, acknowledged by the broker (PUBACK). */
  readonly acked: number;
  readonly failed: number;
  /** Deliberately invalid messages (bad-payloads). */
  readonly bad: number;
  /** Reports not sent because the device was silent or its connection was down. */
  readonly skipped: number;
  /** Reports dropped because too many were still unacknowledged. */
  readonly overflow: number;
  /** Sim time of the last report sent, or null. */
  readonly lastTs: number | null;
}

export interface FleetStats {
  readonly simNow: number;
  readonly devices: readonly DeviceStats[];
  readonly totals: Omit<DeviceStats, 'id' | 'kind' | 'connected' | 'lastTs'>;
}

interface Runner {
  readonly sim: DeviceSimulator;
  readonly device: ManifestDevice;
  connection: DeviceConnection | null;
  /** A reconnection under way (after `silent drop` is switched off). */
  reconnecting: Promise<void> | null;
  due: number;
  timer: NodeJS.Timeout | null;
  readonly inFlight: Set<Promise<void>>;
  stats: { published: number; acked: number; failed: number; bad: number; skipped: number; overflow: number };
  lastTs: number | null;
}

export class Fleet {
  private simClock: SimClock;
  private readonly runners = new Map<string, Runner>();
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly log: (line: string) => void;
  private readonly clientTag = randomBytes(3).toString('hex');
  private stopped = false;
  private readonly wall: Clock;

  private constructor(private readonly options: FleetOptions) {
    this.wall = options.wallClock ?? new SystemClock();
    this.simClock = new SimClock(this.wall, options.speed ?? 1, options.simStart ?? this.wall.now());
    this.log = options.log ?? (() => undefined);
    const seed = options.seed ?? 1;
    for (const device of options.manifest.devices) {
      const sim = new DeviceSimulator(
        device,
        scheduleOf(options.manifest, device),
        seed,
        options.jitter ?? DEFAULT_JITTER,
      );
      this.runners.set(device.id, {
        sim,
        device,
        connection: null,
        reconnecting: null,
        due: sim.firstDue(this.clock.simStart),
        timer: null,
        inFlight: new Set(),
        stats: { published: 0, acked: 0, failed: 0, bad: 0, skipped: 0, overflow: 0 },
        lastTs: null,
      });
    }
  }

  /** The fleet's sim clock: what its timestamps and scenarios are measured in. */
  get clock(): SimClock {
    return this.simClock;
  }

  /** Connects every device (failing as a whole if one cannot connect), then starts publishing. */
  static async start(options: FleetOptions): Promise<Fleet> {
    const fleet = new Fleet(options);
    await fleet.connectAll();
    // Sim time starts when publishing does, not before the connection storm.
    fleet.simClock = new SimClock(fleet.wall, fleet.simClock.speed, fleet.simClock.simStart);
    for (const runner of fleet.runners.values()) fleet.schedule(runner);
    const { speed, simStart } = fleet.clock;
    fleet.log(
      `${fleet.runners.size} devices connected to ${options.brokerUrl}; sim clock from ${new Date(simStart).toISOString()}` +
        (speed === 1 ? ' (real time)' : ` at ×${speed}`),
    );
    return fleet;
  }

  private async connectAll(): Promise<void> {
    const queue = [...this.runners.values()];
    const failures: SimulatorException[] = [];
    const worker = async () => {
      for (let r = queue.shift(); r && failures.length === 0; r = queue.shift()) {
        try {
          r.connection = await this.connect(r.device);
        } catch (error) {
          failures.push(
            error instanceof SimulatorException
              ? error
              : new SimulatorException(SimulatorErrorCode.CONNECT_FAILED, String(error)),
          );
        }
      }
    };
    const concurrency = Math.max(1, this.options.connectConcurrency ?? 20);
    await Promise.all(Array.from({ length: Math.min(concurrency, this.runners.size) }, worker));
    if (failures.length > 0) {
      await this.closeAll();
      throw failures[0];
    }
  }

  private connect(device: ManifestDevice): Promise<DeviceConnection> {
    const connector = this.options.connect ?? connectMqttDevice;
    return connector({
      brokerUrl: this.options.brokerUrl,
      deviceId: device.id,
      clientId: `${device.id}-sim-${this.clientTag}`,
      password: this.options.passwordFor ? this.options.passwordFor(device) : device.password,
      announceOnline: true,
      protocolVersion: this.options.mqttProtocolVersion ?? 5,
      onProblem: (message) => this.log(message),
    });
  }

  private schedule(runner: Runner): void {
    if (this.stopped) return;
    runner.timer = setTimeout(() => this.tick(runner), this.clock.wallDelayUntil(runner.due));
  }

  private tick(runner: Runner): void {
    runner.timer = null;
    // Catch up without a timer per report when the event loop fell behind (high --speed, busy machine).
    for (let i = 0; i < 50 && !this.stopped && runner.due <= this.clock.now(); i++) {
      this.report(runner, runner.due);
      runner.due = runner.sim.nextDue(runner.due);
    }
    this.schedule(runner);
  }

  private report(runner: Runner, ts: number): void {
    const message = runner.sim.messageAt(ts, this.clock.wallNow());
    const { stats } = runner;
    const connection = runner.connection;
    if (message === null || connection === null) {
      stats.skipped++;
      return;
    }
    if (runner.inFlight.size >= (this.options.maxInFlight ?? 100)) {
      stats.overflow++;
      return;
    }
    stats.published++;
    if (message.bad) stats.bad++;
    runner.lastTs = ts;
    const sent: Promise<void> = connection.publishTelemetry(message.payload).then(
      () => {
        stats.acked++;
      },
      (error: unknown) => {
        stats.failed++;
        if (stats.failed === 1 || stats.failed % 100 === 0)
          this.log(`${runner.sim.id}: publish failed (${stats.failed} so far): ${(error as Error).message}`);
      },
    );
    runner.inFlight.add(sent);
    void sent.finally(() => runner.inFlight.delete(sent));
    this.options.onPublish?.(runner.sim.id, message);
  }

  /**
   * Switches a scenario on or off now (sim time). Throws a SimulatorException for an unknown device, a scenario
   * that does not apply to it, or a bad parameter. Returns what happened, for the log.
   */
  setScenario(deviceId: string, change: ScenarioChange): string {
    const runner = this.runner(deviceId);
    const line = runner.sim.setScenario(change, this.clock.now());
    if (change.name === 'silent') {
      if (change.on && runner.sim.silentMode(this.clock.now()) === 'drop' && runner.connection) {
        runner.connection.drop();
        runner.connection = null;
      } else if (!change.on && runner.connection === null && !runner.reconnecting) {
        runner.reconnecting = this.reconnect(runner);
      }
    }
    this.log(line);
    return line;
  }

  /** Switches a scenario at sim time `at` (in the future); checked now, so mistakes surface at once. */
  scheduleScenario(deviceId: string, change: ScenarioChange, at: number): void {
    this.runner(deviceId).sim.checkScenario(change);
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (this.stopped) return;
      try {
        this.setScenario(deviceId, change);
      } catch (error) {
        this.log(`scheduled scenario failed: ${(error as Error).message}`);
      }
    }, this.clock.wallDelayUntil(at));
    this.pending.add(timer);
    this.log(
      `${deviceId}: ${change.name} ${change.on ? 'on' : 'off'} scheduled at ${new Date(at).toISOString()}`,
    );
  }

  private async reconnect(runner: Runner): Promise<void> {
    try {
      const connection = await this.connect(runner.device);
      if (this.stopped) await connection.close();
      else runner.connection = connection;
      this.log(`${runner.sim.id}: reconnected`);
    } catch (error) {
      this.log(`${runner.sim.id}: reconnect failed: ${(error as Error).message}`);
    } finally {
      runner.reconnecting = null;
    }
  }

  private runner(deviceId: string): Runner {
    const runner = this.runners.get(deviceId);
    if (!runner) {
      throw new SimulatorException(
        SimulatorErrorCode.UNKNOWN_DEVICE,
        `no device "${deviceId}" in this fleet (${[...this.runners.keys()].slice(0, 5).join(', ')}${this.runners.size > 5 ? ', …' : ''})`,
      );
    }
    return runner;
  }

  /** Scenarios running now, per device. */
  scenarios(): { deviceId: string; episodes: Episode[] }[] {
    const now = this.clock.now();
    return [...this.runners.values()]
      .map((r) => ({ deviceId: r.sim.id, episodes: r.sim.running(now) }))
      .filter((x) => x.episodes.length > 0);
  }

  deviceIds(): string[] {
    return [...this.runners.keys()];
  }

  stats(): FleetStats {
    const devices = [...this.runners.values()].map((r) => ({
      id: r.sim.id,
      kind: r.sim.kind,
      connected: r.connection?.connected ?? false,
      ...r.stats,
      lastTs: r.lastTs,
    }));
    const sum = (k: keyof Runner['stats']) => devices.reduce((n, d) => n + d[k], 0);
    return {
      simNow: this.clock.now(),
      devices,
      totals: {
        published: sum('published'),
        acked: sum('acked'),
        failed: sum('failed'),
        bad: sum('bad'),
        skipped: sum('skipped'),
        overflow: sum('overflow'),
      },
    };
  }

  /** Stops publishing, waits (a little) for outstanding acknowledgements and disconnects cleanly: no last wills. */
  async stop(): Promise<FleetStats> {
    if (!this.stopped) {
      this.stopped = true;
      for (const timer of this.pending) clearTimeout(timer);
      this.pending.clear();
      for (const r of this.runners.values()) if (r.timer) clearTimeout(r.timer);
      const wallStart = this.clock.wallNow();
      await Promise.all([...this.runners.values()].map((r) => r.reconnecting ?? Promise.resolve()));
      await settleWithin(
        [...this.runners.values()].flatMap((r) => [...r.inFlight]),
        5000,
      );
      await this.closeAll();
      this.log(`stopped after draining for ${formatDuration(this.clock.wallNow() - wallStart)}`);
    }
    return this.stats();
  }

  private async closeAll(): Promise<void> {
    await Promise.all(
      [...this.runners.values()].map(async (r) => {
        const c = r.connection;
        r.connection = null;
        await c?.close().catch(() => undefined);
      }),
    );
  }
}

async function settleWithin(promises: Promise<void>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
