import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { ColumnKinds } from './column-kinds';

/**
 * Review R09: an API user's API token issued with a delegated token (an application holding a
 * person's `api-users:edit`) records that token's grant, and ends when the grant does, as R05's
 * keys and applications do. Null for a token an administrator or the person issued directly.
 */
export class ApiTokenMintedByGrant1765300000000 implements MigrationInterface {
  name = 'ApiTokenMintedByGrant1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    const kinds = new ColumnKinds(runner);
    await runner.addColumn('users', new TableColumn(kinds.string('api_token_minted_by_grant', 36, { isNullable: true })));
    await runner.createIndex(
      'users',
      new TableIndex({ name: 'ix_users_api_token_minted_by_grant', columnNames: ['api_token_minted_by_grant'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('users', 'ix_users_api_token_minted_by_grant');
    await runner.dropColumn('users', 'api_token_minted_by_grant');
  }
}
