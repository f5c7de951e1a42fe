import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { endpointIndex } from './endpoint-index';
import { ConsolePage } from '../pages/console-page.decorator';

const FAVICON = readFileSync(join(__dirname, '..', 'assets', 'favicon.svg'));

/** `GET /`: a person's browser goes to the console, a program gets the index of endpoints. */
@ConsolePage('', 'anyone')
export class HomeController {
  private readonly index: ReturnType<typeof endpointIndex>;

  constructor(@Inject(TESSERA_CONFIG) config: TesseraConfig) {
    this.index = endpointIndex(config.issuer);
  }

  @Get()
  home(@Req() request: FastifyRequest & { user?: unknown }, @Res() reply: FastifyReply) {
    if (!wantsHtml(request)) return reply.header('Vary', 'Accept').send(this.index);
    reply
      .header('Vary', 'Accept, Cookie')
      .header('Cache-Control', 'no-store')
      .redirect(request.user ? '/account' : '/login', 303);
  }

  @Get('favicon.ico')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  favicon() {
    return FAVICON;
  }
}

/** Browsers name text/html in Accept; curl and HTTP libraries send `*\/*` or JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  return /\btext\/html\b/.test(request.headers.accept ?? '');
}
