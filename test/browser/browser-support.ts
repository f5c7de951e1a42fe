import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { DatabasesService } from '../../src/databases/databases.service';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Every run writes here (git-ignored); `npm run screenshots` (UPDATE_SCREENSHOTS=1) also copies into docs/screenshots/. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const COMMITTED_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

/** Debian's Chromium, headless, driven by playwright-core (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  return { context, page: await context.newPage() };
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string, returnTo?: string): Promise<void> {
  await page.goto(`${baseUrl}/login${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * The page as a phone (390 px) and a desktop (1280 px) show it, written to test-output/screenshots/
 * and, with UPDATE_SCREENSHOTS=1, copied into docs/screenshots/ (so a plain test run leaves the tree clean).
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  for (const [suffix, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    const file = `${name}-${suffix}.png`;
    await page.screenshot({ path: join(SCREENSHOTS, file), fullPage: true });
    if (UPDATE_SCREENSHOTS) {
      mkdirSync(COMMITTED_SCREENSHOTS, { recursive: true });
      copyFileSync(join(SCREENSHOTS, file), join(COMMITTED_SCREENSHOTS, file));
    }
  }
  await page.setViewportSize(original);
}

/** The demo catalogue entries the access forms offer, when the demo data is not seeded. */
export async function ensureDatabases(t: TestApp): Promise<void> {
  const databases = t.app.get(DatabasesService);
  for (const [id, name] of [
    ['01', 'Riverside Hospital'],
    ['02', 'Harbour School'],
  ]) {
    if (!(await databases.findById(id))) await databases.create({ id, name, public: false });
  }
}

export async function ensurePerson(
  t: TestApp,
  username: string,
  password: string,
  roles = ['Consumer'],
  databaseAccess: Record<string, 'read' | 'write'> = {},
): Promise<void> {
  const users = t.app.get(UsersService);
  if (!(await users.findByUsername(username)))
    await users.create({ username, password, roles, databaseAccess, email: `${username}@example.com` });
}
