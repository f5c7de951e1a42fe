import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { TokenCounter } from '../../src/audit/token-counter';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import {
  basicAuth,
  bearer,
  codeGrantTokens,
  consentThroughPage,
  createPerson,
  loginToken,
  Person,
  pkcePair,
  registerApp,
  tokenRequest,
} from './support/flows';

interface AuditRow {
  id: number;
  event: string;
  outcome: string;
  actor_name: string | null;
  client_id: string | null;
  target: string | null;
  ip: string | null;
}

/**
 * Security events are audited and the audit log holds no secret (OWASP ASVS 5.0 V16.2, V16.3;
 * RFC 9700 §4.14 for the tokens involved). Event names are dotted `<thing>.<what happened>`.
 */
describe('the audit log', () => {
  let t: TestApp;
  let adminCookie: string;
  let gina: Person;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LOCKOUT_THRESHOLD: '2', LOGIN_LOCKOUT_SECONDS: '60' });
    adminCookie = await sessionCookieFor(t, ADMIN.username);
    gina = await createPerson(t);
    secrets.push(gina.password, ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Runs `action` and returns the audit rows it added, and the audit stream's lines (issue 16: tokens issued). */
  async function auditedBy(action: () => Promise<unknown>): Promise<AuditRow[]> {
    const [{ last }] = await t.dataSource.query('SELECT COALESCE(MAX(id), 0) AS last FROM audit_events');
    const streamed = (await t.auditStream()).length;
    await action();
    const rows: AuditRow[] = await t.dataSource.query(
      'SELECT id, event, outcome, actor_name, client_id, target, ip FROM audit_events WHERE id > ? ORDER BY id',
      [Number(last)],
    );
    const lines = (await t.auditStream()).slice(streamed) as unknown as AuditRow[];
    return [...rows, ...lines];
  }
  const events = (rows: AuditRow[]) => rows.map((row) => row.event);

  it('records logins, failed logins and lockouts', async () => {
    const ok = await auditedBy(() => loginToken(t, gina));
    expect(ok).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 'login.succeeded', outcome: 'success', actor_name: gina.username })]),
    );
    const victim = await createPerson(t);
    const failed = await auditedBy(async () => {
      for (const guess of ['Guess-Canary-1', 'Guess-Canary-2', 'Guess-Canary-3'])
        await request(t.url).post('/consumer/login').send({ username: victim.username, password: guess });
    });
    secrets.push('Guess-Canary-1', 'Guess-Canary-2', 'Guess-Canary-3');
    expect(failed.filter((row) => row.event === 'login.failed' && row.outcome === 'failure')).toHaveLength(3);
    expect(failed).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'account.locked', actor_name: victim.username })]));
  });

  it('records users created and changed by an administrator', async () => {
    let id = '';
    const created = await auditedBy(async () => {
      const res = await request(t.url)
        .post('/api/admin/users')
        .set(consoleHeaders(t, adminCookie))
        .send({ username: 'hank', email: 'hank@example.com', password: 'Hank-Secret-Canary-9', kind: 'person', roles: ['Consumer'] })
        .expect(201);
      id = res.body.id;
    });
    secrets.push('Hank-Secret-Canary-9');
    expect(created).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 'user.created', actor_name: ADMIN.username, target: id })]),
    );
    const changed = await auditedBy(() =>
      request(t.url)
        .patch(`/api/admin/users/${id}`)
        .set(consoleHeaders(t, adminCookie))
        .send({ disabled: true, password: 'Hank-New-Canary-10' })
        .expect(200),
    );
    secrets.push('Hank-New-Canary-10');
    expect(events(changed).some((event) => /^user\.(updated|disabled)$/.test(event))).toBe(true);
  });

  it('records client applications created, given a new secret and deleted', async () => {
    let app = { client_id: '', client_secret: '' };
    const created = await auditedBy(async () => {
      app = (await registerApp(t, gina.username)) as typeof app;
    });
    secrets.push(app.client_secret);
    expect(created).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: expect.stringMatching(/^(client|app)\.created$/), client_id: app.client_id }),
      ]),
    );
    const cookie = await sessionCookieFor(t, gina.username);
    const rotated = await auditedBy(async () => {
      const res = await request(t.url).post(`/api/apps/${app.client_id}/secret`).set(consoleHeaders(t, cookie));
      expect([200, 201]).toContain(res.status);
      secrets.push(res.body.client_secret);
    });
    expect(events(rotated).some((event) => /^(client|app)\.(secret_rotated|secret\.rotated|secret_changed|updated)$/.test(event))).toBe(
      true,
    );
    const deleted = await auditedBy(() => request(t.url).delete(`/api/apps/${app.client_id}`).set(consoleHeaders(t, cookie)).expect(204));
    expect(events(deleted).some((event) => /^(client|app)\.deleted$/.test(event))).toBe(true);
  });

  it('records API keys created and revoked', async () => {
    const cookie = await sessionCookieFor(t, gina.username);
    let key = { id: '', key: '' };
    const created = await auditedBy(async () => {
      key = (await request(t.url).post('/api/keys').set(consoleHeaders(t, cookie)).send({ name: 'excel' }).expect(201)).body;
    });
    secrets.push(key.key);
    expect(created).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'key.created', target: key.id })]));
    const revoked = await auditedBy(() => request(t.url).delete(`/api/keys/${key.id}`).set(consoleHeaders(t, cookie)).expect(204));
    expect(revoked).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'key.revoked', target: key.id })]));
  });

  it('records where every credential made or ended by a person came from (the caller IP)', async () => {
    const cookie = await sessionCookieFor(t, gina.username);
    const rows = await auditedBy(async () => {
      const key = (await request(t.url).post('/api/keys').set(consoleHeaders(t, cookie)).send({ name: 'excel' }).expect(201)).body;
      secrets.push(key.key);
      await request(t.url).delete(`/api/keys/${key.id}`).set(consoleHeaders(t, cookie)).expect(204);
      const app = await registerApp(t, gina.username);
      secrets.push(app.client_secret!);
      await request(t.url).patch(`/api/apps/${app.client_id}`).set(consoleHeaders(t, cookie)).send({ name: 'Renamed' }).expect(200);
      secrets.push((await request(t.url).post(`/api/apps/${app.client_id}/secret`).set(consoleHeaders(t, cookie))).body.client_secret);
      const { challenge } = pkcePair();
      await consentThroughPage(t, gina.username, {
        client_id: app.client_id,
        scope: 'read',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const grants = (await request(t.url).get('/api/grants').set(consoleHeaders(t, cookie)).expect(200)).body as {
        id: string;
        client_id: string;
      }[];
      const grant = grants.find((g) => g.client_id === app.client_id)!;
      await request(t.url).delete(`/api/grants/${grant.id}`).set(consoleHeaders(t, cookie)).expect(204);
      await request(t.url).delete(`/api/apps/${app.client_id}`).set(consoleHeaders(t, cookie)).expect(204);
    });
    const made = rows.filter((row) => /^(key|app|grant)\./.test(row.event));
    expect(made.map((row) => row.event)).toEqual(
      expect.arrayContaining([
        'key.created',
        'key.revoked',
        'app.created',
        'app.updated',
        'app.secret_rotated',
        'grant.revoked',
        'app.deleted',
      ]),
    );
    for (const row of made) expect({ event: row.event, ip: row.ip }).toEqual({ event: row.event, ip: '127.0.0.1' });
  });

  it('records tokens issued and revoked', async () => {
    const app = await registerApp(t, gina.username);
    secrets.push(app.client_secret!);
    const userToken = await loginToken(t, gina);
    let tokens = { access_token: '', refresh_token: '' };
    const issued = await auditedBy(async () => {
      tokens = (await codeGrantTokens(t, app, userToken)) as typeof tokens;
    });
    secrets.push(tokens.access_token, tokens.refresh_token, userToken);
    expect(issued).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'token.issued', client_id: app.client_id })]));
    const cc = await auditedBy(async () =>
      secrets.push(
        (
          await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read' }, basicAuth(app.client_id, app.client_secret!)).expect(
            200,
          )
        ).body.access_token,
      ),
    );
    expect(events(cc)).toContain('token.issued');
    const badSecret = await auditedBy(() =>
      tokenRequest(t, { grant_type: 'client_credentials' }, basicAuth(app.client_id, 'Wrong-Secret-Canary')),
    );
    secrets.push('Wrong-Secret-Canary');
    expect(
      badSecret.some(
        (row) =>
          row.outcome === 'failure' &&
          /^(client\.authentication_failed|client\.auth\.failed|token\.refused|token\.failed)$/.test(row.event),
      ),
    ).toBe(true);
    const revoked = await auditedBy(() =>
      request(t.url)
        .post('/oauth2/revoke')
        .set('Authorization', basicAuth(app.client_id, app.client_secret!))
        .type('form')
        .send({ token: tokens.refresh_token })
        .expect(200),
    );
    expect(events(revoked).some((event) => /^(token|grant)\.revoked$/.test(event))).toBe(true);
  });

  it('traces each issued token in the audit stream (who, client, when, IP, jti) and counts it per client, with no row', async () => {
    const app = await registerApp(t, gina.username);
    secrets.push(app.client_secret!);
    const rows = await auditedBy(async () => {
      for (let i = 0; i < 3; i++) {
        const res = await tokenRequest(
          t,
          { grant_type: 'client_credentials', scope: 'read' },
          basicAuth(app.client_id, app.client_secret!),
        );
        secrets.push(res.body.access_token);
      }
    });
    const issued = rows.filter((row) => row.event === 'token.issued');
    expect(issued).toHaveLength(3);
    const jtis = issued.map((line) => line.target);
    expect(new Set(jtis).size).toBe(3);
    for (const line of issued as unknown as Record<string, unknown>[])
      expect(line).toEqual({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        event: 'token.issued',
        outcome: 'success',
        actor_id: gina.id,
        client_id: app.client_id,
        target: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ip: '127.0.0.1',
        details: { grant_type: 'client_credentials', scope: 'read', refresh_token: false },
      });
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events WHERE event = ?', ['token.issued']);
    expect(Number(n)).toBe(0);
    await t.app.get(TokenCounter).flush();
    const [count] = await t.dataSource.query('SELECT issued FROM token_counts WHERE client_id = ?', [app.client_id]);
    expect(Number(count.issued)).toBe(3);
  });

  it('records consent given and withdrawn', async () => {
    const app = await registerApp(t, ADMIN.username);
    const { challenge } = pkcePair();
    const given = await auditedBy(() =>
      consentThroughPage(t, gina.username, {
        client_id: app.client_id,
        scope: 'read',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(given).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: expect.stringMatching(/^consent\.(given|granted)$/),
          client_id: app.client_id,
          actor_name: gina.username,
        }),
      ]),
    );
    const cookie = await sessionCookieFor(t, gina.username);
    const grants = (await request(t.url).get('/api/grants').set(consoleHeaders(t, cookie)).expect(200)).body as {
      id: string;
      client_id: string;
    }[];
    const grant = grants.find((g) => g.client_id === app.client_id)!;
    expect(grant).toBeDefined();
    const withdrawn = await auditedBy(() => request(t.url).delete(`/api/grants/${grant.id}`).set(consoleHeaders(t, cookie)).expect(204));
    expect(events(withdrawn).some((event) => /^(consent\.withdrawn|grant\.revoked)$/.test(event))).toBe(true);
  });

  it('shows administrators the log newest first, to nobody else, and never holds a secret', async () => {
    const page = await request(t.url).get('/api/admin/audit').set(consoleHeaders(t, adminCookie)).expect(200);
    expect(Array.isArray(page.body)).toBe(true);
    const ids = page.body.map((row: { id: number }) => Number(row.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await request(t.url)
      .get('/api/admin/audit')
      .set('Authorization', bearer(await loginToken(t, gina)))
      .expect(403);

    const dump = JSON.stringify([
      await t.dataSource.query('SELECT * FROM audit_events'),
      await t.auditStream(),
      await t.dataSource.query('SELECT * FROM token_counts'),
    ]);
    for (const secret of secrets.filter(Boolean))
      expect({ secret: secret.slice(0, 12), found: dump.includes(secret) }).toEqual({ secret: secret.slice(0, 12), found: false });
  });
});
