import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { WidenClientIds1764000000000 } from './1764000000000-widen-client-ids';
import { ExpiryIndexes1764100000000 } from './1764100000000-expiry-indexes';
import { AccountScope1764200000000 } from './1764200000000-account-scope';
import { ChangeTracking1764300000000 } from './1764300000000-change-tracking';
import { ServerSecrets1764400000000 } from './1764400000000-server-secrets';
import { MintedByGrant1764600000000 } from './1764600000000-minted-by-grant';
import { LoginFailures1764410000000 } from './1764410000000-login-failures';
import { ClientIntrospection1764500000000 } from './1764500000000-client-introspection';
import { TwoFactor1765100000000 } from './1765100000000-two-factor';
import { IdentityProviders1764900000000 } from './1764900000000-identity-providers';
import { RowFreeTokens1765000000000 } from './1765000000000-row-free-tokens';
import { OccurrencesByRoom1765200000000 } from './1765200000000-occurrences-by-room';
import { ApiTokenMintedByGrant1765300000000 } from './1765300000000-api-token-minted-by-grant';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests run the same set. */
export const MIGRATIONS = [
  InitialSchema1763900000000,
  WidenClientIds1764000000000,
  ExpiryIndexes1764100000000,
  AccountScope1764200000000,
  ChangeTracking1764300000000,
  ServerSecrets1764400000000,
  LoginFailures1764410000000,
  ClientIntrospection1764500000000,
  MintedByGrant1764600000000,
  IdentityProviders1764900000000,
  RowFreeTokens1765000000000,
  TwoFactor1765100000000,
  OccurrencesByRoom1765200000000,
  ApiTokenMintedByGrant1765300000000,
];
