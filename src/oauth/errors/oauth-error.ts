import { ApiError } from '../../common/errors/api-error';

/**
 * The OAuth error hierarchy (RFC 6749 §5.2). Only `error` and `error_description` reach the
 * client (the ApiErrorFilter renders them for /oauth2, /authorization and /consumer paths).
 */
export class OAuthError extends ApiError {
  constructor(code: string, description: string, status = 400, headers?: Record<string, string>) {
    super(status, code, description, { headers });
  }
}

export class InvalidRequest extends OAuthError {
  constructor(description: string) {
    super('invalid_request', description);
  }
}

/** RFC 6749 §5.2: 401 with a `WWW-Authenticate` challenge for the scheme the client may use. */
export class InvalidClient extends OAuthError {
  constructor(description = 'Client authentication failed') {
    super('invalid_client', description, 401, { 'WWW-Authenticate': 'Basic realm="Tessera"' });
  }
}

export class InvalidGrant extends OAuthError {
  constructor(description: string) {
    super('invalid_grant', description);
  }
}

/**
 * `/consumer/login` for a person who signs in with two factors: the password was right, now the
 * code. 400 like the endpoint's other refusals (a 401 would need a `WWW-Authenticate` scheme, and
 * there is none for this). Not an RFC 6749 code: that endpoint is Fusio's, not OAuth's; the
 * password grant answers `invalid_grant` instead.
 */
export class OtpRequired extends OAuthError {
  constructor(description: string) {
    super('otp_required', description);
  }
}

export class UnauthorizedClient extends OAuthError {
  constructor(description: string) {
    super('unauthorized_client', description);
  }
}

export class UnsupportedGrantType extends OAuthError {
  constructor(grantType: string, supported: readonly string[]) {
    super('unsupported_grant_type', `The grant type "${grantType}" is not supported; use ${supported.join(', ')}`);
  }
}

export class InvalidScope extends OAuthError {
  constructor(description: string) {
    super('invalid_scope', description);
  }
}

/** RFC 6750 §3.1 for the userinfo endpoint. */
export class InvalidToken extends OAuthError {
  constructor(description = 'The access token is invalid, expired or revoked') {
    super('invalid_token', description, 401, {
      'WWW-Authenticate': `Bearer realm="Tessera", error="invalid_token", error_description="${description}"`,
    });
  }
}
