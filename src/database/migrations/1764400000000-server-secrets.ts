import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { ColumnKinds } from './column-kinds';

/**
 * `server_secrets`: secrets every instance must share and that Tessera generates itself when
 * TESSERA_SECRET is not set (the key of the console's CSRF tokens, docs/security.md).
 */
export class ServerSecrets1764400000000 implements MigrationInterface {
  name = 'ServerSecrets1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKinds(runner);
    await runner.createTable(
      new Table({
        name: 'server_secrets',
        columns: [c.string('name', 64, { isPrimary: true }), c.string('value', 255), c.timestamp('created_at')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('server_secrets');
  }
}
