import { applyDecorators, Controller, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/decorators/public.decorator';
import { LoginRequiredFilter, PageAccess, PageFor } from './page-access';
import { PageGuard } from './page.guard';

export const CONSOLE_PAGE = 'tessera:consolePage';

/**
 * Declares a controller of console pages, and is the only way to: the API's guard lets it through
 * (`@Public()`) because PageGuard guards it instead (a session cookie, never a token; the same
 * origin and a CSRF token on every POST; the access level), "sign in first" becomes a redirect to
 * the login page, and pages stay out of the OpenAPI document. A handler may narrow the access with
 * `@PageFor(...)`.
 */
export const ConsolePage = (path: string, access: PageAccess = 'person') =>
  applyDecorators(
    Controller(path),
    SetMetadata(CONSOLE_PAGE, true),
    ApiExcludeController(),
    Public(),
    UseGuards(PageGuard),
    UseFilters(LoginRequiredFilter),
    PageFor(access),
  );
