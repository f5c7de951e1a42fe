import type { Provider, Type } from '@nestjs/common';
import { AuthorizationCodeGrant } from './authorization-code.grant';
import { ClientCredentialsGrant } from './client-credentials.grant';
import type { GrantHandler } from './grant-handler';
import { PasswordGrant } from './password.grant';
import { RefreshTokenGrant } from './refresh-token.grant';

/** A grant handler's class: what the module registers and what the lists below read. */
export type GrantHandlerClass = Type<GrantHandler> & { readonly grantType: string };

/**
 * Every grant the token endpoint serves, listed once. Adding a grant is writing its handler file
 * and adding it here: the token endpoint dispatches to these, discovery publishes their types,
 * `/api/apps` accepts them, and the `unsupported_grant_type` error names them.
 */
export const GRANT_HANDLERS: readonly GrantHandlerClass[] = [
  AuthorizationCodeGrant,
  ClientCredentialsGrant,
  PasswordGrant,
  RefreshTokenGrant,
];

export const GRANT_TYPES: readonly string[] = GRANT_HANDLERS.map((handler) => handler.grantType);

/** The handlers, as one injectable list (TokenEndpoint). */
export const GRANTS = Symbol('GRANTS');

export const grantProviders: Provider[] = [
  ...GRANT_HANDLERS,
  { provide: GRANTS, useFactory: (...handlers: GrantHandler[]) => handlers, inject: [...GRANT_HANDLERS] },
];
