import type { Provider } from '@nestjs/common';
import { ExchangeRecords, repositoryProvider } from '@park/records';
import type { ApiConfig } from '../api.config';
import { DropFolderWatcher } from './drop-folder';
import { DROP_FOLDER_SETTINGS, type DropFolderSettings } from './exchange.config';
import { ExchangeController, ExchangeInboundController } from './exchange.controller';
import { ExchangeService } from './exchange.service';
import { SourceKeys } from './source-keys';

/** 数据交换 (/api/exchange): the source systems, their keys, the inbound route and the drop folder. */
export const EXCHANGE_CONTROLLERS = [ExchangeController, ExchangeInboundController];

/** Its providers; the records handle, the clock and the throttler storage come from the API module. */
export function exchangeProviders(config: ApiConfig): Provider[] {
  const settings: DropFolderSettings = {
    dir: config.EXCHANGE_DROP_DIR.trim() === '' ? null : config.EXCHANGE_DROP_DIR,
    pollMs: config.EXCHANGE_DROP_POLL_MS,
  };
  return [
    repositoryProvider(ExchangeRecords),
    ExchangeService,
    SourceKeys,
    { provide: DROP_FOLDER_SETTINGS, useValue: settings },
    DropFolderWatcher,
  ];
}
