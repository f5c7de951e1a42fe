import { startTestApp, TestApp } from '../support/test-app';

const WARNING = /TESSERA_SECRET is not set: signing keys are stored unencrypted/;

/** Issue 11: without TESSERA_SECRET the private signing keys sit in the database in clear; the start says so. */
describe('the start-up warning about unencrypted signing keys', () => {
  let apps: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  const warningsIn = (t: TestApp) =>
    t.logs.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => WARNING.test(line.msg));

  it('warns once, at warn level, when TESSERA_SECRET is not set', async () => {
    const t = await startTestApp();
    apps.push(t);
    expect(warningsIn(t).map((line) => line.level)).toEqual([40]);
  });

  it('says nothing of the kind when TESSERA_SECRET is set', async () => {
    const t = await startTestApp({ TESSERA_SECRET: 'a-long-enough-secret-for-tests' });
    apps.push(t);
    expect(warningsIn(t)).toEqual([]);
    const [{ encrypted }] = await t.dataSource.query('SELECT encrypted FROM signing_keys');
    expect(Number(encrypted)).toBe(1);
  });
});
