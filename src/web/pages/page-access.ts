import { ArgumentsHost, Catch, ExceptionFilter, SetMetadata } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type PageAccess = 'anyone' | 'person' | 'admin';

export const PAGE_ACCESS = 'tessera:pageAccess';

/** Who may open a console page: anyone (login), a signed-in person, or an administrator. */
export const PageFor = (access: PageAccess) => SetMetadata(PAGE_ACCESS, access);

/** Thrown by the PageGuard when nobody is signed in: the browser is sent to the login page. */
export class LoginRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in to continue');
  }
}

/** Turns LoginRequired into `303 /login?return_to=<the page asked for>`. */
@Catch(LoginRequired)
export class LoginRequiredFilter implements ExceptionFilter {
  catch(exception: LoginRequired, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    reply.header('Cache-Control', 'no-store').redirect(`/login?return_to=${encodeURIComponent(exception.returnTo)}`, 303);
  }
}

/** Where to come back after signing in: the page itself for a GET, its parent page otherwise. */
export function returnPathOf(request: FastifyRequest): string {
  return request.method === 'GET' ? request.url : request.url.split('?')[0].replace(/\/[^/]*\/[^/]*$/, '') || '/account';
}
