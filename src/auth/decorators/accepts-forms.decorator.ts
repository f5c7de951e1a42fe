import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_FORMS = 'tessera:acceptsForms';

/**
 * An authenticated route that also takes form-encoded bodies (e.g. OIDC userinfo, OpenID Connect
 * Core §5.3.1). Every other route behind the API guard takes JSON only (JsonBodyGuard).
 */
export const AcceptsForms = () => SetMetadata(ACCEPTS_FORMS, true);
