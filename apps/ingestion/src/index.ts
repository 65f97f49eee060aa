/**
 * @apps/ingestion — the ingestion app's public entry (MQTT → bus, the telemetry writer, device liveness, the
 * operations endpoints): what another app composes it from. Its own main.ts starts it as a microservice.
 */
export { ingestionConfigSpec, type IngestionConfig } from './ingestion.config';
export { IngestionFeaturesModule, IngestionModule } from './ingestion.module';
export { IngestionMetrics } from './ingestion-metrics';
export { IngestionOperations } from './ingestion-operations';
export { IngestionService } from './ingestion.service';
export { startIngestion } from './main';
