/** The error formats Tessera answers in, chosen by the endpoint that was hit. */
export type ErrorDialect = 'oauth' | 'odata' | 'html' | 'json';

export interface ErrorBody {
  status: number;
  code: string;
  message: string;
  target?: string;
  /** Field errors from request validation (management API). */
  details?: unknown;
}

const OAUTH_PATHS = /^\/(oauth2|authorization|consumer)(\/|$)/;
const ODATA_PATHS = /^\/(odata|api\/database)(\/|$)/;
const HTML_PATHS = /^\/(login|logout|account|admin|consent)(\/|$)/;

export function dialectFor(path: string): ErrorDialect {
  if (OAUTH_PATHS.test(path)) return 'oauth';
  if (ODATA_PATHS.test(path)) return 'odata';
  if (HTML_PATHS.test(path)) return 'html';
  return 'json';
}

/** The body each dialect sends; `html` is rendered by the web module's error page. */
export function renderJson(dialect: Exclude<ErrorDialect, 'html'>, error: ErrorBody): unknown {
  switch (dialect) {
    case 'oauth':
      return { error: error.code, error_description: error.message };
    case 'odata':
      return { error: { code: error.code, message: error.message, ...(error.target ? { target: error.target } : {}) } };
    case 'json':
      return {
        statusCode: error.status, error: error.code, message: error.message,
        ...(error.target ? { target: error.target } : {}), ...(error.details ? { details: error.details } : {}),
      };
  }
}
