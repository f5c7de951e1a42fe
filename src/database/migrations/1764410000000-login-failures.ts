import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { ColumnKinds } from './column-kinds';

/**
 * `login_failures`: failed sign-ins counted per user name (its SHA-256), for names that exist and
 * names that do not alike, so the slow-down and the lock cannot tell them apart (issue 11, F8).
 * Replaces `users.failed_login_count` / `users.locked_until`, which stay unused.
 */
export class LoginFailures1764410000000 implements MigrationInterface {
  name = 'LoginFailures1764410000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKinds(runner);
    await runner.createTable(
      new Table({
        name: 'login_failures',
        columns: [
          c.string('name_hash', 64, { isPrimary: true }),
          c.integer('failures', { default: 0 }),
          c.timestamp('locked_until', { isNullable: true }),
          c.timestamp('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_login_failures_updated', columnNames: ['updated_at'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('login_failures');
  }
}
