import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BooleanColumn, ScopeListColumn, TimestampColumn } from '../../database/columns';
import type { ClaimMapping } from '../claim-mapping';

const json = <T>() => ({
  to: (value: T | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null) => (value ? (JSON.parse(value) as T) : null),
});

/** An upstream OpenID Connect provider Tessera signs people in through (issue 15). */
@Entity('identity_providers')
export class IdentityProvider {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ name: 'client_id', type: 'varchar', length: 255 })
  clientId: string;

  /** AES-256-GCM under a key derived from TESSERA_SECRET (SecretBox); never returned by the API. */
  @Column({ name: 'client_secret_sealed', type: 'text', nullable: true, select: false })
  clientSecretSealed: string | null;

  @ScopeListColumn()
  scopes: string[];

  @Column({ type: 'text', transformer: json<string[]>() })
  domains: string[];

  /** People of these domains must sign in here: their local password is refused. */
  @BooleanColumn('required')
  required: boolean;

  @BooleanColumn('enabled')
  enabled: boolean;

  @Column({ name: 'claim_mapping', type: 'text', transformer: json<ClaimMapping>() })
  claimMapping: ClaimMapping;

  @TimestampColumn('created_at')
  createdAt: Date;

  @TimestampColumn('updated_at')
  updatedAt: Date;
}
