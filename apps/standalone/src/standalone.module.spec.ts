import 'reflect-metadata';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { apiConfigSpec } from '@apps/api';
import { hj212BridgeConfigSpec } from '@apps/hj212-bridge';
import { ingestionConfigSpec } from '@apps/ingestion';
import { rulesConfigSpec } from '@apps/rules';
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

  beforeAll(async () => {
    const env = { DATABASE_URL: 'sqlite::memory:', BUS: 'in-process', JWT_SECRET: 'x'.repeat(40) };
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

  it('has the infrastructure once, global, closed after every feature', () => {
    for (const name of ['ClockModule', 'RecordsModule', 'BusModule', 'TelemetryStoreModule'])
      expect(depth.get(name)).toBe(Number.MAX_VALUE);
  });
});
