import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { ColumnKinds } from './column-kinds';

/**
 * Issue 16: access tokens are issued with no row. A revocation remembers until when it can still
 * refuse an unexpired token (`expires_at`: a single token's `exp`, or the longest access-token
 * lifetime for a grant, client or user), so instances load only those and the rest is swept.
 * Issued tokens are counted per client and day in batches instead of one audit row each.
 */
export class RowFreeTokens1765000000000 implements MigrationInterface {
  name = 'RowFreeTokens1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKinds(runner);
    await runner.addColumn('revocations', new TableColumn(c.timestamp('expires_at', { isNullable: true })));
    await runner.createIndex('revocations', new TableIndex({ name: 'ix_revocations_expires', columnNames: ['expires_at'] }));
    await runner.createTable(
      new Table({
        name: 'token_counts',
        columns: [
          c.string('client_id', 128, { isPrimary: true }),
          c.string('day', 10, { isPrimary: true }),
          c.integer('issued', { default: 0 }),
          c.timestamp('last_issued_at'),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('token_counts');
    await runner.dropIndex('revocations', 'ix_revocations_expires');
    await runner.dropColumn('revocations', 'expires_at');
  }
}
