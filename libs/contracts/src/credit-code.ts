/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-character alphabet (digits and capitals without
 * I, O, S, V, Z); the 18th is a check character computed from the first 17 with weights 3^i mod 31.
 * Here, not in @park/records, because the web app's forms check a code with the same function the API does.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('need the first 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`character "${first17[i]}" is not in the GB 32100 alphabet`);
    sum += v * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** What is wrong with a code, as data, for a caller that words it in its own language (the web app's forms). */
export type CreditCodeFault =
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'character'; readonly character: string }
  | { readonly kind: 'check'; readonly expected: string; readonly actual: string };

export type CreditCodeProblem =
  { readonly ok: false; readonly reason: string; readonly fault: CreditCodeFault } | { readonly ok: true };

export function checkCreditCode(code: string): CreditCodeProblem {
  if (code.length !== 18)
    return {
      ok: false,
      reason: `统一社会信用代码应为18位，实际${code.length}位 (must be 18 characters)`,
      fault: { kind: 'length', length: code.length },
    };
  for (const ch of code) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) {
      return {
        ok: false,
        reason: `字符“${ch}”不属于GB 32100字符集 (character not allowed; I, O, S, V, Z are never used)`,
        fault: { kind: 'character', character: ch },
      };
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      ok: false,
      reason: `校验码错误：应为“${expected}”，实际为“${code[17]}” (check character should be ${expected})`,
      fault: { kind: 'check', expected, actual: code[17] },
    };
  }
  return { ok: true };
}
