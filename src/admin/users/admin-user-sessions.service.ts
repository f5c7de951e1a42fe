import { Injectable } from '@nestjs/common';
import { TwoFactorService } from '../../auth/two-factor/two-factor.service';
import { NotFound } from '../../common/errors/api-error';
import { PersonSessionsService, SignedInOverview } from '../../oauth/sessions/person-sessions.service';
import type { User } from '../../users/entities/user.entity';
import { UsersService } from '../../users/users.service';
import { Actor } from '../../auth/actor';
import { namedSchema, SchemaObject } from '../../common/openapi/schema-registry';
import { AUTHORIZED_APP_SCHEMA } from '../../oauth/authorized-apps/authorized-apps.service';

export type PersonSignIns = SignedInOverview & { two_factor: { enrolled: boolean; recovery_codes_left: number } };

/** Where a person is signed in, ending it, and taking their second factor away (a lost phone), for administrators (issue 15). */
@Injectable()
export class AdminUserSessionsService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: PersonSessionsService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  async overview(id: string): Promise<PersonSignIns> {
    const person = await this.personOf(id);
    const status = await this.twoFactor.statusOf(person.id);
    return {
      ...(await this.sessions.overviewOf(person.id)),
      two_factor: { enrolled: status.enrolled, recovery_codes_left: status.recoveryCodesLeft },
    };
  }

  /** Every session and grant of the person ends, the administrator's own session included when they sign themselves out. */
  async signOutEverywhere(actor: Actor, id: string): Promise<void> {
    const person = await this.personOf(id);
    const keep = actor.principal.userId === person.id && actor.principal.kind === 'session' ? actor.principal.credentialId : null;
    await this.sessions.signOutEverywhere(person.id, { id: actor.principal.userId, name: actor.principal.username, ip: actor.ip }, keep);
  }

  /** The person signs in with the password alone until they set up TOTP again (forced at the next console sign-in when their role requires it). */
  async resetTwoFactor(actor: Actor, id: string): Promise<void> {
    const person = await this.personOf(id);
    await this.twoFactor.remove(person, { id: actor.principal.userId, name: actor.principal.username }, { ip: actor.ip });
  }

  private async personOf(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user || user.kind !== 'person') throw new NotFound(`No person with the id "${id}"`);
    return user;
  }
}

const SESSION_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['device', 'user_agent', 'ip', 'amr', 'created_at', 'last_seen_at', 'current'],
  properties: {
    device: { type: 'string', example: 'Chrome on Windows' },
    user_agent: { type: 'string', nullable: true },
    ip: { type: 'string', nullable: true },
    amr: { type: 'array', items: { type: 'string' }, description: '`pwd`, or `pwd` and `otp` after a second factor (RFC 8176)' },
    created_at: { type: 'string', format: 'date-time' },
    last_seen_at: { type: 'string', format: 'date-time' },
    current: { type: 'boolean' },
  },
};

export const PERSON_SIGN_INS_SCHEMA = namedSchema('PersonSignIns', {
  type: 'object',
  required: ['sessions', 'applications', 'two_factor'],
  properties: {
    sessions: { type: 'array', items: SESSION_SCHEMA },
    applications: { type: 'array', items: AUTHORIZED_APP_SCHEMA },
    two_factor: {
      type: 'object',
      required: ['enrolled', 'recovery_codes_left'],
      properties: { enrolled: { type: 'boolean' }, recovery_codes_left: { type: 'integer' } },
    },
  },
});
