import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, MaxLength, ValidateBy } from 'class-validator';
import { redirectUriProblem } from '../../clients/redirect-uri.policy';

const MESSAGE =
  "each redirect URI must be an absolute URI without a fragment or wildcard: https, http on 127.0.0.1, [::1] or localhost, or a native app's reverse-domain scheme (e.g. https://app.example.com/callback, com.example.app:/callback)";

/**
 * A list of at most 20 distinct redirect URIs, each a string of at most 2,000 characters. Field-level check of each URI against the one policy (redirect-uri.policy.ts), so a form shows
 * it beside the other field errors. The deployment's http leniency is not known here: AppsFacade
 * applies the policy again with it before anything is stored.
 */
export function IsRedirectUriList(): PropertyDecorator {
  // Applied in the order the stacked decorators ran (bottom-up), so the messages keep their order.
  return applyDecorators(
    eachRedirectUri(),
    MaxLength(2000, { each: true }),
    IsString({ each: true }),
    ArrayUnique(),
    ArrayMaxSize(20),
    IsArray(),
  );
}

/** The policy check of each URI. */
function eachRedirectUri(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRedirectUri',
      validator: { validate: (value: unknown) => typeof value === 'string' && redirectUriProblem(value, { allowHttp: true }) === null },
    },
    { each: true, message: MESSAGE },
  );
}
