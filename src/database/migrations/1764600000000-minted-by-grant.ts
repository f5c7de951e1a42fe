import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { ColumnKinds } from './column-kinds';

/** What a delegated token can make in a person's name, each remembering the grant it was made with. */
const MINTED: [table: string, index: string][] = [
  ['api_keys', 'ix_api_keys_minted_by_grant'],
  ['clients', 'ix_clients_minted_by_grant'],
  ['grants', 'ix_grants_minted_by_grant'],
  ['authorization_codes', 'ix_authorization_codes_minted_by_grant'],
];

/**
 * Review R05: a key, an application or a grant made with a third-party application's token (one
 * holding `account`) ends when the person withdraws that application. Each row records the grant
 * it was minted with (null for what the person made directly); the code carries it to its grant.
 */
export class MintedByGrant1764600000000 implements MigrationInterface {
  name = 'MintedByGrant1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const kinds = new ColumnKinds(runner);
    for (const [table, index] of MINTED) {
      await runner.addColumn(table, new TableColumn(kinds.string('minted_by_grant', 36, { isNullable: true })));
      await runner.createIndex(table, new TableIndex({ name: index, columnNames: ['minted_by_grant'] }));
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, index] of MINTED) {
      await runner.dropIndex(table, index);
      await runner.dropColumn(table, 'minted_by_grant');
    }
  }
}
