import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ServerSecrets } from '../auth/secrets/server-secrets.service';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const PURPOSE = 'identity-provider-client-secrets';

/**
 * Seals the upstream client secrets at rest: AES-256-GCM under a key derived from TESSERA_SECRET
 * (HKDF, its own purpose; ServerSecrets), or the shared generated key when it is not set.
 */
@Injectable()
export class SecretBox {
  constructor(private readonly secrets: ServerSecrets) {}

  async seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, await this.key(), iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  async open(sealed: string): Promise<string> {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unrecognised sealed secret');
    const decipher = createDecipheriv(ALGORITHM, await this.key(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  private key(): Promise<Buffer> {
    return this.secrets.key(PURPOSE);
  }
}
