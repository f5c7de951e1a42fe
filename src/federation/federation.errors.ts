import { ApiError } from '../common/errors/api-error';

/** 502 page: the provider could not be reached or answered nonsense; nothing about it is shown but its name. */
export class UpstreamUnavailable extends ApiError {
  constructor(providerName: string) {
    super(
      502,
      'upstream_unavailable',
      `${providerName} is not answering right now, so Tessera cannot sign you in through it. Try again in a few minutes, or ask your administrator.`,
    );
  }
}

/**
 * 502 page: the provider's discovery document names an issuer other than the one configured
 * (OpenID Connect Discovery §4.3): whoever serves it could sign ID tokens in another issuer's name.
 */
export class UpstreamMisconfigured extends ApiError {
  constructor(providerName: string) {
    super(
      502,
      'upstream_misconfigured',
      `${providerName} describes itself as another issuer than the one configured in Tessera, so Tessera will not sign you in through it. Ask your administrator to check its issuer URL.`,
    );
  }
}

/** 400 page: the callback does not belong to a sign-in this browser started, or its proof did not hold. */
export class FederatedSignInFailed extends ApiError {
  constructor(
    message = 'This sign-in could not be completed: it has expired, was already used, or did not start in this browser. Start again from the sign-in page.',
  ) {
    super(400, 'federated_sign_in_failed', message);
  }
}
