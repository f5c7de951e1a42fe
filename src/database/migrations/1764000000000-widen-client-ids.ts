import { MigrationInterface, QueryRunner, TableForeignKey } from 'typeorm';

/** Every column holding a `client_id`; API users' usernames (up to 128 characters) are client ids (d.vinci's API users). */
const CLIENT_ID_COLUMNS: [table: string, column: string, nullable: boolean][] = [
  ['clients', 'client_id', false],
  ['consents', 'client_id', false],
  ['grants', 'client_id', false],
  ['authorization_codes', 'client_id', false],
  ['access_tokens', 'client_id', true],
  ['refresh_tokens', 'client_id', false],
  ['audit_events', 'client_id', true],
  ['revocations', 'ref', false],
];

/**
 * Widens client-id columns from 64 to 128 characters (issue 3). SQLite does not enforce varchar
 * lengths, so only MySQL/MariaDB needs a change. TypeORM's `changeColumn` drops and re-adds a
 * MySQL column whose length changes (losing its data), so this one migration uses
 * `ALTER TABLE … MODIFY`, which keeps the rows; the foreign key onto `clients` is lifted meanwhile.
 */
export class WidenClientIds1764000000000 implements MigrationInterface {
  name = 'WidenClientIds1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.resize(runner, 128);
  }

  async down(runner: QueryRunner): Promise<void> {
    await this.resize(runner, 64);
  }

  private async resize(runner: QueryRunner, length: number): Promise<void> {
    if (runner.connection.options.type !== 'mysql') return;
    const consentFk = await this.dropConsentClientForeignKey(runner);
    for (const [table, column, nullable] of CLIENT_ID_COLUMNS) {
      await runner.query(
        `ALTER TABLE \`${table}\` MODIFY \`${column}\` varchar(${length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin ${nullable ? 'NULL' : 'NOT NULL'}`,
      );
    }
    if (consentFk) {
      await runner.createForeignKey(
        'consents',
        new TableForeignKey({
          columnNames: ['client_id'],
          referencedTableName: 'clients',
          referencedColumnNames: ['client_id'],
          onDelete: 'CASCADE',
          onUpdate: 'CASCADE',
        }),
      );
    }
  }

  private async dropConsentClientForeignKey(runner: QueryRunner): Promise<boolean> {
    const table = await runner.getTable('consents');
    const fk = table?.foreignKeys.find((key) => key.columnNames.includes('client_id'));
    if (!table || !fk) return false;
    await runner.dropForeignKey(table, fk);
    return true;
  }
}
