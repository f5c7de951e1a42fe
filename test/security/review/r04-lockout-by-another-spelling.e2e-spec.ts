import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { createPerson, unique } from '../support/flows';

/**
 * R04 (medium; fails on MariaDB/MySQL, the production database — passes on SQLite, whose binary collation has no PAD SPACE). Failed sign-ins are counted and locked per user
 * name *as typed* (`login_failures.name_hash = sha256(typed name)`), but the account is found with
 * the database's comparison: on MariaDB `utf8mb4_bin` is a PAD SPACE collation, so `erin`,
 * `erin `, `erin  `, … all find erin while each spelling has its own failure count, its own lock
 * and its own per-name rate-limit bucket. A guesser gets the threshold's tries per spelling, and the
 * right password still signs in under another spelling once erin is locked. Names must be counted
 * and looked up as the same key (the account's id, or the canonical stored name).
 */
describe('R04: a locked name stays locked under another spelling of it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_SECONDS: '600' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (username: string, password: string) => request(t.url).post('/consumer/login').send({ username, password });

  it('refuses the right password under a padded spelling once the name is locked', async () => {
    const erin = await createPerson(t, { username: unique('erin') });
    for (let i = 0; i < 3; i++) await login(erin.username, 'wrong-guess-123').expect(400);
    await login(erin.username, erin.password).expect(400);
    const padded = await login(`${erin.username} `, erin.password);
    expect(padded.status).toBe(400);
    expect(padded.body.token).toBeUndefined();
  });

  it('gives no spelling of a name its own count of tries', async () => {
    const finn = await createPerson(t, { username: unique('finn') });
    for (let i = 1; i <= 3; i++) await login(`${finn.username}${' '.repeat(i)}`, 'wrong-guess-123').expect(400);
    // Three wrong guesses at whatever the database takes for finn: the next spelling gets no token either.
    const fourth = await login(`${finn.username}${' '.repeat(4)}`, finn.password);
    expect(fourth.status).toBe(400);
    expect(fourth.body.token).toBeUndefined();
  });
});
