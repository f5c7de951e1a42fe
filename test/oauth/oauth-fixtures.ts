import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { UsersService, CreateUserInput } from '../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import type { TestApp } from '../support/test-app';

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export interface App {
  client_id: string;
  client_secret?: string;
  [field: string]: unknown;
}

/** A person made through the real UsersService, with a session cookie for the management API. */
export async function createPerson(
  t: TestApp,
  username: string,
  input: Partial<CreateUserInput> = {},
): Promise<{ id: string; cookie: string; password: string }> {
  const password = `${username}-password-123`;
  const user = await t.app.get(UsersService).create({ username, password, roles: ['Consumer'], ...input });
  return { id: user.id, cookie: await sessionCookieFor(t, username), password };
}

/** Registers an application through `POST /api/apps` as the person holding `cookie`. */
export async function registerApp(t: TestApp, cookie: string, body: Record<string, unknown>): Promise<App> {
  const res = await request(t.url)
    .post('/api/apps')
    .set(consoleHeaders(t, cookie))
    .send({ redirect_uris: [], ...body });
  if (res.status !== 201) throw new Error(`app creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as App;
}

/** `POST <path>` with a form body. */
export function form(t: TestApp, path: string, body: Record<string, string>, authorization?: string) {
  const req = request(t.url).post(path).type('form').send(body);
  return authorization ? req.set('Authorization', authorization) : req;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The query parameters of a redirect's Location. */
export function locationParams(location: string): URLSearchParams {
  return new URL(location).searchParams;
}
