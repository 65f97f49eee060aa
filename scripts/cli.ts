/**
 * Operator commands on the records database:
 *   migrate      apply pending migrations
 *   seed-demo    create the demo park and demo logins (password from DEMO_PASSWORD)
 */
import 'reflect-metadata';
import { loadConfigOrExit, postgresSpec, str } from '@park/config';
import { openRecords, seedDemoPark } from '@park/records';

const spec = {
  ...postgresSpec,
  DEMO_PASSWORD: str('password given to the demo logins', 'park-demo-2025'),
};

async function main(command: string | undefined): Promise<void> {
  const config = loadConfigOrExit('cli', spec);
  if (command !== 'migrate' && command !== 'seed-demo') {
    throw new Error('usage: cli migrate | seed-demo');
  }
  const dataSource = await openRecords(config.DATABASE_URL, { migrate: true });
  try {
    if (command === 'seed-demo') {
      const logins = await seedDemoPark(dataSource, config.DEMO_PASSWORD);
      process.stdout.write(
        `demo park ready; logins (password "${logins.password}"): ${logins.users.map((u) => `${u.username} (${u.role})`).join(', ')}\n`,
      );
    } else {
      process.stdout.write('migrations applied\n');
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
