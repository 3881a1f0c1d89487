/**
 * A small evaluator of the GitHub Actions expressions the example workflow's `if:` conditions use,
 * so tests can play its job graph through events and failures. The subset: `&&`, `||`, `!`,
 * parentheses, `==`, `!=`, `>`, `<`, string (single-quoted) and number literals, property paths
 * with `*` (`needs.*.result`), and the functions `cancelled()`, `success()`, `failure()`,
 * `always()`, `contains()`, `fromJSON()`. Anything else throws, so a condition outside the subset
 * fails the test instead of being guessed. Outside __tests__ so jest does not collect it.
 */

/** What a condition can read. */
export interface ExpressionContext {
  readonly github: Record<string, unknown>;
  readonly vars: Record<string, string>;
  /** Each needed job's `result` and `outputs`. */
  readonly needs: Record<string, { result: string; outputs: Record<string, string> }>;
  /** Whether the run was cancelled. */
  readonly cancelled: boolean;
}

type Token = { kind: "op" | "string" | "number" | "ident"; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= text.length) throw new Error(`unterminated string in ${text}`);
        if (text[j] === "'" && text[j + 1] === "'") {
          value += "'";
          j += 2;
        } else if (text[j] === "'") break;
        else value += text[j++];
      }
      tokens.push({ kind: "string", value });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ kind: "number", value: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i))!;
      tokens.push({ kind: "ident", value: m[0] });
      i += m[0].length;
    } else {
      const op = ["&&", "||", "==", "!=", ">=", "<="].find((o) => text.startsWith(o, i)) ?? (/[!().,*<>]/.test(c) ? c : undefined);
      if (!op) throw new Error(`unsupported character ${c} in ${text}`);
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  return tokens;
}

/** GitHub's loose equality: strings compare case-insensitively; numbers and strings by number. */
function equal(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  return a === b;
}

/** GitHub's falsy values: false, 0, -0, "", null, NaN (and a missing property, null here). */
export function truthy(v: unknown): boolean {
  return !(v === false || v === 0 || v === "" || v === null || v === undefined || Number.isNaN(v));
}

/** Evaluates `${{ expression }}` (or a bare expression, as `if:` allows) against `context`. */
export function evaluate(condition: string, context: ExpressionContext): unknown {
  const source = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (value?: string) => (pos < tokens.length && (value === undefined || tokens[pos].value === value) ? tokens[pos] : undefined);
  const expect = (value: string) => {
    if (!peek(value)) throw new Error(`expected ${value} at token ${pos} of ${source}`);
    pos++;
  };

  // Each parse function returns a thunk, so `&&` and `||` evaluate their right side only when
  // they need it, as GitHub does (`needs.synth.result == 'success' && fromJSON(...)`).
  type Thunk = () => unknown;
  const or = (): Thunk => {
    let left = and();
    while (peek("||")) {
      pos++;
      const [l, r] = [left, and()];
      left = () => {
        const v = l();
        return truthy(v) ? v : r();
      };
    }
    return left;
  };
  const and = (): Thunk => {
    let left = comparison();
    while (peek("&&")) {
      pos++;
      const [l, r] = [left, comparison()];
      left = () => {
        const v = l();
        return truthy(v) ? r() : v;
      };
    }
    return left;
  };
  const comparison = (): Thunk => {
    const left = unary();
    const op = peek("==") ?? peek("!=") ?? peek(">") ?? peek("<") ?? peek(">=") ?? peek("<=");
    if (!op) return left;
    pos++;
    const right = unary();
    return () => {
      const [a, b] = [left(), right()];
      switch (op.value) {
        case "==":
          return equal(a, b);
        case "!=":
          return !equal(a, b);
        case ">":
          return Number(a) > Number(b);
        case "<":
          return Number(a) < Number(b);
        case ">=":
          return Number(a) >= Number(b);
        default:
          return Number(a) <= Number(b);
      }
    };
  };
  const unary = (): Thunk => {
    if (peek("!")) {
      pos++;
      const operand = unary();
      return () => !truthy(operand());
    }
    return postfix(primary());
  };
  const postfix = (base: Thunk): Thunk => {
    let current = base;
    while (peek(".")) {
      pos++;
      const previous = current;
      if (peek("*")) {
        pos++;
        current = () => Object.values(previous() as Record<string, unknown>);
        continue;
      }
      const name = tokens[pos++].value;
      current = () => {
        const v = previous();
        return Array.isArray(v) ? v.map((x) => (x as Record<string, unknown>)?.[name]) : (v as Record<string, unknown> | undefined)?.[name];
      };
    }
    return current;
  };
  const call = (name: string): Thunk => {
    expect("(");
    const args: Thunk[] = [];
    while (!peek(")")) {
      args.push(or());
      if (peek(",")) pos++;
    }
    expect(")");
    const results = () => Object.values(context.needs).map((n) => n.result);
    switch (name) {
      case "cancelled":
        return () => context.cancelled;
      case "always":
        return () => true;
      case "success":
        return () => !context.cancelled && results().every((r) => r === "success");
      case "failure":
        return () => results().some((r) => r === "failure");
      case "contains":
        return () => {
          const [haystack, needle] = [args[0](), args[1]()];
          return Array.isArray(haystack) ? haystack.some((v) => equal(v, needle)) : String(haystack).toLowerCase().includes(String(needle).toLowerCase());
        };
      case "fromJSON":
        return () => JSON.parse(String(args[0]()));
      default:
        throw new Error(`unsupported function ${name} in ${source}`);
    }
  };
  const primary = (): Thunk => {
    const token = tokens[pos++];
    if (!token) throw new Error(`unexpected end of ${source}`);
    if (token.kind === "string") return () => token.value;
    if (token.kind === "number") return () => Number(token.value);
    if (token.value === "(") {
      const inner = or();
      expect(")");
      return inner;
    }
    if (token.kind === "ident") {
      if (peek("(")) return call(token.value);
      if (token.value === "true") return () => true;
      if (token.value === "false") return () => false;
      if (token.value === "null") return () => null;
      const roots: Record<string, unknown> = { github: context.github, vars: context.vars, needs: context.needs };
      if (!(token.value in roots)) throw new Error(`unsupported context ${token.value} in ${source}`);
      return () => roots[token.value];
    }
    throw new Error(`unexpected ${token.value} in ${source}`);
  };

  const expression = or();
  if (pos !== tokens.length) throw new Error(`unparsed rest of ${source} at token ${pos}`);
  return expression();
}
