import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { UsersService, CreateUserInput } from '../../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import type { TestApp } from '../../support/test-app';

/**
 * The OAuth flows the security specs drive, written against the HTTP API (docs/oauth.md):
 * apps are registered through `/api/apps`, users sign in through `/consumer/login`, codes come
 * from `/oauth2/authorize` with the user's Bearer token (DAS-style authorization).
 */

export interface RegisteredApp {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
}

export interface Person {
  username: string;
  password: string;
  id: string;
}

export const REDIRECT_URI = 'https://app.example.com/callback';

export const basicAuth = (user: string, password: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(user)}:${encodeURIComponent(password)}`).toString('base64')}`;

export const form = (fields: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();

/** A unique name, so counters and rows never collide between tests, files or runs. */
export const unique = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

/** A random private address per test, sent as X-Forwarded-For (apps start with TRUST_PROXY=true). */
export const uniqueIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

export async function createPerson(t: TestApp, input: Partial<CreateUserInput> = {}): Promise<Person> {
  const username = input.username ?? unique('user');
  const password = input.password ?? `${username}-password-123`;
  const user = await t.app.get(UsersService).create({ roles: ['Consumer'], ...input, username, password });
  return { username, password, id: user.id };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers a client application owned by `owner` through `/api/apps` (session cookie). */
export async function registerApp(t: TestApp, owner: string, body: Record<string, unknown> = {}): Promise<RegisteredApp> {
  const cookie = await sessionCookieFor(t, owner);
  const res = await request(t.url)
    .post('/api/apps')
    .set(consoleHeaders(t, cookie))
    .send({
      name: unique('app-'),
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
      ...body,
    });
  if (res.status !== 201) throw new Error(`POST /api/apps answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as RegisteredApp;
}

/** A user's own access token from the Fusio-compatible `/consumer/login`. */
export async function loginToken(
  t: TestApp,
  person: Pick<Person, 'username' | 'password'>,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await request(t.url).post('/consumer/login').set(headers).send({ username: person.username, password: person.password });
  if (res.status !== 200) throw new Error(`POST /consumer/login answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export interface AuthorizeParams {
  client_id: string;
  redirect_uri?: string;
  scope?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  nonce?: string;
}

/** GET /oauth2/authorize with the user's Bearer token; the raw answer. */
export function authorizeRequest(t: TestApp, userToken: string, params: AuthorizeParams) {
  const query = form({ response_type: 'code', redirect_uri: REDIRECT_URI, state: 'xyz', ...params });
  return request(t.url).get(`/oauth2/authorize?${query}`).set('Authorization', `Bearer ${userToken}`).redirects(0);
}

/** The code from a successful authorization request (302 to the redirect URI). */
export async function authorizationCode(t: TestApp, userToken: string, params: AuthorizeParams): Promise<string> {
  const res = await authorizeRequest(t, userToken, params);
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}: ${res.text.slice(0, 300)}`);
  const code = new URL(res.headers.location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${res.headers.location}`);
  return code;
}

/** POST /oauth2/token with a form body and, optionally, an Authorization header. */
export function tokenRequest(t: TestApp, fields: Record<string, string | undefined>, authorization?: string) {
  const req = request(t.url).post('/oauth2/token').type('form');
  if (authorization) req.set('Authorization', authorization);
  return req.send(form(fields));
}

/** A full code + PKCE exchange for a confidential app: the token response body. */
export async function codeGrantTokens(t: TestApp, app: RegisteredApp, userToken: string, scope = 'read'): Promise<TokenResponse> {
  const { verifier, challenge } = pkcePair();
  const code = await authorizationCode(t, userToken, {
    client_id: app.client_id,
    scope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const res = await tokenRequest(
    t,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    basicAuth(app.client_id, app.client_secret!),
  );
  if (res.status !== 200) throw new Error(`code exchange answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  id_token?: string;
}

export const bearer = (token: string) => `Bearer ${token}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- decoded JOSE JSON, re-encoded by the forging tests
export function decodeJwtPart(token: string, index: 0 | 1): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));
}

/** Small demo databases `01` and `02`, as the demo data has them, through the foundation's seeder. */
export async function seedSmallDatabases(t: TestApp): Promise<void> {
  const { ResourceSeeder } = await import('../../../src/resources/seeds/resource-seeder');
  const seeder = new ResourceSeeder(t.dataSource);
  await seeder.seed('01', 'Riverside Hospital', { rooms: 30, items: 10, occurrences: 40 });
  await seeder.seed('02', 'Harbour Office Tower', { rooms: 20, items: 5, occurrences: 20 });
}

/** The forms on an HTML page: action, method and every input's name and value. */
export interface PageForm {
  action: string;
  method: string;
  /** Inputs, textareas and selects (not buttons). */
  fields: Record<string, string>;
  /** Submit buttons: a form with several sends only the one pressed. */
  buttons: { name: string; value: string; text: string }[];
}

export function formsOf(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = match[1];
    const fields: Record<string, string> = {};
    for (const input of match[2].matchAll(/<(?:input|textarea|select)\b([^>]*)>/gi)) {
      const name = attributeOf(input[1], 'name');
      const type = (attributeOf(input[1], 'type') ?? '').toLowerCase();
      if (name !== null && type !== 'submit' && !(name in fields)) fields[name] = attributeOf(input[1], 'value') ?? '';
    }
    const buttons = [...match[2].matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>|<input\b([^>]*type="submit"[^>]*)>/gi)].map((button) => {
      const attributes = button[1] ?? button[3];
      return {
        name: attributeOf(attributes, 'name') ?? '',
        value: attributeOf(attributes, 'value') ?? '',
        text: (button[2] ?? '').replace(/<[^>]+>/g, '').trim(),
      };
    });
    forms.push({
      action: decodeEntities(attributeOf(attributes, 'action') ?? ''),
      method: (attributeOf(attributes, 'method') ?? 'get').toLowerCase(),
      fields,
      buttons,
    });
  }
  return forms;
}

function attributeOf(attributes: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  return match ? decodeEntities(match[1] ?? match[2] ?? match[3] ?? '') : null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The cookies a response sets, as one Cookie header value (name=value pairs). */
export function cookiesFrom(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((cookie) => cookie.split(';')[0]).join('; ');
}

/**
 * A person approves (or denies) a client on the consent page, as a browser would: session cookie,
 * the page's form with its CSRF token, the button pressed. Returns the redirect Location.
 */
export async function consentThroughPage(t: TestApp, username: string, params: AuthorizeParams, approve = true): Promise<string> {
  const cookie = await sessionCookieFor(t, username);
  const query = form({ response_type: 'code', redirect_uri: REDIRECT_URI, state: 'xyz', ...params });
  const page = await request(t.url).get(`/oauth2/authorize?${query}`).set('Cookie', cookie).redirects(0);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${page.text.slice(0, 300)}`);
  const wanted = approve ? /allow|approve|accept|grant|authori[sz]e|yes/i : /deny|reject|cancel|decline|no\b/i;
  // The page may hold other forms (sign out in the header): the consent form is the one with the decision.
  const consent = formsOf(page.text).find(
    (f) => f.method === 'post' && f.buttons.some((b) => wanted.test(`${b.name} ${b.value} ${b.text}`)),
  );
  if (!consent) throw new Error(`no consent form: ${page.text.slice(0, 300)}`);
  const button = consent.buttons.find((b) => wanted.test(`${b.name} ${b.value} ${b.text}`));
  const fields = { ...consent.fields, ...(button?.name ? { [button.name]: button.value } : {}) };
  const action = new URL(consent.action || `/oauth2/authorize?${query}`, `${t.url}/oauth2/authorize`);
  const res = await request(t.url)
    .post(action.pathname + action.search)
    .set('Cookie', [cookie, cookiesFrom(page.headers['set-cookie'])].filter(Boolean).join('; '))
    .set('Origin', t.url)
    .type('form')
    .send(new URLSearchParams(fields).toString())
    .redirects(0);
  if (![302, 303].includes(res.status)) throw new Error(`consent answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.headers.location as string;
}

/** A code for `app` through the person's consent on the page (PKCE S256), with its verifier. */
export async function consentedCode(
  t: TestApp,
  username: string,
  app: RegisteredApp,
  scope: string,
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const location = await consentThroughPage(t, username, {
    client_id: app.client_id,
    scope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return { code: new URL(location).searchParams.get('code')!, verifier };
}

/** The confidential `app` exchanges a code at the token endpoint; the answer is the caller's to check. */
export function redeemCode(t: TestApp, app: RegisteredApp, { code, verifier }: { code: string; verifier: string }) {
  return tokenRequest(
    t,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    basicAuth(app.client_id, app.client_secret!),
  );
}
