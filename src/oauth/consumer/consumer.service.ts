import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { PrincipalFactory } from '../../auth/principal.factory';
import { PasswordSignIn, SIGN_IN_REFUSALS } from '../../auth/two-factor/password-sign-in';
import { ALL_SCOPES } from '../../users/scopes';
import { Conflict, Forbidden } from '../../common/errors/api-error';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { RolesService } from '../../users/roles.service';
import { UsersService } from '../../users/users.service';
import { ClientNames } from '../client-auth/client-names';
import { CONSUMER_CLIENT } from '../client-auth/consumer-client';
import { InvalidGrant, OtpRequired } from '../errors/oauth-error';
import { grantedScopes } from '../scope-policy';
import { TokenIssuer } from '../tokens/token-issuer';
import { ConsumerLoginDto, ConsumerRegisterDto } from './consumer.dto';
import { namedSchema } from '../../common/openapi/schema-registry';

export interface ConsumerToken {
  token: string;
  expires_in: number;
  refresh_token: string;
}

/** Fusio-compatible `/consumer/login` and `/consumer/register`: a person's own tokens, and self-registration. */
@Injectable()
export class ConsumerService {
  constructor(
    private readonly users: UsersService,
    private readonly principals: PrincipalFactory,
    private readonly signIns: PasswordSignIn,
    private readonly roles: RolesService,
    private readonly issuer: TokenIssuer,
    private readonly audit: AuditService,
    private readonly clientNames: ClientNames,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  /**
   * The token carries the person's role scopes, narrowed to `scope` when one is given. A person who
   * signs in with two factors is answered `otp_required` first and sends the code as `otp` with the
   * password in a second call (docs/oauth.md).
   */
  async login(dto: ConsumerLoginDto, ip: string): Promise<ConsumerToken> {
    // Dated when the password began to be checked, like a client's token (R15).
    const client = { ...CONSUMER_CLIENT, authenticatedAt: Date.now() };
    const signedIn = await this.signIns.signIn(dto.username, dto.password, dto.otp, { ip, channel: 'consumer' });
    if (!signedIn.user && signedIn.refusal === 'code-needed') throw new OtpRequired(SIGN_IN_REFUSALS['code-needed']);
    if (!signedIn.user) throw new InvalidGrant(SIGN_IN_REFUSALS[signedIn.refusal]);
    const user = signedIn.user;
    const owner = await this.principals.authorityOf(user.id);
    if (!owner || owner.disabled) throw new InvalidGrant(SIGN_IN_REFUSALS.credentials);
    const scopes = grantedScopes(dto.scope, ALL_SCOPES, owner.scopes, true);
    const issued = await this.issuer.issue({
      client,
      grantType: 'password',
      userId: user.id,
      actsAsClient: false,
      scopes,
      grantId: null,
      withRefreshToken: true,
      ip,
      authTime: new Date(),
    });
    return { token: issued.access_token, expires_in: issued.expires_in, refresh_token: issued.refresh_token! };
  }

  /**
   * Off unless REGISTRATION=open. A taken name gets one fixed sentence that names no
   * one, after the same checks and hashing as a new account (docs/security.md, "Usernames").
   */
  async register(dto: ConsumerRegisterDto): Promise<{ id: string; username: string; email: string | null; roles: string[] }> {
    if (this.config.registration !== 'open')
      throw new Forbidden('Self-registration is closed on this server; ask an administrator for an account');
    const role = await this.roles.findDefault();
    const user = (await this.clientNames.taken(dto.username))
      ? null
      : await this.users.createIfFree({
          username: dto.username,
          email: dto.email,
          password: dto.password,
          roles: role ? [role.name] : [],
        });
    if (!user) {
      await this.audit.record({
        event: 'user.registration_refused',
        outcome: 'failure',
        actorName: dto.username.slice(0, 128),
        details: { reason: 'username taken' },
      });
      throw new Conflict('This username cannot be registered; choose another', 'username');
    }
    await this.audit.record({ event: 'user.registered', actorId: user.id, actorName: user.username, target: user.id });
    return { id: user.id, username: user.username, email: user.email, roles: role ? [role.name] : [] };
  }
}

export const CONSUMER_TOKEN_SCHEMA = namedSchema('ConsumerToken', {
  type: 'object',
  required: ['token', 'expires_in', 'refresh_token'],
  properties: { token: { type: 'string' }, expires_in: { type: 'integer' }, refresh_token: { type: 'string' } },
});

export const REGISTERED_CONSUMER_SCHEMA = namedSchema('RegisteredConsumer', {
  type: 'object',
  required: ['id', 'username', 'email', 'roles'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    email: { type: 'string', nullable: true },
    roles: { type: 'array', items: { type: 'string' } },
  },
});
