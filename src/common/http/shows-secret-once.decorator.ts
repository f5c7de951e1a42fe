import { applyDecorators, Header } from '@nestjs/common';

/**
 * On a route whose answer shows a new secret once (a client secret, an API key, an API token):
 * no browser or proxy may keep it (RFC 9111 §5.2.2.5; ASVS 5.0 V14.3.2).
 */
export const ShowsSecretOnce = () => applyDecorators(Header('Cache-Control', 'no-store'), Header('Pragma', 'no-cache'));
