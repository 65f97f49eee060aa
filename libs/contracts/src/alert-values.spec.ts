import { alertStateName } from './alert-values';

describe('alertStateName (a state alert says its state, not 1（限值 1）)', () => {
  it('names a flag in alarm and an enumerated state', () => {
    expect(alertStateName({ metric: 'smoke', unit: '', value: 1, limit: 1 })).toEqual({
      zh: '报警',
      en: 'alarm',
    });
    expect(alertStateName({ metric: 'valve', unit: '', value: 3, limit: 3 })).toEqual({
      zh: '故障',
      en: 'fault',
    });
  });

  it('leaves a quantity, a value apart from its limit and an ambiguous metric as numbers', () => {
    expect(alertStateName({ metric: 'lel', unit: '%LEL', value: 30, limit: 25 })).toBeNull();
    expect(alertStateName({ metric: 'smoke', unit: '', value: 1, limit: 0 })).toBeNull();
    expect(alertStateName({ metric: 'unknown', unit: '', value: 1, limit: 1 })).toBeNull();
  });
});
