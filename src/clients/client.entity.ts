import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BooleanColumn, JsonListColumn, ScopeListColumn, TimestampColumn } from '../database/columns';

/** An OAuth 2.0 client application (an app of `/api/apps`). The secret is kept only as its SHA-256. */
@Entity('clients')
export class Client {
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 128 })
  clientId: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64, nullable: true, select: false })
  secretHash: string | null;

  @BooleanColumn('confidential')
  confidential: boolean;

  @JsonListColumn('redirect_uris')
  redirectUris: string[];

  @JsonListColumn('post_logout_redirect_uris')
  postLogoutRedirectUris: string[];

  @ScopeListColumn('grant_types')
  grantTypes: string[];

  @ScopeListColumn('scopes')
  scopes: string[];

  @Column({ name: 'access_token_ttl', type: 'integer', nullable: true })
  accessTokenTtl: number | null;

  @Column({ name: 'refresh_token_ttl', type: 'integer', nullable: true })
  refreshTokenTtl: number | null;

  @BooleanColumn('client_credentials_refresh')
  clientCredentialsRefresh: boolean;

  /** A resource server an administrator allowed to introspect other clients' access tokens (F9). */
  @BooleanColumn('introspection', { default: false })
  introspection: boolean;

  /** The grant whose delegated token made this (review R05): it ends when that grant is withdrawn; null when made directly. */
  @Column({ name: 'minted_by_grant', type: 'varchar', length: 36, nullable: true })
  mintedByGrant: string | null;

  @TimestampColumn('created_at')
  createdAt: Date;

  @TimestampColumn('updated_at')
  updatedAt: Date;
}
