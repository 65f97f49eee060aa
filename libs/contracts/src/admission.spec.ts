import { admissionFor, type AdmissionRule } from './admission';

const LIST: AdmissionRule[] = [
  { industryCode: '26', level: 'restricted', reason: '化学原料和化学制品制造业：需安评环评' },
  { industryCode: '2614', level: 'encouraged', reason: '有机化学原料（配套园区主导产业）' },
  { industryCode: '2511', level: 'prohibited', reason: '原油加工：园区禁止类' },
  { industryCode: '39', level: 'encouraged', reason: '电子信息：一主两优' },
];

describe('admissionFor', () => {
  it('uses the longest matching code: a listed class overrides its division', () => {
    expect(admissionFor('2614', LIST)).toMatchObject({ level: 'encouraged', rule: { industryCode: '2614' } });
    expect(admissionFor('2621', LIST)).toMatchObject({ level: 'restricted', rule: { industryCode: '26' } });
  });

  it('finds a prohibited class with its reason', () => {
    expect(admissionFor('2511', LIST)).toEqual({ level: 'prohibited', rule: LIST[2] });
  });

  it('calls an industry the list does not mention, or none at all, unlisted', () => {
    expect(admissionFor('1311', LIST)).toEqual({ level: 'unlisted', rule: null });
    expect(admissionFor(null, LIST)).toEqual({ level: 'unlisted', rule: null });
  });

  it('does not match a code that merely shares leading digits with a shorter code in the other direction', () => {
    expect(admissionFor('2', LIST)).toEqual({ level: 'unlisted', rule: null });
  });
});
