import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TesseraConfig } from '../config/tessera-config';
import { createLogger } from '../logging/logger.options';
import { PinoLoggerService } from '../logging/pino-logger.service';
import { CliModule } from './cli.module';

/**
 * Tessera without HTTP, for one command: the server's modules and database, so a command uses the
 * services the API uses (UsersService, SigningKeysService, …) and a database Tessera never started
 * on is prepared as a first start prepares it (migrations, roles, the administrator). Only warnings
 * reach stderr.
 */
export async function withTessera<T>(config: TesseraConfig, work: (tessera: INestApplicationContext) => Promise<T>): Promise<T> {
  const logger = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'error' : config.logLevel }, process.stderr);
  // As in createApp: a module that cannot start rejects with its one-line reason, no stack trace.
  const tessera = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  tessera.useLogger(new PinoLoggerService(logger));
  tessera.flushLogs();
  try {
    return await work(tessera);
  } finally {
    await tessera.close();
  }
}
