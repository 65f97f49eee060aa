/**
 * Runs the simulator's load generator in its own process (so publishers do not share an event loop with what is
 * measured) and prints its report as one JSON line. Argument: a JSON LoadOptions subset.
 */
import { runLoad, type LoadOptions } from '../../simulators/src/load/load-generator';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
  const report = await runLoad(options);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
