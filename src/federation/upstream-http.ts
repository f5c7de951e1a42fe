import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { CustomHttpOptionsProvider } from 'openid-client';

/** How long Tessera waits for a provider's answer (openid-client's own default, 3.5 s, fails sign-ins on a busy provider). */
export const UPSTREAM_TIMEOUT_MS = 10_000;

// One connection per call. Node's default agent keeps idle sockets for 5 s, as long as a Node
// provider keeps them open: a call sent as the provider closes its end fails with ECONNRESET, and a
// sign-in fails with "not answering". Sign-ins are rare; a handshake each costs nothing that matters.
const httpAgent = new HttpAgent({ keepAlive: false });
const httpsAgent = new HttpsAgent({ keepAlive: false });

/** openid-client's per-request options for every call to a provider: discovery, keys, token, logout. */
export const upstreamHttpOptions: CustomHttpOptionsProvider = (url) => ({
  timeout: UPSTREAM_TIMEOUT_MS,
  agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
});
