import { DEFAULT_PRECEDENCE, energyFactorProblem, kgcePerKwh, precedenceProblem } from './indicator-views';

describe('the precedence and energy factor settings', () => {
  it('accepts the defaults and refuses what cannot be', () => {
    expect(precedenceProblem(DEFAULT_PRECEDENCE)).toBeNull();
    expect(precedenceProblem({ ...DEFAULT_PRECEDENCE, tax: [] })).toMatch(/tax/);
    expect(precedenceProblem({ ...DEFAULT_PRECEDENCE, tax: ['metered'] })).toMatch(/metered/);
    expect(precedenceProblem({ ...DEFAULT_PRECEDENCE, 'electricity-kwh': ['manual'] })).toMatch(/manual/);
    expect(precedenceProblem({ ...DEFAULT_PRECEDENCE, tax: ['manual', 'manual'] })).toMatch(/twice/);
    expect(precedenceProblem({ ...DEFAULT_PRECEDENCE, extra: ['manual'] })).toMatch(/unknown/);
  });

  it('uses 0.1229 kgce/(kW·h) on the calorific basis and the park’s figure on the equivalent one', () => {
    expect(kgcePerKwh({ basis: 'calorific', equivalentKgcePerKwh: 0.3 })).toBe(0.1229);
    expect(kgcePerKwh({ basis: 'equivalent', equivalentKgcePerKwh: 0.305 })).toBe(0.305);
    expect(energyFactorProblem({ basis: 'equivalent', equivalentKgcePerKwh: 0 })).not.toBeNull();
    expect(energyFactorProblem({ basis: 'x', equivalentKgcePerKwh: 0.3 })).not.toBeNull();
  });
});
