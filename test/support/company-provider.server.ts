import { generateKeyPairSync } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import * as jose from 'jose';
import { Provider } from 'oidc-provider';

/**
 * The "company" identity provider for the federation tests (issue 15): node-oidc-provider with its
 * own login page (devInteractions: any login name, any password), run as a child process because
 * it is an ES module. Accounts and their claims (groups) are set by the test over a small control
 * API; a mode makes the token endpoint misbehave the way an attacker in the middle or a broken
 * provider would: `tamper-signature` (claims changed, signature kept), `wrong-nonce` (re-signed
 * with the provider's real key, another nonce), or `normal`.
 *
 * Env: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma-separated), POST_LOGOUT_REDIRECT_URIS.
 */
const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = new Map<string, Record<string, unknown>>();
let mode = 'normal';

/** The little of Koa's context and oidc-provider's `ctx.oidc` this server touches. */
interface Context {
  path: string;
  req: IncomingMessage;
  body: { id_token?: string; [field: string]: unknown } | undefined;
  oidc: {
    provider: {
      Grant: new (init: { clientId: string; accountId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
    };
    client: { clientId: string };
    session: { accountId: string };
    params: { scope: string };
  };
}

const signingJwk = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: 'company-rs256',
  alg: 'RS256',
  use: 'sig',
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: (process.env.REDIRECT_URIS ?? '').split(',').filter(Boolean),
      post_logout_redirect_uris: (process.env.POST_LOGOUT_REDIRECT_URIS ?? '').split(',').filter(Boolean),
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['company-cookie-key-0123456789abcdef'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username', 'name'], groups: ['groups'] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  conformIdTokenClaims: false,
  findAccount: (_ctx: unknown, sub: string) => ({
    accountId: sub,
    claims: () => ({ sub, preferred_username: sub, ...(accounts.get(sub) ?? {}) }),
  }),
  // First-party: every scope asked for is granted without a consent screen.
  loadExistingGrant: async (ctx: Context) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
});

provider.use(async (ctx: Context, next: () => Promise<void>) => {
  if (ctx.path.startsWith('/__test/')) return control(ctx);
  await next();
  if (ctx.path === '/token' && ctx.body?.id_token && mode !== 'normal')
    ctx.body = { ...ctx.body, id_token: await misbehave(ctx.body.id_token) };
});

async function control(ctx: Context): Promise<void> {
  const body = JSON.parse((await readBody(ctx.req)) || '{}');
  if (ctx.path === '/__test/mode') mode = body.mode;
  if (ctx.path === '/__test/account') accounts.set(body.sub, body.claims);
  ctx.body = { ok: true };
}

async function misbehave(idToken: string): Promise<string> {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (mode === 'tamper-signature') {
    const forged = Buffer.from(JSON.stringify({ ...claims, groups: ['tessera-admins'] })).toString('base64url');
    return `${header}.${forged}.${signature}`;
  }
  const key = await jose.importJWK(signingJwk, 'RS256');
  return new jose.SignJWT({ ...claims, nonce: 'not-the-nonce-tessera-sent' })
    .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid })
    .sign(key);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

const server = provider.listen(port, '127.0.0.1' as never);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
