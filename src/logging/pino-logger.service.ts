import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's application logger (`app.useLogger`, every `new Logger(context)`) written through the
 * same pino logger as the request lines: one JSON line per message, `context` as a field.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the caller's context as the last parameter (`new Logger(context)` appends it). */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = params.length > 0 ? { context: params[params.length - 1] } : {};
    const rest = params.slice(0, -1).filter((param) => param !== undefined);
    if (isStackTrace(level, message, rest)) {
      this.logger[level]({ ...fields, err: withStack(String(message), String(rest[0])) });
      return;
    }
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else rest.unshift(String(message));
    const [text, ...args] = rest as [string?, ...unknown[]];
    this.logger[level](fields, text, ...args);
  }
}

/** Nest's own exception handlers call `error(message, stack)`: the stack belongs to an error, not the text. */
function isStackTrace(level: Level, message: unknown, rest: unknown[]): boolean {
  return level === 'error' && typeof message === 'string' && rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0]);
}

function withStack(message: string, stack: string): Error {
  const error = new Error(message);
  error.stack = stack;
  return error;
}
