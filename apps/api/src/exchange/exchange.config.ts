import { int, str } from '@park/config';

/** The exchange's drop folder (docs/data-exchange.md, "Drop folder"). */
export const exchangeDropSpec = {
  EXCHANGE_DROP_DIR: str(
    'folder watched for the source systems’ spreadsheets: <dir>/<source’s drop folder>/*.csv|*.xlsx (empty: no ' +
      'drop folder; the standalone mode defaults to <PARK_DATA_DIR>/exchange-drop)',
    '',
  ),
  EXCHANGE_DROP_POLL_MS: int(
    'how often the drop folder is looked at, ms (a file is read once its size is the same at two looks)',
    10_000,
    200,
    3_600_000,
  ),
};

export interface DropFolderSettings {
  /** Null: no drop folder. */
  readonly dir: string | null;
  readonly pollMs: number;
}

export const DROP_FOLDER_SETTINGS = Symbol('DropFolderSettings');
