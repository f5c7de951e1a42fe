import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/load-config';
import { createLogger } from './logger.options';
import { registerRequestLogging } from './request-logging';

/** A Fastify instance with the request logging and a few routes; `lines` is what pino wrote. */
function server(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(loadConfig({ LOG_LEVEL: level }), { write: (line: string) => void lines.push(JSON.parse(line)) });
  const fastify = new FastifyAdapter().getInstance() as unknown as FastifyInstance;
  const headerReads = countHeaderReads(fastify);
  registerRequestLogging(fastify, logger);
  fastify.get('/ok', async () => ({ ok: true }));
  fastify.get('/fail', async (_request, reply) => reply.code(500).send({ error: 'server_error' }));
  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.get('/health/ready', async () => ({ status: 'ok' }));
  return { fastify, lines, headerReads };
}

/** Counts reads of the request's headers from the time the response is sent on. */
function countHeaderReads(fastify: FastifyInstance): { count: number } {
  const reads = { count: 0 };
  fastify.addHook('onResponse', (request, _reply, done) => {
    const headers = request.raw.headers;
    Object.defineProperty(request.raw, 'headers', { get: () => ((reads.count += 1), headers) });
    done();
  });
  return reads;
}

describe('registerRequestLogging', () => {
  it('writes an info line for a 200 with the request, its redacted query and headers, and the status', async () => {
    const { fastify, lines } = server('info');
    await fastify.inject({
      url: '/ok?x=1&password=p&code=c&$top=5&$TOP=6&client_id=app',
      headers: { authorization: 'Basic c2VjcmV0', cookie: 'sid=s', accept: 'application/json' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      reqId: 'req-1',
      req: {
        id: 'req-1',
        method: 'GET',
        path: '/ok',
        query: { x: '[Redacted]', password: '[Redacted]', code: '[Redacted]', $top: '5', $TOP: '6', client_id: 'app' },
        headers: { authorization: '[Redacted]', cookie: '[Redacted]', accept: 'application/json' },
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    expect(Object.keys(lines[0])).toEqual(['level', 'time', 'pid', 'hostname', 'reqId', 'req', 'res', 'responseTime', 'msg']);
  });

  it("keeps a Referer's path and the allowed values of its query only (F15)", async () => {
    const { fastify, lines } = server('info');
    await fastify.inject({ url: '/ok', headers: { referer: 'https://rp.example/cb?code=c&%24top=2&id_token_hint=t&flag' } });
    expect((lines[0].req as { headers: Record<string, string> }).headers.referer).toBe(
      'https://rp.example/cb?code=[Redacted]&%24top=2&id_token_hint=[Redacted]&flag',
    );
  });

  it('writes a 4xx as warn and a 5xx as error ("request errored")', async () => {
    const { fastify, lines } = server('info');
    await fastify.inject({ url: '/missing' });
    await fastify.inject({ url: '/fail' });
    expect(lines.map(({ level, res, msg }) => ({ level, res, msg }))).toEqual([
      { level: 40, res: { statusCode: 404 }, msg: 'request completed' },
      { level: 50, res: { statusCode: 500 }, msg: 'request errored' },
    ]);
    expect(lines[1].err).toMatchObject({ type: 'Error', message: 'failed with status code 500' });
  });

  it('neither writes nor reads the request when the level is off', async () => {
    const { fastify, lines, headerReads } = server('warn');
    await fastify.inject({ url: '/ok', headers: { authorization: 'Basic c2VjcmV0' } });
    expect(lines).toEqual([]);
    expect(headerReads.count).toBe(0);
    await fastify.inject({ url: '/missing' });
    expect(lines.map(({ level }) => level)).toEqual([40]);
    expect(headerReads.count).toBeGreaterThan(0);
  });

  it('does not log the health probes', async () => {
    const { fastify, lines } = server('info');
    await fastify.inject({ url: '/health' });
    await fastify.inject({ url: '/health/ready' });
    expect(lines).toEqual([]);
  });
});
