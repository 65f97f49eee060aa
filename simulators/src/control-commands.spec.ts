import { parseControlCommand } from './control-commands';

describe('stdin control commands', () => {
  it('switches scenarios on and off, with an optional parameter', () => {
    expect(parseControlCommand('scenario gas-leak demo-gas-001 on')).toEqual({
      type: 'scenario',
      deviceId: 'demo-gas-001',
      change: { name: 'gas-leak', on: true },
    });
    expect(parseControlCommand('  scenario   bad-payloads demo-ww-001 on 0.5 ')).toEqual({
      type: 'scenario',
      deviceId: 'demo-ww-001',
      change: { name: 'bad-payloads', on: true, param: '0.5' },
    });
    expect(parseControlCommand('silent demo-temp-001 off')).toEqual({
      type: 'scenario',
      deviceId: 'demo-temp-001',
      change: { name: 'silent', on: false },
    });
  });

  it('takes the compliance scenarios, with the analyser fault on chosen metrics and flag', () => {
    expect(parseControlCommand('wastewater-exceedance demo-ww-001 on 3h')).toEqual({
      type: 'scenario',
      deviceId: 'demo-ww-001',
      change: { name: 'wastewater-exceedance', on: true, param: '3h' },
    });
    expect(parseControlCommand('scenario analyser-fault demo-cems-001 on so2,M')).toEqual({
      type: 'scenario',
      deviceId: 'demo-cems-001',
      change: { name: 'analyser-fault', on: true, param: 'so2,M' },
    });
  });

  it('knows the one-word commands', () => {
    expect(parseControlCommand('status')).toEqual({ type: 'status' });
    expect(parseControlCommand('scenarios')).toEqual({ type: 'scenarios' });
    expect(parseControlCommand('help')).toEqual({ type: 'help' });
    expect(parseControlCommand('exit')).toEqual({ type: 'quit' });
    expect(parseControlCommand('   ')).toEqual({ type: 'nothing' });
  });

  it('says what is wrong', () => {
    expect(parseControlCommand('launch rockets')).toEqual({
      type: 'error',
      message: 'unknown command "launch"; type help',
    });
    expect(parseControlCommand('scenario fire demo-smoke-001 on')).toEqual({
      type: 'error',
      message:
        'unknown scenario "fire" (one of gas-leak, treatment-off, emission-exceedance, silent, meter-replaced, bad-payloads, fire-alarm, overpressure, detector-fault, wastewater-exceedance, analyser-fault)',
    });
    expect(parseControlCommand('scenario gas-leak demo-gas-001 maybe')).toEqual({
      type: 'error',
      message: 'usage: scenario gas-leak DEVICE on|off [PARAM]',
    });
    expect(parseControlCommand('scenario gas-leak demo-gas-001 off 5')).toEqual({
      type: 'error',
      message: '"gas-leak … off" takes no parameter',
    });
  });
});
