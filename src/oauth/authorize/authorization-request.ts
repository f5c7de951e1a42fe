import { ALL_SCOPES, isKnownScope, parseScopeParameter } from '../../users/scopes';
import type { Client } from '../../clients/client.entity';
import { PKCE_VALUE } from './authorization-codes.service';

/** A checked authorization request (RFC 6749 §4.1.1 + RFC 7636 §4.3 + OIDC nonce/prompt). */
export interface AuthorizationRequest {
  client: Client;
  redirectUri: string;
  /** The scopes asked for (empty: the defaults). */
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
  nonce: string | null;
  /** OIDC Core §3.1.2.1 `prompt`, a space-separated list: each value on its own (review A6). */
  prompt: ReadonlySet<Prompt>;
  /** OIDC Core §3.1.2.1 `max_age`: seconds since the person last signed in, at most; null: any. */
  maxAge: number | null;
}

/** A problem shown on Tessera's own page: the client or redirect URI cannot be trusted (RFC 6749 §4.1.2.1). */
export class UntrustedRequest {
  constructor(readonly message: string) {}
}

/** A problem reported back to the client's redirect URI as `error` + `error_description` + `state`. */
export class RedirectableError {
  constructor(
    readonly request: { redirectUri: string; state: string | null },
    readonly error: string,
    readonly description: string,
  ) {}
}

type Params = Readonly<Record<string, string>>;

/** The request's parameters, and the names sent more than once (dropped from `values`). */
export interface AuthorizationParameters {
  readonly values: Params;
  readonly repeated: readonly string[];
}

/** Parameters that decide where an error may be sent: repeated, nothing can be trusted. */
const TRUST_PARAMETERS = ['client_id', 'redirect_uri'];

/**
 * Checks the client and redirect URI first (exact string match, RFC 9700 §4.1.3), then the rest.
 * `viaBearer`: the code goes straight back to a caller holding the person's token (DAS-style authorization), not
 * through a browser redirect that could be intercepted, so PKCE is not demanded of public clients there.
 * RFC 6749 §3.1: a parameter sent more than once is invalid_request (F14), on a page when it is
 * the client_id or redirect_uri, else at the redirect URI (without the state, if that was repeated).
 */
export function checkAuthorizationRequest(
  { values: params, repeated }: AuthorizationParameters,
  client: Client | null,
  viaBearer = false,
): AuthorizationRequest {
  const untrusted = repeated.find((name) => TRUST_PARAMETERS.includes(name));
  if (untrusted) throw new UntrustedRequest(`The parameter ${untrusted} was sent more than once, so Tessera cannot tell where to answer.`);
  if (!params.client_id) throw new UntrustedRequest('The authorization request has no client_id.');
  if (!client) throw new UntrustedRequest('The application asking for access is not registered here.');
  if (!params.redirect_uri) throw new UntrustedRequest('The authorization request has no redirect_uri.');
  if (!client.redirectUris.includes(params.redirect_uri)) {
    throw new UntrustedRequest('The redirect_uri is not one registered for this application, so Tessera will not send you there.');
  }
  const back = { redirectUri: params.redirect_uri, state: params.state ?? null };
  const fail = (error: string, description: string) => new RedirectableError(back, error, description);
  if (repeated.length > 0) throw fail('invalid_request', `The parameter ${repeated[0]} was sent more than once (RFC 6749 §3.1)`);
  if (params.response_mode && params.response_mode !== 'query') throw fail('invalid_request', 'Only response_mode=query is supported');
  if (params.response_type !== 'code') throw fail('unsupported_response_type', 'Only response_type=code is supported');
  if (!client.grantTypes.includes('authorization_code'))
    throw fail('unauthorized_client', 'This client may not use the authorization code grant');
  const codeChallenge = checkProofKey(params, client, viaBearer, fail);
  const scopes = parseScopeParameter(params.scope);
  const unknown = scopes.find((scope) => !isKnownScope(scope));
  if (unknown) throw fail('invalid_scope', `Unknown scope "${unknown}"; known scopes are: ${ALL_SCOPES.join(' ')}`);
  const notAllowed = scopes.find((scope) => !client.scopes.includes(scope));
  if (notAllowed) throw fail('invalid_scope', `This client may not request the scope "${notAllowed}"`);
  if (params.nonce && params.nonce.length > 255) throw fail('invalid_request', 'nonce must be at most 255 characters');
  if (params.max_age !== undefined && !/^\d{1,9}$/.test(params.max_age))
    throw fail('invalid_request', 'max_age must be a number of seconds');
  return {
    client,
    redirectUri: params.redirect_uri,
    scopes,
    state: params.state ?? null,
    codeChallenge,
    nonce: params.nonce ?? null,
    prompt: checkPrompt(params.prompt, fail),
    maxAge: params.max_age !== undefined ? Number(params.max_age) : null,
  };
}

const PROMPTS = ['none', 'login', 'consent', 'select_account'] as const;
export type Prompt = (typeof PROMPTS)[number];

/**
 * OIDC Core §3.1.2.1: a list of values, each of which counts whatever else is in it; `none` with
 * any other value is an error. `select_account` asks for nothing here (one account per browser).
 */
function checkPrompt(value: string | undefined, fail: (error: string, description: string) => RedirectableError): ReadonlySet<Prompt> {
  const values = (value ?? '').split(' ').filter(Boolean);
  const unknown = values.find((prompt) => !(PROMPTS as readonly string[]).includes(prompt));
  if (unknown) throw fail('invalid_request', `Unknown prompt value "${unknown}"; supported: ${PROMPTS.join(' ')}`);
  const prompts = new Set(values as Prompt[]);
  if (prompts.has('none') && prompts.size > 1) throw fail('invalid_request', 'prompt=none cannot be combined with other values');
  return prompts;
}

/** RFC 7636 §4.3 with RFC 9700 §2.1.1: S256 only, and required for public clients. */
function checkProofKey(
  params: Params,
  client: Client,
  viaBearer: boolean,
  fail: (error: string, description: string) => RedirectableError,
): string | null {
  const challenge = params.code_challenge;
  const method = params.code_challenge_method;
  if (!challenge) {
    if (method) throw fail('invalid_request', 'code_challenge_method was sent without a code_challenge');
    if (!client.confidential && !viaBearer)
      throw fail('invalid_request', 'PKCE is required for public clients: send code_challenge and code_challenge_method=S256');
    return null;
  }
  if (method !== 'S256') throw fail('invalid_request', 'code_challenge_method must be S256 (plain is not allowed)');
  if (!PKCE_VALUE.test(challenge)) throw fail('invalid_request', 'code_challenge must be 43–128 characters of A–Z a–z 0–9 - . _ ~');
  return challenge;
}

/** The redirect URI with the response parameters added, keeping its own query (`?foo=bar` → `?foo=bar&code=…`). */
export function redirectWith(redirectUri: string, params: Record<string, string | null>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null)).toString();
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query}`;
}
