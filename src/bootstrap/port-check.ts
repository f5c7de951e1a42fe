import { createServer } from 'node:net';
import { StartError } from '../common/errors/start-error';

/**
 * Fails at once when Tessera could not listen on HOST:PORT, before the database is touched and
 * before a first start prints the administrator's password (which would then be lost).
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    throw new StartError(reasonFor((error as { code?: string }).code, host, port));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function reasonFor(code: string | undefined, host: string, port: number): string {
  if (code === 'EADDRINUSE')
    return `Port ${port} on ${host} is already in use (another Tessera?): stop that process or set PORT to a free port`;
  if (code === 'EACCES') return `Port ${port} needs privileges this user lacks: set PORT to 1024 or above`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `HOST ${host} is not an address of this machine: set HOST (127.0.0.1, or 0.0.0.0 for every interface)`;
  return `Tessera cannot listen on ${host}:${port} (${code ?? 'unknown error'}): check HOST and PORT`;
}
