import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import request from 'supertest';
import { createPerson } from '../oauth/oauth-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Routes that are not part of the API: the console's HTML pages, the documentation itself, static files. */
const NOT_API = [/^\/docs(\/|-|$)/, /^\/assets\//, /^\/favicon\.ico$/, /^\/(login|logout|account|admin)(\/|$)/, /^\/$/, /^\/\*$/];

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  const registered: Array<{ method: string; url: string }> = [];

  beforeAll(async () => {
    t = await startTestApp(
      {},
      {
        beforeListen: (app) =>
          app
            .getHttpAdapter()
            .getInstance()
            .addHook('onRoute', (route) => {
              for (const method of [route.method].flat()) registered.push({ method: method.toLowerCase(), url: route.url });
            }),
      },
    );
    document = (await request(t.url).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation: operation as OperationObject })),
    );

  it('is a valid OpenAPI 3 document, at /docs-json and /docs/json', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect((await request(t.url).get('/docs/json').expect(200)).body).toEqual(document);
    expect(document.openapi).toMatch(/^3\./);
  });

  it('documents every route Fastify registers, except the HTML pages, the docs and static files', () => {
    const api = registered.filter(({ method, url }) => method !== 'head' && !NOT_API.some((pattern) => pattern.test(url)));
    expect(api.length).toBeGreaterThan(50);
    const missing = api.filter(({ method, url }) => !document.paths[openApiPath(url)]?.[method as 'get']);
    expect(missing).toEqual([]);
  });

  it('gives every operation a success answer with its schema, a security requirement and named parameters', () => {
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      // PUT on the resource mounts never succeeds: its documented answer is the 405.
      const success = Object.entries(operation.responses).filter(([status]) => /^[23]|^405$/.test(status));
      expect({ where, success: success.length > 0 }).toEqual({ where, success: true });
      for (const [status, answer] of success as Array<[string, ResponseObject]>) {
        if (['204', '302', '304'].includes(status)) continue;
        const hasSchema = Object.values(answer.content ?? {}).some((media) => media.schema);
        expect({ where, status, hasSchema }).toEqual({ where, status, hasSchema: true });
      }
      expect({ where, security: Array.isArray(operation.security) }).toEqual({ where, security: true });
      const names = (operation.parameters as ParameterObject[] | undefined)?.map((parameter) => parameter.name) ?? [];
      expect({ where, star: names.includes('*') }).toEqual({ where, star: false });
    }
  });

  it('names the OData wildcard `path` and documents the query options with examples on both mounts', () => {
    const read = document.paths['/odata/{db}/{path}'].get!;
    const list = document.paths['/api/database/{db}/{set}'].get!;
    for (const operation of [read, list]) {
      const parameters = operation.parameters as ParameterObject[];
      const names = parameters.map((parameter) => parameter.name);
      expect(names).toEqual(expect.arrayContaining(['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$skiptoken']));
      const filter = parameters.find((parameter) => parameter.name === '$filter');
      expect((filter?.schema as { example?: string }).example).toBe("floor ge 1 and contains(name,'room')");
    }
    expect((read.parameters as ParameterObject[]).find((parameter) => parameter.in === 'path' && parameter.name === 'path')).toBeDefined();
  });

  it("offers Basic, Bearer and OAuth 2.0 (code + PKCE at Tessera's own URLs), and states each route's requirement", () => {
    const schemes = document.components!.securitySchemes!;
    expect(schemes.basic).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.oauth2).toMatchObject({
      type: 'oauth2',
      flows: { authorizationCode: { authorizationUrl: `${t.url}/oauth2/authorize`, tokenUrl: `${t.url}/oauth2/token` } },
    });
    expect(document.paths['/oauth2/token'].post!.security).toEqual([]);
    expect(document.paths['/api/admin/roles'].get!.security).toEqual([{ bearer: [] }, { oauth2: ['admin'] }]);
    expect(document.paths['/api/database/{db}/{set}'].get!.security).toEqual([{}, { bearer: [] }, { oauth2: [] }, { basic: [] }]);
    expect(document.paths['/api/database/{db}/{set}'].post!.security).toEqual([{ bearer: [] }, { oauth2: ['write'] }]);
    expect(document.paths['/api/keys'].get!.responses['403']).toMatchObject({ description: 'Needs scope account and a person' });
  });

  it('serves the Swagger UI redirect page that completes "Authorize"', async () => {
    await request(t.url).get('/docs/oauth2-redirect.html').expect(200).expect('content-type', /html/);
  });

  it('answers POST /oauth2/userinfo with 200, as GET', async () => {
    await createPerson(t, 'otto');
    const login = await request(t.url)
      .post('/consumer/login')
      .send({ username: 'otto', password: 'otto-password-123', scope: 'openid profile' });
    const info = await request(t.url).post('/oauth2/userinfo').set('Authorization', `Bearer ${login.body.token}`).expect(200);
    expect(info.body).toEqual({ sub: expect.any(String), preferred_username: 'otto' });
  });
});

/** `/odata/:db/*` → `/odata/{db}/{path}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
}
