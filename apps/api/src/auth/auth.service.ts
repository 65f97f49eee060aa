import { Inject, Injectable } from '@nestjs/common';
import { isRole, TokenService, verifySecret, type Principal } from '@park/auth';
import { UserRepository } from '@park/records';
import { ApiDomainError } from '../errors';
import { LoginLimiter } from './login-limiter';

// A hash of a random string: verifying against it when the user does not exist keeps timing uniform.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$Tj1tCq7s5j0gq2dJc7H8c0H3mK0D2m3Zb1sX2Yw9aQo';

export interface LoginResult {
  readonly accessToken: string;
  readonly user: Principal & { readonly displayName: string };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<LoginResult> {
    const keys = [`u:${username.toLowerCase()}`, `ip:${clientAddress}`];
    if (this.limiter.isBlocked(keys)) {
      throw new ApiDomainError('TOO_MANY_ATTEMPTS', 'too many failed logins; try again in a few minutes');
    }
    const user = await this.users.findByUsername(username);
    const ok = await verifySecret(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled || !isRole(user.role)) {
      this.limiter.recordFailure(keys);
      throw new ApiDomainError('INVALID_CREDENTIALS', 'wrong username or password');
    }
    this.limiter.reset(keys);
    const principal: Principal = {
      userId: user.id,
      username: user.username,
      role: user.role,
      enterpriseId: user.enterpriseId,
    };
    return {
      accessToken: this.tokens.sign(principal),
      user: { ...principal, displayName: user.displayName },
    };
  }
}
