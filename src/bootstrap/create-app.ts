import { join } from 'node:path';
import { constants as zlib } from 'node:zlib';
import fastifyCompress, { FastifyCompressOptions } from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from '../app.module';
import { ApiErrorFilter } from '../common/errors/api-error.filter';
import { TesseraConfig } from '../config/tessera-config';
import { createLogger } from '../logging/logger.options';
import { PinoLoggerService } from '../logging/pino-logger.service';
import { registerJsonDepthLimit } from './json-body';
import { registerRequestLogging } from '../logging/request-logging';
import { shutdownState } from '../common/lifecycle/shutdown-state';
import { registerSecurityHeaders } from './security-headers';
import { setupSwagger } from './swagger';

export interface AppOptions {
  /** Where the log goes (tests read it); stdout when absent. */
  logStream?: DestinationStream;
}

/**
 * Compression for the resource API only: `global: false`, so nothing is compressed unless a
 * resource mount calls `reply.compress` (src/resources/compressed-reply.ts). Levels measured on a
 * 1,000-room page (docs/benchmarks.md): gzip/deflate 1 and brotli 1 already send ~8x fewer
 * bytes at 0.3–0.6 ms; higher levels buy 10–25 % fewer bytes for 2–3x the CPU.
 * Answers up to 1 MiB (a page of 1,000 rooms is ~185 KB) are compressed in one synchronous call,
 * sent with their Content-Length: the plugin's default on 2 cores streams anything above 8 KB
 * through the thread pool, each stream holding a zlib state and the page across turns of the
 * event loop, so V8 promoted the pages and malloc's heap kept ~45 MB more after concurrent gzip
 * pages (issue 16, docs/benchmarks.md).
 */
const RESOURCE_COMPRESSION: FastifyCompressOptions = {
  global: false,
  threshold: 1024,
  syncThreshold: 1024 * 1024,
  encodings: ['br', 'gzip', 'deflate'],
  zlibOptions: { level: 1 },
  brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } },
};

/** Builds the whole application; `main.ts` listens on it, the e2e tests drive it on a real port. */
export async function createApp(config: TesseraConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    return503OnClosing: false,
  });
  const logger = createLogger(config, options.logStream);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // A module that cannot start (no database) rejects here, for main.ts to say why in one line;
    // the buffered start-up lines (and Nest's stack trace of that error) are dropped then.
    abortOnError: false,
    autoFlushLogs: false,
  });
  app.useLogger(new PinoLoggerService(logger));
  app.flushLogs();
  registerRequestLogging(app.getHttpAdapter().getInstance(), logger);
  registerJsonDepthLimit(app.getHttpAdapter().getInstance());
  await app.register(fastifyCookie);
  await app.register(fastifyCompress, RESOURCE_COMPRESSION);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      if (shutdownState.closing) reply.header('connection', 'close');
      done();
    });
  registerSecurityHeaders(app);
  app.useStaticAssets({ root: join(__dirname, '..', 'web', 'assets'), prefix: '/assets/', decorateReply: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ApiErrorFilter());
  setupSwagger(app, config);
  return app;
}
