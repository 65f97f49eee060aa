import { checkParcelForm, enterpriseOptions, parcelFormOf, type ParcelForm } from './parcel-form';
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
