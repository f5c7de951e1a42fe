import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { Actor, auditedBy } from '../../auth/actor';
import type { Principal } from '../../auth/principal';
import { ClientsService } from '../../clients/clients.service';
import { NotFound } from '../../common/errors/api-error';
import { CONSUMER_CLIENT } from '../client-auth/consumer-client';
import { Consent } from '../entities/consent.entity';
import { ConsentsService } from '../consent/consents.service';
import { Grant } from '../entities/grant.entity';
import { AuthorizationCodesService } from '../authorize/authorization-codes.service';
import { GrantsService } from '../tokens/grants.service';
import { namedSchema } from '../../common/openapi/schema-registry';

/** An application the person authorized, as `/api/grants` shows it. */
export interface AuthorizedAppView {
  id: string;
  client_id: string;
  client_name: string | null;
  scopes: string[];
  created_at: string;
}

/** What one application holds for the person: her consent, if any, and the grants that still hold. */
interface Authorization {
  clientId: string;
  consent: Consent | null;
  grants: Grant[];
}

/**
 * `/api/grants`: the applications acting for the calling person, whether she consented on the
 * page or a delegated token authorized them on the Bearer path (review R05), so that every grant
 * acting for her is one she can see and withdraw. Withdrawing one revokes its tokens and what
 * they minted.
 */
@Injectable()
export class AuthorizedAppsService {
  constructor(
    private readonly consents: ConsentsService,
    private readonly clients: ClientsService,
    private readonly grants: GrantsService,
    private readonly codes: AuthorizationCodesService,
    private readonly audit: AuditService,
  ) {}

  list(principal: Principal): Promise<AuthorizedAppView[]> {
    return this.listOf(principal.userId!);
  }

  /** The applications acting for a person (her account page, or an administrator's view of her). */
  async listOf(userId: string): Promise<AuthorizedAppView[]> {
    const authorizations = await this.authorizationsOf(userId);
    return Promise.all(authorizations.map((authorization) => this.view(authorization)));
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const { principal } = actor;
    const authorization = (await this.authorizationsOf(principal.userId!)).find((candidate) => idOf(candidate) === id);
    if (!authorization) throw new NotFound(`You have authorized no application under grant id "${id}"`);
    await this.codes.withdraw(principal.userId!, authorization.clientId);
    await this.grants.revokeAllOfUserAndClient(principal.userId!, authorization.clientId);
    if (authorization.consent) await this.consents.delete(authorization.consent.id);
    await this.audit.record({ event: 'grant.revoked', ...auditedBy(actor), clientId: authorization.clientId, target: id });
  }

  private async authorizationsOf(userId: string): Promise<Authorization[]> {
    const byClient = new Map<string, Authorization>();
    const entry = (clientId: string) =>
      byClient.get(clientId) ?? byClient.set(clientId, { clientId, consent: null, grants: [] }).get(clientId)!;
    for (const consent of await this.consents.listOf(userId)) entry(consent.clientId).consent = consent;
    for (const grant of await this.grants.activeOfUser(userId)) if (actsForThePerson(grant)) entry(grant.clientId).grants.push(grant);
    return [...byClient.values()];
  }

  private async view(authorization: Authorization): Promise<AuthorizedAppView> {
    const { consent, grants } = authorization;
    const scopes = new Set([...(consent?.scopes ?? []), ...grants.flatMap((grant) => grant.scopes)]);
    const createdAt = consent?.createdAt ?? grants[grants.length - 1].createdAt;
    return {
      id: idOf(authorization),
      client_id: authorization.clientId,
      client_name: (await this.clients.findById(authorization.clientId))?.name ?? null,
      scopes: [...scopes],
      created_at: createdAt.toISOString(),
    };
  }
}

/** The consent's id when she consented; otherwise the newest grant's (grants come newest first). */
function idOf({ consent, grants }: Authorization): string {
  return consent?.id ?? grants[0].id;
}

/** Her own sign-ins (`/consumer/login`) and machine grants (her applications', API users') are not applications acting for her. */
function actsForThePerson(grant: Grant): boolean {
  return grant.clientId !== CONSUMER_CLIENT.id && grant.grantType !== 'client_credentials';
}

export const AUTHORIZED_APP_SCHEMA = namedSchema('AuthorizedApp', {
  type: 'object',
  required: ['id', 'client_id', 'client_name', 'scopes', 'created_at'],
  properties: {
    id: { type: 'string', description: 'The grant; DELETE /api/grants/{id} withdraws it' },
    client_id: { type: 'string' },
    client_name: { type: 'string', nullable: true },
    scopes: { type: 'array', items: { type: 'string' } },
    created_at: { type: 'string', format: 'date-time' },
  },
});
