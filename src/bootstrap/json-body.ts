import type { FastifyInstance } from 'fastify';
import { BadRequest } from '../common/errors/api-error';

/** No request body Tessera takes is nested deeper than a few levels; 64 leaves room and bounds the recursion. */
export const MAX_JSON_DEPTH = 64;

/**
 * A body nested thousands of levels deep (6 KB) overflowed the stack in the ValidationPipe's
 * class-transformer: a 500 with an error line on every JSON route, `/consumer/login` included
 * (review R24). Checked once parsed (Nest registers the parsers), before any guard or pipe: a 400
 * in the endpoint's error format.
 */
export function registerJsonDepthLimit(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    // Forms (the token endpoint's) are flat: only a JSON body is walked.
    const body: unknown = request.body;
    const json = request.headers['content-type']?.includes('json') === true;
    if (json && body !== null && typeof body === 'object' && nestedDeeperThan(body, MAX_JSON_DEPTH)) return done(tooDeep());
    done();
  });
}

/** Breadth-first, without recursion: the value may be as deep as the body limit allows. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limit) return true;
    const next: unknown[] = [];
    for (const item of level) if (item !== null && typeof item === 'object') for (const child of Object.values(item)) next.push(child);
    level = next;
  }
  return false;
}

function tooDeep(): BadRequest {
  return new BadRequest(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`);
}
