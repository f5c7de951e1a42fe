import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

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
 * The query string can carry credentials (seed 003): the path and the query are logged apart,
 * the query as an object, so REDACTED_PATHS reaches each parameter.
 */
function describeRequest(request: FastifyRequest, path: string, mark: number) {
  return {
    id: request.id,
    method: request.method,
    path,
    query: mark < 0 ? {} : Object.fromEntries(new URLSearchParams(request.url.slice(mark + 1))),
    headers: request.headers,
    remoteAddress: request.socket.remoteAddress,
  };
}
