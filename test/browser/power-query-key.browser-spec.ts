import type { Browser } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { ensurePerson, launchChromium, newPage, signIn } from './browser-support';

// Needs the resources branch (the REST and OData mounts): runs once it is merged.
describe('an API key made in the console reads rooms (Power Query style)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
    await ensurePerson(t, 'pat', 'pat-password-1', ['Consumer'], { '01': 'read' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a key in the pages and reads rooms with it over Basic and Reference', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, 'pat', 'pat-password-1');
    await page.getByLabel('Name', { exact: true }).fill('Excel workbook');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.locator('#new-secret').textContent())!.trim();
    await context.close();

    const odata = await request(t.url)
      .get('/odata/01/rooms?$top=2')
      .set('Authorization', `Basic ${Buffer.from(`:${key}`).toString('base64')}`)
      .set('OData-MaxVersion', '4.0')
      .expect(200);
    expect(odata.body.value).toHaveLength(2);
    const rest = await request(t.url)
      .get('/api/database/01/rooms?$skip=1&$top=1')
      .set('Authorization', `Basic ${Buffer.from(`apikey:${key}`).toString('base64')}`)
      .expect(200);
    expect(rest.body).toHaveLength(1);
    expect(rest.headers.link).toContain('rel="next"');
    await request(t.url).get('/odata/02/rooms').set('Authorization', `Reference ${key}`).expect(404);
  });
});
