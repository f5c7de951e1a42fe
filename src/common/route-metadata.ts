import type { Reflector } from '@nestjs/core';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

const cache = new WeakMap<Target, WeakMap<Target, Map<string | symbol, unknown>>>();

/**
 * `reflector.getAllAndOverride(key, [handler, class])`, read once per route and key. Decorator
 * metadata is fixed once the application has started, and the global guards ask for it on every
 * request (issue 16: two `Reflect.getMetadata` calls per key per guard showed in the token
 * endpoint's profile).
 */
export function routeMetadata<T>(reflector: Reflector, key: string | symbol, handler: Target, controller: Target): T | undefined {
  let byController = cache.get(handler);
  if (!byController) cache.set(handler, (byController = new WeakMap()));
  let values = byController.get(controller);
  if (!values) byController.set(controller, (values = new Map()));
  if (!values.has(key)) values.set(key, reflector.getAllAndOverride<T>(key, [handler, controller]));
  return values.get(key) as T | undefined;
}
