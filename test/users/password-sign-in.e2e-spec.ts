import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A password sign-in reads the user once: the hash and the rights come from the same query
 * (bench/login-cost.ts). What that one read must still guarantee.
 */
describe('a password sign-in', () => {
  let t: TestApp;
  let users: UsersService;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' }); // database 01
    users = t.app.get(UsersService);
    await users.create({ username: 'Fiona', password: 'fiona-password-123', roles: ['Consumer'], databaseAccess: { '01': 'read' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('hands on the user with roles and database access, and without the password hash', async () => {
    const user = await users.verifyFirstFactor('Fiona', 'fiona-password-123');
    expect(user).not.toBeNull();
    expect(user!.roles?.map((role) => role.name)).toEqual(['Consumer']);
    expect(user!.databaseAccess?.map((access) => [access.databaseId, access.level])).toEqual([['01', 'read']]);
    expect(user).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(user)).not.toContain('$argon2');
  });

  it('refuses a name that differs in case or by trailing spaces (MariaDB compares names padded with spaces)', async () => {
    expect(await users.verifyFirstFactor('fiona', 'fiona-password-123')).toBeNull();
    expect(await users.verifyFirstFactor('FIONA', 'fiona-password-123')).toBeNull();
    expect(await users.verifyFirstFactor('Fiona ', 'fiona-password-123')).toBeNull();
  });

  it('refuses a wrong password and an unknown name alike', async () => {
    expect(await users.verifyFirstFactor('Fiona', 'not-the-password')).toBeNull();
    expect(await users.verifyFirstFactor('nobody-here', 'fiona-password-123')).toBeNull();
  });
});
