/**
 * Commands typed on the simulator's stdin while it runs. Pure: a line in, a command (or what is wrong) out.
 *   scenario gas-leak demo-gas-001 on          switch a scenario on (PARAM optional: scenario … on 0.3)
 *   scenario gas-leak demo-gas-001 off
 *   gas-leak demo-gas-001 on                    the same, without the word "scenario"
 *   status | scenarios | help | quit
 */
import { isScenarioName, SCENARIO_NAMES } from './models/scenarios';
import type { ScenarioChange } from './fleet/device-simulator';

export type ControlCommand =
  | { readonly type: 'scenario'; readonly deviceId: string; readonly change: ScenarioChange }
  | { readonly type: 'status' | 'scenarios' | 'help' | 'quit' | 'nothing' }
  | { readonly type: 'error'; readonly message: string };

export const CONTROL_HELP = `commands:
  scenario NAME DEVICE on [PARAM]   switch a scenario on (NAME: ${SCENARIO_NAMES.join(', ')})
  scenario NAME DEVICE off          switch it off
  status                            messages sent per device
  scenarios                         scenarios running now
  quit                              stop the fleet (clean disconnect) and exit`;

export function parseControlCommand(line: string): ControlCommand {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { type: 'nothing' };
  const [first] = words;
  if (words.length === 1) {
    if (first === 'status' || first === 'scenarios' || first === 'help') return { type: first };
    if (first === 'quit' || first === 'exit') return { type: 'quit' };
  }
  const args = first === 'scenario' ? words.slice(1) : words;
  const [name, deviceId, onOff, param, ...extra] = args;
  if (first !== 'scenario' && !isScenarioName(first)) {
    return { type: 'error', message: `unknown command "${first}"; type help` };
  }
  if (!isScenarioName(name)) {
    return {
      type: 'error',
      message: `unknown scenario "${name ?? ''}" (one of ${SCENARIO_NAMES.join(', ')})`,
    };
  }
  if (!deviceId || (onOff !== 'on' && onOff !== 'off') || extra.length > 0) {
    return { type: 'error', message: `usage: scenario ${name} DEVICE on|off [PARAM]` };
  }
  if (onOff === 'off' && param !== undefined) {
    return { type: 'error', message: `"${name} … off" takes no parameter` };
  }
  return {
    type: 'scenario',
    deviceId,
    change: { name, on: onOff === 'on', ...(param !== undefined ? { param } : {}) },
  };
}
