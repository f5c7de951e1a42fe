import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { namedSchema } from '../common/openapi/schema-registry';
import { ALL_SCOPES } from '../users/scopes';
import { GRANT_TYPES } from './grants';

/**
 * How the OAuth endpoints appear in the OpenAPI document: their form parameters and answers.
 * Decorators only; the endpoints do the work (docs/oauth.md).
 */
const FORM = 'application/x-www-form-urlencoded';
const text = (description: string, example?: string) => ({ type: 'string', description, ...(example ? { example } : {}) });

const TOKEN_REQUEST = namedSchema('TokenRequest', {
  type: 'object',
  required: ['grant_type'],
  properties: {
    grant_type: { type: 'string', enum: [...GRANT_TYPES] },
    code: text('authorization_code: the code from the redirect'),
    redirect_uri: text('authorization_code: the redirect URI of the authorization request'),
    code_verifier: text('authorization_code: the PKCE verifier (RFC 7636)'),
    refresh_token: text('refresh_token: the refresh token (rotated on use)'),
    username: text('password: the user name'),
    password: text('password: the password'),
    scope: text('Space-separated scopes', 'openid read'),
    client_id: text('The client, when not authenticated with HTTP Basic'),
    client_secret: text('client_secret_post; prefer HTTP Basic'),
  },
});

const TOKEN_HINTED = namedSchema('TokenWithHint', {
  type: 'object',
  required: ['token'],
  properties: {
    token: text('The access or refresh token'),
    token_type_hint: { type: 'string', enum: ['access_token', 'refresh_token'] },
    client_id: text('The client, when not authenticated with HTTP Basic'),
    client_secret: text('client_secret_post; prefer HTTP Basic'),
  },
});

export const DISCOVERY_SCHEMA = namedSchema('AuthorizationServerMetadata', {
  type: 'object',
  description: 'RFC 8414 / OpenID Connect Discovery 1.0',
  required: ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'],
  properties: {
    issuer: { type: 'string', format: 'uri' },
    authorization_endpoint: { type: 'string', format: 'uri' },
    token_endpoint: { type: 'string', format: 'uri' },
    jwks_uri: { type: 'string', format: 'uri' },
    scopes_supported: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
});

export const JWKS_SCHEMA = namedSchema('JsonWebKeySet', {
  type: 'object',
  required: ['keys'],
  properties: {
    keys: { type: 'array', items: { type: 'object', additionalProperties: true, example: { kty: 'EC', crv: 'P-256', kid: '…' } } },
  },
});

/** The token endpoint's form (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6). */
export const TokenForm = () => applyDecorators(ApiConsumes(FORM), ApiBody({ schema: TOKEN_REQUEST }));

/** Revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) take a token and its hint. */
export const TokenHintForm = () => applyDecorators(ApiConsumes(FORM), ApiBody({ schema: TOKEN_HINTED }));

const AUTHORIZE_PARAMETERS: Array<{ name: string; description: string; required?: boolean; example?: string; enum?: string[] }> = [
  { name: 'response_type', description: 'Always `code`', required: true, enum: ['code'] },
  { name: 'client_id', description: 'The application', required: true },
  { name: 'redirect_uri', description: 'One of the application’s registered redirect URIs', example: 'https://planner.example/callback' },
  { name: 'scope', description: `Space-separated, of: ${ALL_SCOPES.join(', ')}`, example: 'openid read' },
  { name: 'state', description: 'Returned unchanged with the code' },
  { name: 'code_challenge', description: 'PKCE (RFC 7636): BASE64URL(SHA-256(code_verifier)); required of public clients' },
  { name: 'code_challenge_method', description: 'Only S256', enum: ['S256'] },
  { name: 'nonce', description: 'OpenID Connect: copied into the ID token' },
  { name: 'prompt', description: 'OpenID Connect: `none`, `login` or `consent`' },
];

/** The authorization request's query parameters (RFC 6749 §4.1.1, RFC 7636 §4.3). */
export const AuthorizeParameters = () =>
  applyDecorators(...AUTHORIZE_PARAMETERS.map((parameter) => ApiQuery({ type: String, required: false, ...parameter })));

/** Browser-facing: an HTML page (login, consent, confirmation) or a 302 redirect. */
export const AnswersPageOrRedirect = (description: string) =>
  applyDecorators(
    ApiResponse({ status: 200, description: `${description} (HTML page)`, content: { 'text/html': { schema: { type: 'string' } } } }),
    ApiResponse({ status: 302, description: 'Redirect', headers: { Location: { schema: { type: 'string', format: 'uri' } } } }),
  );
