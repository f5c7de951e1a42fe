import { DatabasesService } from '../../src/databases/databases.service';
import { UsersService } from '../../src/users/users.service';
import { ADMIN, TestApp } from '../support/test-app';
import { FormClient } from './browser-like';

/** The demo catalogue entries and a signed-in browser for the administrator. */
export async function adminBrowser(t: TestApp): Promise<FormClient> {
  const databases = t.app.get(DatabasesService);
  for (const id of ['01', '02']) if (!(await databases.findById(id))) await databases.create({ id, name: `Project ${id}`, public: false });
  const browser = new FormClient(t.url);
  await browser.signIn(ADMIN.username, ADMIN.password);
  return browser;
}

export async function personBrowser(t: TestApp, username: string, password: string, roles = ['Consumer']): Promise<FormClient> {
  if (!(await t.app.get(UsersService).findByUsername(username))) await t.app.get(UsersService).create({ username, password, roles });
  const browser = new FormClient(t.url);
  const res = await browser.signIn(username, password);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return browser;
}
