import { runInNewContext } from 'node:vm';
import type { ArgumentsHost } from '@nestjs/common';
import { ApiErrorFilter } from './api-error.filter';

/** A reply that records what the filter sends (Fastify's chainable API, nothing else). */
function capture(route: string | undefined, url = route ?? '/') {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    header: (name: string, value: string) => ((sent.headers[name.toLowerCase()] = value), reply),
    status: (code: number) => ((sent.status = code), reply),
    type: () => reply,
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ url, routeOptions: { url: route }, method: 'GET' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe(ApiErrorFilter.name, () => {
  it('answers 503 with Retry-After to a lost database connection, even when the error comes from another realm', () => {
    const foreign = runInNewContext("Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' })");
    expect(foreign instanceof Error).toBe(false);
    for (const error of [
      foreign,
      Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' }),
    ]) {
      const { host, sent } = capture('/api/me');
      new ApiErrorFilter().catch(error, host);
      expect(sent.status).toBe(503);
      expect(sent.headers['retry-after']).toBe('1');
      expect(sent.body).toMatchObject({ statusCode: 503, error: 'service_unavailable' });
    }
  });

  it('answers 500 without details to anything else, in the dialect of the matched route', () => {
    const { host, sent } = capture('/oauth2/token');
    new ApiErrorFilter().catch(new TypeError('boom at secret place'), host);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ error: 'server_error', error_description: 'An unexpected error occurred' });
  });

  it('chooses the dialect by the route that matched, not by the URL the client sent', () => {
    const odata = capture('/odata/:db/*', '/%6Fdata/01/rooms');
    new ApiErrorFilter().catch(new TypeError('boom'), odata.host);
    expect(odata.sent.body).toEqual({ error: { code: 'server_error', message: 'An unexpected error occurred' } });
    const unmatched = capture(undefined, '/oauth2/nothing-here');
    new ApiErrorFilter().catch(new TypeError('boom'), unmatched.host);
    expect(unmatched.sent.body).toEqual({ statusCode: 500, error: 'server_error', message: 'An unexpected error occurred' });
  });
});
