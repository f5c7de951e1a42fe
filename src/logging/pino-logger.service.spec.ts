import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/load-config';
import { createLogger } from './logger.options';
import { PinoLoggerService } from './pino-logger.service';

function service(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(loadConfig({ LOG_LEVEL: level }), { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { nest: new PinoLoggerService(logger), lines };
}

describe(PinoLoggerService.name, () => {
  afterEach(() => Logger.overrideLogger(false));

  it('writes what a `new Logger(context)` says, with the context as a field', () => {
    const { nest, lines } = service();
    Logger.overrideLogger(nest);
    new Logger('AdminBootstrap').log('Created administrator "admin"');
    new Logger('Errors').error('Unhandled error on GET /x');
    expect(lines.map(({ level, context, msg }) => ({ level, context, msg }))).toEqual([
      { level: 30, context: 'AdminBootstrap', msg: 'Created administrator "admin"' },
      { level: 50, context: 'Errors', msg: 'Unhandled error on GET /x' },
    ]);
  });

  it('merges an object message into the line, and redacts it', () => {
    const { nest, lines } = service();
    nest.warn({ reqId: 'req-7', user: { password: 'hunter2' }, msg: 'Database unavailable' }, 'Errors');
    expect(lines[0]).toMatchObject({
      level: 40,
      context: 'Errors',
      reqId: 'req-7',
      user: { password: '[Redacted]' },
      msg: 'Database unavailable',
    });
  });

  it("turns an error, or Nest's (message, stack) call, into an `err` field", () => {
    const { nest, lines } = service();
    nest.error(new TypeError('boom'), 'Ctx');
    nest.error('Unhandled', 'Error: Unhandled\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ context: 'Ctx', msg: 'boom', err: { type: 'TypeError', message: 'boom' } });
    expect(lines[1]).toMatchObject({
      context: 'ExceptionsHandler',
      msg: 'Unhandled',
      err: { message: 'Unhandled', stack: 'Error: Unhandled\n    at somewhere (file.ts:1:1)' },
    });
  });

  it("maps Nest's levels onto pino's and writes nothing below the configured one", () => {
    const { nest, lines } = service('debug');
    nest.verbose('v');
    nest.debug('d');
    nest.fatal('f');
    expect(lines.map(({ level, msg }) => ({ level, msg }))).toEqual([
      { level: 20, msg: 'd' },
      { level: 60, msg: 'f' },
    ]);
  });
});
