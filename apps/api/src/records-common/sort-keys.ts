import { IsIn } from 'class-validator';

/** Refuses a sort key the list does not offer, naming the ones it does. */
export const IsSortKey = (keys: Readonly<Record<string, string>>) =>
  IsIn(Object.keys(keys), { message: `sort must be one of: ${Object.keys(keys).join(', ')}` });
