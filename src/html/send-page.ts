import type { FastifyReply } from 'fastify';
import type { Html } from './html';

/** Sends a console page: HTML, never cached (pages may show a secret once). */
export function sendPage(reply: FastifyReply, page: Html, status = 200): void {
  reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.value);
}

/** After a successful form: back to a page with GET (POST/redirect/GET), with an optional notice. */
export function redirectTo(reply: FastifyReply, path: string): void {
  reply.header('Cache-Control', 'no-store').redirect(path, 303);
}
