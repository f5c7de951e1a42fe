import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';

/** The "company" OpenID Connect provider (company-provider.server.ts) running as a child process. */
export class CompanyProvider {
  private constructor(
    readonly issuer: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  /** A free port for a provider not started yet (its issuer URL is needed to configure Tessera first). */
  static async reservePort(): Promise<number> {
    return freePort();
  }

  static async start(options: {
    port: number;
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
  }) {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'company-provider.server.ts')], {
      env: {
        ...process.env,
        PORT: String(options.port),
        CLIENT_ID: options.clientId,
        CLIENT_SECRET: options.clientSecret,
        REDIRECT_URIS: options.redirectUris.join(','),
        POST_LOGOUT_REDIRECT_URIS: (options.postLogoutRedirectUris ?? []).join(','),
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const issuer = `http://127.0.0.1:${options.port}`;
    for (let attempt = 0; attempt < 300; attempt++) {
      const ok = await fetch(`${issuer}/.well-known/openid-configuration`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return new CompanyProvider(issuer, child, exited);
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill();
    throw new Error(`the company provider did not start:\n${output}`);
  }

  /** The claims the provider gives this account (`sub` = the login name typed on its page). */
  async setAccount(sub: string, claims: Record<string, unknown>): Promise<void> {
    await this.control('/__test/account', { sub, claims });
  }

  async setMode(mode: 'normal' | 'tamper-signature' | 'wrong-nonce'): Promise<void> {
    await this.control('/__test/mode', { mode });
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }

  private async control(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.issuer}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
  }
}
