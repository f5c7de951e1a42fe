import { Server } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { shutdownState } from '../common/lifecycle/shutdown-state';

const GRACE_MS = 500;
const DRAIN_TIMEOUT_MS = 10_000;
const FORCE_EXIT_MS = 15_000;

/**
 * SIGTERM/SIGINT without dropping a request the server has received (readiness answers 503
 * from the first moment, so a load balancer stops sending; connections still in the kernel's
 * accept backlog when the listener closes are reset by the kernel, as for any server):
 * 1. stop accepting connections, but keep the accepted ones (Node's http `close()` would also
 *    drop connections accepted a moment ago whose request has not arrived yet: ECONNRESET);
 * 2. give those a short grace to send their request, answering with `Connection: close`;
 * 3. close idle keep-alive connections and wait until every in-flight request has finished;
 * 4. only then run Nest's hooks, which close the database and Redis.
 */
export function closeGracefullyOnSignals(app: NestFastifyApplication, log: (message: string) => void): void {
  const shutdown = async (signal: string) => {
    if (shutdownState.closing) return;
    shutdownState.closing = true;
    log(`${signal} received: finishing in-flight requests`);
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
    await drain(app.getHttpServer());
    await app.close();
    log(`Tessera stopped`);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

async function drain(server: Server & { closeIdleConnections?: () => void }): Promise<void> {
  const closed = new Promise((resolve) => server.once('close', resolve));
  Server.prototype.close.call(server);
  await delay(GRACE_MS);
  server.closeIdleConnections?.();
  // The drain bound must not outlive the drain: a pending timer would keep the process up for 10 s.
  let bound: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((resolve) => (bound = setTimeout(resolve, DRAIN_TIMEOUT_MS)))]);
  clearTimeout(bound);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
