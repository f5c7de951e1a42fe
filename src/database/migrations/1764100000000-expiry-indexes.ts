import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The tables swept by expiry (`DELETE … WHERE expires_at < ?`), with the index each sweep seeks into. */
const SWEPT: [table: string, index: string][] = [
  ['access_tokens', 'ix_access_tokens_expires'],
  ['authorization_codes', 'ix_authorization_codes_expires'],
  ['sessions', 'ix_sessions_expires'],
];

/**
 * Indexes the expiry columns (issue 6). Access tokens are swept every 500 issues; without an
 * index each sweep scanned the whole table — at 585,000 rows (a few minutes of load) the sweep
 * was 28 % of the token endpoint's CPU time. With it a sweep reads only the expired rows.
 */
export class ExpiryIndexes1764100000000 implements MigrationInterface {
  name = 'ExpiryIndexes1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const [table, name] of SWEPT) await runner.createIndex(table, new TableIndex({ name, columnNames: ['expires_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, name] of SWEPT) await runner.dropIndex(table, name);
  }
}
