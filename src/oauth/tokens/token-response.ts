import { namedSchema } from '../../common/openapi/schema-registry';

/** RFC 6749 §5.1 successful token response (plus `id_token`, OpenID Connect Core §3.1.3.3). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
  id_token?: string;
}

export const TOKEN_RESPONSE_SCHEMA = namedSchema('TokenResponse', {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in', 'scope'],
  properties: {
    access_token: { type: 'string' },
    token_type: { type: 'string', enum: ['Bearer'] },
    expires_in: { type: 'integer', example: 3600 },
    refresh_token: { type: 'string' },
    scope: { type: 'string', example: 'openid read' },
    id_token: { type: 'string', description: 'With scope openid (OpenID Connect Core §3.1.3.3)' },
  },
});
