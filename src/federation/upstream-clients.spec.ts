import { createServer, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TesseraConfig } from '../config/tessera-config';
import type { IdentityProvider } from './entities/identity-provider.entity';
import type { IdentityProvidersService } from './identity-providers.service';
import { UpstreamClients } from './upstream-clients';
import { UPSTREAM_TIMEOUT_MS, upstreamHttpOptions } from './upstream-http';

/**
 * A provider that drops a connection it has already answered on, the moment the next request
 * arrives: what a Node provider does when Tessera sends on a kept-alive socket just as its 5 s
 * keep-alive timeout closes it. Every call to a provider must survive that.
 */
function droppingProvider(): Promise<{ server: Server; issuer: string; sockets: Set<Socket> }> {
  const answered = new WeakSet<Socket>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (answered.has(req.socket)) return void req.socket.destroy();
    answered.add(req.socket);
    sockets.add(req.socket);
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }),
      );
    } else {
      res.end(JSON.stringify({ keys: [] }));
    }
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets })),
  );
}

describe('UpstreamClients (calls to an identity provider)', () => {
  it('opens a connection per call, so a provider closing idle connections never fails a sign-in', async () => {
    const { server, issuer, sockets } = await droppingProvider();
    try {
      const providers = { clientSecretOf: async () => null } as unknown as IdentityProvidersService;
      const clients = new UpstreamClients(providers, { issuer: 'http://tessera.test' } as TesseraConfig);
      const provider = { id: 'p1', name: 'Company', issuer, clientId: 'tessera', updatedAt: new Date() } as IdentityProvider;
      const client = await clients.clientFor(provider);
      // The keys' fetch, as an ID token's check makes it (openid-client 5 leaves it out of its types).
      const keys = client.issuer as unknown as { reloadJwksUri(): Promise<void> };
      await keys.reloadJwksUri();
      await keys.reloadJwksUri();
      expect(sockets.size).toBe(3);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('waits 10 s for an answer, not openid-client’s 3.5 s', () => {
    const options = upstreamHttpOptions(new URL('https://idp.example/token'), {});
    expect(options.timeout).toBe(UPSTREAM_TIMEOUT_MS);
    expect(UPSTREAM_TIMEOUT_MS).toBe(10_000);
  });
});
