import { COLUMNS } from './import-columns';
import { convert } from './imports.service';

const type = COLUMNS.qualifications.find((c) => c.field === 'type')!;
const level = COLUMNS.qualifications.find((c) => c.field === 'level')!;

describe('a choice cell of an import (资质类型, 级别)', () => {
  it('reads the Chinese name, the short forms lists use, and the code', () => {
    expect(convert('高新技术企业', type)).toEqual({ value: 'high-tech-enterprise' });
    expect(convert('高企', type)).toEqual({ value: 'high-tech-enterprise' });
    expect(convert('high-tech-enterprise', type)).toEqual({ value: 'high-tech-enterprise' });
    expect(convert('专精特新“小巨人”企业', type)).toEqual({ value: 'little-giant' });
    expect(convert('专精特新"小巨人"企业', type)).toEqual({ value: 'little-giant' });
    expect(convert('小巨人', type)).toEqual({ value: 'little-giant' });
    expect(convert('省级', level)).toEqual({ value: 'provincial' });
    expect(convert('国家', level)).toEqual({ value: 'national' });
  });

  it('refuses anything else, naming what it accepts', () => {
    expect(convert('独角兽', type)).toEqual({
      error: '"独角兽" is not one of 高新技术企业、专精特新中小企业、专精特新“小巨人”企业、科技型中小企业、上市、挂牌',
    });
    expect(convert('区级', level)).toEqual({ error: '"区级" is not one of 国家级、省级、市级' });
  });

  it('leaves an empty cell out', () => {
    expect(convert('', level)).toEqual({ value: undefined });
  });
});
