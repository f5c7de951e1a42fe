import { spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { cleanEnvironment, ensureBuilt, REPO } from '../support/built-tessera';
import { freePort } from '../support/free-port';
import { tesseraCli } from '../support/tessera-cli';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const COMMANDS = [
  'user:create',
  'user:reset-password',
  'user:disable',
  'user:enable',
  'role:create',
  'role:update',
  'keys:rotate',
  'migrate',
  'migrate:revert',
  'seed',
  'audit:tail',
];

const login = (t: TestApp, username: string, password: string) => request(t.url).post('/consumer/login').send({ username, password });

describe('npx tessera: usage', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it.each(COMMANDS)('explains %s with --help', async (command) => {
    const run = await tesseraCli([command, '--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: tessera ${command} `));
    expect(run.stdout).toContain('-h, --help');
  });

  it('lists every command when asked for none, and exits 1', async () => {
    const run = await tesseraCli([], {});
    expect(run.code).toBe(1);
    for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command} `);
  });

  it('refuses an unknown command with one line and exit 1', async () => {
    const run = await tesseraCli(['user:delete', 'x'], {});
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe("error: unknown command 'user:delete'");
  });

  it('says in one line which database it could not reach, password masked', async () => {
    const port = await freePort();
    const run = await tesseraCli(['user:disable', 'dana'], {
      DATABASE_URL: `mysql://ops:db-pass-9@127.0.0.1:${port}/tessera`,
      DATABASE_WAIT_SECONDS: '0',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `tessera: Tessera could not reach the database mysql://ops:***@127.0.0.1:${port}/tessera within 0 s (connect ECONNREFUSED 127.0.0.1:${port}): check DATABASE_URL\n`,
    );
  });
});

describe('npx tessera: people', () => {
  let t: TestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    ensureBuilt();
    t = await startTestApp();
    env = { DATABASE_URL: t.database.url };
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it('user:create makes a person with the default role and prints the generated password once', async () => {
    const run = await tesseraCli(['user:create', 'dana', '--email', 'dana@example.com'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Created person "dana" \([0-9a-f-]{36}\) with the role Consumer\n$/);
    const password = run.stdout.trim();
    expect(password).toMatch(/^\S{24}$/);
    const token = (await login(t, 'dana', password).expect(200)).body.token;
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'dana', email: 'dana@example.com', roles: ['Consumer'], full_access: false });
  });

  it('user:create --admin --password-stdin makes an administrator with the password given', async () => {
    const run = await tesseraCli(['user:create', 'ops', '--admin', '--password-stdin'], env, 'a long ops passphrase\n');
    expect(run).toMatchObject({ code: 0, stdout: '' });
    const token = (await login(t, 'ops', 'a long ops passphrase').expect(200)).body.token;
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ roles: ['Administrator'], full_access: true });
  });

  it('user:create refuses a taken username and a short password, each in one line', async () => {
    expect(await tesseraCli(['user:create', 'dana'], env)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'tessera: The username "dana" is taken\n',
    });
    expect(await tesseraCli(['user:create', 'eve', '--password-stdin'], env, 'short\n')).toMatchObject({
      code: 1,
      stderr: 'tessera: password must be between 8 and 128 characters long\n',
    });
  });

  it('user:reset-password reads the new password from stdin; the old one stops working', async () => {
    const run = await tesseraCli(['user:reset-password', ADMIN.username, '--stdin'], env, 'change-me-now\n');
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: `New password set for "${ADMIN.username}"; their sessions have ended\n` });
    await login(t, ADMIN.username, 'change-me-now').expect(200);
    await login(t, ADMIN.username, ADMIN.password).expect(400);
  });

  it('user:reset-password prints a generated password when none is given', async () => {
    const run = await tesseraCli(['user:reset-password', 'dana'], env);
    expect(run.code).toBe(0);
    await login(t, 'dana', run.stdout.trim()).expect(200);
  });

  it('user:disable ends what the person holds at once: their token is refused, and they cannot sign in', async () => {
    await tesseraCli(['user:create', 'fay', '--password-stdin'], env, 'fay-password-1234\n');
    const token = (await login(t, 'fay', 'fay-password-1234').expect(200)).body.token;
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    const run = await tesseraCli(['user:disable', 'fay'], env);
    expect(run).toMatchObject({ code: 0, stderr: 'Disabled "fay": sessions ended, tokens and keys refused\n' });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the revocation feed's poll, from another process
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
    await login(t, 'fay', 'fay-password-1234').expect(400);
    expect(await tesseraCli(['user:enable', 'fay'], env)).toMatchObject({ code: 0, stderr: 'Enabled "fay"\n' });
    await login(t, 'fay', 'fay-password-1234').expect(200);
  });

  it('refuses an unknown user in one line', async () => {
    expect(await tesseraCli(['user:disable', 'nobody'], env)).toMatchObject({ code: 1, stderr: 'tessera: there is no user "nobody"\n' });
  });

  it('audit:tail prints the newest events, as text or JSON lines', async () => {
    await login(t, 'dana', 'wrong-password-here').expect(400);
    const text = await tesseraCli(['audit:tail', '-n', '1', '--type', 'login.failed'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z login\.failed failure actor=dana .*"reason":"wrong password"/);
    const json = await tesseraCli(['audit:tail', '-n', '2', '--json', '--type', 'user.updated'], env);
    const events = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toEqual([
      expect.objectContaining({
        event: 'user.updated',
        actor_name: 'cli',
        details: { username: 'fay', fields: 'disabled', disabled: true },
      }),
      expect.objectContaining({
        event: 'user.updated',
        actor_name: 'cli',
        details: { username: 'fay', fields: 'disabled', disabled: false },
      }),
    ]);
  });

  it('audit:tail --follow prints events as they happen', async () => {
    const follower = spawn(
      process.execPath,
      [join(REPO, 'bin', 'tessera.js'), 'audit:tail', '-n', '1', '--follow', '--type', 'login.failed'],
      {
        env: { ...cleanEnvironment(), ...env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let lines: string[] = [];
    follower.stdout.on('data', (chunk) => (lines = [...lines, ...String(chunk).trim().split('\n')]));
    try {
      expect(await until(() => lines.length === 1, 20_000)).toBe(true);
      await login(t, 'ghost', 'wrong-password-here').expect(400);
      expect(await until(() => lines.length === 2, 10_000)).toBe(true);
      expect(lines[1]).toMatch(/ login\.failed failure actor=ghost .*"reason":"unknown user"/);
    } finally {
      follower.kill();
    }
  });
});

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end && !check();) await new Promise((resolve) => setTimeout(resolve, 100));
  return check();
}

describe('npx tessera: roles', () => {
  let t: TestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    ensureBuilt();
    t = await startTestApp({}, { twoFactorAsShipped: true });
    env = { DATABASE_URL: t.database.url };
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it('role:update --two-factor optional lifts the shipped requirement of Administrator, audited as cli; required puts it back', async () => {
    expect((await login(t, ADMIN.username, ADMIN.password)).body.error_description).toMatch(/must set up two-factor sign-in/);
    const lifted = await tesseraCli(['role:update', 'Administrator', '--two-factor', 'optional'], env);
    expect(lifted).toMatchObject({ code: 0, stdout: '' });
    expect(lifted.stderr).toMatch(/^Changed the role Administrator: read write admin .*, two-factor sign-in optional\n$/);
    await login(t, ADMIN.username, ADMIN.password).expect(200);

    expect(await tesseraCli(['role:update', 'Administrator', '--two-factor', 'required'], env)).toMatchObject({ code: 0 });
    expect((await login(t, ADMIN.username, ADMIN.password)).status).toBe(400);
    const audit = await tesseraCli(['audit:tail', '-n', '2', '--type', 'role.updated', '--json'], env);
    const events = audit.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((event) => [event.actor_name, event.target, event.details.two_factor_required])).toEqual([
      ['cli', 'Administrator', false],
      ['cli', 'Administrator', true],
    ]);
  });

  it('role:create makes a role with its scopes that people can be given', async () => {
    const created = await tesseraCli(['role:create', 'Editor', 'read', 'write', 'account'], env);
    expect(created).toMatchObject({ code: 0, stderr: 'Created the role Editor: read write account, two-factor sign-in optional\n' });
    const ed = await tesseraCli(['user:create', 'ed', '--role', 'Editor', '--password-stdin'], env, 'a long editor passphrase\n');
    expect(ed).toMatchObject({ code: 0, stderr: expect.stringContaining('with the role Editor') });
    const token = (await login(t, 'ed', 'a long editor passphrase').expect(200)).body.token;
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ roles: ['Editor'], scopes: ['read', 'write', 'account'] });
  });

  it('refuses an unknown scope, an unknown role and a taken name, each in one line', async () => {
    expect(await tesseraCli(['role:create', 'Odd', 'read', 'fly'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^tessera: each scope must be one of read, write, admin, .*\n$/),
    });
    expect(await tesseraCli(['role:update', 'Nobody', '--two-factor', 'optional'], env)).toMatchObject({
      code: 1,
      stderr: 'tessera: No role named "Nobody"\n',
    });
    expect(await tesseraCli(['role:create', 'Administrator', 'read'], env)).toMatchObject({
      code: 1,
      stderr: 'tessera: A role named "Administrator" exists\n',
    });
    expect((await tesseraCli(['role:update', 'Consumer', '--two-factor', 'maybe'], env)).code).toBe(1);
  });
});
