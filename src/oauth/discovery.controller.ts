import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators/public.decorator';
import { GRANT_TYPES } from './grants';
import { ALL_SCOPES } from '../users/scopes';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { SigningKeysService } from './tokens/signing-keys.service';
import { Answers } from '../common/openapi/answers.decorator';
import { DISCOVERY_SCHEMA, JWKS_SCHEMA } from './oauth.openapi';
import { ACR_FEDERATED, ACR_PASSWORD, ACR_TWO_FACTORS } from './tokens/id-tokens.service';

/** RFC 8414 authorization server metadata (also served as OpenID Connect Discovery 1.0) and the JWKS. */
@ApiTags('oauth2')
@Public()
@Controller()
export class DiscoveryController {
  private readonly metadata: Record<string, unknown>;

  constructor(
    private readonly keys: SigningKeysService,
    @Inject(TESSERA_CONFIG) config: TesseraConfig,
  ) {
    const issuer = config.issuer;
    const authMethods = ['client_secret_basic', 'client_secret_post', 'none'];
    this.metadata = {
      issuer,
      authorization_endpoint: `${issuer}/oauth2/authorize`,
      token_endpoint: `${issuer}/oauth2/token`,
      jwks_uri: `${issuer}/oauth2/jwks`,
      revocation_endpoint: `${issuer}/oauth2/revoke`,
      introspection_endpoint: `${issuer}/oauth2/introspect`,
      userinfo_endpoint: `${issuer}/oauth2/userinfo`,
      end_session_endpoint: `${issuer}/oauth2/logout`,
      scopes_supported: ALL_SCOPES,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: GRANT_TYPES,
      token_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'amr', 'acr', 'preferred_username', 'email'],
      acr_values_supported: [ACR_PASSWORD, ACR_TWO_FACTORS, ACR_FEDERATED],
    };
  }

  @Get(['.well-known/oauth-authorization-server', '.well-known/openid-configuration'])
  @Header('Cache-Control', 'public, max-age=300')
  @Answers(200, 'Authorization server metadata', DISCOVERY_SCHEMA)
  discovery() {
    return this.metadata;
  }

  @Get('oauth2/jwks')
  @Header('Cache-Control', 'public, max-age=60')
  @Answers(200, 'The public keys that verify access and ID tokens', JWKS_SCHEMA)
  jwks() {
    return this.keys.jwkSet();
  }
}
