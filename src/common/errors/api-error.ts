/**
 * The one error hierarchy. An ApiError carries a status, a machine code, a message safe to show,
 * and optional headers and target; the ApiErrorFilter renders it in the format of the endpoint
 * that was hit (OAuth JSON, OData JSON, management JSON or an HTML page).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { target?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401: no credential, or one that is not (or no longer) valid. */
export class AuthenticationRequired extends ApiError {
  constructor(message = 'Authentication is required', challenges: string[] = DEFAULT_CHALLENGES) {
    super(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': challenges.join(', ') } });
  }
}

export const DEFAULT_CHALLENGES = ['Basic realm="Tessera"', 'Bearer realm="Tessera"'];

/**
 * 400 `invalid_request` (RFC 6750 §3.1): a bearer credential sent where Tessera does not take one
 * (the URL) or in more than one way at once.
 */
export class InvalidBearerRequest extends ApiError {
  constructor(message: string) {
    super(400, 'invalid_request', message, {
      headers: { 'WWW-Authenticate': `Bearer realm="Tessera", error="invalid_request", error_description="${message}"` },
    });
  }
}

/** 403 for a token lacking a scope (RFC 6750 §3.1). */
export class InsufficientScope extends ApiError {
  constructor(scopes: readonly string[]) {
    super(403, 'insufficient_scope', `This request needs the scope ${scopes.map((s) => `"${s}"`).join(' and ')}`, {
      headers: { 'WWW-Authenticate': `Bearer realm="Tessera", error="insufficient_scope", scope="${scopes.join(' ')}"` },
    });
  }
}

export class Forbidden extends ApiError {
  constructor(message: string, target?: string) {
    super(403, 'forbidden', message, { target });
  }
}

/** 415: a JSON endpoint was sent a form, multipart or text body (a cross-site form can send nothing else). */
export class UnsupportedMediaType extends ApiError {
  constructor(message = 'This endpoint takes JSON bodies only (Content-Type: application/json)') {
    super(415, 'unsupported_media_type', message);
  }
}

export class NotFound extends ApiError {
  constructor(message: string, target?: string) {
    super(404, 'not_found', message, { target });
  }
}

export class BadRequest extends ApiError {
  constructor(message: string, target?: string, code = 'bad_request') {
    super(400, code, message, { target });
  }
}

export class Conflict extends ApiError {
  constructor(message: string, target?: string) {
    super(409, 'conflict', message, { target });
  }
}

/** 503 when the database cannot be reached; the client may retry. */
export class ServiceUnavailable extends ApiError {
  constructor(message = 'The service is temporarily unavailable; try again shortly') {
    super(503, 'service_unavailable', message, { headers: { 'Retry-After': '1' } });
  }
}
