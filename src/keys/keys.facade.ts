import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Actor, auditedBy } from '../auth/actor';
import type { Principal } from '../auth/principal';
import { assertMayMint, assertNoAccountScope, assertScopesHeld } from '../auth/scope-down';
import { BadRequest } from '../common/errors/api-error';
import { CreateKeyDto } from './dto/create-key.dto';
import { KeysService } from './keys.service';
import { assertKeyTypeHolds } from './key-types';
import { KeyView, toKeyView } from './key.view';

/** What `/api/keys` does for the calling person: the rules between the controller and the store. */
@Injectable()
export class KeysFacade {
  constructor(
    private readonly keys: KeysService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateKeyDto): Promise<KeyView> {
    const { principal } = actor;
    assertMayMint(principal);
    const scopes = dto.scopes ?? ['read'];
    assertNoAccountScope(scopes, 'API keys and personal access tokens');
    assertScopesHeld(principal, scopes);
    assertKeyTypeHolds(dto.type ?? 'api_key', scopes);
    const expiresAt = dto.expires_at ? new Date(dto.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new BadRequest('expires_at must be in the future', 'expires_at');
    const { key, secret } = await this.keys.create(principal.userId!, {
      name: dto.name,
      kind: dto.type ?? 'api_key',
      scopes,
      expiresAt,
      mintedByGrant: principal.grantId,
    });
    await this.audit.record({
      event: 'key.created',
      ...auditedBy(actor),
      target: key.id,
      details: { kind: key.kind, scopes: scopes.join(' ') },
    });
    return toKeyView(key, secret);
  }

  async list(principal: Principal): Promise<KeyView[]> {
    return (await this.keys.listOf(principal.userId!)).map((key) => toKeyView(key));
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const key = await this.keys.revoke(actor.principal.userId!, id);
    await this.audit.record({
      event: 'key.revoked',
      ...auditedBy(actor),
      target: key.id,
      details: { kind: key.kind },
    });
  }
}
