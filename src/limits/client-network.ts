import { isIPv6 } from 'node:net';

/**
 * The network a per-IP counter counts: an IPv4 address as it is (an IPv4-mapped IPv6 address
 * too), and an IPv6 address by its /64. One subscriber is given at least a /64 and may use any of
 * its 2^64 addresses, so counting each address would give every guess a fresh budget (review R22).
 * The audit log keeps the full address.
 */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  const bare = address.split('%')[0];
  if (!isIPv6(bare)) return address;
  return `${firstGroups(bare, 4).join(':')}::/64`;
}

/** The first `count` 16-bit groups of an IPv6 address, with `::` expanded and leading zeros dropped. */
function firstGroups(address: string, count: number): string[] {
  const [head, tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return groups.slice(0, count).map((group) => (group.includes('.') ? group : parseInt(group, 16).toString(16)));
}
