import 'reflect-metadata';
import { MetadataScanner, ModulesContainer, NestFactory } from '@nestjs/core';
import { ListenerMetadataExplorer } from '@nestjs/microservices/listener-metadata-explorer';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { apiBusSettings, apiConfigSpec } from '@apps/api';
import { hj212BridgeConfigSpec } from '@apps/hj212-bridge';
import { ingestionConfigSpec } from '@apps/ingestion';
import { rulesBusSettings, rulesConfigSpec } from '@apps/rules';
import { planConsumers, type DeclaredHandler } from '@park/bus';
import { loadConfig } from '@park/config';
import type { DataSource } from 'typeorm';
import { standaloneConfigSpec } from './standalone.config';
import { StandaloneModule } from './standalone.module';

/**
 * The standalone app's start and stop order comes from where Nest places its modules (deepest bootstrapped first,
 * shallowest shut down first). Preview mode scans the modules without running a provider: no records, no ports.
 */
describe('StandaloneModule: one Nest application, started and stopped in dependency order', () => {
  let depth: Map<string, number>;
  let controllers: string[];
  let handlers: DeclaredHandler[];
  let settings: Parameters<typeof planConsumers>[1];

  beforeAll(async () => {
    const env = {
      DATABASE_URL: 'sqlite::memory:',
      BUS: 'in-process',
      JWT_SECRET: 'x'.repeat(40),
      PARK_NAMESPACE: 'ns',
      API_INSTANCE_ID: 'standalone',
    };
    const app = await NestFactory.create<NestExpressApplication>(
      StandaloneModule.forRoot({
        records: {} as DataSource,
        ingestion: loadConfig(ingestionConfigSpec, { ...env, RUN_MQTT_INGRESS: 'false' }),
        rules: loadConfig(rulesConfigSpec, env),
        api: loadConfig(apiConfigSpec, env),
        broker: loadConfig(standaloneConfigSpec, {}),
        operations: { host: '127.0.0.1', port: 0 },
        hj212: loadConfig(hj212BridgeConfigSpec, {
          MQTT_URL: 'mqtt://127.0.0.1:1883',
          HJ212_DEVICES_FILE: '/nonexistent.json',
        }),
      }),
      { preview: true, logger: false },
    );
    const modules = [...app.get(ModulesContainer).values()];
    depth = new Map(modules.map((m) => [m.metatype.name, m.distance]));
    controllers = modules.flatMap((m) => [...m.controllers.values()].map((c) => String(c.name)));
    // The @EventPattern handlers of every controller, as Nest's listeners hand them to the bus server.
    const explorer = new ListenerMetadataExplorer(new MetadataScanner());
    handlers = modules
      .flatMap((m) => [...m.controllers.values()])
      .flatMap((c) => explorer.explore(Object.create((c.metatype as { prototype: object }).prototype) as object))
      .flatMap((d) =>
        d.patterns.map((pattern) => ({
          pattern: pattern as string,
          handler: d.targetCallback,
          isEventHandler: d.isEventHandler,
          extras: d.extras ?? {},
        })),
      );
    settings = {
      ...apiBusSettings(loadConfig(apiConfigSpec, env)),
      overrides: rulesBusSettings(loadConfig(rulesConfigSpec, { ...env, RULES_MAX_WAIT_MS: '15' })).overrides,
    };
    await app.close();
  });

  it('stops the HJ 212 bridge before the broker it publishes into, and the broker before ingestion', () => {
    expect(depth.get('Hj212BridgeModule')).toBeLessThan(depth.get('EmbeddedBrokerModule')!);
    expect(depth.get('EmbeddedBrokerModule')).toBeLessThan(depth.get('IngestionFeaturesModule')!);
    expect(depth.get('OperationsPortModule')).toBeLessThan(depth.get('IngestionFeaturesModule')!);
  });

  it('stops the rules engine before the outbox relay it publishes through', () => {
    expect(depth.get('RulesEngineModule')).toBeLessThan(depth.get('MaintenanceModule')!);
    expect(depth.get('MaintenanceModule')).toBeLessThan(depth.get('AlertRelayModule')!);
    expect(depth.get('AlertRelayModule')).toBeLessThan(depth.get('RulesCoreModule')!);
  });

  it("serves no operations route of the rules microservice: the API's guards would cover it, OPS_PORT has /health", () => {
    expect(controllers).toContain('HealthController'); // the API's routes are there
    expect(controllers).not.toContain('RulesOperationsController');
    expect(controllers).not.toContain('OperationsController');
  });

  it('consumes the bus in the groups the microservices use, under the names they always had (their offsets stay)', () => {
    const plans = planConsumers(handlers, settings).map((p) => p.options);
    expect(plans).toEqual(
      expect.arrayContaining([
        {
          groupId: 'telemetry-writer.ns',
          topics: ['park.telemetry.v1.ns'],
          fromBeginning: true,
          maxWaitMs: 250,
        },
        {
          groupId: 'device-liveness.ns',
          topics: ['park.telemetry.v1.ns'],
          fromBeginning: false,
          maxWaitMs: 250,
        },
        {
          groupId: 'rules.ns',
          topics: ['park.telemetry.v1.ns', 'park.device-status.v1.ns'],
          fromBeginning: true,
          maxWaitMs: 15,
        },
        { groupId: 'api.standalone.ns', topics: ['park.alerts.v1.ns'], fromBeginning: false, maxWaitMs: 20 },
        {
          groupId: 'api.standalone.telemetry.ns',
          topics: ['park.telemetry.v1.ns'],
          fromBeginning: false,
          maxWaitMs: 100,
        },
        {
          groupId: 'api.standalone.device-status.ns',
          topics: ['park.device-status.v1.ns'],
          fromBeginning: false,
          maxWaitMs: 100,
        },
      ]),
    );
    expect(plans).toHaveLength(6);
  });

  it('has the infrastructure once, global, closed after every feature', () => {
    for (const name of ['ClockModule', 'RecordsModule', 'BusModule', 'TelemetryStoreModule'])
      expect(depth.get(name)).toBe(Number.MAX_VALUE);
  });
});
