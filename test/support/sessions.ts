import { ConsoleCookies } from '../../src/auth/console/console-cookies';
import { SessionCsrf } from '../../src/auth/console/session-csrf';
import { SessionService } from '../../src/auth/session.service';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from './test-app';

/** A real session for a user, made through the app's own SessionService; returns the Cookie header. */
export async function sessionCookieFor(testApp: TestApp, username: string): Promise<string> {
  const user = await testApp.app.get(UsersService).findByUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  // As the console's sign-in would have made it: with a code when one of the person's roles requires two factors.
  const amr = (user.roles ?? []).some((role) => role.twoFactorRequired) ? ['pwd', 'otp'] : ['pwd'];
  const session = await testApp.app.get(SessionService).create(user.id, { amr });
  return `${testApp.app.get(ConsoleCookies).session}=${session.id}`;
}

/**
 * What the console's own page sends with a session cookie to the JSON API and the resource mounts
 * (issue 11, rule 4): the cookie, `Origin` = the ISSUER's origin, and the session's CSRF token in
 * `X-CSRF-Token` (the value of the page's `<meta name="csrf-token">`). Use as `.set(consoleHeaders(t, cookie))`.
 */
export function consoleHeaders(testApp: TestApp, cookie: string): Record<string, string> {
  const name = `${testApp.app.get(ConsoleCookies).session}=`;
  const pair = cookie.split(/;\s*/).find((part) => part.startsWith(name));
  if (!pair) throw new Error(`no session cookie in "${cookie}"`);
  const csrf = testApp.app.get(SessionCsrf);
  return { Cookie: cookie, Origin: csrf.origin, 'X-CSRF-Token': csrf.tokenFor(pair.slice(name.length)) };
}
