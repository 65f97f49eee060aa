import { DeviceScenarios, isActive, SCENARIOS } from './scenarios';

describe('scenario parameters', () => {
  it('applies defaults when none is given', () => {
    expect(SCENARIOS['gas-leak'].parse(undefined)).toEqual({ peakLel: 80 });
    expect(SCENARIOS['emission-exceedance'].parse(undefined)).toEqual({ durationMs: 90 * 60_000 });
    expect(SCENARIOS['treatment-off'].parse(undefined)).toEqual({ durationMs: null });
    expect(SCENARIOS.silent.parse(undefined)).toEqual({ mode: 'quiet' });
    expect(SCENARIOS['bad-payloads'].parse(undefined)).toEqual({ rate: 0.2 });
    expect(SCENARIOS['meter-replaced'].parse(undefined)).toEqual({ startKwh: null });
  });

  it('reads each parameter and says what is wrong with a bad one', () => {
    expect(SCENARIOS['gas-leak'].parse('35')).toEqual({ peakLel: 35 });
    expect(SCENARIOS['gas-leak'].parse('120')).toBe('peak %LEL must be a number 1–100, got "120"');
    expect(SCENARIOS['emission-exceedance'].parse('2h')).toEqual({ durationMs: 7_200_000 });
    expect(SCENARIOS['emission-exceedance'].parse('long')).toBe('"long" is not a duration like 90m or 2h');
    expect(SCENARIOS.silent.parse('drop')).toEqual({ mode: 'drop' });
    expect(SCENARIOS.silent.parse('loud')).toBe('silent mode must be "quiet" or "drop", got "loud"');
    expect(SCENARIOS['bad-payloads'].parse('0.5')).toEqual({ rate: 0.5 });
    expect(SCENARIOS['bad-payloads'].parse('1.5')).toBe('rate must be a number 0–1, got "1.5"');
    expect(SCENARIOS['meter-replaced'].parse('3.5')).toEqual({ startKwh: 3.5 });
  });

  it('reads the compliance scenarios: a wastewater exceedance for a while, an analyser fault on chosen metrics', () => {
    expect(SCENARIOS['wastewater-exceedance'].parse(undefined)).toEqual({ durationMs: null });
    expect(SCENARIOS['wastewater-exceedance'].parse('3h')).toEqual({ durationMs: 3 * 3_600_000 });
    expect(SCENARIOS['analyser-fault'].parse(undefined)).toEqual({ flag: 'D', metrics: null });
    expect(SCENARIOS['analyser-fault'].parse('M')).toEqual({ flag: 'M', metrics: null });
    expect(SCENARIOS['analyser-fault'].parse('so2,nox,so2')).toEqual({ flag: 'D', metrics: ['so2', 'nox'] });
    expect(SCENARIOS['analyser-fault'].parse('cod,C')).toEqual({ flag: 'C', metrics: ['cod'] });
    for (const bad of ['B', 'D,M', 'so2,', 'SO2', 'so2:M']) {
      expect(SCENARIOS['analyser-fault'].parse(bad)).toBe(
        `analyser-fault takes metrics and at most one flag (D, M or C), comma-separated like so2,nox or cod,M; got "${bad}"`,
      );
    }
    expect(SCENARIOS['wastewater-exceedance'].appliesTo('wastewater', null)).toBe(true);
    expect(SCENARIOS['wastewater-exceedance'].appliesTo('stack-gas', null)).toBe(false);
    expect(SCENARIOS['analyser-fault'].appliesTo('stack-gas', null)).toBe(true);
    expect(SCENARIOS['analyser-fault'].appliesTo('wastewater', null)).toBe(true);
    expect(SCENARIOS['analyser-fault'].appliesTo('smoke', null)).toBe(false);
  });

  it('applies each scenario only to the devices it makes sense for', () => {
    expect(SCENARIOS['gas-leak'].appliesTo('combustible-gas', null)).toBe(true);
    expect(SCENARIOS['gas-leak'].appliesTo('temperature', null)).toBe(false);
    expect(SCENARIOS['treatment-off'].appliesTo('power-meter', 'pollution-control')).toBe(true);
    expect(SCENARIOS['treatment-off'].appliesTo('power-meter', 'production')).toBe(false);
    expect(SCENARIOS['emission-exceedance'].appliesTo('stack-gas', null)).toBe(true);
    expect(SCENARIOS['meter-replaced'].appliesTo('power-meter', 'general')).toBe(true);
    expect(SCENARIOS['meter-replaced'].appliesTo('wastewater', null)).toBe(false);
    expect(SCENARIOS.silent.appliesTo('smoke', null)).toBe(true);
  });
});

describe('episodes', () => {
  it('runs from its start until switched off, and remembers the ended episode', () => {
    const s = new DeviceScenarios();
    s.start('gas-leak', 1000, { peakLel: 80 });
    expect(s.active('gas-leak', 999)).toBeUndefined();
    expect(s.active('gas-leak', 5000)).toBeDefined();
    expect(s.stop('gas-leak', 6000)).toBe(true);
    expect(s.active('gas-leak', 6000)).toBeUndefined();
    expect(s.latest('gas-leak')).toEqual({
      name: 'gas-leak',
      since: 1000,
      until: 6000,
      params: { peakLel: 80 },
    });
    expect(s.stop('gas-leak', 7000)).toBe(false);
  });

  it('ends by itself when started with a duration', () => {
    const s = new DeviceScenarios();
    s.start('emission-exceedance', 0, { durationMs: 100 }, 100);
    expect(isActive(s.latest('emission-exceedance'), 99)).toBe(true);
    expect(isActive(s.latest('emission-exceedance'), 100)).toBe(false);
    expect(s.running(50).map((e) => e.name)).toEqual(['emission-exceedance']);
    expect(s.running(150)).toEqual([]);
  });
});
