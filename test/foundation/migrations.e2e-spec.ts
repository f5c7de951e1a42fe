import { startTestApp, TestApp } from '../support/test-app';

const TABLES = [
  'access_tokens',
  'api_keys',
  'audit_events',
  'authorization_codes',
  'clients',
  'consents',
  'database_access',
  'project_databases',
  'grants',
  'items',
  'occurrences',
  'refresh_tokens',
  'revocations',
  'roles',
  'rooms',
  'sessions',
  'signing_keys',
  'user_roles',
  'users',
];

/** Reverts the newest migrations down to and including `name` (later migrations are reverted first). */
async function undoThrough(t: TestApp, name: string): Promise<void> {
  for (;;) {
    const [last] = await t.dataSource.query('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
    await t.dataSource.undoLastMigration();
    if (last.name === name) return;
  }
}

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('ran at start and created every table', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      for (const table of TABLES) expect(await runner.hasTable(table)).toBe(true);
    } finally {
      await runner.release();
    }
    const ran = await t.dataSource.query('SELECT name FROM migrations');
    expect(ran.map((m: { name: string }) => m.name)).toContain('InitialSchema1763900000000');
  });

  it('has nothing left to run', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
  });

  it('indexes the expiry columns the sweeps delete by', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      for (const [table, index] of [
        ['access_tokens', 'ix_access_tokens_expires'],
        ['authorization_codes', 'ix_authorization_codes_expires'],
        ['sessions', 'ix_sessions_expires'],
      ]) {
        const indices = (await runner.getTable(table))!.indices;
        expect(indices.find((i) => i.name === index)?.columnNames).toEqual(['expires_at']);
      }
    } finally {
      await runner.release();
    }
    if (t.dataSource.options.type === 'better-sqlite3') {
      const plan = await t.dataSource.query('EXPLAIN QUERY PLAN DELETE FROM access_tokens WHERE expires_at < ?', [
        '2026-01-01 00:00:00.000',
      ]);
      expect(plan.map((step: { detail: string }) => step.detail).join(' ')).toContain('USING INDEX ix_access_tokens_expires');
    }
  });

  it('reads the occurrences of a page of rooms ($expand) from one index, without the table', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      const indices = (await runner.getTable('occurrences'))!.indices;
      expect(indices.find((i) => i.name === 'ix_occurrences_room_rows')?.columnNames).toEqual([
        'room_id',
        'id',
        'database_id',
        'item_id',
        'quantity',
        'note',
        'updated_at',
      ]);
      expect(indices.find((i) => i.name === 'ix_occurrences_room')).toBeUndefined();
    } finally {
      await runner.release();
    }
    if (t.dataSource.options.type === 'better-sqlite3') {
      const plan = await t.dataSource.query(
        'EXPLAIN QUERY PLAN SELECT id, room_id, item_id, quantity, note, updated_at, database_id FROM occurrences WHERE room_id BETWEEN ? AND ? ORDER BY room_id, id',
        [1, 100],
      );
      expect(plan.map((step: { detail: string }) => step.detail).join(' ')).toContain('USING COVERING INDEX ix_occurrences_room_rows');
    }
  });

  it('reverts and runs again on this database', async () => {
    const extra = await startTestApp();
    try {
      for (let i = 0; i < extra.dataSource.migrations.length; i++) await extra.dataSource.undoLastMigration();
      const runner = extra.dataSource.createQueryRunner();
      expect(await runner.hasTable('users')).toBe(false);
      await runner.release();
      await extra.dataSource.runMigrations();
      const again = extra.dataSource.createQueryRunner();
      expect(await again.hasTable('users')).toBe(true);
      await again.release();
    } finally {
      await extra.close();
    }
  });

  it('gives the shipped roles of an existing installation the account scope, and takes it back on revert', async () => {
    const extra = await startTestApp();
    const scopesOf = async (name: string) =>
      String((await extra.dataSource.query('SELECT scopes FROM roles WHERE name = ?', [name]))[0].scopes).split(' ');
    try {
      await undoThrough(extra, 'AccountScope1764200000000');
      expect(await scopesOf('Consumer')).toEqual(['read', 'openid', 'profile', 'email']);
      expect(await scopesOf('Administrator')).not.toContain('account');
      await extra.dataSource.query("UPDATE roles SET scopes = 'read openid' WHERE name = 'Consumer'");
      await extra.dataSource.runMigrations();
      expect(await scopesOf('Consumer')).toEqual(['read', 'openid', 'account']);
      expect(await scopesOf('Administrator')).toContain('account');
    } finally {
      await extra.close();
    }
  });

  it('adds the introspection flag to clients, unset for existing ones, and drops it on revert', async () => {
    const extra = await startTestApp();
    try {
      await undoThrough(extra, 'ClientIntrospection1764500000000');
      const runner = extra.dataSource.createQueryRunner();
      expect((await runner.getTable('clients'))!.findColumnByName('introspection')).toBeUndefined();
      await extra.dataSource.query(
        "INSERT INTO clients (client_id, owner_id, name, confidential, redirect_uris, post_logout_redirect_uris, grant_types, scopes, client_credentials_refresh, created_at, updated_at) VALUES ('old-app', NULL, 'Old', 1, '[]', '[]', '', '', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
      );
      await extra.dataSource.runMigrations();
      expect((await runner.getTable('clients'))!.findColumnByName('introspection')).toBeDefined();
      await runner.release();
      const [{ introspection }] = await extra.dataSource.query("SELECT introspection FROM clients WHERE client_id = 'old-app'");
      expect(Number(introspection)).toBe(0);
    } finally {
      await extra.close();
    }
  });

  it('compares strings case-sensitively and in code-point order on both databases', async () => {
    await t.dataSource.query("INSERT INTO project_databases (id, name, public, created_at) VALUES ('x', 'X', 0, '2026-01-01 00:00:00')");
    const now = '2026-01-01 00:00:00';
    for (const name of ['b', 'B', 'a', 'A']) {
      await t.dataSource.query('INSERT INTO rooms (database_id, number, name, status, updated_at) VALUES (?, ?, ?, ?, ?)', [
        'x',
        name,
        name,
        'planned',
        now,
      ]);
    }
    const equal = await t.dataSource.query("SELECT name FROM rooms WHERE database_id = 'x' AND name = 'a'");
    expect(equal.map((r: { name: string }) => r.name)).toEqual(['a']);
    const ordered = await t.dataSource.query("SELECT name FROM rooms WHERE database_id = 'x' ORDER BY name");
    expect(ordered.map((r: { name: string }) => r.name)).toEqual(['A', 'B', 'a', 'b']);
  });
});
