import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';
import { REDACTED } from './logger.options';

/**
 * The query parameters whose values may be written to the log (issue 11, F15); every other value
 * is written as `[Redacted]`. OData paging and shape options, and the OAuth parameters that say
 * what a request is without proving anything. Left out on purpose: `$filter` and `$skiptoken`
 * (their literals are row data, a person's name among them), `state` and `nonce` (a client's
 * anti-forgery values), `redirect_uri`, and anything unknown (`api_key`, `id_token_hint`, …).
 * `$` options compare case-insensitively, as OData 4.01 reads them.
 */
export const LOGGED_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  '$top',
  '$skip',
  '$select',
  '$orderby',
  '$count',
  '$format',
  'client_id',
  'response_type',
  'response_mode',
  'scope',
  'prompt',
  'code_challenge_method',
  'grant_type',
  'token_type_hint',
]);

/** Load balancers poll these every few seconds; a line each would drown the log. */
const UNLOGGED_PATHS = new Set(['/health', '/health/ready']);

/**
 * One line per request once its response is sent. The level comes from the status alone, so
 * when that level is off nothing about the request is read, serialized or redacted: pino-http
 * did all three for every request (docs/decisions.md, "Request lines from an onResponse hook").
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = levelFor(reply.statusCode);
    if (logger.isLevelEnabled(level)) writeRequestLine(logger, level, request, reply);
    done();
  });
}

function levelFor(statusCode: number): Level {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

function writeRequestLine(logger: Logger, level: Level, request: FastifyRequest, reply: FastifyReply): void {
  const mark = request.url.indexOf('?');
  const path = mark < 0 ? request.url : request.url.slice(0, mark);
  if (UNLOGGED_PATHS.has(path)) return;
  const line = { reqId: request.id, req: describeRequest(request, path, mark), res: { statusCode: reply.statusCode } };
  const responseTime = Math.round(reply.elapsedTime);
  if (reply.statusCode >= 500) {
    // As pino-http wrote it; the cause is in ApiErrorFilter's line with the same reqId.
    logger[level]({ ...line, err: new Error(`failed with status code ${reply.statusCode}`), responseTime }, 'request errored');
    return;
  }
  logger[level]({ ...line, responseTime }, 'request completed');
}

/**
 * The query string can carry credentials (netrex's clients send them there) and personal data: the path and the query
 * are logged apart, the query as an object of allowed values (LOGGED_QUERY_PARAMETERS), and so is
 * a Referer's query. Headers that carry credentials are redacted by pino (REDACTED_PATHS).
 */
function describeRequest(request: FastifyRequest, path: string, mark: number) {
  const referer = request.headers.referer;
  return {
    id: request.id,
    method: request.method,
    path,
    query: mark < 0 ? {} : loggableQuery(request.url.slice(mark + 1)),
    headers: referer ? { ...request.headers, referer: loggableUrl(referer) } : request.headers,
    remoteAddress: request.socket.remoteAddress,
  };
}

function mayLog(name: string): boolean {
  return LOGGED_QUERY_PARAMETERS.has(name.startsWith('$') ? name.toLowerCase() : name);
}

function loggableQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) query[name] = mayLog(name) ? value : REDACTED;
  return query;
}

/** A URL with each query value not allowed to be logged replaced, names and order kept. */
function loggableUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const pairs = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      const decoded = new URLSearchParams(`${name}=`).keys().next().value ?? name;
      return equals < 0 || mayLog(decoded) ? pair : `${name}=${REDACTED}`;
    });
  return `${url.slice(0, mark)}?${pairs.join('&')}`;
}
