/**
 * IPv4 CIDR arithmetic for the CIDR plan. Parsing and containment come from `netmask`;
 * this file adds Terraform's `cidrsubnet` and an overlap test on top of it. No constructs.
 */
import { Netmask, ip2long, long2ip } from "netmask";

/** A parsed IPv4 network. */
export interface Cidr {
  readonly base: string;
  readonly prefix: number;
  /** First address as an unsigned 32-bit number. */
  readonly first: number;
  /** Last address as an unsigned 32-bit number. */
  readonly last: number;
}

/**
 * Parses a canonical IPv4 CIDR. Returns an error sentence instead of throwing, so the
 * loader can report every bad CIDR at once.
 */
export function parseCidr(text: string): Cidr | string {
  let mask: Netmask;
  try {
    mask = new Netmask(text);
  } catch {
    return "is not a valid IPv4 CIDR";
  }
  if (!text.includes("/")) return "needs a prefix length, such as /16";
  const canonical = `${mask.base}/${mask.bitmask}`;
  if (canonical !== text) {
    return `is not a network address (host bits set or leading zeros); did you mean ${canonical}?`;
  }
  const first = ip2long(mask.base);
  return { base: mask.base, prefix: mask.bitmask, first, last: first + mask.size - 1 };
}

/** Parses a CIDR the loader has already validated; throws on a programming error. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === "string") throw new Error(`${text} ${parsed}`);
  return parsed;
}

/** True when the two networks share at least one address. */
export function overlaps(a: string | Cidr, b: string | Cidr): boolean {
  const x = typeof a === "string" ? cidr(a) : a;
  const y = typeof b === "string" ? cidr(b) : b;
  return x.first <= y.last && y.first <= x.last;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: string | Cidr, inner: string | Cidr): boolean {
  const o = typeof outer === "string" ? cidr(outer) : outer;
  const i = typeof inner === "string" ? cidr(inner) : inner;
  return o.first <= i.first && i.last <= o.last;
}

/**
 * Terraform's `cidrsubnet(prefix, newbits, netnum)`: the `netnum`-th network of
 * `prefix + newbits` bits inside `prefix`.
 */
export function cidrSubnet(parent: string, newBits: number, netNum: number): string {
  const p = cidr(parent);
  const prefix = p.prefix + newBits;
  if (prefix > 32) throw new Error(`cidrSubnet: ${parent} has no room for ${newBits} more bits`);
  if (netNum < 0 || netNum >= 2 ** newBits) {
    throw new Error(`cidrSubnet: network number ${netNum} does not fit in ${newBits} bits`);
  }
  const size = 2 ** (32 - prefix);
  return `${long2ip(p.first + netNum * size)}/${prefix}`;
}
