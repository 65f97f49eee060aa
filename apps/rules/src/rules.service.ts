import { performance } from 'node:perf_hooks';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { BatchInfo, IncomingMessage } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import {
  decodeDeviceStatusEvent,
  decodeTelemetryRecord,
  topicName,
  type AlertEvent,
  type AlertEventType,
} from '@park/contracts';
import {
  AlertRepository,
  DeviceChangeListener,
  RECORDS,
  RuleRepository,
  RuleStateConflictError,
  RuleStateRepository,
  ruleStateKey,
  type RuleDeviceInfo,
  type RuleStateWrite,
  type StoredRuleState,
} from '@park/records';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BUILT_IN_RULES,
  compileRules,
  evaluate,
  mustPersist,
  parseSubjectKey,
  reviveState,
  RuleRouter,
  subjectKey,
  subjectSettings,
  type RoutedInput,
  type RuleState,
  type RuleSubject,
} from '@park/rules-engine';
import { AlertPublisher } from './alert-publisher';
import { MaintenanceService } from './maintenance.service';
import { RULES_CONFIG, type RulesConfig } from './rules.config';
import { RulesMetrics } from './rules-metrics';
import { IssueLog } from './issue-log';
import { SilenceWatch } from './silence-watch';

interface Pending {
  state: unknown;
  /** The stored version this state was computed from (0: none stored), and the state stored at that version. */
  readonly baseVersion: number;
  readonly stored: unknown;
  readonly routed: RoutedInput;
}

/** A (rule, subject)'s current state, and the state storage holds for it at `version` (mustPersist decides when). */
interface CachedRuleState {
  readonly state: unknown;
  readonly version: number;
  readonly stored: unknown;
}

const cachedFrom = (row: StoredRuleState): CachedRuleState => ({ ...row, stored: row.state });

const MAX_CONFLICT_RETRIES = 5;
const SLOW_BATCH_MS = 500;

/**
 * `park.telemetry.v1` + `park.device-status.v1` → rules engine → alerts. Per batch: route every input to its
 * (rule, subject) pairs, evaluate with the stored engine state, then write the alert changes and the new states in
 * ONE transaction, publish, and only then let the bus commit offsets. A crash anywhere replays the batch from the
 * last committed state: the engine ignores inputs at or before the last one it applied, so nothing is raised twice
 * and no duration timer is lost. States are cached in memory so the hot path reads no state, and written when a
 * change must survive a crash (`mustPersist`: every change but a device-offline rule's "last seen" alone); a version check on write catches another instance having moved a subject on (after a rebalance, or a line
 * whose meters sit on different partitions), and the batch is then evaluated again from the stored states.
 */
@Injectable()
export class RulesService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RulesService.name);
  private router = new RuleRouter([], subjectSettings([]));
  private devices = new Map<string, RuleDeviceInfo>();
  /** Disabled devices, so that their device-offline rules are told (an open offline alert clears). */
  private disabled = new Map<string, { id: string; kind: string; enterpriseId: string }>();
  /** Since when each enabled device has been watched for silence (this service's start, or its enabling). */
  private readonly watch = new SilenceWatch();
  /** A device added, enabled or disabled is picked up on the records' change notice, not only every refresh. */
  private deviceChanges: DeviceChangeListener | null = null;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private readonly cache = new Map<string, CachedRuleState>();
  private readonly lagByPartition = new Map<string, { messages: number; ms: number }>();
  private readonly issues = new IssueLog((line) => this.logger.warn(line));
  private refreshTimer: NodeJS.Timeout | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  /** Batches and ticks take turns: they share the state cache. */
  private queue: Promise<unknown> = Promise.resolve();
  private ticking: Promise<void> | null = null;

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rules: RuleRepository,
    private readonly alerts: AlertRepository,
    private readonly states: RuleStateRepository,
    private readonly publisher: AlertPublisher,
    private readonly maintenance: MaintenanceService,
    private readonly metrics: RulesMetrics,
    /** Only to hear device changes (on SQLite, from the records' own connection). */
    @Inject(RECORDS) private readonly records: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rules.ensureBuiltIns(BUILT_IN_RULES);
    await this.reloadRules();
    this.refreshTimer = setInterval(() => this.reloadSoon(), this.config.RULES_REFRESH_MS);
    this.deviceChanges = new DeviceChangeListener(this.records, () => this.reloadSoon());
    await this.deviceChanges.start();
    this.tickTimer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.warn(`tick failed: ${String(error)}`))
        .finally(() => {
          this.ticking = null;
        });
    }, this.config.RULES_TICK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    if (this.tickTimer) clearInterval(this.tickTimer);
    await this.deviceChanges?.close();
    await this.reloading;
    await this.ticking;
    await this.queue.catch(() => undefined);
  }

  async reloadRules(): Promise<void> {
    const [rows, devices, disabled] = await Promise.all([
      this.rules.enabled(),
      this.rules.devices(),
      this.rules.disabledDevices(),
    ]);
    this.devices = new Map(devices.map((d) => [d.id, d]));
    this.disabled = new Map(disabled.map((d) => [d.id, d]));
    this.watch.update(this.devices.keys(), this.clock.now());
    // The one pipeline (libs/rules-engine rule-router.ts): the rule dry-run compiles and routes with the same code.
    this.router = new RuleRouter(
      compileRules(rows, (message) => this.logger.error(message)),
      subjectSettings(devices),
      (message) => this.logger.warn(message),
    );
  }

  /** Reloads now, or once more after the reload in flight: reloads never overlap, so an older read never wins. */
  private reloadSoon(): void {
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    this.reloading = this.reloadRules()
      .catch((error: unknown) => this.logger.warn(`rule reload failed: ${String(error)}`))
      .finally(() => {
        this.reloading = null;
        if (this.reloadAgain) {
          this.reloadAgain = false;
          this.reloadSoon();
        }
      });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async handleBatch(
    messages: readonly IncomingMessage[],
    info?: Pick<BatchInfo, 'topic' | 'partition' | 'lag'>,
  ): Promise<void> {
    this.metrics.batches.inc();
    if (info && messages.length > 0) {
      const newest = messages[messages.length - 1].timestamp;
      this.lagByPartition.set(`${info.topic}/${info.partition}`, {
        messages: info.lag,
        ms: Math.max(0, this.clock.now() - newest),
      });
      this.metrics.consumerLag.set({ topic: info.topic, partition: info.partition }, info.lag);
    }
    const telemetry = topicName('telemetry', this.config.PARK_NAMESPACE);
    const routed: RoutedInput[] = [];
    for (const message of messages) {
      try {
        if (message.topic === telemetry) {
          routed.push(...this.router.reading(decodeTelemetryRecord(message.value)));
        } else {
          const event = decodeDeviceStatusEvent(message.value);
          routed.push(...this.router.status(event, this.devices.get(event.deviceId)));
        }
      } catch (error) {
        // Producers validated it; a violation here is a contract bug, not a reason to stop the partition.
        this.logger.error(`skipping ${message.topic} offset ${message.offset}: ${(error as Error).message}`);
      }
    }
    if (routed.length === 0) return;
    const started = performance.now();
    const changed = await this.exclusive(() => this.applyWithRetry(routed));
    const applied = performance.now();
    this.metrics.batchMs.observe(applied - started);
    if (changed) await this.publisher.flush();
    const took = performance.now() - started;
    if (took > SLOW_BATCH_MS) {
      this.logger.warn(
        `slow batch: ${messages.length} messages, ${routed.length} rule inputs, ${Math.round(applied - started)} ms evaluate+commit, ${Math.round(took - (applied - started))} ms publish`,
      );
    }
  }

  /**
   * Ticks time-driven rules for every subject they have state for, once the consumer has caught up; device-offline
   * rules for every enabled device, stored state or not (a device never heard from is judged too), with its
   * enrolment, and for every disabled device with stored state (its open offline condition clears).
   */
  async tick(): Promise<void> {
    if (!this.caughtUp()) return;
    const rules = this.router.all.filter((r) => r.takesTicks);
    if (rules.length === 0) return;
    // Read before taking the turn, so batches don't wait on it; a state a batch writes meanwhile has a higher version
    // than the row read here and stays as it is in the cache.
    const stored = await this.states.loadForRules(rules.map((r) => r.engine.id));
    const changed = await this.exclusive(async () => {
      const byId = new Map(rules.map((r) => [r.engine.id, r]));
      const routed: RoutedInput[] = [];
      for (const device of this.devices.values())
        routed.push(...this.router.silenceTicks(device, this.watch.enrolment(device.id)));
      for (const row of stored.values()) {
        const rule = byId.get(row.ruleId);
        const key = ruleStateKey(row.ruleId, row.subjectKey);
        const cached = this.cache.get(key);
        if (!cached || cached.version < row.version) this.cache.set(key, cachedFrom(row));
        const subject = parseSubjectKey(row.subjectKey);
        if (rule?.kind === 'device-offline') {
          // Enabled devices were ticked above, with their enrolment; a plain tick would judge them without it.
          const gone = subject?.type === 'device' ? this.disabled.get(subject.id) : undefined;
          if (gone) {
            routed.push(...this.router.silenceTicks(gone, { enabled: false }).filter((r) => r.rule === rule));
          }
          continue;
        }
        const routing = subject && this.routingOf(subject);
        if (!rule || !subject || !routing) continue;
        routed.push({
          rule,
          engine: this.router.engineForSubject(rule, row.subjectKey),
          ...routing,
          subjectKey: subjectKey(subject),
          input: { kind: 'tick' },
        });
      }
      return this.applyWithRetry(routed);
    });
    if (changed) await this.publisher.flush();
  }

  /** Where a tick of a stored subject goes: a device the service knows (null for one it does not), or a line. */
  private routingOf(
    subject: RuleSubject,
  ): Pick<RoutedInput, 'subjectType' | 'subjectId' | 'enterpriseId' | 'deviceId'> | null {
    if (subject.type === 'line')
      return { subjectType: 'line', subjectId: subject.id, enterpriseId: subject.enterpriseId, deviceId: '' };
    const device = this.devices.get(subject.id);
    return device
      ? {
          subjectType: 'device',
          subjectId: subject.id,
          enterpriseId: device.enterpriseId,
          deviceId: subject.id,
        }
      : null;
  }

  /**
   * Whether every partition's last batch left little behind, in messages and in time (the newest message handled was
   * appended to Kafka less than RULES_CAUGHT_UP_MS ago): only then does silence mean silence.
   */
  private caughtUp(): boolean {
    for (const lag of this.lagByPartition.values()) {
      if (lag.messages > this.config.RULES_CAUGHT_UP_LAG || lag.ms > this.config.RULES_CAUGHT_UP_MS)
        return false;
    }
    return true;
  }

  private async applyWithRetry(routed: readonly RoutedInput[]): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.apply(routed);
      } catch (error) {
        if (!(error instanceof RuleStateConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        this.logger.warn(`${error.message}; evaluating the batch again from the stored states`);
        this.cache.clear();
      }
    }
  }

  /** Evaluates, then commits alert changes and states in one transaction; returns whether any event was written. */
  private async apply(routed: readonly RoutedInput[]): Promise<boolean> {
    const now = this.clock.now();
    const missing = new Map<string, { ruleId: string; subjectKey: string }>();
    for (const r of routed) {
      const key = ruleStateKey(r.rule.engine.id, r.subjectKey);
      if (!this.cache.has(key)) missing.set(key, { ruleId: r.rule.engine.id, subjectKey: r.subjectKey });
    }
    if (missing.size > 0) {
      const loaded = await this.states.load([...missing.values()]);
      for (const key of missing.keys())
        this.cache.set(key, cachedFrom(loaded.get(key) ?? { state: null, version: 0 }));
    }

    const pending = new Map<string, Pending>();
    const ops: ((em: EntityManager) => Promise<AlertEvent | null>)[] = [];
    for (const r of routed) {
      const key = ruleStateKey(r.rule.engine.id, r.subjectKey);
      const base = this.cache.get(key) ?? { state: null, version: 0, stored: null };
      const current = pending.get(key);
      const result = evaluate(r.engine, current ? current.state : base.state, r.input, now);
      const entry = current ?? {
        state: base.state,
        baseVersion: base.version,
        stored: base.stored,
        routed: r,
      };
      entry.state = result.state;
      pending.set(key, entry);
      for (const issue of result.issues) {
        this.issues.note(
          {
            ruleId: r.rule.engine.id,
            ruleName: r.rule.engine.name.en,
            subjectKey: r.subjectKey,
            code: issue.code,
            message: issue.message.en,
          },
          now,
        );
      }
      for (const verdict of result.verdicts) {
        if (verdict.action === 'trigger') {
          ops.push((em) =>
            this.alerts.triggerIn(em, {
              ruleId: r.rule.engine.id,
              subjectType: r.subjectType,
              subjectId: r.subjectId,
              deviceId: r.deviceId || null,
              enterpriseId: r.enterpriseId,
              metric: r.rule.metric,
              unit: verdict.unit,
              level: verdict.level,
              severity: verdict.severity,
              change: verdict.change,
              value: verdict.value,
              limit: verdict.limit,
              readingTs: verdict.ts,
              at: now,
              explanation: verdict.explanation,
              repeatEventEveryMs: this.config.REPEAT_EVENT_EVERY_MS,
              holdBack: this.maintenance.holdBack(
                {
                  enterpriseId: r.enterpriseId,
                  subjectType: r.subjectType,
                  subjectId: r.subjectId,
                  line: r.subjectType === 'device' ? (this.devices.get(r.subjectId)?.line ?? null) : null,
                },
                verdict.ts,
              ),
            }),
          );
        } else {
          // A rule that does not auto-resolve still resolves an alert it held back: nobody saw it, and its
          // condition is over, so it must not go live when the window ends.
          const suppressedOnly = !r.rule.autoResolve;
          ops.push((em) =>
            this.alerts.clearIn(em, {
              ruleId: r.rule.engine.id,
              subjectType: r.subjectType,
              subjectId: r.subjectId,
              enterpriseId: r.enterpriseId,
              readingTs: verdict.ts,
              at: now,
              explanation: verdict.explanation,
              suppressedOnly,
            }),
          );
        }
      }
    }
    this.issues.flush(now);
    const writes: RuleStateWrite[] = [];
    for (const [key, p] of pending) {
      const stored =
        p.stored === null ? null : reviveState(p.routed.rule.engine.definition, p.stored, now).state;
      if (!mustPersist(p.routed.rule.engine.definition, stored, p.state as RuleState)) {
        // Kept in memory only, on top of the version storage still holds.
        this.cache.set(key, { state: p.state, version: p.baseVersion, stored: p.stored });
        continue;
      }
      const [ruleId] = key.split('|');
      writes.push({ ruleId, subjectKey: p.routed.subjectKey, state: p.state, version: p.baseVersion });
    }
    if (writes.length === 0 && ops.length === 0) return false;
    const events: AlertEventType[] = [];
    const versions = await this.alerts.transaction(async (em) => {
      for (const op of ops) {
        const event = await op(em);
        if (event) events.push(event.type);
      }
      return this.states.saveIn(em, writes, now);
    });
    this.metrics.countAlertEvents(events);
    for (const w of writes) {
      const key = ruleStateKey(w.ruleId, w.subjectKey);
      this.cache.set(key, { state: w.state, version: versions.get(key) ?? w.version + 1, stored: w.state });
    }
    return events.length > 0;
  }
}
