import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/** A Tessera account linked to a provider's account: by `iss` + `sub`, never by e-mail. */
@Entity('federated_identities')
export class FederatedIdentity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId: string;

  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @TimestampColumn('created_at')
  createdAt: Date;

  @TimestampColumn('last_sign_in_at')
  lastSignInAt: Date;
}
