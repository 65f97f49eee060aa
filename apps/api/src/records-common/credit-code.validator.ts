import { checkCreditCode } from '@park/records';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** 统一社会信用代码 with its GB 32100 check character; the message says what is wrong (length, character, check). */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCreditCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkCreditCode(value).ok,
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${args?.property ?? 'creditCode'} must be a string`;
          const result = checkCreditCode(value);
          return result.ok ? '' : `${args?.property ?? 'creditCode'}: ${result.reason}`;
        },
      },
    },
    options,
  );
}
