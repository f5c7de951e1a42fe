import type { Params } from 'nestjs-pino';
import type { TesseraConfig } from '../config/tessera-config';

/**
 * Every path in a log line that can carry a secret. pino replaces their values with
 * "[Redacted]" before the line is written (DESIGN §3: secrets never appear in logs).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'req.query.client_secret',
  'req.query.access_token',
  'req.query.refresh_token',
  'req.query.code',
  'req.query.code_verifier',
  'req.query.password',
  'req.query.token',
  '*.password',
  '*.client_secret',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.token',
  '*.code',
  '*.code_verifier',
  '*.key',
  '*.secret',
];

export function loggerOptions(config: TesseraConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      // The query string can carry credentials (seed 003); log the path and the redacted query apart.
      serializers: {
        // pino-http runs this for every request (its per-request child logger), whatever the level: keep it cheap.
        req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) => {
          const mark = req.url.indexOf('?');
          return {
            id: req.id,
            method: req.method,
            path: mark < 0 ? req.url : req.url.slice(0, mark),
            query: mark < 0 ? {} : Object.fromEntries(new URLSearchParams(req.url.slice(mark + 1))),
            headers: req.headers,
            remoteAddress: req.remoteAddress,
          };
        },
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/health/ready' },
      quietReqLogger: true,
    },
  };
}
