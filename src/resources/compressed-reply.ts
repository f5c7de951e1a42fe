import type {} from '@fastify/compress';
import type { FastifyReply } from 'fastify';

/**
 * Sends a resource answer through @fastify/compress when it is registered (create-app.ts): gzip,
 * deflate or br as the client's Accept-Encoding allows, plain below the size threshold. Only the
 * resource API's JSON and CSDL go this way; other routes are never compressed.
 */
export function sendCompressible(reply: FastifyReply, body: string | Buffer): void {
  if (typeof reply.compress === 'function') reply.compress(body);
  else reply.send(body);
}
