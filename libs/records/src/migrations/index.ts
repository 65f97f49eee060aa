import { Initial1764230400000 } from './1764230400000-initial';

/** Every migration, oldest first. A new one is appended here; `npm run check:schema` fails on drift. */
export const MIGRATIONS = [Initial1764230400000];
