import { MigrationInterface, QueryRunner } from 'typeorm';

/** The shipped roles that hold `account` (docs/decisions.md, "Scopes"): new in round 2. */
const HOLDERS = ['Administrator', 'Consumer'];

/**
 * Adds the `account` scope to the shipped roles of an existing installation. Before it, creating
 * applications and keys needed no scope at all; from now on it needs `account`, so the people who
 * could do it keep that right. A role an operator edited keeps its other scopes as they are.
 */
export class AccountScope1764200000000 implements MigrationInterface {
  name = 'AccountScope1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const role of await this.shipped(runner)) {
      const scopes = role.scopes.split(' ').filter(Boolean);
      if (!scopes.includes('account')) await this.setScopes(runner, role.name, [...scopes, 'account']);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const role of await this.shipped(runner)) {
      await this.setScopes(
        runner,
        role.name,
        role.scopes.split(' ').filter((scope) => scope && scope !== 'account'),
      );
    }
  }

  // Plain statements with `?` parameters read the same on SQLite and MySQL; a query builder on
  // `roles` would apply the Role entity's column transformers to what is already text.
  private shipped(runner: QueryRunner): Promise<{ name: string; scopes: string }[]> {
    return runner.query(`SELECT name, scopes FROM roles WHERE name IN (${HOLDERS.map(() => '?').join(', ')})`, HOLDERS);
  }

  private async setScopes(runner: QueryRunner, name: string, scopes: string[]): Promise<void> {
    await runner.query('UPDATE roles SET scopes = ? WHERE name = ?', [scopes.join(' '), name]);
  }
}
