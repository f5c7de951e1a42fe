import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, OperationObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { routeAccessOf, RouteAccess, RouteTargets } from '../auth/route-access';
import { dialectFor } from '../common/errors/error-dialect';
import { errorSchemaFor } from '../common/errors/error.schemas';
import { namedSchemas } from '../common/openapi/schema-registry';
import type { TesseraConfig } from '../config/tessera-config';
import { keyTypeMayHold } from '../keys/key-types';
import { SCOPES } from '../users/scopes';

type SecurityRequirement = Record<string, string[]>;

const SAFE_METHODS = new Set(['get', 'head']);

/**
 * OpenAPI generated from the controllers and DTOs, served at /docs (JSON at /docs-json and
 * /docs/json). Each operation's security requirement and error answers come from the same route
 * decorators the guards read (auth/route-access.ts), so the document cannot disagree with them.
 */
export function setupSwagger(app: NestFastifyApplication, config: TesseraConfig): void {
  let document: OpenAPIObject | undefined;
  const documentOf = () => (document ??= describeAccess(SwaggerModule.createDocument(app, baseDocument(config)), app));
  SwaggerModule.setup('docs', app, documentOf, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Tessera API',
    swaggerOptions: {
      persistAuthorization: true,
      oauth2RedirectUrl: `${config.issuer}/docs/oauth2-redirect.html`,
      initOAuth: { usePkceWithAuthorizationCodeGrant: true, scopes: ['openid', 'read'] },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/docs/json', (_request, reply: FastifyReply) => reply.send(documentOf()));
}

function baseDocument(config: TesseraConfig): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Tessera')
    .setDescription(
      'OAuth 2.0 authorization server and OData resource API for building-planning data. ' +
        '"Authorize" with OAuth 2.0 needs an application whose redirect URI is ' +
        `${config.issuer}/docs/oauth2-redirect.html (docs/console.md).`,
    )
    .setVersion('0.1.0')
    .addServer(config.issuer)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token or a personal access token' },
      'bearer',
    )
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'An API key as the password (user name empty); read-only' }, 'basic')
    .addOAuth2(
      {
        type: 'oauth2',
        description: 'Authorization code with PKCE (S256), through Tessera’s own login and consent pages',
        flows: {
          authorizationCode: {
            authorizationUrl: `${config.issuer}/oauth2/authorize`,
            tokenUrl: `${config.issuer}/oauth2/token`,
            refreshUrl: `${config.issuer}/oauth2/token`,
            scopes: Object.fromEntries(Object.entries(SCOPES).map(([name, scope]) => [name, scope.description])),
          },
        },
      },
      'oauth2',
    )
    .build();
}

function describeAccess(document: OpenAPIObject, app: NestFastifyApplication): OpenAPIObject {
  const access = routeAccessByOperation(app);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...namedSchemas() } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as Array<[string, OperationObject]>) {
      const route = access.get(operation.operationId?.replace(/\[\d+\]$/, '') ?? '');
      if (!route) throw new Error(`OpenAPI: no route behind ${method.toUpperCase()} ${path}`);
      operation.security = securityOf(route, SAFE_METHODS.has(method));
      operation.responses = { ...errorAnswers(path, route), ...operation.responses };
    }
  }
  return document;
}

/** `<Controller>_<handler>` (the operationId @nestjs/swagger gives) → what the route's decorators say. */
function routeAccessByOperation(app: NestFastifyApplication): Map<string, RouteAccess> {
  const reflector = app.get(Reflector);
  const routes = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as RouteTargets[1] | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name] as unknown;
        if (name !== 'constructor' && typeof handler === 'function') {
          routes.set(`${controller.name}_${name}`, routeAccessOf(reflector, [handler, controller]));
        }
      }
    }
  }
  return routes;
}

function securityOf(route: RouteAccess, safe: boolean): SecurityRequirement[] {
  if (route.credential === 'public') return [];
  const scopes = route.scopes;
  const basic = safe && scopes.every((scope) => keyTypeMayHold('api_key', scope)) ? [{ basic: [] }] : [];
  const anonymous = route.credential === 'optional' ? [{}] : [];
  // OpenAPI 3.0 §4.8.30: only OAuth 2.0 requirements list scopes; the 403 answer names them for Bearer.
  return [...anonymous, { bearer: [] }, { oauth2: scopes }, ...basic];
}

function errorAnswers(path: string, route: RouteAccess): OperationObject['responses'] {
  const schema = errorSchemaFor(dialectFor(path));
  const body = (description: string) => ({ description, ...(schema ? { content: { 'application/json': { schema } } } : {}) });
  return {
    ...(route.credential === 'public' ? {} : { 401: body('No credential, or one that is unknown, expired or revoked') }),
    ...(route.scopes.length > 0 || route.personOnly
      ? { 403: body(`Needs ${[...route.scopes.map((s) => `scope ${s}`), ...(route.personOnly ? ['a person'] : [])].join(' and ')}`) }
      : {}),
    default: body('An error'),
  };
}
