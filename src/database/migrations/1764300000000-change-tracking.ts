import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { ColumnKinds } from './column-kinds';

const TRACKED = ['rooms', 'items', 'occurrences'];

/**
 * Delta sync (issue 12): every resource row carries the change number of its last write, drawn
 * from a per-database counter in the same transaction as the row; a deletion leaves a tombstone
 * with its change number. Existing rows get 0: they predate every delta link.
 */
export class ChangeTracking1764300000000 implements MigrationInterface {
  name = 'ChangeTracking1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKinds(runner);
    const q = (name: string) => runner.connection.driver.escape(name);
    for (const table of TRACKED) {
      await runner.query(`ALTER TABLE ${q(table)} ADD COLUMN ${q('change_number')} BIGINT NOT NULL DEFAULT 0`);
      await runner.createIndex(
        table,
        new TableIndex({ name: `ix_${table}_db_change`, columnNames: ['database_id', 'change_number', 'id'] }),
      );
    }
    await runner.createTable(
      new Table({
        name: 'change_counters',
        columns: [
          c.string('database_id', 64, { isPrimary: true }),
          { name: 'last_change', type: 'bigint', default: 0 },
          { name: 'swept_through', type: 'bigint', default: 0 },
        ],
        foreignKeys: [
          {
            columnNames: ['database_id'],
            referencedTableName: 'project_databases',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'CASCADE',
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'resource_tombstones',
        columns: [
          c.autoIncrement('id'),
          c.string('database_id', 64),
          c.string('set_name', 64),
          c.integer('entity_id'),
          { name: 'change_number', type: 'bigint' },
          c.timestamp('deleted_at'),
        ],
        foreignKeys: [
          {
            columnNames: ['database_id'],
            referencedTableName: 'project_databases',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'CASCADE',
          },
        ],
        indices: [
          new TableIndex({ name: 'ix_tombstones_delta', columnNames: ['database_id', 'set_name', 'change_number', 'entity_id'] }),
          new TableIndex({ name: 'ix_tombstones_deleted_at', columnNames: ['deleted_at'] }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('resource_tombstones');
    await runner.dropTable('change_counters');
    for (const table of TRACKED) {
      await runner.dropIndex(table, `ix_${table}_db_change`);
      await runner.dropColumn(table, 'change_number');
    }
  }
}
