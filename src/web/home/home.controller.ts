import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators/public.decorator';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { LoginRequiredFilter, PageFor } from '../pages/page-access';
import { PageGuard } from '../pages/page.guard';
import { endpointIndex } from './endpoint-index';

const FAVICON = readFileSync(join(__dirname, '..', 'assets', 'favicon.svg'));

/** `GET /`: a person's browser goes to the console, a program gets the index of endpoints. */
@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(LoginRequiredFilter)
@Controller()
export class HomeController {
  private readonly index: ReturnType<typeof endpointIndex>;

  constructor(@Inject(TESSERA_CONFIG) config: TesseraConfig) {
    this.index = endpointIndex(config.issuer);
  }

  @Get()
  @PageFor('anyone')
  home(@Req() request: FastifyRequest & { user?: unknown }, @Res() reply: FastifyReply) {
    if (!wantsHtml(request)) return reply.header('Vary', 'Accept').send(this.index);
    reply.header('Vary', 'Accept, Cookie').header('Cache-Control', 'no-store').redirect(request.user ? '/account' : '/login', 303);
  }

  @Get('favicon.ico')
  @PageFor('anyone')
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
