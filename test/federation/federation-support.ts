import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { CompanyProvider } from '../support/company-provider';
import { startTestApp, TestApp } from '../support/test-app';
import { RedirectingBrowser } from '../support/redirecting-browser';

export const COMPANY_CLIENT = { id: 'tessera-at-company', secret: 'company-issued-secret-0123456789abcdef' };

export interface ProviderView {
  id: string;
  name: string;
  redirect_uri: string;
  client_secret_set: boolean;
  [field: string]: unknown;
}

/** Admin API calls as the administrator, through the console's session (Origin + CSRF). */
export async function adminApi(t: TestApp) {
  const headers = consoleHeaders(t, await sessionCookieFor(t, 'admin'));
  return {
    create: (body: Record<string, unknown>) => request(t.url).post('/api/admin/identity-providers').set(headers).send(body),
    update: (id: string, body: Record<string, unknown>) =>
      request(t.url).patch(`/api/admin/identity-providers/${id}`).set(headers).send(body),
    list: () => request(t.url).get('/api/admin/identity-providers').set(headers),
    remove: (id: string) => request(t.url).delete(`/api/admin/identity-providers/${id}`).set(headers),
    headers,
  };
}

/** The company provider's settings in Tessera: two group rules, the company's domain. */
export function companySettings(issuer: string): Record<string, unknown> {
  return {
    name: 'Company',
    issuer,
    client_id: COMPANY_CLIENT.id,
    client_secret: COMPANY_CLIENT.secret,
    scopes: ['openid', 'profile', 'email', 'groups'],
    domains: ['company.example'],
    groups_claim: 'groups',
    group_mappings: [
      { value: 'tessera-admins', roles: ['Administrator'] },
      { value: 'planners', roles: ['Consumer'], database_access: { '01': 'write' } },
    ],
  };
}

/**
 * From a Tessera URL that leads to the provider, through the provider's own login page as `login`,
 * up to (not into) Tessera's callback: returns the callback URL the provider sent the browser to.
 */
export async function upstreamSignIn(browser: RedirectingBrowser, startUrl: string, login: string): Promise<string> {
  const page = await browser.follow(startUrl);
  const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1];
  if (page.status !== 200 || !action || !page.url.includes('/interaction/'))
    throw new Error(`no upstream login page: ${page.status} ${page.url}`);
  const submitted = await browser.post(new URL(action, page.url).toString(), { prompt: 'login', login, password: 'any-password' });
  const back = await browser.follow(submitted.location!, (next) => next.includes('/login/federation/') && next.includes('/callback'));
  if (!back.location?.includes('/callback')) throw new Error(`the provider did not send the browser back: ${back.status} ${back.url}`);
  return back.location;
}

export interface Federation {
  t: TestApp;
  company: CompanyProvider;
  provider: ProviderView;
  admin: Awaited<ReturnType<typeof adminApi>>;
  /** Tessera's URL that starts a sign-in through the company, coming back to `returnTo`. */
  startUrl(returnTo?: string): string;
  close(): Promise<void>;
}

/** Tessera, database 01, and the company provider configured in it (through the admin API) and running. */
export async function startFederation(env: Record<string, string> = {}): Promise<Federation> {
  const t = await startTestApp({ TESSERA_SECRET: 'federation-tests-secret-0123456789', ...env });
  const admin = await adminApi(t);
  await request(t.url).post('/api/admin/databases').set(admin.headers).send({ id: '01', name: 'Demo' }).expect(201);
  const port = await CompanyProvider.reservePort();
  const provider = (await admin.create(companySettings(`http://127.0.0.1:${port}`)).expect(201)).body as ProviderView;
  const company = await CompanyProvider.start({
    port,
    clientId: COMPANY_CLIENT.id,
    clientSecret: COMPANY_CLIENT.secret,
    redirectUris: [provider.redirect_uri],
    postLogoutRedirectUris: [`${t.url}/login`],
  });
  return {
    t,
    company,
    provider,
    admin,
    startUrl: (returnTo = '/account') => `${t.url}/login/federation/${provider.id}?return_to=${encodeURIComponent(returnTo)}`,
    close: async () => {
      await company.stop();
      await t.close();
    },
  };
}
