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

const OAUTH_ROUTES = /^\/(oauth2|authorization|consumer)(\/|$)/;
const ODATA_ROUTES = /^\/(odata|api\/database)(\/|$)/;
const HTML_ROUTES = /^\/(login|logout|account|admin|consent)(\/|$)/;

/**
 * The format of the route that matched, by its registered pattern (`request.routeOptions.url`,
 * e.g. `/odata/:db/*`), never by the URL the client sent: `/%6Fauth2/token` reaches the token
 * route and answers as it does (issue 11, rule 3). A request that matched no route (a 404 from
 * the router) has no endpoint to speak for, so it answers in the management API's JSON.
 */
export function dialectFor(routePattern: string | undefined): ErrorDialect {
  if (!routePattern) return 'json';
  if (OAUTH_ROUTES.test(routePattern)) return 'oauth';
  if (ODATA_ROUTES.test(routePattern)) return 'odata';
  if (HTML_ROUTES.test(routePattern)) return 'html';
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
        statusCode: error.status,
        error: error.code,
        message: error.message,
        ...(error.target ? { target: error.target } : {}),
        ...(error.details ? { details: error.details } : {}),
      };
  }
}
