/** Turns Terraform's machine and human output into short error lines. Pure. */

/** The part of `terraform validate -json` this reads. */
export interface ValidateJson {
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: readonly {
    readonly severity: "error" | "warning";
    readonly summary: string;
    readonly detail?: string;
    readonly address?: string;
    readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
  }[];
}

/** `summary (address, file:line): first line of detail` per diagnostic of the given severity. */
export function diagnosticLines(result: ValidateJson, severity: "error" | "warning" = "error"): string[] {
  return result.diagnostics
    .filter((d) => d.severity === severity)
    .map((d) => {
      const where = [d.address, d.range && `${d.range.filename}:${d.range.start.line}`].filter(Boolean).join(", ");
      const detail = d.detail?.split("\n").find((l) => l.trim() !== "");
      return `${d.summary}${where ? ` (${where})` : ""}${detail ? `: ${detail.trim()}` : ""}`;
    });
}

/**
 * The `Error: ...` diagnostics of Terraform's human output (run with -no-color): the summary,
 * plus the first line of the detail paragraph when there is one (the `with`/`on` location and
 * the quoted source lines are left out).
 */
export function errorLines(output: string): string[] {
  const lines = output.split("\n");
  const errors: string[] = [];
  lines.forEach((line, i) => {
    const m = /^[│\s]*Error: (.*)$/.exec(line);
    if (!m) return;
    const end = lines.findIndex((l, j) => j > i && (/^\s*╵/.test(l) || /^[│\s]*Error: /.test(l)));
    const detail = lines
      .slice(i + 1, end === -1 ? i + 12 : end)
      .map((l) => l.replace(/^[│\s]+/, "").trim())
      .find((l) => l !== "" && !/^(with |on )/.test(l) && !/^\d+:/.test(l) && !/^├/.test(l));
    const summary = m[1].trim().replace(/:$/, "");
    errors.push(detail ? `${summary}: ${detail}` : summary);
  });
  if (errors.length === 0 && output.trim() !== "") errors.push(output.trim().split("\n").slice(-3).join(" / "));
  return errors;
}

/** Whether Terraform's output shows a provider trying to reach an AWS endpoint (there is no network offline). */
export function looksLikeAwsCall(output: string): boolean {
  return /dial tcp|no such host|lookup [\w.-]+amazonaws\.com|operation error [A-Z]\w+|RequestError|InvalidClientTokenId|UnrecognizedClientException|send request failed/i.test(output);
}
