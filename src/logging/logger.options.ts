import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { TesseraConfig } from '../config/tessera-config';

/** What a log line shows in place of a value it must not show. */
export const REDACTED = '[Redacted]';

/**
 * Every path in a log line that can carry a secret. pino replaces their values with
 * "[Redacted]" before the line is written (secrets never appear in logs). Query
 * values are not listed: the request line keeps only an allow-list of them (request-logging.ts).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
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

export function loggerOptions(config: TesseraConfig): LoggerOptions {
  return { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: REDACTED } };
}

/** The one pino logger: Nest's messages and the request lines both go through it. */
export function createLogger(config: TesseraConfig, stream?: DestinationStream): Logger {
  return stream ? pino(loggerOptions(config), stream) : pino(loggerOptions(config));
}
