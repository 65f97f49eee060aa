import { parseSubjectKey, subjectKey, type RuleSubject } from './subject-key';

describe('subject keys', () => {
  it('keeps the stored format (rule_states rows written before must still be found)', () => {
    expect(subjectKey({ type: 'device', id: 'gas-1' })).toBe('device:gas-1');
    expect(subjectKey({ type: 'line', enterpriseId: 'e1', id: 'l1' })).toBe('line:e1:l1');
  });

  it('reads back every subject it builds, a line id with colons too', () => {
    const subjects: RuleSubject[] = [
      { type: 'device', id: '6f1c2d3e-0000-4000-8000-000000000001' },
      { type: 'device', id: 'a:b' },
      { type: 'line', enterpriseId: '6f1c2d3e-0000-4000-8000-000000000002', id: 'line-1' },
      { type: 'line', enterpriseId: 'e1', id: '车间:一号线' },
    ];
    for (const subject of subjects) expect(parseSubjectKey(subjectKey(subject))).toEqual(subject);
  });

  it('reads no subject from a key it did not build', () => {
    for (const key of ['', 'device:', 'line:', 'line:e1', 'line::l1', 'line:e1:', 'enterprise:e1', 'gas-1'])
      expect(parseSubjectKey(key)).toBeNull();
  });
});
