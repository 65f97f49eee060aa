import type { Provider } from '@nestjs/common';
import { TelemetryController } from './telemetry.controller';
import { TelemetryService } from './telemetry.service';

/** The telemetry query controllers (GET /api/telemetry/series). */
export const TELEMETRY_CONTROLLERS = [TelemetryController];

/** Its providers; DeviceAdmin, the clock and the telemetry store (TELEMETRY_STORE) come from the API module. */
export function telemetryProviders(): Provider[] {
  return [TelemetryService];
}
