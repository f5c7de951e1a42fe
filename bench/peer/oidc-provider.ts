import { generateKeyPairSync } from 'node:crypto';
import { Provider } from 'oidc-provider';

/**
 * The peer for the token endpoint: node-oidc-provider issuing client_credentials tokens, either
 * opaque (stored in its default in-memory adapter) or, with PEER_FORMAT=jwt, as ES256 JWT access
 * tokens through resource indicators (`accessTokenFormat: 'jwt'`).
 *
 * Env: PORT, PEER_FORMAT (opaque | jwt), PEER_CLIENT_ID, PEER_CLIENT_SECRET.
 */
const port = Number(process.env.PORT ?? 3200);
const issuer = `http://127.0.0.1:${port}`;
const resource = `${issuer}/api`;
const jwt = process.env.PEER_FORMAT === 'jwt';

function signingKeys() {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    keys: [
      { ...ec, kid: 'es256', alg: 'ES256', use: 'sig' },
      { ...rsa, kid: 'rs256', alg: 'RS256', use: 'sig' },
    ],
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.PEER_CLIENT_ID ?? 'bench',
      client_secret: process.env.PEER_CLIENT_SECRET ?? 'bench-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: 'read',
    },
  ],
  jwks: signingKeys(),
  cookies: { keys: ['bench-cookie-key-0123456789'] },
  ttl: { ClientCredentials: 3600 },
  scopes: ['read'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: jwt,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'read',
        audience: resource,
        accessTokenTTL: 3600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'ES256' } },
      }),
    },
  },
});

const server = provider.listen(port, '127.0.0.1' as never);
server.keepAliveTimeout = 60_000;
process.once('SIGTERM', () => server.close(() => process.exit(0)));
