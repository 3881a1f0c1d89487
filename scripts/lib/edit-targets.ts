/**
 * Which resources of an edited stack can plan a change, so that the edits plan targets those and
 * skips the rest of the stack. Pure.
 *
 * Why this is sound: the edit is planned against the fixpoint state, where a plan of the unedited
 * stack shows no change. A resource whose block is byte-identical in both syntheses and none of
 * whose references (direct or through data sources, `depends_on` included) can change would plan
 * exactly as it did there: no change. So the resources that can change are the added, removed and
 * edited ones and everything that references them, transitively. Anything else that differs
 * between the two stacks (providers, `terraform`, `moved` or `import` blocks, variables, locals)
 * can affect every resource: then there is no narrower target than the whole stack.
 */
import { canonicalJson } from "./plan-root";
import type { TerraformJson } from "./terraform-json";

type Blocks = Record<string, Record<string, unknown>>;

/** Top-level keys whose blocks are compared resource by resource; any other difference means "plan it all". */
const PER_RESOURCE_KEYS = new Set(["resource", "data", "output", "//"]);

/**
 * The addresses (`aws_subnet.network_private-subnet-d`) of resources that can change when `base`
 * becomes `edited`, sorted; `undefined` when something stack-wide differs and the whole stack
 * must be planned. Empty when no resource can change.
 */
export function changeTargets(base: TerraformJson, edited: TerraformJson): string[] | undefined {
  const keys = new Set([...Object.keys(base), ...Object.keys(edited)]);
  for (const key of keys) {
    if (PER_RESOURCE_KEYS.has(key)) continue;
    if (canonicalJson(strip(base[key])) !== canonicalJson(strip(edited[key]))) return undefined;
  }
  const before = nodes(base);
  const after = nodes(edited);
  const affected = new Set<string>();
  for (const [address, block] of after) {
    const old = before.get(address);
    if (old === undefined || canonicalJson(strip(old)) !== canonicalJson(strip(block))) affected.add(address);
  }
  const removed = [...before.keys()].filter((a) => !after.has(a) && !a.startsWith("data."));
  for (const a of removed) affected.add(a);

  // Everything that references an affected node, until nothing more is added.
  const refs = new Map([...after].map(([address, block]) => [address, references(block, after)]));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [address, uses] of refs) {
      if (affected.has(address)) continue;
      if ([...uses].some((u) => affected.has(u))) {
        affected.add(address);
        grew = true;
      }
    }
  }
  return [...affected].filter((a) => !a.startsWith("data.")).sort();
}

/** Every resource (`type.name`) and data source (`data.type.name`) of a stack, with its block. */
function nodes(json: TerraformJson): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [type, blocks] of Object.entries((json.resource ?? {}) as Blocks)) for (const [name, block] of Object.entries(blocks)) out.set(`${type}.${name}`, block);
  for (const [type, blocks] of Object.entries((json.data ?? {}) as Blocks)) for (const [name, block] of Object.entries(blocks)) out.set(`data.${type}.${name}`, block);
  return out;
}

/** The nodes of `all` that a block refers to, in `${...}` expressions or `depends_on`. */
export function references(block: unknown, all: ReadonlyMap<string, unknown>): Set<string> {
  const out = new Set<string>();
  const text = JSON.stringify(strip(block)) ?? "";
  const expressions = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
  const dependsOn = ((block as { depends_on?: unknown })?.depends_on ?? []) as unknown[];
  for (const source of [...expressions, ...dependsOn.filter((d): d is string => typeof d === "string")]) {
    for (const m of source.matchAll(/(?<![\w.-])(data\.)?([a-z][a-z0-9_]*)\.([\w-]+)/g)) {
      const address = `${m[1] ?? ""}${m[2]}.${m[3]}`;
      if (all.has(address)) out.add(address);
    }
  }
  return out;
}

/** A copy without cdktf's `//` metadata (construct paths), which does not reach Terraform. */
function strip(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === "//" ? undefined : v)));
}
