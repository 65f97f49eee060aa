import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ExchangeRecords, type ExchangeSourceEntity } from '@park/records';
import { PeriodicTask } from '@park/clock';
import { readSpreadsheet } from '../imports/spreadsheet';
import { DROP_FOLDER_SETTINGS, type DropFolderSettings } from './exchange.config';
import { reportCsv, sheetRows } from './exchange-sheet';
import { ExchangeService } from './exchange.service';

/** The spreadsheets the drop folder reads; anything else in the folder is left alone. */
const READ = /\.(csv|xlsx)$/i;
/** Files still being written by a sender that names them so (and Office's lock files). */
const IN_PROGRESS = /(\.part|\.tmp)$|^~\$|^\./i;

export interface DropOutcome {
  readonly file: string;
  readonly folder: 'processed' | 'failed';
  readonly batchId: string | null;
}

/**
 * The exchange's drop folder (docs/data-exchange.md): every EXCHANGE_DROP_POLL_MS it looks in
 * `<EXCHANGE_DROP_DIR>/<source's dropFolder>/` of each live source, and reads a CSV or XLSX whose size and
 * modification time are the same as at the last look (a file still being copied in is left for the next one).
 * The rows go through the same intake as the source's API uploads — same checks, same scopes — and the file is
 * moved to `processed/` with `<name>.report.csv` (each row's status) beside it; a file that cannot be read at all
 * goes to `failed/` with a report that says why. Polling, not fs.watch: it works on network shares and in
 * containers alike. Never two looks at once (PeriodicTask).
 */
@Injectable()
export class DropFolderWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DropFolder');
  private readonly task = new PeriodicTask(
    () => this.tick(),
    (error) => this.logger.error(`drop folder: ${error instanceof Error ? error.message : String(error)}`),
  );
  /** What each file looked like at the last look: `size:mtime`. */
  private readonly seen = new Map<string, string>();

  constructor(
    @Inject(DROP_FOLDER_SETTINGS) private readonly settings: DropFolderSettings,
    @Inject(ExchangeRecords) private readonly records: ExchangeRecords,
    @Inject(ExchangeService) private readonly exchange: ExchangeService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.dir) this.task.start(this.settings.pollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One look at every source's folder; what was processed. */
  async tick(): Promise<DropOutcome[]> {
    const dir = this.settings.dir;
    if (!dir) return [];
    const outcomes: DropOutcome[] = [];
    const present = new Set<string>();
    for (const source of await this.records.dropFolderSources()) {
      const folder = join(dir, source.dropFolder!);
      await mkdir(folder, { recursive: true });
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (!entry.isFile() || !READ.test(entry.name) || IN_PROGRESS.test(entry.name)) continue;
        const path = join(folder, entry.name);
        const info = await stat(path).catch(() => null);
        if (!info) continue;
        present.add(path);
        const look = `${info.size}:${info.mtimeMs}`;
        if (this.seen.get(path) !== look) {
          this.seen.set(path, look);
          continue;
        }
        this.seen.delete(path);
        outcomes.push(await this.process(source, folder, entry.name));
      }
    }
    for (const path of this.seen.keys()) if (!present.has(path)) this.seen.delete(path);
    return outcomes;
  }

  private async process(source: ExchangeSourceEntity, folder: string, name: string): Promise<DropOutcome> {
    const path = join(folder, name);
    let report: string;
    let batchId: string | null = null;
    try {
      const sheet = sheetRows(await readSpreadsheet(await readFile(path), name));
      const result = await this.exchange.upload(source, sheet.rows, {
        dryRun: false,
        via: 'drop-folder',
        reference: name,
      });
      batchId = result.batchId;
      report = reportCsv(result.results, sheet.lines);
      this.logger.log(
        `${source.name}: ${name} — ${result.rows} rows, ${result.stored} stored, ${result.unchanged} unchanged, ${result.rejected} rejected`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`${source.name}: ${name} cannot be read: ${reason}`);
      await this.moveWithReport(folder, name, 'failed', `\uFEFFerror\r\n"${reason.replace(/"/g, '""')}"\r\n`);
      return { file: name, folder: 'failed', batchId: null };
    }
    await this.moveWithReport(folder, name, 'processed', report);
    return { file: name, folder: 'processed', batchId };
  }

  /** Moves the file into `<folder>/<into>/` (a later file of the same name gets a time prefix) with its report. */
  private async moveWithReport(folder: string, name: string, into: string, report: string): Promise<void> {
    const target = join(folder, into);
    await mkdir(target, { recursive: true });
    const taken = await stat(join(target, name)).then(
      () => true,
      () => false,
    );
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    const moved = taken ? `${stamp}-${basename(name, extname(name))}${extname(name)}` : name;
    await rename(join(folder, name), join(target, moved));
    await writeFile(join(target, `${moved}.report.csv`), report);
  }
}
