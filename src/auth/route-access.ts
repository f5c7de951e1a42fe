import type { Reflector } from '@nestjs/core';
import { routeMetadata } from '../common/route-metadata';
import { IS_OPTIONAL_AUTH } from './decorators/optional-auth.decorator';
import { REQUIRES_PERSON } from './decorators/person-only.decorator';
import { IS_PUBLIC } from './decorators/public.decorator';
import { REQUIRED_SCOPES } from './decorators/require-scopes.decorator';

/** Who may call a route, as its decorators say: the guards enforce it, the OpenAPI document shows it. */
export interface RouteAccess {
  /** `public`: no credential is looked at; `optional`: anonymous callers too; `required`: a credential. */
  credential: 'public' | 'optional' | 'required';
  scopes: string[];
  personOnly: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type RouteTargets = [Function, Function];

export function routeAccessOf(reflector: Reflector, [handler, controller]: RouteTargets): RouteAccess {
  const read = <T>(key: string) => routeMetadata<T>(reflector, key, handler, controller);
  const credential = read<boolean>(IS_PUBLIC) ? 'public' : read<boolean>(IS_OPTIONAL_AUTH) ? 'optional' : 'required';
  return {
    credential,
    scopes: read<string[]>(REQUIRED_SCOPES) ?? [],
    personOnly: read<boolean>(REQUIRES_PERSON) ?? false,
  };
}
