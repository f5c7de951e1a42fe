import { createHmac } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { safeEqual } from '../../common/secrets';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { ServerSecrets } from '../secrets/server-secrets.service';
import { isSameOrigin } from './same-origin';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Proof that a request carrying a session cookie was made by Tessera's own pages (issue 11, rule
 * 4): the page's origin (ISSUER's) and a token bound to the session, HMAC-SHA256(session id) under
 * a key every instance shares. Pages show the token (`<meta name="csrf-token">`, the `_csrf`
 * field); another site can neither read it nor compute it, and a planted cookie cannot match it.
 */
@Injectable()
export class SessionCsrf implements OnModuleInit {
  readonly origin: string;
  private key: Buffer | null = null;

  constructor(
    private readonly secrets: ServerSecrets,
    @Inject(TESSERA_CONFIG) config: TesseraConfig,
  ) {
    this.origin = new URL(config.issuer).origin;
  }

  async onModuleInit(): Promise<void> {
    this.key = await this.secrets.key('console csrf token v1');
  }

  tokenFor(sessionId: string): string {
    if (!this.key) throw new Error('SessionCsrf used before the module was initialised');
    return createHmac('sha256', this.key).update(sessionId).digest('base64url');
  }

  matches(sessionId: string, presented: unknown): boolean {
    return typeof presented === 'string' && safeEqual(presented, this.tokenFor(sessionId));
  }

  /** The session cookie may authenticate this API request: same origin and the session's token in the header. */
  provenByConsole(request: FastifyRequest, sessionId: string): boolean {
    return isSameOrigin(request, this.origin) && this.matches(sessionId, request.headers[CSRF_HEADER]);
  }
}
