import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { connectBusConsumers } from '@park/bus';
import { loadConfigOrExit } from '@park/config';
import { busNaming } from '@park/contracts';
import { ParkLogger } from '@park/logging';
import { ingestionConfigSpec, type IngestionConfig } from './ingestion.config';
import { IngestionModule } from './ingestion.module';

/**
 * Starts ingestion (MQTT → Kafka), the telemetry writer (Kafka → InfluxDB) and the operations endpoints.
 * `shutdownHooks: false` when the caller stops the app itself (the standalone mode stops its parts in order).
 */
export async function startIngestion(config: IngestionConfig, options: { shutdownHooks?: boolean } = {}) {
  const app = await NestFactory.create(IngestionModule.forRoot(config), {
    logger: new ParkLogger(config.LOG_LEVEL),
    abortOnError: false,
  });
  connectBusConsumers(app, busNaming(config.PARK_NAMESPACE));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.INGEST_HTTP_PORT, config.INGEST_HTTP_HOST);
  return app;
}

if (require.main === module) {
  const config = loadConfigOrExit('ingestion', ingestionConfigSpec);
  startIngestion(config).catch((error: unknown) => {
    process.stderr.write(`ingestion failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}
