import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKeyOptions } from 'typeorm';
import { ColumnKinds } from './column-kinds';

const byUser: TableForeignKeyOptions = {
  columnNames: ['user_id'],
  referencedTableName: 'users',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
};

/**
 * Issue 15, items 3 and 4: TOTP enrolments and single-use recovery codes (kept as SHA-256), a flag
 * per role that requires two-factor sign-in (Administrator marked), and what a session shows its
 * owner (device, IP), with the second step still pending (`amr` comes with the identity-providers
 * migration before it).
 */
export class TwoFactor1765100000000 implements MigrationInterface {
  name = 'TwoFactor1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKinds(runner);
    await runner.createTable(
      new Table({
        name: 'two_factor_enrolments',
        columns: [
          c.string('user_id', 36, { isPrimary: true }),
          c.string('secret_sealed', 255),
          c.timestamp('confirmed_at', { isNullable: true }),
          c.integer('last_step', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        foreignKeys: [byUser],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'recovery_codes',
        columns: [
          c.id('id'),
          c.string('user_id', 36),
          c.string('code_hash', 64),
          c.timestamp('used_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        foreignKeys: [byUser],
        indices: [{ name: 'ix_recovery_codes_user', columnNames: ['user_id'] }],
      }),
    );
    await runner.addColumn('roles', new TableColumn(c.boolean('two_factor_required', false)));
    // Plain SQL both dialects read alike (`?` placeholders, 1 for true): a query builder would map `roles` to the entity.
    await runner.query('UPDATE roles SET two_factor_required = 1 WHERE name = ?', ['Administrator']);
    await runner.addColumns('sessions', [
      new TableColumn(c.string('user_agent', 255, { isNullable: true })),
      new TableColumn(c.string('ip', 64, { isNullable: true })),
      new TableColumn(c.string('pending', 16, { isNullable: true })),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of ['pending', 'ip', 'user_agent']) await runner.dropColumn('sessions', name);
    await runner.dropColumn('roles', 'two_factor_required');
    await runner.dropTable('recovery_codes');
    await runner.dropTable('two_factor_enrolments');
  }
}
