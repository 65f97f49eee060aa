import { industryLabel, industryName } from './industry-names';

describe('GB/T 4754 names', () => {
  it('names a class the records use, in Chinese and English, with its code', () => {
    expect(industryLabel('2614', 'zh-CN')).toBe('有机化学原料制造（2614）');
    expect(industryLabel('2614', 'en')).toBe('Organic chemical raw materials (2614)');
  });

  it('names any other code by its division', () => {
    expect(industryName('3911', 'zh-CN')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('26', 'zh-CN')).toBe('化学原料和化学制品制造业');
    expect(industryName('651', 'en')).toBe('Software and IT services');
  });

  it('shows the bare code of a division the standard does not have, and a dash for none', () => {
    expect(industryLabel('98', 'zh-CN')).toBe('98');
    expect(industryLabel(null, 'zh-CN')).toBe('—');
  });

  it('covers every one of the 97 divisions', () => {
    for (let d = 1; d <= 97; d++) expect(industryName(String(d).padStart(2, '0'), 'zh-CN')).not.toBeNull();
  });
});
