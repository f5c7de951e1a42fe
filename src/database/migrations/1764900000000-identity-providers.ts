import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { ColumnKinds } from './column-kinds';

/**
 * Issue 15, items 1 and 2: upstream OpenID Connect providers (`identity_providers`), the accounts
 * linked to them by the provider's `iss` + `sub` (`federated_identities`), the sign-ins under way
 * (`federation_logins`: state, nonce and PKCE verifier, single use), and how a session and an
 * authorization code were signed in (`amr`, the provider).
 */
export class IdentityProviders1764900000000 implements MigrationInterface {
  name = 'IdentityProviders1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKinds(runner);
    await runner.createTable(
      new Table({
        name: 'identity_providers',
        columns: [
          c.id('id'),
          c.string('name', 128),
          c.string('issuer', 500),
          c.string('client_id', 255),
          c.text('client_secret_sealed', { isNullable: true }),
          c.string('scopes', 1000),
          c.text('domains'),
          c.boolean('required', false),
          c.boolean('enabled', true),
          c.text('claim_mapping'),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'federated_identities',
        columns: [
          c.id('id'),
          c.string('provider_id', 36),
          c.string('issuer', 500),
          c.string('subject', 255),
          c.string('user_id', 36),
          c.timestamp('created_at'),
          c.timestamp('last_sign_in_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_federated_identities_iss_sub', columnNames: ['issuer', 'subject'], isUnique: true }),
          new TableIndex({ name: 'ix_federated_identities_user', columnNames: ['user_id'] }),
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'federation_logins',
        columns: [
          c.string('state_hash', 64, { isPrimary: true }),
          c.string('provider_id', 36),
          c.string('browser_hash', 64),
          c.string('nonce', 64),
          c.string('code_verifier', 128),
          c.text('return_to'),
          c.integer('max_age', { isNullable: true }),
          c.timestamp('expires_at'),
          c.timestamp('consumed_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_federation_logins_expires', columnNames: ['expires_at'] })],
      }),
    );
    await runner.addColumns('sessions', [
      new TableColumn(c.string('amr', 64, { isNullable: true })),
      new TableColumn(c.string('identity_provider_id', 36, { isNullable: true })),
    ]);
    await runner.addColumn('authorization_codes', new TableColumn(c.string('amr', 64, { isNullable: true })));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('authorization_codes', 'amr');
    await runner.dropColumns('sessions', ['amr', 'identity_provider_id']);
    await runner.dropTable('federation_logins');
    await runner.dropTable('federated_identities');
    await runner.dropTable('identity_providers');
  }
}
