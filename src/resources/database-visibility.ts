import { Injectable } from '@nestjs/common';
import { CredentialCaches } from '../auth/cache/credential-caches';
import { accessLevelOf, hasScope, Principal } from '../auth/principal';
import { ClientsService } from '../clients/clients.service';
import { AuthenticationRequired, Forbidden, InsufficientScope, NotFound } from '../common/errors/api-error';
import type { Database } from '../databases/database.entity';
import { DatabasesService } from '../databases/databases.service';

/**
 * Who may read or write which database. A database the principal may not see is
 * answered exactly like one that does not exist (404), so neither rows, counts nor existence leak.
 * A public database is readable by any token, or anonymously with a registered `client_id`.
 */
@Injectable()
export class DatabaseVisibility {
  constructor(
    private readonly databases: DatabasesService,
    private readonly clients: ClientsService,
    private readonly caches: CredentialCaches,
  ) {}

  async assertReadable(principal: Principal | undefined, databaseId: string, clientId: unknown): Promise<void> {
    if (!principal) return this.assertPublicForClient(databaseId, clientId);
    const level = accessLevelOf(principal.access, databaseId);
    if (level && !principal.access.full) return assertReadScope(principal);
    const database = await this.find(databaseId);
    if (!database) throw notFound(databaseId);
    if (level) return assertReadScope(principal);
    if (!database.public) throw notFound(databaseId);
  }

  async assertWritable(principal: Principal | undefined, databaseId: string): Promise<void> {
    if (!principal) throw new AuthenticationRequired();
    if (principal.readOnly) throw new Forbidden('This credential is read-only: API keys and Basic credentials cannot change data');
    const level = accessLevelOf(principal.access, databaseId);
    if (!level || principal.access.full) {
      const database = await this.find(databaseId);
      if (!database || (!level && !database.public)) throw notFound(databaseId);
    }
    if (level !== 'write') throw new Forbidden(`You may read database ${databaseId} but not change it`);
    if (!hasScope(principal, 'write')) throw new InsufficientScope(['write']);
  }

  private async assertPublicForClient(databaseId: string, clientId: unknown): Promise<void> {
    if (typeof clientId !== 'string' || clientId === '') throw new AuthenticationRequired();
    const [client, database] = await Promise.all([this.clients.exists(clientId), this.find(databaseId)]);
    if (!client) throw new AuthenticationRequired('The client_id does not name a registered application');
    if (!database?.public) throw new AuthenticationRequired();
  }

  /** Read on every request of a full-access principal: cached ≤ 0.5 s, dropped at once by a change here (CredentialCaches). */
  private find(id: string): Promise<Database | null> {
    return this.caches.databases.getOrLoad(id, () => this.databases.findById(id));
  }
}

function assertReadScope(principal: Principal): void {
  if (!hasScope(principal, 'read') && !hasScope(principal, 'write')) throw new InsufficientScope(['read']);
}

function notFound(databaseId: string): NotFound {
  return new NotFound(`There is no database "${databaseId}" you may see`);
}
