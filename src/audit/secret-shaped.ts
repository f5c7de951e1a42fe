/**
 * What Tessera's secrets look like: API keys (`tsk_`), personal access tokens (`tpat_`), client
 * secrets (`tcs_`), API users' tokens (`tat_`), refresh tokens (`trt_`), and access or ID tokens
 * (JWTs, `eyJ…`). A caller can put one where a name is expected (an API key typed as the user name
 * of a Basic dialog: review R23); the audit log then shows this instead of it.
 */
const SECRET_SHAPED = /^(?:(?:tsk|tpat|tcs|tat|trt)_|eyJ[\w-]*\.[\w-]*\.)/;

export const HIDDEN_SECRET = '[a secret, not shown]';

/** A name or id as the audit log may hold it: never a secret, at most 128 characters. */
export function auditable(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return SECRET_SHAPED.test(value) ? HIDDEN_SECRET : value.slice(0, 128);
}
