import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'tessera:requiredScopes';

/** The principal must hold every one of these scopes; otherwise 403 insufficient_scope. */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);
