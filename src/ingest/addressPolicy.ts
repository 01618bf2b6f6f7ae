import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Decides whether the bot may connect to an IP address it is about to fetch a page from. */
export type AddressPolicy = (address: string) => boolean;

/**
 * Only ordinary public (global unicast) addresses. ipaddr.js classifies an address into its IANA special-purpose
 * range (loopback, RFC 1918 private, link-local, unique local, carrier-grade NAT, multicast, documentation,
 * 6to4 and Teredo tunnels...); anything not plain `unicast` could reach the bot's own host, its network or a
 * cloud metadata service (169.254.169.254), so it is refused. IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as
 * the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export const ANY_ADDRESS: AddressPolicy = () => true;

export function addressPolicy(allowPrivate: boolean): AddressPolicy {
  return allowPrivate ? ANY_ADDRESS : isPublicAddress;
}

/** The IP address a URL's host is written as (`[::1]` unbracketed), or undefined for a name to resolve. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? undefined : bare;
}
