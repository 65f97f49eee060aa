import { Matches } from 'class-validator';

/** GB/T 4754-2017: a division (2 digits), group (3) or class (4). */
export const INDUSTRY_CODE_PATTERN = /^\d{2,4}$/;
export const IsIndustryCode = () =>
  Matches(INDUSTRY_CODE_PATTERN, { message: '$property must be a GB/T 4754 code of 2–4 digits (e.g. 2614)' });
