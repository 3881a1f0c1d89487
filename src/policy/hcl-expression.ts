/**
 * Reads the argument of a `${jsonencode(...)}` expression, which is how cdktf's Fn.jsonencode
 * synthesizes: HCL object syntax (`{"Effect" = "Allow", "Resource" = aws_s3_bucket.b.arn}`).
 * Only the literal subset is understood: objects, tuples, strings, numbers, booleans, null;
 * any other expression (a reference, a function call) becomes the string `${<expression>}` so
 * that reference resolution still sees it. No constructs.
 */

/** The decoded value of `${jsonencode(<value>)}`, or undefined when `text` is not such an expression or cannot be read. */
export function decodeJsonencode(text: string): unknown {
  const m = /^\s*\$\{\s*jsonencode\(([\s\S]*)\)\s*\}\s*$/.exec(text);
  if (!m) return undefined;
  try {
    const parser = new HclParser(m[1]);
    const value = parser.value();
    parser.end();
    return value;
  } catch {
    return undefined;
  }
}

class HclParser {
  private i = 0;
  constructor(private readonly s: string) {}

  end(): void {
    this.ws();
    if (this.i !== this.s.length) throw new Error(`unexpected ${this.s.slice(this.i, this.i + 10)}`);
  }

  value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.tuple();
    if (c === '"') return this.string();
    const lit = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)(?![\w.\-\[(])/.exec(this.s.slice(this.i));
    if (lit) {
      this.i += lit[0].length;
      return JSON.parse(lit[0]);
    }
    return `\${${this.expression()}}`;
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++; // {
    for (;;) {
      this.ws();
      if (this.s[this.i] === "}") {
        this.i++;
        return out;
      }
      const key = this.s[this.i] === '"' ? this.string() : this.identifier();
      this.ws();
      const sep = this.s[this.i];
      if (sep !== "=" && sep !== ":") throw new Error(`expected = after ${key}`);
      this.i++;
      out[key] = this.value();
      this.ws();
      if (this.s[this.i] === ",") this.i++;
    }
  }

  private tuple(): unknown[] {
    const out: unknown[] = [];
    this.i++; // [
    for (;;) {
      this.ws();
      if (this.s[this.i] === "]") {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ",") this.i++;
    }
  }

  private string(): string {
    let out = "";
    this.i++; // "
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '"') return out;
      if (c === "\\") {
        const e = this.s[this.i++];
        if (e === "u") {
          out += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16));
          this.i += 4;
        } else out += ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[e] ?? e;
      } else out += c;
    }
    throw new Error("unterminated string");
  }

  private identifier(): string {
    const m = /^[A-Za-z_][\w-]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error("expected a key");
    this.i += m[0].length;
    return m[0];
  }

  /** A bare expression up to the next `,` `}` `]` or newline outside brackets and strings. */
  private expression(): string {
    const start = this.i;
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) break;
        depth--;
      } else if ((c === "," || c === "\n") && depth === 0) break;
      this.i++;
    }
    const expr = this.s.slice(start, this.i).trim();
    if (!expr) throw new Error("empty expression");
    return expr;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
}
