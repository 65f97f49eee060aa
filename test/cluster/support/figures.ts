import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { CLUSTER_HOME } from './testbed';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Row = Record<string, number | string | null>;

/** The run's figures, one row per fault: printed at the end and written to $PARK_CLUSTER_HOME/logs/figures.json. */
export class Figures {
  private readonly rows = new Map<string, Row>();

  add(name: string, row: Row): void {
    this.rows.set(name, { ...row });
    process.stdout.write(`cluster figures — ${name}: ${JSON.stringify(row)}\n`);
  }

  extend(name: string, more: Row): void {
    this.rows.set(name, { ...this.rows.get(name), ...more });
    process.stdout.write(`cluster figures — ${name}: ${JSON.stringify(more)}\n`);
  }

  write(): void {
    let commit = 'unknown';
    try {
      commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      // not a git checkout
    }
    const report = {
      date: new Date().toISOString(),
      machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
      commit,
      faults: Object.fromEntries(this.rows),
    };
    const file = resolve(CLUSTER_HOME, 'logs/figures.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`cluster figures written to ${file}\n`);
  }
}
