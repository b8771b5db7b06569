/**
 * The term reader (ISO 6.2, 6.3): {@linkcode Reader} reads clause after
 * clause from a text, {@linkcode readTerm} reads exactly one term. Both parse
 * with one engine's {@linkcode Operators} and `double_quotes` flag.
 *
 * @module
 */
import { Parser } from "./_read_parser.ts";
import type { DoubleQuotes } from "./flags.ts";
import { TokenKind } from "./lexer.ts";
import type { Operators } from "./operators.ts";
import { EOF, type Term, type Var } from "./term.ts";

/**
 * How to read: the operator table and the `double_quotes` flag.
 *
 * @example
 * ```ts
 * import type { ReadOptions } from "./parser.ts";
 * import { Operators } from "./operators.ts";
 * const opts: ReadOptions = { ops: new Operators(), doubleQuotes: "chars" };
 * ```
 */
export interface ReadOptions {
  /** The operators in force. */
  ops: Operators;
  /** How `"text"` is read; `"codes"` (the ISO default) when absent. */
  doubleQuotes?: DoubleQuotes;
  /**
   * The deepest nesting of subterms read (2^24 when absent). Nesting costs
   * heap, not JS stack, so this only bounds the reader's memory: deeper
   * input raises `resource_error(memory)`.
   */
  maxDepth?: number;
}

/**
 * One term read, with its variables (ISO 8.14.1 `read_term/2` options).
 *
 * @example
 * ```ts
 * import { readTerm } from "./parser.ts";
 * import { Operators } from "./operators.ts";
 * const r = readTerm("f(X, Y, X)", { ops: new Operators() });
 * console.log(r.varNames.map(([n]) => n), r.singletons.map(([n]) => n)); // ["X", "Y"] ["Y"]
 * ```
 */
export interface ReadResult {
  /** The term read, or the atom `end_of_file` at the end of the text. */
  term: Term;
  /** Named variables (not `_`) in order of first occurrence: `variable_names`. */
  varNames: [string, Var][];
  /** Named variables occurring once, except those starting with `_`: `singletons`. */
  singletons: [string, Var][];
  /** Every variable, anonymous ones included, in order of first occurrence: `variables`. */
  variables: Var[];
  /** 1-based line of the term's first token. */
  line: number;
  /** 1-based column of the term's first token. */
  column: number;
}

/**
 * Reads clause after clause from one text, as `consult/1` does.
 *
 * @example Reading every clause, skipping a broken one
 * ```ts
 * import { Reader } from "./parser.ts";
 * import { Operators } from "./operators.ts";
 * const r = new Reader("a. b c. d.", { ops: new Operators() });
 * const names: string[] = [];
 * for (;;) {
 *   try {
 *     const res = r.next();
 *     if (res === null) break;
 *     names.push(String((res.term as { name?: string }).name));
 *   } catch {
 *     r.skipToEnd();
 *   }
 * }
 * console.log(names); // ["a", "d"]
 * ```
 */
export class Reader {
  #p: Parser;

  /**
   * Creates a reader over `text`.
   *
   * @param text The source text.
   * @param opts Operators and flags.
   */
  constructor(text: string, opts: ReadOptions) {
    this.#p = new Parser(text, opts);
  }

  /**
   * Reads the next clause, which must end with an end token (`. `).
   *
   * @returns The term and its variables, or `null` at the end of the text.
   * @throws {PrologThrow} `syntax_error` on bad input; call {@linkcode Reader.skipToEnd} to go on.
   * @example
   * ```ts
   * import { Reader } from "./parser.ts";
   * import { Operators } from "./operators.ts";
   * const r = new Reader("x.\n", { ops: new Operators() });
   * console.log(r.next()?.line, r.next()); // 1 null
   * ```
   */
  next(): ReadResult | null {
    const p = this.#p;
    p.begin();
    const first = p.peek();
    if (first.kind === TokenKind.EOF) return null;
    const term = p.parse(1200);
    const t = p.peek();
    if (t.kind !== TokenKind.End) p.unexpected(t);
    p.take();
    p.offset = t.end;
    return p.result(term, first);
  }

  /**
   * Offset just after the last end token consumed, including the one layout
   * character that ends it.
   *
   * @example
   * ```ts
   * import { Reader } from "./parser.ts";
   * import { Operators } from "./operators.ts";
   * const r = new Reader("a. b.", { ops: new Operators() });
   * r.next();
   * console.log(r.offset); // 3
   * ```
   */
  get offset(): number {
    return this.#p.offset;
  }

  /**
   * After a syntax error, skips to just past the next end token so that
   * {@linkcode Reader.next} reads the following clause.
   *
   * @example
   * ```ts
   * import { Reader } from "./parser.ts";
   * import { Operators } from "./operators.ts";
   * const r = new Reader("a b. c.", { ops: new Operators() });
   * try { r.next(); } catch { r.skipToEnd(); }
   * console.log(r.next()?.term); // Atom c
   * ```
   */
  skipToEnd(): void {
    this.#p.skipToEnd();
  }
}

/**
 * Reads exactly one term from `text`: the final `.` is optional, layout and
 * comments may follow, anything else is a syntax error. An empty text reads
 * as `end_of_file`.
 *
 * @param text The source text.
 * @param opts Operators and flags.
 * @returns The term and its variables.
 * @throws {PrologThrow} `syntax_error` on bad input.
 * @example
 * ```ts
 * import { readTerm } from "./parser.ts";
 * import { Operators } from "./operators.ts";
 * import type { Struct } from "./term.ts";
 * const t = readTerm("a :- b, c", { ops: new Operators() }).term as Struct;
 * console.log(t.fn.indicator); // ":-/2"
 * ```
 */
export function readTerm(text: string, opts: ReadOptions): ReadResult {
  const p = new Parser(text, opts);
  p.begin();
  const first = p.peek();
  if (first.kind === TokenKind.EOF) return p.result(EOF, first);
  const term = p.parse(1200);
  let t = p.peek();
  if (t.kind === TokenKind.End) {
    p.take();
    t = p.peek();
    if (t.kind !== TokenKind.EOF) p.fail(t, "end of file expected");
  } else if (t.kind !== TokenKind.EOF) {
    p.unexpected(t);
  }
  return p.result(term, first);
}
