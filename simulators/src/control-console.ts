/**
 * What a typed control line does to a running fleet — shared by `npm run simulate` and the standalone mode, both
 * of which read the lines from stdin.
 */
import { CONTROL_HELP, parseControlCommand } from './control-commands';
import type { Fleet } from './fleet/fleet';

/** Runs one line against the fleet, writing answers with `write`; returns 'quit' when asked to stop. */
export function runControlLine(
  line: string,
  fleet: Fleet,
  write: (text: string) => void,
  resolveId: (id: string) => string = (id) => id,
): 'quit' | undefined {
  const command = parseControlCommand(line);
  switch (command.type) {
    case 'nothing':
      return undefined;
    case 'help':
      write(`${CONTROL_HELP}\n`);
      return undefined;
    case 'quit':
      return 'quit';
    case 'error':
      write(`${command.message}\n`);
      return undefined;
    case 'status': {
      for (const d of fleet.stats().devices) {
        const last = d.lastTs === null ? '-' : new Date(d.lastTs).toISOString();
        write(
          `${d.id.padEnd(28)} ${d.kind.padEnd(16)} ${d.connected ? 'connected   ' : 'disconnected'} sent ${d.published} acked ${d.acked} bad ${d.bad} skipped ${d.skipped} last ${last}\n`,
        );
      }
      write(`${fleetSummary(fleet)}\n`);
      return undefined;
    }
    case 'scenarios': {
      const list = fleet.scenarios();
      if (list.length === 0) write('no scenarios running\n');
      for (const { deviceId, episodes } of list)
        for (const e of episodes)
          write(
            `${deviceId}: ${e.name} since ${new Date(e.since).toISOString()}${e.until !== null ? ` until ${new Date(e.until).toISOString()}` : ''}\n`,
          );
      return undefined;
    }
    case 'scenario':
      try {
        fleet.setScenario(resolveId(command.deviceId), command.change);
        write(
          `${command.change.name} ${command.change.on ? 'on' : 'off'} for ${resolveId(command.deviceId)}\n`,
        );
      } catch (error) {
        write(`${(error as Error).message}\n`);
      }
      return undefined;
  }
}

/** One line: messages sent, acknowledged, failed… across the fleet. */
export function fleetSummary(fleet: Fleet): string {
  const { totals } = fleet.stats();
  return `sent ${totals.published} (acked ${totals.acked}, failed ${totals.failed}, bad ${totals.bad}), skipped ${totals.skipped}, overflow ${totals.overflow}`;
}
