import { Injectable } from '@nestjs/common';
import { PasswordSignInRules } from '../users/password-sign-in.rules';
import { IdentityProvidersService } from './identity-providers.service';

/**
 * A provider marked "required" for its domains: people whose e-mail is of one of them cannot use a
 * local password on any channel (console, `/consumer/login`, password grant, Basic); they sign in
 * through the provider, which applies the company's own policy (MFA, leavers). Also while the
 * provider is switched off (SI4): an administrator who wants passwords back unmarks "required".
 */
@Injectable()
export class RequiredProviderRule {
  constructor(rules: PasswordSignInRules, providers: IdentityProvidersService) {
    rules.add(async ({ email }) => {
      const provider = await providers.requiredFor(email);
      if (!provider) return null;
      return provider.enabled
        ? `Your organisation requires signing in with ${provider.name}: use "Sign in with ${provider.name}" instead of a password.`
        : `Your organisation requires signing in with ${provider.name}, which is turned off at the moment: ask your administrator.`;
    });
  }
}
