import { SetMetadata } from '@nestjs/common';

export const IS_OPTIONAL_AUTH = 'tessera:optionalAuth';

/**
 * The route answers anonymous callers too, but resolves a presented credential (an invalid one
 * is still refused). Used by public databases and the DAS-style Bearer authorization request.
 */
export const OptionalAuth = () => SetMetadata(IS_OPTIONAL_AUTH, true);
