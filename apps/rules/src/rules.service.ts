import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { MESSAGE_BUS, type IncomingMessage, type MessageBus, type Subscription } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import { decodeTelemetryRecord, metricSpec, topicName, type TelemetryRecord } from '@park/contracts';
import { AlertRepository, RuleRepository } from '@park/records';
import { DEFAULT_RULES, evaluateThreshold, type Rule, type ThresholdLevel } from '@park/rules-engine';
import { AlertPublisher } from './alert-publisher';
import { compileRules } from './rule-set';
import { RULES_CONFIG, type RulesConfig } from './rules.config';

/**
 * `park.telemetry.v1` → rules → alerts. The state that matters across readings (is an alert open, at which level,
 * up to which reading) lives in PostgreSQL, so a restart or a replay of the topic neither loses nor duplicates.
 */
@Injectable()
export class RulesService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RulesService.name);
  private rulesByKind = new Map<string, Rule[]>();
  private refreshTimer: NodeJS.Timeout | null = null;
  private subscription: Subscription | null = null;

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rules: RuleRepository,
    private readonly alerts: AlertRepository,
    private readonly publisher: AlertPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rules.ensureBuiltIns(DEFAULT_RULES);
    await this.reloadRules();
    this.refreshTimer = setInterval(() => {
      this.reloadRules().catch((error: unknown) => this.logger.warn(`rule reload failed: ${String(error)}`));
    }, this.config.RULES_REFRESH_MS);
    const ns = this.config.PARK_NAMESPACE;
    this.subscription = await this.bus.consume(
      {
        groupId: ns ? `rules.${ns}` : 'rules',
        topics: [topicName('telemetry', ns)],
        fromBeginning: true,
        // Alerts are latency-critical: don't let the broker hold a fetch for kafkajs' default 5 s.
        maxWaitMs: 20,
      },
      (messages) => this.handleBatch(messages),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await this.subscription?.close();
  }

  async reloadRules(): Promise<void> {
    this.rulesByKind = compileRules(await this.rules.enabled());
  }

  async handleBatch(messages: readonly IncomingMessage[]): Promise<void> {
    let changed = false;
    for (const message of messages) {
      let record: TelemetryRecord;
      try {
        record = decodeTelemetryRecord(message.value);
      } catch (error) {
        // Ingestion validated it; a violation here is a contract bug, not a reason to stop the partition.
        this.logger.error(`skipping offset ${message.offset}: ${(error as Error).message}`);
        continue;
      }
      changed = (await this.evaluate(record)) || changed;
    }
    if (changed) await this.publisher.flush();
  }

  /** Evaluates one reading against every rule for its kind; returns whether any alert changed. */
  private async evaluate(record: TelemetryRecord): Promise<boolean> {
    let changed = false;
    for (const rule of this.rulesByKind.get(record.kind) ?? []) {
      const value = record.values[rule.metric];
      const spec = metricSpec(record.kind, rule.metric);
      if (value === undefined || !spec) continue;
      const open = await this.alerts.findUnresolved(rule.id, record.deviceId);
      const verdict = evaluateThreshold(rule, spec, value, (open?.level ?? 0) as ThresholdLevel);
      if (verdict.action === 'trigger') {
        const event = await this.alerts.trigger({
          ruleId: rule.id,
          deviceId: record.deviceId,
          enterpriseId: record.enterpriseId,
          metric: rule.metric,
          unit: spec.unit,
          level: verdict.level,
          direction: rule.params.direction,
          severity: verdict.severity,
          value: verdict.value,
          limit: verdict.limit,
          readingTs: record.ts,
          at: this.clock.now(),
          explanation: verdict.explanation,
        });
        changed = changed || event !== null;
      } else if (verdict.action === 'clear' && open && rule.autoResolve) {
        const event = await this.alerts.clear({
          alertId: open.id,
          readingTs: record.ts,
          at: this.clock.now(),
          explanation: verdict.explanation,
        });
        changed = changed || event !== null;
      }
    }
    return changed;
  }
}
