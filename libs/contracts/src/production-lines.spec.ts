import { productionLineName } from './production-lines';

describe('productionLineName (a line in words, never a bare code)', () => {
  it('says a code of a known process as that process’s numbered line', () => {
    expect(productionLineName('synthesis-1')).toEqual({ zh: '合成 1 号线', en: 'Synthesis line 1' });
    expect(productionLineName('machining-2')).toEqual({ zh: '机加工 2 号线', en: 'Machining line 2' });
    expect(productionLineName('Packaging_03')).toEqual({ zh: '包装 3 号线', en: 'Packaging line 3' });
  });

  it('says a code that only means "line" as the numbered production line', () => {
    expect(productionLineName('line-1')).toEqual({ zh: '1 号生产线', en: 'Line 1' });
    expect(productionLineName('L01')).toEqual({ zh: '1 号生产线', en: 'Line 1' });
    expect(productionLineName('l9')).toEqual({ zh: '9 号生产线', en: 'Line 9' });
    expect(productionLineName('12')).toEqual({ zh: '12 号生产线', en: 'Line 12' });
  });

  it('keeps a name with Chinese in it as typed', () => {
    expect(productionLineName('一号合成车间')).toEqual({ zh: '一号合成车间', en: '一号合成车间' });
    expect(productionLineName(' A 区 2 线 ')).toEqual({ zh: 'A 区 2 线', en: 'A 区 2 线' });
  });

  it('calls any other code a line, at least', () => {
    expect(productionLineName('xq-7')).toEqual({ zh: '生产线 xq-7', en: 'Line xq-7' });
    expect(productionLineName('north')).toEqual({ zh: '生产线 north', en: 'Line north' });
    expect(productionLineName('constructor-1')).toEqual({
      zh: '生产线 constructor-1',
      en: 'Line constructor-1',
    });
  });
});
