import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { TesseraConfig } from '../config/tessera-config';

/** OpenAPI generated from the controllers and DTOs, served at /docs (JSON at /docs/json). */
export function setupSwagger(app: NestFastifyApplication, config: TesseraConfig): void {
  const document = new DocumentBuilder()
    .setTitle('Tessera')
    .setDescription('OAuth 2.0 authorization server and OData resource API for building-planning data.')
    .setVersion('0.1.0')
    .addServer(config.issuer)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'API key as ":<key>" (read-only)' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'docs/json',
    customSiteTitle: 'Tessera API',
  });
}
