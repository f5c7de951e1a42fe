import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { HelmetOptions } from 'helmet';

/**
 * Strict security headers on every answer: no framing, no inline script, no referrer to other sites.
 * Swagger UI at /docs needs its inline styles, so style-src allows them.
 */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'", 'http:', 'https:'],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
  frameguard: { action: 'deny' },
  // `same-origin`, not `no-referrer`: no other site ever gets a Referer, and a browser still sends
  // `Origin` on Tessera's own form posts (under no-referrer it sends `Origin: null`, which the
  // console's CSRF check could not tell from a foreign page where `Sec-Fetch-Site` is missing).
  referrerPolicy: { policy: 'same-origin' },
};

/**
 * The headers helmet writes for OPTIONS, computed once. They do not depend on the request (no CSP
 * nonces), and `@fastify/helmet` rebuilt the helmet middleware, directives parsing included, on
 * every request (issue 6 profiles); one `reply.headers()` per request now does the same.
 */
export function securityHeaders(options: HelmetOptions = OPTIONS): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
  });
  return Object.freeze(headers);
}

export function registerSecurityHeaders(app: NestFastifyApplication): void {
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
}
