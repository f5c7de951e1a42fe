import request from 'supertest';
import { createConnection } from 'mysql2/promise';
import { Revocation } from '../../../src/oauth/tokens/revocation.entity';
import { LONGEST_ACCESS_TOKEN_MS } from '../../../src/oauth/tokens/revocation-feed.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { createTestDatabase, serverUnderTest, TestDatabase } from '../../support/test-database';
import { bearer, createPerson, loginToken } from '../support/flows';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * R13 (review of "access tokens without a row"). Each instance read the revocation sequence as
 * `seq > lastSeq` and then moved `lastSeq` to the highest seq it saw. On MariaDB/MySQL an
 * AUTO_INCREMENT value is handed out when a row is inserted, not when it commits: two instances
 * publishing at about the same time can commit seq N+1 before seq N. An instance that polled in
 * between jumped over N and never read it: it kept accepting every token the lost revocation ended
 * (here a user's not-before time: a disable, a new password) until it restarted, while a restarted
 * instance refused them. Without REDIS_URL the poll is the only carrier.
 *
 * On MariaDB the late commit is a real one: "instance A" inserts Dana's revocation in a transaction
 * on its own connection, "instance B" publishes and commits a higher number, this instance polls,
 * then A commits. SQLite has one writer, so the same order is made by inserting the higher number
 * first and the lower one after, which is what a poll sees in both cases.
 */
describe('R13: a revocation committed out of sequence is still read', () => {
  const mysql = serverUnderTest();
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(mysql);
    t = await startTestApp({}, { database });
  });
  afterAll(async () => {
    await t?.close();
  });

  const revocation = (kind: 'jti' | 'user', ref: string, seq?: number) => {
    const now = Date.now();
    return { ...(seq ? { seq } : {}), kind, ref, createdAt: new Date(now), expiresAt: new Date(now + LONGEST_ACCESS_TOKEN_MS) };
  };

  /** Runs `later` (the higher number, committed first), lets this instance poll, then commits Dana's lower number. */
  async function commitOutOfOrder(userId: string, later: () => Promise<void>): Promise<void> {
    const rows = t.dataSource.getRepository(Revocation);
    if (mysql) {
      const a = await createConnection(database.url);
      await a.beginTransaction();
      await a.query("INSERT INTO revocations (kind, ref, created_at, expires_at) VALUES ('user', ?, NOW(3), NOW(3) + INTERVAL 1 DAY)", [
        userId,
      ]);
      await later();
      await sleep(1200);
      await a.commit();
      await a.end();
      return;
    }
    const [{ last }] = await t.dataSource.query('SELECT COALESCE(MAX(seq), 0) AS last FROM revocations');
    await rows.insert(revocation('jti', '0190a000-0000-7000-8000-000000000001', Number(last) + 2));
    await sleep(1200);
    await rows.insert(revocation('user', userId, Number(last) + 1));
  }

  async function statusWithin(ms: number, token: string, wanted: number): Promise<number> {
    const until = Date.now() + ms;
    let status = 0;
    do {
      status = (await request(t.url).get('/api/me').set('Authorization', bearer(token))).status;
      if (status === wanted) return status;
      await sleep(100);
    } while (Date.now() < until);
    return status;
  }

  it("a running instance refuses the user's token once the lower-numbered revocation has committed", async () => {
    const dana = await createPerson(t);
    const token = await loginToken(t, dana);
    await request(t.url).get('/api/me').set('Authorization', bearer(token)).expect(200);
    await commitOutOfOrder(dana.id, async () => {
      await t.dataSource.getRepository(Revocation).insert(revocation('jti', '0190a000-0000-7000-8000-000000000002'));
    });
    // Observed before the fix: 200, and it stayed 200 until the instance restarted.
    expect(await statusWithin(1500, token, 401)).toBe(401);
  });

  it('an instance started while a lower number is still uncommitted reads it when it commits', async () => {
    const erin = await createPerson(t);
    const token = await loginToken(t, erin);
    const rows = t.dataSource.getRepository(Revocation);
    const [{ last }] = await t.dataSource.query('SELECT COALESCE(MAX(seq), 0) AS last FROM revocations');
    await rows.insert(revocation('jti', '0190a000-0000-7000-8000-000000000003', Number(last) + 2));
    const second = await startTestApp({ ISSUER: t.url }, { database: { ...database, drop: async () => undefined } });
    try {
      await request(second.url).get('/api/me').set('Authorization', bearer(token)).expect(200);
      await rows.insert(revocation('user', erin.id, Number(last) + 1));
      let status = 0;
      for (const until = Date.now() + 1500; Date.now() < until && status !== 401; await sleep(100))
        status = (await request(second.url).get('/api/me').set('Authorization', bearer(token))).status;
      expect(status).toBe(401);
    } finally {
      await second.close();
    }
  });
});
