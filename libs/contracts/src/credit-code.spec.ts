import { checkCreditCode, CREDIT_CODE_ALPHABET, creditCodeCheckChar } from './credit-code';

/** The example printed in GB 32100-2015 guidance and used across public validators. */
const EXAMPLE = '91350100M000100Y43';

function reasonOf(code: string): string {
  const result = checkCreditCode(code);
  if (result.ok) throw new Error(`expected ${code} to be refused`);
  return result.reason;
}

describe('checkCreditCode', () => {
  it('accepts the public example 91350100M000100Y43', () => {
    expect(checkCreditCode(EXAMPLE)).toEqual({ ok: true });
  });

  it('computes 3 as the check character of the example', () => {
    expect(creditCodeCheckChar(EXAMPLE.slice(0, 17))).toBe('3');
  });

  it.each([...CREDIT_CODE_ALPHABET].filter((c) => c !== '3'))(
    'refuses the example with check character %s, naming the expected one',
    (wrong) => {
      const reason = reasonOf(EXAMPLE.slice(0, 17) + wrong);
      expect(reason).toContain('应为“3”');
      expect(reason).toContain(`实际为“${wrong}”`);
      expect(reason).toContain('check character should be 3');
    },
  );

  it.each([
    ['17 characters', EXAMPLE.slice(0, 17), 17],
    ['19 characters', `${EXAMPLE}0`, 19],
    ['an empty string', '', 0],
    ['the old 15-digit registration number', '350100400012345', 15],
  ])('refuses %s, saying how long it was', (_label, code, length) => {
    const reason = reasonOf(code);
    expect(reason).toContain('应为18位');
    expect(reason).toContain(`实际${length}位`);
    expect(reason).toContain('must be 18 characters');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the letter %s, which GB 32100 never uses', (letter) => {
    const code = `${EXAMPLE.slice(0, 8)}${letter}${EXAMPLE.slice(9)}`;
    const reason = reasonOf(code);
    expect(reason).toContain(`字符“${letter}”`);
    expect(reason).toContain('I, O, S, V, Z are never used');
  });

  it.each([
    ['lower case', '91350100m000100Y43', 'm'],
    ['a space', '91350100 000100Y43', ' '],
    ['a full-width digit', '９1350100M000100Y43', '９'],
  ])('refuses %s', (_label, code, ch) => {
    expect(reasonOf(code)).toContain(`字符“${ch}”`);
  });

  it('catches every single-character typo in the first 17 characters', () => {
    let tried = 0;
    for (let i = 0; i < 17; i++) {
      for (const c of CREDIT_CODE_ALPHABET) {
        if (c === EXAMPLE[i]) continue;
        const typo = EXAMPLE.slice(0, i) + c + EXAMPLE.slice(i + 1);
        expect([typo, checkCreditCode(typo).ok]).toEqual([typo, false]);
        tried++;
      }
    }
    expect(tried).toBe(17 * 30);
  });

  it('accepts any body followed by its computed check character', () => {
    let seed = 11; // MINSTD: deterministic
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let n = 0; n < 200; n++) {
      const body = Array.from({ length: 17 }, () => CREDIT_CODE_ALPHABET[next() % 31]).join('');
      const code = body + creditCodeCheckChar(body);
      expect([code, checkCreditCode(code)]).toEqual([code, { ok: true }]);
    }
  });
});

describe('checkCreditCode: the fault as data', () => {
  it('names the length, the character and the check character for a caller that words them itself', () => {
    const fault = (code: string) => {
      const result = checkCreditCode(code);
      return result.ok ? null : result.fault;
    };
    expect(fault(EXAMPLE.slice(0, 17))).toEqual({ kind: 'length', length: 17 });
    expect(fault(`${EXAMPLE.slice(0, 8)}O${EXAMPLE.slice(9)}`)).toEqual({
      kind: 'character',
      character: 'O',
    });
    expect(fault(`${EXAMPLE.slice(0, 17)}4`)).toEqual({ kind: 'check', expected: '3', actual: '4' });
    expect(fault(EXAMPLE)).toBeNull();
  });
});

describe('creditCodeCheckChar', () => {
  it('needs exactly 17 characters', () => {
    expect(() => creditCodeCheckChar(EXAMPLE)).toThrow(/17/);
    expect(() => creditCodeCheckChar('')).toThrow(/17/);
  });

  it('refuses a character outside the alphabet', () => {
    expect(() => creditCodeCheckChar('91350100O000100Y4')).toThrow(/"O"/);
  });

  it('uses 0 when the weighted sum is already a multiple of 31', () => {
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
  });
});
