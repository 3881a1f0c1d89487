/**
 * Reads an environments file as YAML without trusting it: a bounded read, strict UTF-8, no
 * control characters, a nesting limit checked while parsing (before anything recurses), duplicate
 * keys, aliases (their count, their expansion, aliases of their own ancestor) and tags checked on
 * the parsed tree before it becomes a plain value. Every failure is a ModelError that names the
 * line; nothing here throws anything else for any input. No constructs.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import {
  Composer,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  type Document,
  type Node as YamlNode,
} from "yaml";
import { clip, describeValue, formatPath, ModelError, type FilePath } from "./problems";

/**
 * Largest environments file read, in bytes. The default organization is 2 KB and a generated
 * 250-environment file 138 KB (about 550 bytes an environment), so 512 KiB holds about 950
 * environments; yaml parses 100,000 list items in about 3 s here, so a hostile file of the
 * largest size still fails within seconds.
 */
export const MAX_FILE_BYTES = 512 * 1024;
/**
 * Deepest nesting of maps and lists (the YAML parser's stack). The deepest path the schema has,
 * `environments.<name>.eks.nodeGroups[i].taints[j].key`, needs about a dozen.
 */
export const MAX_NESTING = 64;
/** Most aliases (`*name`) a file may use: sharing an admin list or tags across environments needs a handful per environment. */
export const MAX_ALIASES = 1000;
/**
 * Most values the aliases may add when expanded. Aliases of aliases grow exponentially (the
 * "billion laughs" attack: nine aliases of nine aliases of ... ); a real file stays far below.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/** YAML's core tags; any other (`!!binary`, `!!set`, `!!timestamp`, `!custom`) has no meaning in the file. */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/** A parsed file: its plain value and where each path is written. */
export interface YamlSource {
  /** The file as plain JSON-like data: objects, arrays, strings, numbers, booleans, null. */
  readonly value: unknown;
  /** 1-based line of the key (or list item) a path names, else of the nearest ancestor written in the file. */
  lineOf(path: FilePath): number | undefined;
  /** The text written for the scalar at a path (`1.30` where YAML read the number 1.3). */
  sourceOf(path: FilePath): string | undefined;
}

/** Reads at most MAX_FILE_BYTES + 1 bytes of a file (also a pipe or a device), with a message a person can act on. */
export function readFileBounded(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new ModelError(path, [readFailure(e)]);
  }
  try {
    if (fstatSync(fd).isDirectory()) {
      throw new ModelError(path, ["the path is a directory; give the path of the environments file itself (a .yaml file)"]);
    }
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_FILE_BYTES) throw new ModelError(path, [tooBig(`more than ${MAX_FILE_BYTES} bytes`)]);
    }
    return buffer.subarray(0, length);
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError(path, [readFailure(e)]);
  } finally {
    closeSync(fd);
  }
}

function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "the file does not exist; check the path (PLATFORM_CONFIG, or the argument given to the loader)";
  if (code === "EACCES" || code === "EPERM") return "the file cannot be read: permission denied; make the file readable for this user";
  if (code === "EISDIR") return "the path is a directory; give the path of the environments file itself (a .yaml file)";
  return `the file cannot be read (${code ?? (e as Error).message}); check the path`;
}

function tooBig(size: string): string {
  return `the file is ${size}, over the ${MAX_FILE_BYTES}-byte limit of an environments file (a 250-environment file is about 140 KB); is this the right file?`;
}

/** The text of a file's bytes: UTF-8 (a byte-order mark is dropped), else a ModelError naming the line of the first bad byte. */
export function decodeText(bytes: Buffer, source: string): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new ModelError(source, ["the file is UTF-16 text; save it as UTF-8 (YAML files are UTF-8)"]);
  }
  const text = bytes.toString("utf8");
  const roundTrip = Buffer.from(text, "utf8");
  if (!roundTrip.equals(bytes)) {
    let at = 0;
    while (at < bytes.length && bytes[at] === roundTrip[at]) at++;
    const line = lineOfOffset(bytes, at);
    throw new ModelError(source, [
      `line ${line}: byte 0x${bytes[at].toString(16).padStart(2, "0")} is not UTF-8; save the file as UTF-8 text (is it a binary file?)`,
    ]);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineOfOffset(bytes: Buffer | string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10 || bytes[i] === "\n") line++;
  return line;
}

/** Parses the text of an environments file; throws ModelError with every problem found. */
export function parseYamlSource(text: string, source: string): YamlSource {
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) throw new ModelError(source, [tooBig(`${Buffer.byteLength(text, "utf8")} bytes`)]);
  // YAML allows tab, LF and CR among the C0 controls, and no DEL; anything else means binary data.
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase();
    throw new ModelError(source, [
      `line ${lineOfOffset(text, control.index)}: the control character U+${code} is not allowed in YAML; is this a binary file? An environments file is YAML text`,
    ]);
  }

  const lines = new LineCounter();
  const doc = parseDocument(text, lines, source);
  const lineAt = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  const fail = (problems: string[]): never => {
    throw new ModelError(source, problems);
  };

  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        return `line ${line}, column ${col}: ${message}`;
      }),
    );
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)) {
    fail([
      "the file is empty; an environments file needs organization, region, state, dns and environments (start from src/model/default-environments.yaml)",
    ]);
  }

  const problems = checkTree(doc, lineAt);
  if (problems.length > 0) fail(problems);

  // Aliases are counted, bounded and acyclic (checkTree), so resolving them needs no limit of yaml's own.
  const value: unknown = doc.toJS({ maxAliasCount: -1 });

  const nodeAt = (path: FilePath): { node: unknown; line: number | undefined } => {
    let node: unknown = doc.contents;
    let line = lineAt(node);
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(part));
        if (!pair) return { node: undefined, line };
        line = lineAt(pair.key) ?? lineAt(pair.value) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof part === "number" && node.items[part] !== undefined) {
        node = node.items[part];
        line = lineAt(node) ?? line;
      } else {
        return { node: undefined, line };
      }
    }
    return { node, line };
  };
  return {
    value,
    lineOf: (path) => nodeAt(path).line,
    sourceOf: (path) => {
      const { node } = nodeAt(path);
      return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
  };
}

/**
 * yaml's parseDocument, with the nesting limit checked token by token: the parser keeps its own
 * stack, but the composer after it recurses, so a deep file must be stopped before composing.
 */
function parseDocument(text: string, lines: LineCounter, source: string): Document.Parsed {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_NESTING) {
      throw new ModelError(source, [
        `line ${lines.linePos(parser.offset).line}: maps and lists are nested more than ${MAX_NESTING} levels deep; an environments file needs about a dozen, so look for unclosed [ or { or runaway indentation`,
      ]);
    }
  }
  tokens.push(...parser.end());
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!doc) {
      doc = next;
      continue;
    }
    const line = lines.linePos(next.range[0]).line;
    throw new ModelError(source, [
      `line ${line}: a second YAML document starts here (after ---); an environments file is one document, so remove the --- line or move that part into its own file`,
    ]);
  }
  return doc!;
}

/** The key of a map entry as the plain value has it (yaml stringifies scalar keys: `1: x` is key "1"). */
function keyText(key: unknown): string | undefined {
  if (key === null) return "";
  if (!isScalar(key)) return undefined;
  return key.value === null ? "" : String(key.value);
}

/** `tag:yaml.org,2002:binary` -> `!!binary`. */
function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/**
 * One pass over the parsed tree, iterative (its depth is bounded, but no recursion is needed):
 * duplicate keys, keys that are not plain names, tags outside YAML's core, values that are not plain data, and aliases that are
 * unresolved, circular, too many, or expand too far. Stops at the first alias limit reached.
 */
function checkTree(doc: Document.Parsed, lineAt: (node: unknown) => number | undefined): string[] {
  const problems: string[] = [];
  const at = (path: FilePath, node: unknown, message: string) => {
    const line = lineAt(node);
    problems.push(`${formatPath(path)}${line ? ` (line ${line})` : ""}: ${message}`);
  };
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  // Values each node stands for once aliases are expanded (a node counts one).
  const size = new Map<unknown, number>();
  let aliases = 0;
  let expansion = 0;
  type Frame = { node: unknown; path: FilePath; exit?: true };
  const stack: Frame[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path, exit } = stack.pop()!;
    if (exit) {
      open.delete(node);
      let total = 1;
      if (isMap(node)) for (const pair of node.items) total += (size.get(pair.key) ?? 0) + (size.get(pair.value) ?? 0);
      if (isSeq(node)) for (const item of node.items) total += size.get(item) ?? 0;
      size.set(node, total);
      continue;
    }
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      aliases++;
      if (aliases > MAX_ALIASES) {
        at(path, node, `more than ${MAX_ALIASES} aliases (*name) in one file; write some of the values out`);
        return problems;
      }
      const target = anchors.get(node.source);
      if (target === undefined) {
        at(path, node, `the alias *${clip(node.source, 40)} has no anchor &${clip(node.source, 40)} before it; define the anchor first, or fix the name`);
        continue;
      }
      if (open.has(target)) {
        at(path, node, `the alias *${clip(node.source, 40)} is inside the value it names, which would never end; point it at another value`);
        continue;
      }
      const added = size.get(target) ?? 1;
      size.set(node, added);
      expansion += added;
      if (expansion > MAX_ALIAS_EXPANSION) {
        at(
          path,
          node,
          `the aliases expand to more than ${MAX_ALIAS_EXPANSION} values (aliases of aliases multiply, as in the "billion laughs" attack); write the values out or alias smaller parts`,
        );
        return problems;
      }
      continue;
    }
    const yamlNode = node as YamlNode;
    if (yamlNode.anchor) anchors.set(yamlNode.anchor, node);
    if (yamlNode.tag && !CORE_TAGS.has(yamlNode.tag)) {
      at(path, node, `the tag ${clip(shortTag(yamlNode.tag), 40)} is not supported in an environments file; remove it and write a plain value`);
      continue;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
        at(path, node, `YAML read ${describeValue(v)} here, which is not plain data (a %YAML 1.1 directive?); write a string or a number`);
      }
      size.set(node, 1);
      continue;
    }
    if (!isCollection(node)) continue;
    open.add(node);
    stack.push({ node, path, exit: true });
    const children: Frame[] = [];
    if (isMap(node)) {
      const seen = new Map<string, unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = keyText(pair.key);
        const childPath = [...path, key ?? "(complex key)"];
        if (key === undefined) {
          // yaml would stringify it (with a process warning); a key of the file is always a name.
          at(path, pair.key, "a list, map or alias as a key is not supported; keys are plain names");
          continue;
        } else {
          const first = seen.get(key);
          if (first !== undefined) {
            const firstLine = lineAt(first);
            at(childPath, pair.key, `is written twice${firstLine ? ` (first at line ${firstLine})` : ""}; keep one`);
          } else seen.set(key, pair.key);
        }
        children.push({ node: pair.key, path: childPath }, { node: pair.value, path: childPath });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => children.push({ node: item, path: [...path, i] }));
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return problems;
}
