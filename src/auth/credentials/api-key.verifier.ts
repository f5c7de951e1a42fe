import type { Principal } from '../principal';

/** How a key was presented: as a Bearer token, or in the Basic / Reference forms Power Query sends. */
export type KeyPresentation = 'bearer' | 'basic-or-reference';

/**
 * Resolves an API key or personal access token to its Principal, or null when it is not usable
 * now. Provided by the keys module; the strategies here only know this interface, so the auth
 * layer never imports the layer above it (docs/architecture.md).
 */
export interface ApiKeyVerifier {
  /** True when the value has the shape of a key (`tsk_…`, `tpat_…`), so a Bearer value is a key, not a JWT. */
  recognises(value: string): boolean;
  authenticate(presented: string, presentation: KeyPresentation): Promise<Principal | null>;
}

export const API_KEY_VERIFIER = Symbol('API_KEY_VERIFIER');
