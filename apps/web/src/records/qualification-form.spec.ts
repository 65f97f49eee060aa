import {
  basisLines,
  checkQualificationForm,
  EMPTY_QUALIFICATION_FORM,
  formatCalendarDate,
  libraryEffect,
} from './qualification-form';
import type { Qualification } from './qualifications-api';

describe('the 资质认定 form', () => {
  const filled = {
    ...EMPTY_QUALIFICATION_FORM,
    type: 'specialized-sme' as const,
    level: 'provincial' as const,
    certificateNo: ' JSZJTX-1 ',
    issuedOn: '2025-06-18',
    expiresOn: '2028-06-17',
    note: '  ',
  };

  it('sends what the API takes: the number trimmed, an empty note as null', () => {
    expect(checkQualificationForm(filled)).toEqual({
      ok: true,
      body: {
        type: 'specialized-sme',
        level: 'provincial',
        certificateNo: 'JSZJTX-1',
        issuedOn: '2025-06-18',
        expiresOn: '2028-06-17',
        note: null,
      },
    });
  });

  it("puts the API's own refusals on their fields, in words", () => {
    expect(checkQualificationForm({ ...filled, expiresOn: '2025-06-01' })).toEqual({
      ok: false,
      errors: { expiresOn: { key: 'qualifications.error.expiryNotAfterIssue' } },
    });
    expect(checkQualificationForm({ ...filled, type: '' })).toMatchObject({
      ok: false,
      errors: { type: { key: 'qualifications.error.chooseType' } },
    });
    expect(checkQualificationForm({ ...filled, type: 'listed', level: '' })).toEqual({
      ok: false,
      errors: { expiresOn: { key: 'qualifications.error.expiryNotApplicable' } },
    });
    expect(checkQualificationForm({ ...filled, issuedOn: '' })).toMatchObject({
      ok: false,
      errors: { issuedOn: { key: 'qualifications.error.date' } },
    });
  });
});

describe('dates and what a certificate counts for', () => {
  it('writes 2026年12月7日 in Chinese and 2026-12-07 in English', () => {
    expect(formatCalendarDate('2026-12-07', 'zh-CN')).toBe('2026年12月7日');
    expect(formatCalendarDate('2026-12-07', 'en')).toBe('2026-12-07');
  });

  it('says which library a certificate counts in, and that an expired one no longer does', () => {
    const q = { type: 'specialized-sme', state: 'valid' } as Qualification;
    expect(libraryEffect(q)).toEqual({
      key: 'qualifications.effect.cultivates',
      params: { library: 'plan.library.listed' },
    });
    expect(libraryEffect({ ...q, type: 'high-tech-enterprise' }).key).toBe('qualifications.effect.reaches');
    expect(libraryEffect({ ...q, state: 'expired' }).key).toBe('qualifications.effect.lapsed');
    expect(
      basisLines(
        [
          {
            kind: 'certificate',
            qualificationId: 'q',
            type: 'little-giant',
            certificateNo: 'N',
            expiresOn: '2026-07-27',
            reaches: false,
            counts: false,
          },
        ],
        'zh-CN',
      ),
    ).toEqual([
      {
        key: 'qualifications.basis.expired',
        params: { type: 'qualifications.type.little-giant', number: 'N', until: '2026年7月27日' },
      },
    ]);
  });
});
