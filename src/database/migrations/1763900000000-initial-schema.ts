import { MigrationInterface, QueryRunner, Table, TableForeignKeyOptions, TableIndexOptions } from 'typeorm';
import { ColumnKinds } from './column-kinds';

const cascade = (columnNames: string[], referencedTableName: string, referencedColumnNames: string[]): TableForeignKeyOptions => ({
  columnNames,
  referencedTableName,
  referencedColumnNames,
  onDelete: 'CASCADE',
  onUpdate: 'CASCADE',
});
const index = (name: string, columnNames: string[], isUnique = false): TableIndexOptions => ({ name, columnNames, isUnique });

/** The initial schema (users, clients, tokens, keys, audit, resources), written with the Table API so it runs on SQLite and MySQL. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKinds(runner);
    for (const table of [...this.identityTables(c), ...this.oauthTables(c), ...this.operationalTables(c), ...this.resourceTables(c)]) {
      await runner.createTable(new Table(table), true);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const names = [
      'occurrences',
      'items',
      'rooms',
      'revocations',
      'audit_events',
      'sessions',
      'api_keys',
      'signing_keys',
      'refresh_tokens',
      'access_tokens',
      'authorization_codes',
      'grants',
      'consents',
      'clients',
      'database_access',
      'user_roles',
      'users',
      'roles',
      'project_databases',
    ];
    for (const name of names) await runner.dropTable(name, true);
  }

  private identityTables(c: ColumnKinds) {
    return [
      {
        name: 'project_databases',
        columns: [c.string('id', 64, { isPrimary: true }), c.string('name', 200), c.boolean('public', false), c.timestamp('created_at')],
      },
      {
        name: 'roles',
        columns: [
          c.string('name', 64, { isPrimary: true }),
          c.string('scopes', 1000),
          c.boolean('is_default', false),
          c.timestamp('created_at'),
        ],
      },
      {
        name: 'users',
        columns: [
          c.id('id'),
          c.string('username', 128),
          c.string('email', 255, { isNullable: true }),
          c.string('password_hash', 255, { isNullable: true }),
          c.string('kind', 16),
          c.boolean('full_access', false),
          c.boolean('disabled', false),
          c.boolean('oauth2_enabled', false),
          c.integer('access_token_ttl_minutes', { isNullable: true }),
          c.string('api_token_hash', 64, { isNullable: true }),
          c.integer('failed_login_count', { default: 0 }),
          c.timestamp('locked_until', { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [index('uq_users_username', ['username'], true), index('uq_users_api_token_hash', ['api_token_hash'], true)],
      },
      {
        name: 'user_roles',
        columns: [c.string('user_id', 36, { isPrimary: true }), c.string('role_name', 64, { isPrimary: true })],
        foreignKeys: [cascade(['user_id'], 'users', ['id']), cascade(['role_name'], 'roles', ['name'])],
      },
      {
        name: 'database_access',
        columns: [c.string('user_id', 36, { isPrimary: true }), c.string('database_id', 64, { isPrimary: true }), c.string('level', 8)],
        foreignKeys: [cascade(['user_id'], 'users', ['id']), cascade(['database_id'], 'project_databases', ['id'])],
      },
    ];
  }

  private oauthTables(c: ColumnKinds) {
    return [
      {
        name: 'clients',
        columns: [
          c.string('client_id', 64, { isPrimary: true }),
          c.string('owner_id', 36, { isNullable: true }),
          c.string('name', 200),
          c.text('description', { isNullable: true }),
          c.string('secret_hash', 64, { isNullable: true }),
          c.boolean('confidential', true),
          c.text('redirect_uris'),
          c.text('post_logout_redirect_uris'),
          c.string('grant_types', 255),
          c.string('scopes', 1000),
          c.integer('access_token_ttl', { isNullable: true }),
          c.integer('refresh_token_ttl', { isNullable: true }),
          c.boolean('client_credentials_refresh', false),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        foreignKeys: [cascade(['owner_id'], 'users', ['id'])],
        indices: [index('ix_clients_owner', ['owner_id'])],
      },
      {
        name: 'consents',
        columns: [
          c.id('id'),
          c.string('user_id', 36),
          c.string('client_id', 64),
          c.string('scopes', 1000),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        foreignKeys: [cascade(['user_id'], 'users', ['id']), cascade(['client_id'], 'clients', ['client_id'])],
        indices: [index('uq_consents_user_client', ['user_id', 'client_id'], true)],
      },
      {
        name: 'grants',
        columns: [
          c.id('id'),
          c.string('grant_type', 32),
          c.string('client_id', 64),
          c.string('user_id', 36, { isNullable: true }),
          c.string('subject', 128),
          c.string('scopes', 1000),
          c.string('nonce', 255, { isNullable: true }),
          c.timestamp('auth_time', { isNullable: true }),
          c.timestamp('revoked_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [index('ix_grants_user_client', ['user_id', 'client_id']), index('ix_grants_client', ['client_id'])],
      },
      {
        name: 'authorization_codes',
        columns: [
          c.string('code_hash', 64, { isPrimary: true }),
          c.string('client_id', 64),
          c.string('user_id', 36),
          c.text('redirect_uri'),
          c.string('scopes', 1000),
          c.string('code_challenge', 128, { isNullable: true }),
          c.string('code_challenge_method', 8, { isNullable: true }),
          c.string('nonce', 255, { isNullable: true }),
          c.timestamp('auth_time', { isNullable: true }),
          c.timestamp('expires_at'),
          c.timestamp('consumed_at', { isNullable: true }),
          c.string('grant_id', 36, { isNullable: true }),
          c.timestamp('created_at'),
        ],
      },
      {
        name: 'access_tokens',
        columns: [
          c.string('jti', 64, { isPrimary: true }),
          c.string('grant_id', 36, { isNullable: true }),
          c.string('client_id', 64, { isNullable: true }),
          c.string('user_id', 36, { isNullable: true }),
          c.string('scopes', 1000),
          c.timestamp('expires_at'),
          c.timestamp('revoked_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [index('ix_access_tokens_grant', ['grant_id'])],
      },
      {
        name: 'refresh_tokens',
        columns: [
          c.string('token_hash', 64, { isPrimary: true }),
          c.string('grant_id', 36),
          c.string('client_id', 64),
          c.string('user_id', 36, { isNullable: true }),
          c.string('scopes', 1000),
          c.timestamp('expires_at'),
          c.timestamp('idle_expires_at'),
          c.timestamp('rotated_at', { isNullable: true }),
          c.timestamp('revoked_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [index('ix_refresh_tokens_grant', ['grant_id'])],
      },
      {
        name: 'signing_keys',
        columns: [
          c.string('kid', 64, { isPrimary: true }),
          c.string('alg', 16),
          c.text('public_jwk'),
          c.text('private_key'),
          c.boolean('encrypted', false),
          c.boolean('active', true),
          c.timestamp('created_at'),
          c.timestamp('retired_at', { isNullable: true }),
        ],
      },
    ];
  }

  private operationalTables(c: ColumnKinds) {
    return [
      {
        name: 'api_keys',
        columns: [
          c.id('id'),
          c.string('user_id', 36),
          c.string('kind', 16),
          c.string('name', 200),
          c.string('prefix', 16),
          c.string('key_hash', 64),
          c.string('scopes', 1000),
          c.timestamp('expires_at', { isNullable: true }),
          c.timestamp('last_used_at', { isNullable: true }),
          c.timestamp('revoked_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        foreignKeys: [cascade(['user_id'], 'users', ['id'])],
        indices: [index('uq_api_keys_hash', ['key_hash'], true), index('ix_api_keys_user', ['user_id'])],
      },
      {
        name: 'sessions',
        columns: [
          c.string('id_hash', 64, { isPrimary: true }),
          c.string('user_id', 36),
          c.string('csrf_token', 64),
          c.timestamp('expires_at'),
          c.timestamp('last_seen_at'),
          c.timestamp('created_at'),
        ],
        foreignKeys: [cascade(['user_id'], 'users', ['id'])],
        indices: [index('ix_sessions_user', ['user_id'])],
      },
      {
        name: 'audit_events',
        columns: [
          c.autoIncrement('id'),
          c.timestamp('occurred_at'),
          c.string('event', 64),
          c.string('outcome', 16),
          c.string('actor_id', 36, { isNullable: true }),
          c.string('actor_name', 128, { isNullable: true }),
          c.string('client_id', 64, { isNullable: true }),
          c.string('target', 255, { isNullable: true }),
          c.string('ip', 64, { isNullable: true }),
          c.text('details', { isNullable: true }),
        ],
        indices: [index('ix_audit_events_occurred', ['occurred_at']), index('ix_audit_events_event', ['event'])],
      },
      {
        name: 'revocations',
        columns: [c.autoIncrement('seq'), c.string('kind', 16), c.string('ref', 64), c.timestamp('created_at')],
      },
    ];
  }

  private resourceTables(c: ColumnKinds) {
    return [
      {
        name: 'rooms',
        columns: [
          c.autoIncrement('id'),
          c.string('database_id', 64),
          c.string('number', 32),
          c.string('name', 200),
          c.integer('floor', { isNullable: true }),
          c.string('department', 100, { isNullable: true }),
          c.string('function', 100, { isNullable: true }),
          c.double('area', { isNullable: true }),
          c.string('status', 32),
          c.timestamp('updated_at'),
        ],
        foreignKeys: [cascade(['database_id'], 'project_databases', ['id'])],
        indices: [
          index('ix_rooms_db_id', ['database_id', 'id']),
          index('ix_rooms_db_number', ['database_id', 'number', 'id']),
          index('ix_rooms_db_name', ['database_id', 'name', 'id']),
        ],
      },
      {
        name: 'items',
        columns: [
          c.autoIncrement('id'),
          c.string('database_id', 64),
          c.string('code', 64),
          c.string('name', 200),
          c.string('category', 100, { isNullable: true }),
          c.string('manufacturer', 200, { isNullable: true }),
          c.double('unit_price', { isNullable: true }),
          c.timestamp('updated_at'),
        ],
        foreignKeys: [cascade(['database_id'], 'project_databases', ['id'])],
        indices: [index('ix_items_db_id', ['database_id', 'id'])],
      },
      {
        name: 'occurrences',
        columns: [
          c.autoIncrement('id'),
          c.string('database_id', 64),
          c.integer('room_id'),
          c.integer('item_id'),
          c.integer('quantity'),
          c.string('note', 255, { isNullable: true }),
          c.timestamp('updated_at'),
        ],
        foreignKeys: [
          cascade(['database_id'], 'project_databases', ['id']),
          cascade(['room_id'], 'rooms', ['id']),
          cascade(['item_id'], 'items', ['id']),
        ],
        indices: [
          index('ix_occurrences_db_id', ['database_id', 'id']),
          index('ix_occurrences_room', ['room_id']),
          index('ix_occurrences_item', ['item_id']),
        ],
      },
    ];
  }
}
