import { alertReading, levelMessage, metricLabel, pick } from './alert-text';

describe('alert wording', () => {
  it('names a metric as the contracts do, in the interface language', () => {
    expect(metricLabel('lel', 'zh-CN')).toBe('可燃气体浓度');
    expect(metricLabel('lel', 'en')).toBe('Combustible gas');
    expect(metricLabel('kwh', 'zh-CN')).toBe('累计电能');
  });

  it('shows the key itself when kinds name a shared metric differently, or for an unknown one', () => {
    expect(metricLabel('flow', 'zh-CN')).toBe('flow');
    expect(metricLabel('mystery', 'en')).toBe('mystery');
  });

  it('uses the GB/T 50493 level names for levels 1 and 2', () => {
    expect(levelMessage(1)).toEqual(['level.1']);
    expect(levelMessage(2)).toEqual(['level.2']);
    expect(levelMessage(3)).toEqual(['level.other', { n: 3 }]);
  });

  it('picks the explanation in the interface language', () => {
    const text = { zh: '二级报警', en: 'Level 2 alarm' };
    expect(pick(text, 'zh-CN')).toBe('二级报警');
    expect(pick(text, 'en')).toBe('Level 2 alarm');
  });
});

describe('alertReading', () => {
  it('shows a quantity with its unit against its limit', () => {
    expect(alertReading({ metric: 'lel', unit: '%LEL', value: 26.9, limit: 25 }, 'zh-CN')).toEqual({
      value: '26.9 %LEL',
      limit: '25 %LEL',
    });
  });

  it('shows a state by its name, with no limit: never 1（限值 1）', () => {
    expect(alertReading({ metric: 'smoke', unit: '', value: 1, limit: 1 }, 'zh-CN')).toEqual({
      value: '报警',
      limit: null,
    });
    expect(alertReading({ metric: 'valve', unit: '', value: 2, limit: 2 }, 'en')).toEqual({
      value: 'travelling',
      limit: null,
    });
  });
});
