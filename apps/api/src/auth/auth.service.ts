import { Inject, Injectable } from '@nestjs/common';
import { isDepartment, isUserRole, verifySecret, type Principal } from '@park/auth';
import type { LoginResult } from '@park/contracts';
import { UserRepository } from '@park/records';
import { ApiDomainError } from '../errors';
import { LoginLimiter } from './login-limiter';
import { SessionRegistry } from './session-registry';

// A hash of a random string: verifying against it when the user does not exist keeps timing uniform.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$Tj1tCq7s5j0gq2dJc7H8c0H3mK0D2m3Zb1sX2Yw9aQo';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
    private readonly limiter: LoginLimiter,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<LoginResult> {
    const admission = this.limiter.admit({ username, address: clientAddress });
    if (admission.refused) {
      const seconds = Math.ceil(admission.retryAfterMs / 1000);
      throw new ApiDomainError(
        'TOO_MANY_ATTEMPTS',
        `too many failed logins for this user from this address; try again in ${seconds} s`,
      );
    }
    // The wait comes before the password is checked, the same for a right and a wrong one: it tells nothing.
    if (admission.delayMs > 0) await sleep(admission.delayMs);
    const user = await this.users.findByUsername(username);
    const ok = await verifySecret(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled || !isUserRole(user.role)) {
      throw new ApiDomainError('INVALID_CREDENTIALS', 'wrong username or password');
    }
    this.limiter.succeeded(admission.ticket);
    const principal: Principal = {
      userId: user.id,
      username: user.username,
      role: user.role,
      enterpriseId: user.enterpriseId,
      department: isDepartment(user.department) ? user.department : null,
    };
    const session = await this.sessions.openUserSession(principal);
    return { ...session, user: { ...principal, displayName: user.displayName } };
  }

  /** Logout: ends the session the request came with (the user's other sessions go on). */
  logout(sessionId: string): Promise<void> {
    return this.sessions.endSession(sessionId);
  }
}
