import { admissionOrder, checkAdmissionForm, governingEntry, REASON_MAX } from './admission-form';

const LIST = [
  { industryCode: '2614', level: 'encouraged' as const, reason: '园区主导产业配套' },
  { industryCode: '26', level: 'restricted' as const, reason: '须安评环评' },
  { industryCode: '2511', level: 'prohibited' as const, reason: '原油加工不得新建' },
  { industryCode: '39', level: 'encouraged' as const, reason: '电子信息' },
];

describe('the admission entry form', () => {
  it('accepts a code of 2–4 digits, a level and a reason, trimmed', () => {
    expect(
      checkAdmissionForm({ industryCode: ' 2661 ', level: 'restricted', reason: ' 专用化学品，须评审 ' }),
    ).toEqual({
      ok: true,
      body: { industryCode: '2661', level: 'restricted', reason: '专用化学品，须评审' },
    });
  });

  it('puts each problem on its field', () => {
    const checked = checkAdmissionForm({ industryCode: '26141', level: '', reason: '  ' });
    expect(checked).toEqual({
      ok: false,
      errors: {
        industryCode: { key: 'records.edit.error.industryCode' },
        level: { key: 'records.edit.error.required' },
        reason: { key: 'records.edit.error.required' },
      },
    });
    expect(checkAdmissionForm({ industryCode: '', level: 'encouraged', reason: 'x' })).toMatchObject({
      ok: false,
      errors: { industryCode: { key: 'records.edit.error.required' } },
    });
    expect(checkAdmissionForm({ industryCode: 'C26', level: 'encouraged', reason: 'x' })).toMatchObject({
      ok: false,
      errors: { industryCode: { key: 'records.edit.error.industryCode' } },
    });
    expect(
      checkAdmissionForm({ industryCode: '26', level: 'encouraged', reason: '字'.repeat(REASON_MAX + 1) }),
    ).toMatchObject({ ok: false, errors: { reason: { key: 'admission.error.reasonLength' } } });
  });

  it('orders the list 禁止, 限制, 鼓励, by code within a level', () => {
    expect(admissionOrder(LIST).map((e) => e.industryCode)).toEqual(['2511', '26', '2614', '39']);
  });

  it('says what a code falls under today, leaving out its own line: the longest listed prefix', () => {
    expect(governingEntry(LIST, '2614')?.industryCode).toBe('26');
    expect(governingEntry(LIST, '26141'.slice(0, 4))?.industryCode).toBe('26');
    expect(governingEntry(LIST, '2661')?.industryCode).toBe('26');
    expect(governingEntry(LIST, '261')?.industryCode).toBe('26');
    expect(governingEntry(LIST, '3976')?.industryCode).toBe('39');
    expect(governingEntry(LIST, '13')).toBeNull();
    expect(governingEntry(LIST, '26')).toBeNull();
  });
});
