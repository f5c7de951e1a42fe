import { createHash, createPublicKey, JsonWebKey, KeyObject, verify } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { openStore, RoomRow, RoomsStore } from './rooms-store';
import { TokenFloor } from './token-floor';

/**
 * The floor under any framework: a bare node:http server doing the work Tessera's REST mount does
 * for `GET /api/database/:db/rooms` — the same credential checks (ES256 JWT against Tessera's own
 * published key; API key looked up by SHA-256), the same driver and keyset SQL, the same JSON and
 * Link header — and nothing else (no logging, no headers beyond the needed ones).
 *
 * Env: PORT, DATABASE_URL (sqlite:… or mysql://…), JWKS_URL (Tessera's /oauth2/jwks; optional),
 * TOKEN_ISSUER (expected iss and aud), FLOOR_CLIENT_ID / FLOOR_CLIENT_SECRET (the token floor's client).
 *
 * It also answers `POST /oauth2/token` as the floor under any token endpoint (token-floor.ts).
 */
const PAGE_SIZE = 1000;
const ROUTE = /^\/api\/database\/([^/?]+)\/rooms\/?(?:\?(.*))?$/;

interface Verifier {
  keys: Map<string, KeyObject>;
  issuer: string;
}

async function loadVerifier(): Promise<Verifier> {
  const keys = new Map<string, KeyObject>();
  if (process.env.JWKS_URL) {
    const jwks = (await (await fetch(process.env.JWKS_URL)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    for (const jwk of jwks.keys) keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
  }
  return { keys, issuer: process.env.TOKEN_ISSUER ?? '' };
}

/** RFC 7519 §7.2 for an ES256 access token: signature, then iss, aud and exp. */
function verifyJwt(token: string, verifier: Verifier): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as { alg?: string; kid?: string };
  const key = header.alg === 'ES256' && header.kid ? verifier.keys.get(header.kid) : undefined;
  if (!key) return false;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(parts[2], 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as { iss?: string; aud?: string | string[]; exp?: number };
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return (
    claims.iss === verifier.issuer &&
    audiences.includes(verifier.issuer) &&
    typeof claims.exp === 'number' &&
    claims.exp > Date.now() / 1000
  );
}

async function verifyApiKey(encoded: string, store: RoomsStore): Promise<boolean> {
  const decoded = Buffer.from(encoded, 'base64').toString();
  const colon = decoded.indexOf(':');
  const key = colon === 0 ? decoded.slice(1) : decoded.slice(0, colon);
  const row = await store.keyByHash(createHash('sha256').update(key).digest('hex'));
  if (!row || row.revoked_at) return false;
  return !row.expires_at || new Date(row.expires_at).getTime() > Date.now();
}

async function authenticated(request: IncomingMessage, store: RoomsStore, verifier: Verifier): Promise<boolean> {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return verifyJwt(header.slice(7), verifier);
  if (header.startsWith('Basic ')) return verifyApiKey(header.slice(6), store);
  return false;
}

function toJson(row: RoomRow): RoomRow {
  const updated = row.updated_at as unknown;
  return { ...row, updated_at: updated instanceof Date ? updated.toISOString() : `${String(updated).replace(' ', 'T')}Z` };
}

async function rooms(
  request: IncomingMessage,
  response: ServerResponse,
  store: RoomsStore,
  origin: string,
  match: RegExpExecArray,
): Promise<void> {
  const databaseId = decodeURIComponent(match[1]);
  const query = new URLSearchParams(match[2] ?? '');
  const top = Math.min(Number(query.get('$top') ?? PAGE_SIZE), PAGE_SIZE);
  const after = Number(query.get('$skiptoken') ?? 0);
  const rows = await store.rooms(databaseId, after, top + 1);
  const page = rows.slice(0, top).map(toJson);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (rows.length > top)
    headers.link = `<${origin}/api/database/${match[1]}/rooms?$top=${top}&$skiptoken=${page[page.length - 1].id}>; rel="next"`;
  response.writeHead(200, headers).end(JSON.stringify(page));
}

async function main(): Promise<void> {
  const store = openStore(process.env.DATABASE_URL ?? '');
  const verifier = await loadVerifier();
  const port = Number(process.env.PORT ?? 3100);
  const origin = `http://127.0.0.1:${port}`;
  const floor = new TokenFloor(origin, process.env.FLOOR_CLIENT_ID ?? '', process.env.FLOOR_CLIENT_SECRET ?? '');
  const server = createServer((request, response) => {
    const match = ROUTE.exec(request.url ?? '');
    if (request.url === '/health') return void response.writeHead(200).end('ok');
    if (request.url === '/oauth2/token' && request.method === 'POST') return floor.handle(request, response);
    if (!match || request.method !== 'GET') return void response.writeHead(404).end();
    authenticated(request, store, verifier)
      .then((ok) =>
        ok ? rooms(request, response, store, origin, match) : void response.writeHead(401, { 'www-authenticate': 'Bearer' }).end(),
      )
      .catch((error: unknown) => {
        console.error(error);
        response.writeHead(500).end();
      });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1');
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

void main();
