import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
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

export function loggerOptions(config: TesseraConfig): LoggerOptions {
  return { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[Redacted]' } };
}

/** The one pino logger: Nest's messages and the request lines both go through it. */
export function createLogger(config: TesseraConfig, stream?: DestinationStream): Logger {
  return stream ? pino(loggerOptions(config), stream) : pino(loggerOptions(config));
}
