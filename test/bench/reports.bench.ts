/**
 * npm run bench:reports — the monthly emission report (排放月报) of 50 CEMS outlets at 1-minute data, generated
 * (hourly means read, figures computed, XLSX and PDF rendered) in under 10 s (issue #19; docs/benchmarks.md).
 *
 * Setup, not timed: last month's readings of 50 stack-gas outlets, one reading a minute with SO₂, NOx, PM, O₂, flow
 * and temperature (43,200 readings and ~260,000 raw points per outlet for a 30-day month), written into the
 * standalone mode's telemetry store (SQLite) and rolled up into its hourly table, as the store's maintenance does.
 * Timed: for each outlet, what the API does for POST /api/reports — `emissionReportDocument` (one hourly read per
 * metric: at most 744 rows, never the raw points), then `reportXlsx` and `reportPdf`. The plan that makes it fast is
 * the rollup: the report reads 50 × 7 × ≤ 744 hourly rows instead of 50 × 260,000 raw points.
 *
 * BENCH_OUTLETS (50) and BENCH_LIMIT_S (10) override the size and the bound; the process exits 1 over the bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TelemetryRecord } from '@park/contracts';
import { DAY_MS, EMISSION_METRICS, HOUR_MS, previousMonth } from '@park/reports';
import { SqliteTelemetryStore } from '@park/telemetry-store';
import { reportPdf } from '../../apps/api/src/reports/report-pdf';
import { reportXlsx } from '../../apps/api/src/reports/report-xlsx';
import type { OutletRecord } from '../../apps/api/src/reports/report-sources';
import { emissionReportDocument } from '../../apps/api/src/reports/reports.service';

const OUTLETS = Number(process.env.BENCH_OUTLETS ?? 50);
const LIMIT_S = Number(process.env.BENCH_LIMIT_S ?? 10);
/** Outlets whose month is also read the slow way, from the raw points, for the baseline. */
const BASELINE_OUTLETS = Math.min(Number(process.env.BENCH_BASELINE_OUTLETS ?? 5), OUTLETS);
const MINUTE = 60_000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const store = new SqliteTelemetryStore({ path: join(dir, 'telemetry.db'), maintenanceIntervalMs: 0 });
  await store.ensureSchema();
  const month = previousMonth(Date.now());
  const outlets: OutletRecord[] = Array.from({ length: OUTLETS }, (_, i) => ({
    deviceId: `bench-cems-${String(i + 1).padStart(3, '0')}`,
    name: `${i + 1}号锅炉排口`,
    enterpriseId: '00000000-0000-4000-8000-000000000001',
    enterpriseName: '基准测试化工有限公司',
    kind: 'stack-gas',
    permitLimits: { so2: 50, nox: 150, pm: 20 },
    permitO2Reference: 3.5,
    expectedIntervalS: 60,
  }));

  const setup = performance.now();
  for (const outlet of outlets) {
    for (let day = month.from; day < month.to; day += DAY_MS) {
      const records: TelemetryRecord[] = [];
      for (let ts = day; ts < Math.min(day + DAY_MS, month.to); ts += MINUTE) {
        const phase = (ts / HOUR_MS) % 24;
        records.push({
          v: 1,
          deviceId: outlet.deviceId,
          enterpriseId: outlet.enterpriseId,
          kind: 'stack-gas',
          role: null,
          line: null,
          ts,
          values: {
            so2: 30 + 25 * Math.sin(phase / 3.8),
            nox: 90 + 40 * Math.cos(phase / 5),
            pm: 8 + (phase % 7),
            o2: 5 + (phase % 3) / 2,
            flow: 52_000 + 800 * Math.sin(phase),
            temp: 135 + (phase % 5),
          },
          receivedAt: ts,
        });
      }
      const outcome = await store.write(records);
      if (outcome.rejected.length > 0) throw new Error(`setup: ${outcome.rejected.length} readings refused`);
    }
  }
  await store.rollUp({ from: month.from, to: month.to });
  console.log(
    `setup: ${OUTLETS} outlets × ${(month.to - month.from) / MINUTE} readings of ${month.label} written and rolled up in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
  );

  const started = performance.now();
  let bytes = 0;
  /** Time spent in each stage over the 50, in ms: the hourly reads and figures, the XLSX, the PDF. */
  const stages = { figures: 0, xlsx: 0, pdf: 0 };
  for (const outlet of outlets) {
    let mark = performance.now();
    const lap = (stage: keyof typeof stages): void => {
      const now = performance.now();
      stages[stage] += now - mark;
      mark = now;
    };
    const document = await emissionReportDocument(store, outlet, month, month.to);
    lap('figures');
    const xlsx = await reportXlsx(document);
    lap('xlsx');
    const pdf = await reportPdf(document);
    lap('pdf');
    bytes += xlsx.length + pdf.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const each = (ms: number) => `${(ms / OUTLETS).toFixed(0)} ms`;
  console.log(
    `bench:reports — ${OUTLETS} monthly emission reports (XLSX + PDF, ${(bytes / 1024 / 1024).toFixed(1)} MiB) in ${seconds.toFixed(2)} s ` +
      `(${((seconds / OUTLETS) * 1000).toFixed(0)} ms each: figures ${each(stages.figures)}, XLSX ${each(stages.xlsx)}, ` +
      `PDF ${each(stages.pdf)}; bound ${LIMIT_S} s)`,
  );

  // The baseline, in the same run: what the figures' read would cost without the rollup — the same hourly means
  // computed by scanning each metric's raw points of the month — for the first BASELINE_OUTLETS outlets.
  const baselineOutlets = outlets.slice(0, BASELINE_OUTLETS);
  const rawStarted = performance.now();
  for (const outlet of baselineOutlets) {
    for (const metric of EMISSION_METRICS[outlet.kind]) {
      await store.buckets({
        source: 'raw',
        aggregate: 'mean',
        intervalMs: HOUR_MS,
        kind: outlet.kind,
        metric,
        deviceId: outlet.deviceId,
        enterpriseId: outlet.enterpriseId,
        from: month.from,
        to: month.to,
      });
    }
  }
  const rawEach = (performance.now() - rawStarted) / baselineOutlets.length;
  console.log(
    `baseline — the hourly means from a raw scan instead of the rollup: ${rawEach.toFixed(0)} ms an outlet ` +
      `(${baselineOutlets.length} outlets) against ${(stages.figures / OUTLETS).toFixed(0)} ms for the rollup read and ` +
      `all the figures; 50 outlets would spend ${((rawEach * OUTLETS) / 1000).toFixed(1)} s reading alone`,
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (seconds > LIMIT_S) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
