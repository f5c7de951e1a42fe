import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/principal';
import { PrincipalFactory } from '../../auth/principal.factory';
import { ACCOUNT_SCOPE } from '../../users/scopes';
import { SessionService } from '../../auth/session.service';
import type { Client } from '../../clients/client.entity';
import { ClientsService } from '../../clients/clients.service';
import { InsufficientScope } from '../../common/errors/api-error';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { ApiKeyAuthenticator, looksLikeApiKey } from '../../keys/api-key.authenticator';
import { CsrfService } from '../../auth/console/csrf.service';
import type { Html } from '../../html/html';
import { authorizationErrorPage, consentPage } from '../consent/consent.page';
import { ConsentsService } from '../consent/consents.service';
import { InvalidScope, InvalidToken } from '../errors/oauth-error';
import { grantedScopes } from '../scope-policy';
import { AccessTokenCheck } from '../tokens/access-token.check';
import { GrantsService } from '../tokens/grants.service';
import { AuthorizationCodesService } from './authorization-codes.service';
import {
  AuthorizationParameters,
  AuthorizationRequest,
  checkAuthorizationRequest,
  RedirectableError,
  redirectWith,
  UntrustedRequest,
} from './authorization-request';

type Params = Record<string, string>;

interface Signed {
  principal: Principal;
  /** When the person last proved who they are: the session's sign-in, or the Bearer token's (F7). */
  authTime: Date | null;
  /** How the session signed in (RFC 8176); null on the Bearer path, which does not know. */
  amr: readonly string[] | null;
  viaBearer: boolean;
  /** The upstream provider of a federated session: a fresh sign-in goes back to it. */
  identityProviderId: string | null;
}

/**
 * `GET|POST /oauth2/authorize` (RFC 6749 §4.1.1). A caller with a person's Bearer token gets
 * the code at once (DAS style); a browser goes through `/login` and the consent page (as netrex's
 * clients do).
 */
@Injectable()
export class AuthorizeEndpoint {
  constructor(
    private readonly clients: ClientsService,
    private readonly codes: AuthorizationCodesService,
    private readonly consents: ConsentsService,
    private readonly sessions: SessionService,
    private readonly accessTokens: AccessTokenCheck,
    private readonly grants: GrantsService,
    private readonly principals: PrincipalFactory,
    private readonly keys: ApiKeyAuthenticator,
    private readonly csrf: CsrfService,
    private readonly audit: AuditService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async authorize(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const parameters = authorizationParameters(request);
    const params = parameters.values;
    const beforeRedirect = () => this.signInBeforeError(request, reply, params);
    await this.run(reply, parameters, presentsBearer(request), beforeRedirect, async (checked) => {
      const signed = await this.signedIn(request);
      if (!signed) return this.toLogin(reply, params, checked);
      if (!signed.viaBearer && needsFreshSignIn(checked, signed)) return this.toFreshSignIn(reply, params, checked, signed);
      if (signed.viaBearer) assertMayMintCodes(signed.principal);
      const scopes = this.scopesFor(checked, signed.principal);
      if (
        signed.viaBearer ||
        (!checked.prompt.has('consent') && (await this.consents.covers(signed.principal.userId!, checked.client.clientId, scopes)))
      ) {
        return this.issueCode(reply, checked, signed, scopes);
      }
      if (checked.prompt.has('none'))
        throw new RedirectableError(checked, 'consent_required', 'The user has not yet allowed this application');
      return sendPage(
        reply,
        200,
        consentPage({ request: checked, scopes, username: signed.principal.username ?? '', csrfToken: this.csrf.tokenFor(request, reply) }),
      );
    });
  }

  /** `POST /consent`: the person's Allow or Deny; the whole request is checked again. */
  async decide(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.csrf.verify(request, request.body);
    const parameters = authorizationParameters(request);
    const params = parameters.values;
    await this.run(reply, parameters, false, null, async (checked) => {
      const signed = await this.signedIn(request);
      if (!signed || signed.viaBearer) return this.toLogin(reply, params, checked);
      const userId = signed.principal.userId!;
      if (params.decision !== 'allow') {
        await this.audit.record({
          event: 'consent.denied',
          actorId: userId,
          actorName: signed.principal.username,
          clientId: checked.client.clientId,
          ip: request.ip,
        });
        throw new RedirectableError(checked, 'access_denied', 'The user denied the request');
      }
      const scopes = this.scopesFor(checked, signed.principal);
      await this.audit.record({
        event: 'consent.granted',
        actorId: userId,
        actorName: signed.principal.username,
        clientId: checked.client.clientId,
        ip: request.ip,
        details: { scope: scopes.join(' ') },
      });
      return this.issueCode(reply, checked, signed, scopes);
    });
  }

  /**
   * `beforeRedirect`: handles an error instead of redirecting it, when it returns true
   * (signInBeforeError).
   */
  private async run(
    reply: FastifyReply,
    params: AuthorizationParameters,
    viaBearer: boolean,
    beforeRedirect: (() => Promise<boolean>) | null,
    step: (checked: AuthorizationRequest) => Promise<void>,
  ): Promise<void> {
    try {
      const client = params.values.client_id ? await this.usableClient(params.values.client_id) : null;
      await step(checkAuthorizationRequest(params, client, viaBearer));
    } catch (error) {
      if (error instanceof UntrustedRequest) return sendPage(reply, 400, authorizationErrorPage(error.message));
      if (error instanceof RedirectableError && (await beforeRedirect?.())) return;
      if (error instanceof RedirectableError)
        return redirect(
          reply,
          redirectWith(error.request.redirectUri, {
            error: error.error,
            error_description: error.description,
            state: error.request.state,
            iss: this.config.issuer,
          }),
        );
      throw error;
    }
  }

  /**
   * RFC 9700 §4.11.2: an error goes back to a client's redirect URI only once the person is known,
   * so a link to Tessera cannot bounce a stranger to whatever URI someone registered (review A1).
   * An anonymous browser signs in first and comes back to the same request, whose error then
   * redirects. `prompt=none` is the silent exception (it answers at once by definition), and a
   * Bearer caller has proved who it is.
   */
  private async signInBeforeError(request: FastifyRequest, reply: FastifyReply, params: Params): Promise<boolean> {
    if (presentsBearer(request) || params.prompt?.split(' ').includes('none')) return false;
    if (await this.signedIn(request)) return false;
    redirect(reply, `/login?return_to=${encodeURIComponent(afterSignIn(params))}`);
    return true;
  }

  /** A client whose owner is disabled or gone is offered to nobody: as if it were not registered (review A4). */
  private async usableClient(clientId: string): Promise<Client | null> {
    const client = await this.clients.findById(clientId);
    if (!client?.ownerId) return client;
    const owner = await this.principals.authorityOf(client.ownerId);
    return owner && !owner.disabled ? client : null;
  }

  private scopesFor(checked: AuthorizationRequest, principal: Principal): string[] {
    try {
      // `account` is granted only when asked for by name (grantedScopes), never as part of the default set.
      return grantedScopes(checked.scopes.join(' ') || undefined, checked.client.scopes, principal.scopes);
    } catch (error) {
      if (error instanceof InvalidScope) throw new RedirectableError(checked, 'invalid_scope', error.message);
      throw error;
    }
  }

  /**
   * A Bearer caller proves nothing about consent: its code is recorded nowhere as consent, so the
   * person's next browser flow for that client still asks (F7).
   */
  private async issueCode(reply: FastifyReply, checked: AuthorizationRequest, signed: Signed, scopes: string[]): Promise<void> {
    const userId = signed.principal.userId!;
    if (!signed.viaBearer) await this.consents.remember(userId, checked.client.clientId, scopes);
    const code = await this.codes.issue({
      clientId: checked.client.clientId,
      userId,
      redirectUri: checked.redirectUri,
      scopes,
      codeChallenge: checked.codeChallenge,
      nonce: checked.nonce,
      authTime: signed.authTime,
      amr: signed.amr,
      // The grant behind the Bearer token: the grant this code starts ends with it (review R05).
      mintedByGrant: signed.viaBearer ? signed.principal.grantId : null,
    });
    // RFC 9207: `iss` lets a client that talks to several servers detect mix-up attacks (RFC 9700 §4.4).
    redirect(reply, redirectWith(checked.redirectUri, { code, state: checked.state, iss: this.config.issuer }));
  }

  private toLogin(reply: FastifyReply, params: Params, checked: AuthorizationRequest): void {
    if (checked.prompt.has('none')) throw new RedirectableError(checked, 'login_required', 'The user is not signed in');
    redirect(reply, `/login?return_to=${encodeURIComponent(afterSignIn(params))}${freshness(checked)}`);
  }

  /**
   * OIDC Core §3.1.2.1 `prompt=login` / `max_age`: the person signs in again before a code is issued.
   * A federated session goes straight back to its provider, asking it for a fresh sign-in too; the
   * request comes back without `prompt=login` and `max_age`, now answered by the new `auth_time`.
   */
  private toFreshSignIn(reply: FastifyReply, params: Params, checked: AuthorizationRequest, signed: Signed): void {
    if (checked.prompt.has('none')) throw new RedirectableError(checked, 'login_required', 'A new sign-in is required');
    const back = encodeURIComponent(afterSignIn(params));
    const path = signed.identityProviderId ? `/login/federation/${encodeURIComponent(signed.identityProviderId)}` : '/login';
    redirect(reply, `${path}?return_to=${back}${freshness(checked)}`);
  }

  /**
   * A person's access token, asked of the one AccessTokenCheck. The code's auth time is the
   * token's (F7): its grant's sign-in, else its `iat`; never the time of this request.
   */
  private async bearerSignIn(token: string): Promise<Signed> {
    if (looksLikeApiKey(token)) return this.keySignIn(token);
    const verdict = await this.accessTokens.check(token);
    if (!verdict.usable || verdict.actsAsClient) throw notAPerson();
    const { claims, token: facts, owner } = verdict;
    const principal = this.principals.fromAuthority(owner, {
      kind: 'user',
      scopes: claims.scope.split(' ').filter(Boolean),
      readOnly: false,
      clientId: claims.client_id,
      credentialId: claims.jti,
      grantId: facts.grantId,
    });
    const grant = facts.grantId ? await this.grants.findActive(facts.grantId) : null;
    return {
      principal: principal!,
      authTime: grant?.authTime ?? new Date(claims.iat * 1000),
      viaBearer: true,
      amr: null,
      identityProviderId: null,
    };
  }

  /** A personal access token: a person, but it never carries `account`, so the code is refused after this. */
  private async keySignIn(token: string): Promise<Signed> {
    const principal = await this.keys.authenticate(token, 'bearer');
    if (!principal || principal.kind !== 'user' || !principal.userId) throw notAPerson();
    return { principal, authTime: null, viaBearer: true, amr: null, identityProviderId: null };
  }

  /** A person's Bearer token, else the browser session; an invalid Bearer token is refused. */
  private async signedIn(request: FastifyRequest): Promise<Signed | null> {
    const header = request.headers.authorization;
    if (header && presentsBearer(request)) return this.bearerSignIn(header.slice(7).trim());
    const sessionId = this.sessions.idOf(request);
    if (!sessionId) return null;
    const session = await this.sessions.find(sessionId);
    const principal = session ? await this.sessions.authenticate(sessionId) : null;
    if (!session || !principal) return null;
    const amr = session.amr ? session.amr.split(' ') : ['pwd'];
    return { principal, authTime: session.createdAt, viaBearer: false, amr, identityProviderId: session.identityProviderId };
  }
}

/**
 * F7: the Bearer path mints a code (and through it a refresh token) in the person's name, so the
 * token must carry `account`, which API keys and PATs never do and a third-party
 * application holds only when the person consented to it.
 */
function assertMayMintCodes(principal: Principal): void {
  if (!principal.scopes.includes(ACCOUNT_SCOPE)) throw new InsufficientScope([ACCOUNT_SCOPE]);
}

function notAPerson(): InvalidToken {
  return new InvalidToken('The Bearer token is invalid or does not represent a person');
}

/** `prompt=login`, or a sign-in older than `max_age` seconds. */
function needsFreshSignIn(checked: AuthorizationRequest, signed: Signed): boolean {
  if (checked.prompt.has('login')) return true;
  if (checked.maxAge === null || !signed.authTime) return checked.maxAge !== null;
  return Date.now() - signed.authTime.getTime() > checked.maxAge * 1000;
}

/** The authorization request to come back to after signing in: without the form's fields, `prompt=login` and `max_age`, which the sign-in answers. */
function afterSignIn(params: Params): string {
  const kept = Object.entries(params).filter(([name]) => !['_csrf', 'decision', 'max_age'].includes(name));
  const again = new URLSearchParams(kept.map(([name, value]): [string, string] => [name, name === 'prompt' ? withoutLogin(value) : value]));
  if (again.get('prompt') === '') again.delete('prompt');
  return `/oauth2/authorize?${again.toString()}`;
}

function withoutLogin(prompt: string): string {
  return prompt
    .split(' ')
    .filter((value) => value && value !== 'login')
    .join(' ');
}

/** What the login page passes on to an upstream provider: sign in afresh, within `max_age`. */
function freshness(checked: AuthorizationRequest): string {
  const forced = checked.prompt.has('login') ? '&prompt=login' : '';
  return `${forced}${checked.maxAge !== null ? `&max_age=${checked.maxAge}` : ''}`;
}

function presentsBearer(request: FastifyRequest): boolean {
  return /^bearer /i.test(request.headers.authorization ?? '');
}

/**
 * GET: the query. POST: the form body, plus the query (netrex's clients post with the parameters in the
 * URL). A name sent twice, in one of them or in both, is reported as repeated, never merged (F14).
 */
function authorizationParameters(request: FastifyRequest): AuthorizationParameters {
  const values: Params = {};
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const source of [request.query, request.body]) {
    if (!source || typeof source !== 'object') continue;
    for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
      if (Array.isArray(value) || seen.has(name)) repeated.add(name);
      seen.add(name);
      if (typeof value === 'string' && value !== '') values[name] = value;
    }
  }
  for (const name of repeated) delete values[name];
  return { values, repeated: [...repeated] };
}

function sendPage(reply: FastifyReply, status: number, page: Html): void {
  reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.toString());
}

function redirect(reply: FastifyReply, location: string): void {
  reply.status(302).header('Location', location).header('Cache-Control', 'no-store').send();
}
