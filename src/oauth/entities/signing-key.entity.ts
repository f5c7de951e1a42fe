import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BooleanColumn, TimestampColumn } from '../../database/columns';

/** An ES256 key pair; the private half is encrypted with TESSERA_SECRET when that is set. */
@Entity('signing_keys')
export class SigningKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ type: 'varchar', length: 16 })
  alg: string;

  @Column({ name: 'public_jwk', type: 'text' })
  publicJwk: string;

  @Column({ name: 'private_key', type: 'text', select: false })
  privateKey: string;

  @BooleanColumn('encrypted')
  encrypted: boolean;

  @BooleanColumn('active')
  active: boolean;

  @TimestampColumn('created_at')
  createdAt: Date;

  @TimestampColumn('retired_at', { nullable: true })
  retiredAt: Date | null;
}
