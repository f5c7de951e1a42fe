import type { RequestSpec } from './load';
import { BENCH_USER } from './settings';

/** The HTTP calls the bench makes itself: setting up credentials, the full pull, the login stream. */
export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The bench user's password sign-in, `POST /consumer/login` (a token, a refresh token and an argon2 verify). */
export function loginRequest(baseUrl: string): RequestSpec {
  return {
    method: 'POST',
    url: `${baseUrl}/consumer/login`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_USER),
  };
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** A confidential client_credentials application of the bench user, through `POST /api/apps`. */
export async function registerApp(baseUrl: string, personalToken: string): Promise<OAuthClient | null> {
  const response = await fetch(`${baseUrl}/api/apps`, {
    method: 'POST',
    headers: { authorization: `Bearer ${personalToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'bench',
      redirect_uris: ['http://127.0.0.1/callback'],
      confidential: true,
      grant_types: ['client_credentials'],
      scopes: ['read'],
    }),
  });
  if (!response.ok) return null;
  const body = (await response.json()) as { client_id: string; client_secret: string };
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

export function tokenRequest(baseUrl: string, path: string, client: OAuthClient): RequestSpec {
  return {
    method: 'POST',
    url: `${baseUrl}${path}`,
    headers: { authorization: basic(client.clientId, client.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=read',
  };
}

export async function send(spec: RequestSpec): Promise<Response> {
  return fetch(spec.url, { method: spec.method ?? 'GET', headers: spec.headers, body: spec.body });
}

export async function accessToken(spec: RequestSpec): Promise<string | null> {
  const response = await send(spec);
  return response.ok ? ((await response.json()) as { access_token: string }).access_token : null;
}

export async function status(spec: RequestSpec): Promise<number> {
  const response = await send(spec);
  await response.arrayBuffer();
  return response.status;
}

export function nextLink(response: Response): string | null {
  const link = response.headers.get('link');
  return link ? (/<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1] ?? null) : null;
}

export interface PullResult {
  rows: number;
  pages: number;
  seconds: number;
}

/** Follows `Link: rel="next"` from the first page to the end, counting rows (one connection, keep-alive). */
export async function fullPull(firstUrl: string, headers: Record<string, string>): Promise<PullResult> {
  const started = process.hrtime.bigint();
  let url: string | null = firstUrl;
  let rows = 0;
  let pages = 0;
  while (url) {
    const response: Response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`full pull: ${url} answered ${response.status}`);
    rows += ((await response.json()) as unknown[]).length;
    pages++;
    url = nextLink(response);
  }
  return { rows, pages, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** What a login stream saw: answers below 300, the others, and every sign-in's time in ms. */
export interface LoginCounts {
  ok: number;
  failed: number;
  timesMs: number[];
}

export interface LoginStream {
  stop(): Promise<LoginCounts>;
}

/** Sends `perSecond` password logins a second (evenly spaced, whatever the answers take) until stopped. */
export function loginStream(request: RequestSpec, perSecond: number): LoginStream {
  const counts: LoginCounts = { ok: 0, failed: 0, timesMs: [] };
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const started = performance.now();
    const attempt: Promise<void> = status(request)
      .then(
        (code) => void (code < 300 ? counts.ok++ : counts.failed++),
        () => void counts.failed++,
      )
      .finally(() => {
        counts.timesMs.push(performance.now() - started);
        inFlight.delete(attempt);
      });
    inFlight.add(attempt);
  }, 1000 / perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      return counts;
    },
  };
}
