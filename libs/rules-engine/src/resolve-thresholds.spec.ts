import { resolveRuleDefinition, resolveThresholds } from './resolve-thresholds';
import { RuleParamsError } from './threshold';

describe('resolveThresholds', () => {
  const park = { limit: null as number | null, o2Reference: null as number | null, hysteresis: 0 };

  it('takes each value from the most specific layer that sets it, and says which', () => {
    const resolved = resolveThresholds({ limit: 50 }, { limit: 80, o2Reference: 3.5 }, park);
    expect(resolved.values).toEqual({ limit: 50, o2Reference: 3.5, hysteresis: 0 });
    expect(resolved.sources).toEqual({ limit: 'device', o2Reference: 'enterprise', hysteresis: 'park' });
  });

  it('treats null and undefined as "not set here", so a device can leave a value to the enterprise', () => {
    const resolved = resolveThresholds({ limit: null, o2Reference: undefined }, { limit: 80 }, park);
    expect(resolved.values.limit).toBe(80);
    expect(resolved.sources.o2Reference).toBe('park');
  });

  it('falls back to the park default with no overrides', () => {
    expect(resolveThresholds(null, undefined, park)).toEqual({
      values: park,
      sources: { limit: 'park', o2Reference: 'park', hysteresis: 'park' },
    });
  });
});

describe('resolveRuleDefinition', () => {
  it('validates the merged params as the rule kind', () => {
    const { definition, sources } = resolveRuleDefinition(
      'hourly-mean-emission',
      { limit: 35, o2Reference: 9 },
      null,
      { limit: null, o2Reference: null, requireO2Reference: true },
    );
    expect(definition).toMatchObject({ kind: 'hourly-mean-emission', params: { limit: 35, o2Reference: 9 } });
    expect(sources).toMatchObject({ limit: 'device', requireO2Reference: 'park' });
  });

  it('names the overriding layer when the merge is invalid', () => {
    const resolve = () =>
      resolveRuleDefinition('threshold', { level1: 60 }, null, {
        direction: 'above',
        level1: 25,
        level2: 50,
      });
    expect(resolve).toThrow(RuleParamsError);
    expect(resolve).toThrow('device override: level2 must be above level1');
  });
});
