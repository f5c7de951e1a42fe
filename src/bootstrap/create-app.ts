import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from '../app.module';
import { ApiErrorFilter } from '../common/errors/api-error.filter';
import { TesseraConfig } from '../config/tessera-config';
import { shutdownState } from './graceful-shutdown';
import { registerSecurityHeaders } from './security-headers';
import { setupSwagger } from './swagger';

/** Builds the whole application; `main.ts` listens on it, the e2e tests drive it on a real port. */
export async function createApp(config: TesseraConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.register(fastifyCookie);
  app.getHttpAdapter().getInstance().addHook('onRequest', async (_request, reply) => {
    if (shutdownState.closing) reply.header('connection', 'close');
  });
  registerSecurityHeaders(app);
  app.useStaticAssets({ root: join(__dirname, '..', 'web', 'assets'), prefix: '/assets/', decorateReply: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ApiErrorFilter());
  setupSwagger(app, config);
  return app;
}
