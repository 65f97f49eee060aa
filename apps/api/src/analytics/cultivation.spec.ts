import { cultivationEntry, highTechRdBand, libraryMembership } from './cultivation';

const firm = { id: 'f', name: '示范企业', highTech: false, aboveScale: false };

describe('the 高新技术企业 R&D band (国科发火〔2016〕32号 第十一条)', () => {
  it('is 5 % up to 5,000 万元 of revenue, 4 % up to 2 亿元, 3 % above', () => {
    expect([1, 5_000, 5_000.01, 20_000, 20_000.01, 90_000].map(highTechRdBand)).toEqual([5, 5, 4, 4, 3, 3]);
  });

  it('is unknown without revenue', () => {
    expect(highTechRdBand(null)).toBeNull();
    expect(cultivationEntry('high-tech', firm, { revenue: null, rdExpense: 100 })).toMatchObject({
      value: null,
      threshold: null,
      progress: null,
    });
  });

  it('holds a small firm at 4 % R&D to its own 5 % band: 80 %, not the 133.3 % a flat 3 % gave', () => {
    expect(cultivationEntry('high-tech', firm, { revenue: 4_000, rdExpense: 160 })).toEqual({
      enterpriseId: 'f',
      name: '示范企业',
      achieved: false,
      measure: 'R&D / revenue %',
      value: 4,
      threshold: 5,
      progress: 80,
      basis: [],
    });
    expect(cultivationEntry('high-tech', firm, { revenue: 12_000, rdExpense: 420 })).toMatchObject({
      value: 3.5,
      threshold: 4,
      progress: 87.5,
    });
    expect(cultivationEntry('high-tech', firm, { revenue: 30_000, rdExpense: 960 })).toMatchObject({
      value: 3.2,
      threshold: 3,
      progress: 106.7,
    });
  });

  it('keeps the revenue libraries on one threshold each', () => {
    expect(cultivationEntry('above-scale', firm, { revenue: 1_500, rdExpense: null })).toMatchObject({
      value: 1_500,
      threshold: 2_000,
      progress: 75,
    });
    expect(cultivationEntry('listed', firm, undefined)).toMatchObject({
      value: null,
      threshold: 30_000,
      progress: null,
    });
  });
});

describe('certificates in the libraries (libraryMembership)', () => {
  const cert = (type: 'specialized-sme' | 'high-tech-enterprise', expiresOn: string) => ({
    id: `q-${type}`,
    type,
    certificateNo: 'N-1',
    issuedOn: '2024-01-01',
    expiresOn,
  });

  it('puts a valid 专精特新 certificate in the 上市 library as being cultivated, saying which certificate', () => {
    const m = libraryMembership('listed', firm, [cert('specialized-sme', '2027-01-01')], '2026-12-07');
    expect(m).toEqual({
      achieved: false,
      basis: [
        {
          kind: 'certificate',
          qualificationId: 'q-specialized-sme',
          type: 'specialized-sme',
          certificateNo: 'N-1',
          expiresOn: '2027-01-01',
          reaches: false,
          counts: true,
        },
      ],
    });
    expect(
      libraryMembership('high-tech', firm, [cert('specialized-sme', '2027-01-01')], '2026-12-07'),
    ).toBeNull();
  });

  it('takes an enterprise out once its only certificate expired, and says so when it is in for another reason', () => {
    const expired = [cert('specialized-sme', '2026-12-06')];
    expect(libraryMembership('listed', firm, expired, '2026-12-07')).toBeNull();
    expect(
      libraryMembership('listed', { ...firm, cultivation: ['listed'] }, expired, '2026-12-07'),
    ).toMatchObject({
      achieved: false,
      basis: [{ kind: 'cultivation' }, { kind: 'certificate', counts: false }],
    });
  });

  it('counts a valid 高新技术企业 certificate as the library reached; the R&D measure stays as computed', () => {
    const m = libraryMembership(
      'high-tech',
      firm,
      [cert('high-tech-enterprise', '2027-06-30')],
      '2026-12-07',
    );
    expect(m?.achieved).toBe(true);
    expect(cultivationEntry('high-tech', firm, { revenue: 4_000, rdExpense: 160 }, m!)).toMatchObject({
      achieved: true,
      value: 4,
      threshold: 5,
      progress: 80,
    });
  });
});
