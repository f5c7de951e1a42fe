import { createHash, randomBytes } from 'node:crypto';
import { tesseraCli } from '../support/tessera-cli';

/** Plain-fetch helpers for specs that drive built Tessera processes (no in-process app to reach into). */

export const ADMIN_PASSWORD = 'cluster-admin-password';
export const REDIRECT_URI = 'https://app.example.com/callback';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  init: RequestInit & { json?: unknown; form?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(init.form).toString();
  }
  const res = await fetch(url, { ...init, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${encodeURIComponent(user)}:${encodeURIComponent(password)}`).toString('base64')}`,
});
export const unique = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

/**
 * Administrator ships requiring two-factor sign-in, so the administrator's password alone gets no
 * token. The cluster specs sign in as the administrator to set up their people, so they lift the
 * requirement first as an operator would: `tessera role:update Administrator --two-factor optional`
 * on the cluster's database (`env` as the instances have it).
 */
export async function liftAdministratorTwoFactor(env: Record<string, string>): Promise<void> {
  const run = await tesseraCli(['role:update', 'Administrator', '--two-factor', 'optional'], env);
  if (run.code !== 0) throw new Error(`tessera role:update: ${run.code} ${run.stderr}`);
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await call(`${url}/consumer/login`, { method: 'POST', json: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username} on ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** A person created by the administrator through the admin API; returns their credentials. */
export async function createPerson(
  url: string,
  adminToken: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; username: string; password: string }> {
  const username = unique('person-');
  const password = `${username}-password`;
  const res = await call(`${url}/api/admin/users`, {
    method: 'POST',
    headers: bearer(adminToken),
    json: { username, password, kind: 'person', roles: ['Consumer'], ...extra },
  });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, username, password };
}

export async function registerApp(url: string, ownerToken: string): Promise<{ client_id: string; client_secret: string }> {
  const res = await call(`${url}/api/apps`, {
    method: 'POST',
    headers: bearer(ownerToken),
    json: {
      name: unique('app-'),
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
    },
  });
  if (res.status !== 201) throw new Error(`register app: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { client_id: string; client_secret: string };
}

/** Code + PKCE through `/oauth2/authorize` with the user's Bearer token, then the token exchange. */
export async function codeGrant(
  url: string,
  app: { client_id: string; client_secret: string },
  userToken: string,
): Promise<{ access_token: string; refresh_token: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: REDIRECT_URI,
    scope: 'read',
    state: 's',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const authorized = await call(`${url}/oauth2/authorize?${query}`, { headers: bearer(userToken) });
  const code = new URL(authorized.headers.get('location') ?? 'about:blank').searchParams.get('code');
  if (authorized.status !== 302 || !code)
    throw new Error(`authorize: ${authorized.status} ${JSON.stringify(authorized.body).slice(0, 200)}`);
  const res = await call(`${url}/oauth2/token`, {
    method: 'POST',
    headers: basic(app.client_id, app.client_secret),
    form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { access_token: string; refresh_token: string };
}

export { freePort } from '../support/free-port';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
