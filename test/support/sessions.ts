import { SESSION_COOKIE, SessionService } from '../../src/auth/session.service';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from './test-app';

/** A real session for a user, made through the app's own SessionService; returns the Cookie header. */
export async function sessionCookieFor(testApp: TestApp, username: string): Promise<string> {
  const user = await testApp.app.get(UsersService).findByUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  const session = await testApp.app.get(SessionService).create(user.id);
  return `${SESSION_COOKIE}=${session.id}`;
}
