import { Logger } from '@nestjs/common';
import { ParkLogger } from './park-logger';

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** What a ParkLogger prints, level and context, through Nest's own Logger as the framework and our code call it. */
function printed(level: ConstructorParameters<typeof ParkLogger>[0], write: () => void): string[] {
  const lines: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  Logger.overrideLogger(new ParkLogger(level));
  try {
    write();
  } finally {
    out.mockRestore();
    err.mockRestore();
    Logger.overrideLogger(new ParkLogger('log'));
  }
  return lines.map((l) =>
    l
      .replace(ANSI_COLOUR, '')
      .replace(/^.*?(LOG|WARN|ERROR|DEBUG)/, '$1')
      .trim(),
  );
}

describe('ParkLogger', () => {
  const start = () => {
    new Logger('RoutesResolver').log('TelemetryController {/api/telemetry}:');
    new Logger('RouterExplorer').log('Mapped {/api/telemetry/series, GET} route');
    new Logger('InstanceLoader').log('ApiModule dependencies initialized');
    new Logger('RulesService').log('consuming telemetry and device status as group rules');
    new Logger('RulesService').warn('rule X not judged on 2 subjects');
    Logger.log('Mapped {/health, GET} route', 'RouterExplorer');
  };

  it('keeps Nest’s route table and wiring out of a start at LOG_LEVEL=log, and the services’ lines in', () => {
    expect(printed('log', start)).toEqual([
      'LOG [RulesService] consuming telemetry and device status as group rules',
      'WARN [RulesService] rule X not judged on 2 subjects',
    ]);
  });

  it('shows them, as debug lines, at LOG_LEVEL=debug', () => {
    expect(printed('debug', start)).toEqual([
      'DEBUG [RoutesResolver] TelemetryController {/api/telemetry}:',
      'DEBUG [RouterExplorer] Mapped {/api/telemetry/series, GET} route',
      'DEBUG [InstanceLoader] ApiModule dependencies initialized',
      'LOG [RulesService] consuming telemetry and device status as group rules',
      'WARN [RulesService] rule X not judged on 2 subjects',
      'DEBUG [RouterExplorer] Mapped {/health, GET} route',
    ]);
  });

  it('shows warnings and errors only at LOG_LEVEL=warn', () => {
    expect(
      printed('warn', () => {
        start();
        new Logger('EmbeddedBroker').error('batch of 3 not accepted');
      }),
    ).toEqual([
      'WARN [RulesService] rule X not judged on 2 subjects',
      'ERROR [EmbeddedBroker] batch of 3 not accepted',
    ]);
  });
});
