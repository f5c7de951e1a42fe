import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/principal';
import { ClientsService } from '../../clients/clients.service';
import { NotFound } from '../../common/errors/api-error';
import { ConsentsService } from '../consent/consents.service';
import { GrantsService } from '../tokens/grants.service';

/** An application the person authorized, as `/api/grants` shows it. */
export interface AuthorizedAppView {
  id: string;
  client_id: string;
  client_name: string | null;
  scopes: string[];
  created_at: string;
}

/** `/api/grants`: the applications the calling person has authorized; withdrawing one revokes its tokens. */
@Injectable()
export class AuthorizedAppsService {
  constructor(
    private readonly consents: ConsentsService,
    private readonly clients: ClientsService,
    private readonly grants: GrantsService,
    private readonly audit: AuditService,
  ) {}

  list(principal: Principal): Promise<AuthorizedAppView[]> {
    return this.listOf(principal.userId!);
  }

  async listOf(userId: string): Promise<AuthorizedAppView[]> {
    const consents = await this.consents.listOf(userId);
    return Promise.all(
      consents.map(async (consent) => ({
        id: consent.id,
        client_id: consent.clientId,
        client_name: (await this.clients.findById(consent.clientId))?.name ?? null,
        scopes: consent.scopes,
        created_at: consent.createdAt.toISOString(),
      })),
    );
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const consent = await this.consents.findOf(principal.userId!, id);
    if (!consent) throw new NotFound(`You have authorized no application under grant id "${id}"`);
    await this.grants.revokeAllOfUserAndClient(consent.userId, consent.clientId);
    await this.consents.delete(consent.id);
    await this.audit.record({
      event: 'grant.revoked',
      actorId: principal.userId,
      actorName: principal.username,
      clientId: consent.clientId,
      target: consent.id,
    });
  }
}
