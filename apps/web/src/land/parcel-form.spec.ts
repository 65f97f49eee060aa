import {
  checkParcelForm,
  enterpriseOptions,
  isCalendarDate,
  parcelFormOf,
  remainingTerm,
  type ParcelForm,
} from './parcel-form';
import type { Parcel } from './land-api';

const parcel: Parcel = {
  id: 'p1',
  code: 'QD-GX-01',
  name: '示范路一号地块',
  areaMu: 56.5,
  landUse: '工业用地',
  owner: '启东示范化工有限公司',
  enterpriseId: 'e1',
  carrierId: null,
  inefficient: false,
  revitalizedYear: null,
  certificateNo: null,
  transferDate: null,
  transferTermYears: null,
  transferEndDate: null,
  plotRatio: null,
  investmentIntensity: null,
  contractNo: null,
  contractTerms: null,
  geometry: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const form = (changes: Partial<ParcelForm> = {}): ParcelForm => ({ ...parcelFormOf(parcel), ...changes });

describe('checkParcelForm', () => {
  it('sends nothing when nothing changed', () => {
    expect(checkParcelForm(parcel, form())).toEqual({ ok: true, body: {} });
  });

  it('sends only the changes: area as a number, no enterprise as null, a revitalization year', () => {
    expect(
      checkParcelForm(
        parcel,
        form({
          areaMu: '1,056.25',
          enterpriseId: '',
          inefficient: true,
          revitalizedYear: '2025',
          owner: ' ',
        }),
      ),
    ).toEqual({
      ok: true,
      body: { areaMu: 1056.25, enterpriseId: null, inefficient: true, revitalizedYear: 2025, owner: null },
    });
  });

  it('refuses what UpdateParcelDto refuses, each on its field', () => {
    const checked = checkParcelForm(
      parcel,
      form({ name: '', areaMu: '0', landUse: 'x'.repeat(33), revitalizedYear: '1999' }),
    );
    expect(checked.ok ? null : checked.errors).toEqual({
      name: { key: 'records.edit.error.required' },
      areaMu: { key: 'parcels.edit.error.area', params: { min: 0.01, max: 100000 } },
      landUse: { key: 'records.edit.error.tooLong', params: { max: 32 } },
      revitalizedYear: { key: 'records.edit.error.year', params: { min: 2000, max: 2100 } },
    });
  });
});

describe('checkParcelForm — the 一地一档 fields', () => {
  const dossier: Parcel = {
    ...parcel,
    certificateNo: '苏(2015)启东市不动产权第0012345号',
    transferDate: '2015-03-01',
    transferTermYears: 50,
    transferEndDate: '2065-03-01',
    plotRatio: 1.2,
    investmentIntensity: 350,
    contractNo: '3206812015CR0001',
    contractTerms: '约定投资 1 亿元',
  };

  it('shows the parcel as it is and sends nothing when nothing changed', () => {
    const shown = parcelFormOf(dossier);
    expect(shown).toMatchObject({
      transferDate: '2015-03-01',
      transferTermYears: '50',
      plotRatio: '1.2',
      investmentIntensity: '350',
    });
    expect(checkParcelForm(dossier, shown)).toEqual({ ok: true, body: {} });
  });

  it('sends the new values as numbers and dates, and a cleared field as null', () => {
    expect(
      checkParcelForm(
        parcel,
        form({
          certificateNo: ' 苏(2016)启东市不动产权第0000001号 ',
          transferDate: '2016-02-29',
          transferTermYears: '50',
          plotRatio: '1.5',
          investmentIntensity: '1,200.5',
          contractNo: 'CR-1',
          contractTerms: '达产期限 36 个月',
        }),
      ),
    ).toEqual({
      ok: true,
      body: {
        certificateNo: '苏(2016)启东市不动产权第0000001号',
        transferDate: '2016-02-29',
        transferTermYears: 50,
        plotRatio: 1.5,
        investmentIntensity: 1200.5,
        contractNo: 'CR-1',
        contractTerms: '达产期限 36 个月',
      },
    });
    expect(
      checkParcelForm(dossier, {
        ...parcelFormOf(dossier),
        plotRatio: '',
        transferDate: ' ',
        contractTerms: '',
      }),
    ).toEqual({ ok: true, body: { plotRatio: null, transferDate: null, contractTerms: null } });
  });

  it('refuses a negative plot ratio, a term of 0 or over 70 years, a malformed date, each on its field', () => {
    const checked = checkParcelForm(
      parcel,
      form({
        plotRatio: '-1',
        transferTermYears: '0',
        transferDate: '2015-02-30',
        investmentIntensity: 'abc',
        contractNo: 'x'.repeat(65),
      }),
    );
    expect(checked.ok ? null : checked.errors).toEqual({
      plotRatio: { key: 'parcels.edit.error.plotRatio', params: { max: 100 } },
      transferTermYears: { key: 'parcels.edit.error.term', params: { min: 1, max: 70 } },
      transferDate: { key: 'parcels.edit.error.date' },
      investmentIntensity: { key: 'records.edit.error.number' },
      contractNo: { key: 'records.edit.error.tooLong', params: { max: 64 } },
    });
    const over = checkParcelForm(parcel, form({ transferTermYears: '71', transferDate: '2015/03/01' }));
    expect(over.ok ? null : Object.keys(over.errors).sort()).toEqual(['transferDate', 'transferTermYears']);
    expect(checkParcelForm(parcel, form({ transferTermYears: '2.5' })).ok).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it('takes YYYY-MM-DD days that exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
    expect(isCalendarDate('2023-1-01')).toBe(false);
  });
});

describe('remainingTerm (剩余年限)', () => {
  it('counts whole years and months left to the end date', () => {
    expect(remainingTerm('2065-03-01', '2026-12-07')).toEqual({ years: 38, months: 2 });
    expect(remainingTerm('2027-03-10', '2026-12-07')).toEqual({ years: 0, months: 3 });
  });

  it('is expired on and after the end date, and unknown without one', () => {
    expect(remainingTerm('2026-12-07', '2026-12-07')).toBe('expired');
    expect(remainingTerm('2020-01-01', '2026-12-07')).toBe('expired');
    expect(remainingTerm(null, '2026-12-07')).toBeNull();
  });
});

describe('enterpriseOptions', () => {
  it('orders enterprises by the pinyin of their names, not by code point', () => {
    const names = new Map([
      ['a', '中科微电子有限公司'],
      ['b', '安澜化工有限公司'],
      ['c', '博远机械有限公司'],
      ['d', '华鑫电子科技有限公司'],
    ]);
    expect(enterpriseOptions(names).map((o) => o.name)).toEqual([
      '安澜化工有限公司',
      '博远机械有限公司',
      '华鑫电子科技有限公司',
      '中科微电子有限公司',
    ]);
  });
});
