import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { BadRequest } from '../common/errors/api-error';
import { CreateKeyDto } from './dto/create-key.dto';
import { KeysService } from './keys.service';
import { KeyView, toKeyView } from './key.view';

/** What `/api/keys` does for the calling person: the rules between the controller and the store. */
@Injectable()
export class KeysFacade {
  constructor(private readonly keys: KeysService) {}

  async create(principal: Principal, dto: CreateKeyDto): Promise<KeyView> {
    const scopes = dto.scopes ?? ['read'];
    const beyond = scopes.filter((scope) => !principal.scopes.includes(scope));
    if (beyond.length > 0) throw new BadRequest(`You cannot give a key scopes you do not hold: ${beyond.join(', ')}`, 'scopes', 'invalid_scope');
    const expiresAt = dto.expires_at ? new Date(dto.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new BadRequest('expires_at must be in the future', 'expires_at');
    const { key, secret } = await this.keys.create(principal.userId!, { name: dto.name, kind: dto.type ?? 'api_key', scopes, expiresAt });
    return toKeyView(key, secret);
  }

  async list(principal: Principal): Promise<KeyView[]> {
    return (await this.keys.listOf(principal.userId!)).map((key) => toKeyView(key));
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    await this.keys.revoke(principal.userId!, id);
  }
}
