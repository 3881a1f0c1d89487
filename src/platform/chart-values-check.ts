/**
 * Checks that every key path a values object sets exists in a chart's default values.yaml, so a
 * misspelled key (which Helm silently ignores) fails a test instead. No constructs, no files:
 * the caller parses values.yaml.
 *
 * A key path is valid when it exists in the defaults, or when one of its prefixes reaches a map
 * that is empty (`{}`) in the defaults: charts leave open maps such as `podAnnotations`, `labels`,
 * `nodeSelector` or ingress-nginx's `config` empty for the user to fill. Arrays and scalars are
 * leaves: the check never looks inside them.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The dotted key paths of `values` that the chart's `defaults` do not have, in the order found.
 * An empty result means every key is known to the chart.
 */
export function unknownValuePaths(values: unknown, defaults: unknown, prefix = ""): string[] {
  if (!isPlainObject(values)) return [];
  // An empty map in the chart's defaults is open: any key below it is the user's.
  if (isPlainObject(defaults) && Object.keys(defaults).length === 0 && prefix !== "") return [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (!isPlainObject(defaults) || !(key in defaults)) {
      unknown.push(path);
      continue;
    }
    const fallback = defaults[key];
    if (isPlainObject(value)) {
      if (isPlainObject(fallback)) {
        unknown.push(...unknownValuePaths(value, fallback, path));
      } else {
        // The chart has a scalar, list or null here; any key below it is not a chart key.
        unknown.push(...Object.keys(value).map((k) => `${path}.${k}`));
      }
    }
  }
  return unknown;
}
