/**
 * @park/auth — roles, the principal, JWT signing/verification, hashing of passwords and device credentials, and the
 * signed single-alert links that notification messages carry.
 */
export * from './roles';
export * from './departments';
export * from './password-hasher';
export * from './token-service';
export * from './device-credential';
export * from './alert-link';
