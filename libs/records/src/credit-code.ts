/** 统一社会信用代码: the check lives in @park/contracts, where the web app's forms use it too. */
export { checkCreditCode, CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@park/contracts';
export type { CreditCodeFault, CreditCodeProblem } from '@park/contracts';
