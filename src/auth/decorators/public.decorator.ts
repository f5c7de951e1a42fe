import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tessera:isPublic';

/** Opts a route out of the global AuthGuard: every other route needs a credential. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
