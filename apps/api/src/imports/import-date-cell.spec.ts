import { COLUMNS } from './import-columns';
import { convert } from './imports.service';

const transferDate = COLUMNS.parcels.find((c) => c.field === 'transferDate')!;

describe('a date cell of an import (出让日期)', () => {
  it('takes YYYY-MM-DD, and YYYY/M/D written back as YYYY-MM-DD', () => {
    expect(convert('2015-03-01', transferDate)).toEqual({ value: '2015-03-01' });
    expect(convert('2015/3/1', transferDate)).toEqual({ value: '2015-03-01' });
    expect(convert('2016-02-29', transferDate)).toEqual({ value: '2016-02-29' });
  });

  it('reports a day that does not exist or another way of writing, never rolling it over', () => {
    for (const cell of ['2015-02-30', '2015-13-01', '2015.03.01', '42064', '2015年3月1日'])
      expect([cell, convert(cell, transferDate)]).toEqual([
        cell,
        { error: `"${cell}" is not a date written YYYY-MM-DD (e.g. 2015-03-01)` },
      ]);
  });

  it('leaves an empty cell out (the parcel keeps its date)', () => {
    expect(convert('', transferDate)).toEqual({ value: undefined });
  });
});
