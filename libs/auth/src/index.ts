/** @park/auth — roles, the principal, JWT signing/verification and hashing of passwords and device credentials. */
export * from './roles';
export * from './password-hasher';
export * from './token-service';
export * from './device-credential';
