import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { preferred } from './odata/media-types';

const RESOURCE_PATH = /^\/(odata|api\/database)\//;

/** What a resource path answers with, in order of preference. */
function offeredFor(path: string): readonly string[] {
  if (/\/\$metadata$/.test(path)) return ['application/xml', 'application/json'];
  if (/\/\$count$/.test(path)) return ['text/plain', 'application/json'];
  return ['application/json'];
}

/**
 * Two edges of the resource API's HTTP, in one `onRequest` hook:
 * - an `Accept` that admits none of the formats a path answers with is a 406 with an OData error
 *   (RFC 9110 §12.5.1), unless `$format` chooses the format (the mounts check that);
 * - a DELETE with `Content-Type: application/json` and no body is a DELETE, not a malformed JSON
 *   body (some OData clients set the header on every request).
 */
export function registerContentNegotiation(fastify: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise each time.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const path = request.url.split('?')[0];
    if (!RESOURCE_PATH.test(path)) return done();
    if (request.method === 'DELETE' && hasNoBody(request)) delete request.headers['content-type'];
    const offered = offeredFor(path);
    if (!refusesAccept(request, offered)) return done();
    const message = `None of the formats in Accept is served here; this resource answers with ${offered.join(' or ')}`;
    reply
      .status(406)
      .header('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ error: { code: 'not_acceptable', message } }));
  });
}

/** A read whose `Accept` admits none of the formats offered, and no `$format` choosing one. */
function refusesAccept(request: FastifyRequest, offered: readonly string[]): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (/[?&]\$format=/i.test(request.url)) return false;
  return preferred(request.headers.accept, offered) === null;
}

function hasNoBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}
