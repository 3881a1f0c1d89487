/**
 * Sets of ports as sorted, disjoint, inclusive intervals: what a security-group rule or a NACL
 * rule admits, intersected and merged. Pure: no constructs.
 */

/** An inclusive port interval, `[from, to]`. */
export type PortRange = readonly [number, number];

/** Sorted, disjoint, non-adjacent intervals. */
export type PortSet = readonly PortRange[];

/** Every port, 0-65535. */
export const ALL_PORTS: PortSet = [[0, 65535]];

/** The set holding `[from, to]` (empty when from > to). */
export function portRange(from: number, to: number): PortSet {
  return from > to ? [] : [[from, to]];
}

/** Sorts and merges overlapping or adjacent intervals. */
export function normalize(ranges: readonly PortRange[]): PortSet {
  const sorted = [...ranges].filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function union(a: PortSet, b: PortSet): PortSet {
  return normalize([...a, ...b]);
}

export function intersect(a: PortSet, b: PortSet): PortSet {
  const out: [number, number][] = [];
  for (const [a0, a1] of a) {
    for (const [b0, b1] of b) {
      const lo = Math.max(a0, b0);
      const hi = Math.min(a1, b1);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return normalize(out);
}

export function subtract(a: PortSet, b: PortSet): PortSet {
  let rest: [number, number][] = a.map(([x, y]) => [x, y]);
  for (const [b0, b1] of b) {
    rest = rest.flatMap(([x, y]): [number, number][] => {
      if (b1 < x || y < b0) return [[x, y]];
      const parts: [number, number][] = [];
      if (x < b0) parts.push([x, b0 - 1]);
      if (b1 < y) parts.push([b1 + 1, y]);
      return parts;
    });
  }
  return normalize(rest);
}

/** True when every port of `inner` is in `outer`. */
export function covers(outer: PortSet, inner: PortSet): boolean {
  return subtract(inner, outer).length === 0;
}

export function isEmpty(set: PortSet): boolean {
  return set.length === 0;
}

/** `443`, `1024-65535`, `3306,5432`: the set as text. */
export function formatPorts(set: PortSet): string {
  if (set.length === 1 && set[0][0] === 0 && set[0][1] === 65535) return "all";
  return set.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}
