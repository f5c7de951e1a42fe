import { AuditEvent } from '../audit/audit-event.entity';
import { Revocation } from '../auth/revocation.entity';
import { ServerSecret } from '../auth/secrets/server-secret.entity';
import { Session } from '../auth/session.entity';
import { Client } from '../clients/client.entity';
import { Database } from '../databases/database.entity';
import { ApiKey } from '../keys/api-key.entity';
import { AccessToken } from '../oauth/entities/access-token.entity';
import { AuthorizationCode } from '../oauth/entities/authorization-code.entity';
import { Consent } from '../oauth/entities/consent.entity';
import { Grant } from '../oauth/entities/grant.entity';
import { RefreshToken } from '../oauth/entities/refresh-token.entity';
import { SigningKey } from '../oauth/entities/signing-key.entity';
import { DatabaseAccess } from '../users/entities/database-access.entity';
import { LoginFailure } from '../users/entities/login-failure.entity';
import { Role } from '../users/entities/role.entity';
import { User } from '../users/entities/user.entity';

/** Every TypeORM entity. The resource sets (rooms, items, occurrences) have none: the query engine writes their SQL. */
export const ENTITIES = [
  AuditEvent, Revocation, Session, Client, Database, ApiKey, AccessToken, AuthorizationCode,
  Consent, Grant, RefreshToken, SigningKey, DatabaseAccess, Role, User, ServerSecret, LoginFailure,
];
