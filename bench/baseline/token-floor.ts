import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * The floor under any token endpoint that does what Tessera's does for a client_credentials
 * request: read the form body, check the client's Basic credentials (SHA-256, constant time),
 * sign an RFC 9068 ES256 JWT with node:crypto, answer the JSON — and nothing else (issue 16: the
 * token has no row and its audit line is a buffered append, so no database write either) (no framework, no logging, no
 * headers beyond Content-Type and Cache-Control). Its ratio to oidc-provider bounds what any
 * Node implementation of the same work can reach on this machine (docs/benchmarks.md).
 */
export class TokenFloor {
  private readonly key: KeyObject = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  private readonly header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid: 'floor' })).toString('base64url');
  private readonly secretHash: Buffer;

  constructor(
    private readonly issuer: string,
    private readonly clientId: string,
    secret: string,
  ) {
    this.secretHash = sha256(secret);
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.answer(request, Buffer.concat(chunks).toString(), response);
    });
  }

  private answer(request: IncomingMessage, body: string, response: ServerResponse): void {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') return void this.error(response, 400, 'unsupported_grant_type');
    if (!this.authenticated(request.headers.authorization ?? '')) return void this.error(response, 401, 'invalid_client');
    const scope = form.get('scope') ?? 'read';
    const iat = Math.floor(Date.now() / 1000);
    const jti = randomBytes(16).toString('base64url');
    const claims = { iss: this.issuer, sub: this.clientId, aud: this.issuer, exp: iat + 3600, iat, jti, client_id: this.clientId, scope };
    const input = `${this.header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(input), { key: this.key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    response
      .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify({ access_token: `${input}.${signature}`, token_type: 'Bearer', expires_in: 3600, scope }));
  }

  private authenticated(header: string): boolean {
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon < 0 || decodeURIComponent(decoded.slice(0, colon)) !== this.clientId) return false;
    return timingSafeEqual(sha256(decodeURIComponent(decoded.slice(colon + 1))), this.secretHash);
  }

  private error(response: ServerResponse, status: number, error: string): void {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ error }));
  }
}
