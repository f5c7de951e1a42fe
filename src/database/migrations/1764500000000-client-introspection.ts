import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { ColumnKinds } from './column-kinds';

/**
 * Issue 11, F9: introspection is for resource servers. An administrator marks the clients that may
 * introspect other clients' access tokens; every existing client starts unmarked (it may still
 * introspect its own tokens).
 */
export class ClientIntrospection1764500000000 implements MigrationInterface {
  name = 'ClientIntrospection1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('clients', new TableColumn(new ColumnKinds(runner).boolean('introspection', false)));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('clients', 'introspection');
  }
}
