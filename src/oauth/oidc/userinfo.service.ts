import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { UsersService } from '../../users/users.service';
import { InvalidToken } from '../errors/oauth-error';
import { namedSchema } from '../../common/openapi/schema-registry';

/** Claims by scope (OIDC Core §5.4): `profile` → preferred_username, `email` → email. */
@Injectable()
export class UserinfoService {
  constructor(private readonly users: UsersService) {}

  async describe(principal: Principal): Promise<Record<string, string | null>> {
    const user = principal.userId ? await this.users.findById(principal.userId) : null;
    if (!user) throw new InvalidToken();
    return {
      sub: user.id,
      ...(principal.scopes.includes('profile') ? { preferred_username: user.username } : {}),
      ...(principal.scopes.includes('email') ? { email: user.email } : {}),
    };
  }
}

export const USERINFO_SCHEMA = namedSchema('Userinfo', {
  type: 'object',
  required: ['sub'],
  properties: {
    sub: { type: 'string' },
    preferred_username: { type: 'string', description: 'With scope profile' },
    email: { type: 'string', nullable: true, description: 'With scope email' },
  },
});
