/** Variables whose value is a secret by name: a message says how long the value was, never what it was. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|CREDENTIAL/i;

/**
 * How a configuration message may show a variable's value: secrets not at all, URLs with their
 * password masked (`mysql://tessera:***@db:3306/tessera`), anything else as given.
 */
export function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_NAME.test(name)) return `a value of ${value.length} character${value.length === 1 ? '' : 's'}`;
  return JSON.stringify(/_URL$/i.test(name) ? withoutPassword(value) : value);
}

/** The URL with the password in its user-info replaced by `***`; text that is not a URL is left as it is. */
export function withoutPassword(url: string): string {
  const userInfo = /^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):([^@/]*)@/i;
  return url.replace(userInfo, (_match, user: string, password: string) => (password ? `${user}:***@` : `${user}:@`));
}
