/**
 * The term writer behind `write/1`, `writeq/1`, `print/1`,
 * `write_canonical/1`, `write_term/2` and the tracer's pretty sink.
 *
 * Output follows SWI-Prolog's `pl-write.c` and ISO 7.10.5: operators get the
 * fewest brackets that still read back, and a space goes between two tokens
 * only where they would otherwise glue into one (`a= \+b`, `1- -1`, `- 1`).
 *
 * The walk uses an explicit task stack instead of JS recursion, so a
 * million-element list or a 100,000-deep operator chain cannot overflow the
 * JS stack; output is collected in an array of parts joined once.
 *
 * @module
 */
import {
  ATOM,
  BIG,
  DOT,
  FLT,
  INT,
  NIL,
  SLOT,
  STR,
  STRUCT,
  type Term,
  TMPL,
  VAR,
  type Var,
} from "./term.ts";
import type { Operators } from "./operators.ts";
import {
  formatAtom,
  formatFloat,
  isAlnumCode,
  isDigitCode,
  isPunctCode,
  isSymbolCode,
  isVarName,
  lastCodePoint,
  quoteText,
} from "./_write_text.ts";

export { formatAtom, formatFloat };
import { fastFormat } from "./_write_fast.ts";
import { isAcyclic } from "./cycles.ts";

/**
 * Options of {@linkcode formatTerm}, mirroring ISO/SWI `write_term/2` options.
 *
 * @example writeq/1
 * ```ts
 * import type { WriteOptions } from "./writer.ts";
 * import { Operators } from "./operators.ts";
 * const writeq: WriteOptions = { ops: new Operators(), quoted: true, numberVars: true };
 * ```
 */
export interface WriteOptions {
  /** The operator table of the engine. */
  ops: Operators;
  /** Quote atoms and strings that need it, with escapes (`writeq`). */
  quoted?: boolean;
  /** Write operator terms in functional notation (`write_canonical`); lists stay `[a,b]`. */
  ignoreOps?: boolean;
  /** Write `'$VAR'(N)` as `A`..`Z`, `A1`, ... and `'$VAR'('Foo')` as `Foo`. */
  numberVars?: boolean;
  /** Write `{}(X)` as `{X}` (SWI's `brace_terms`); true by default. */
  braceTerms?: boolean;
  /** 0 = unlimited; deeper subterms print as `...` and long lists end in `|...]` (SWI rules). */
  maxDepth?: number;
  /** 0 = unlimited; lists show at most this many elements, then `|...]`. */
  maxListItems?: number;
  /** When false, list elements do not count as nesting for `maxDepth` (the tracer caps lists with `maxListItems` instead). Default true (SWI). */
  listDepth?: boolean;
  /** Context priority of the whole term (`priority(P)`); 1200 by default. */
  priority?: number;
  /** Names unbound variables; by default `_G<n>`, `n` distinct per variable. */
  varName?: (v: Var) => string;
}

/**
 * Formats a term as text.
 *
 * @param t The term (bound variables are followed).
 * @param opts How to write it.
 * @returns The text.
 * @example writeq-style output
 * ```ts
 * import { formatTerm } from "./writer.ts";
 * import { Operators } from "./operators.ts";
 * import { mkAtom, mkInt, mkStruct } from "./term.ts";
 * const ops = new Operators();
 * const t = mkStruct("-", [mkInt(1), mkInt(-1)]);
 * console.log(formatTerm(t, { ops, quoted: true })); // 1- -1
 * console.log(formatTerm(mkAtom("hello world"), { ops, quoted: true })); // 'hello world'
 * console.log(formatTerm(t, { ops, ignoreOps: true })); // -(1,-1)
 * ```
 */
export function formatTerm(t: Term, opts: WriteOptions): string {
  if (
    opts.ignoreOps !== true && opts.numberVars !== true &&
    (opts.listDepth === false || (opts.maxDepth ?? 0) === 0)
  ) {
    const fast = fastFormat(t, {
      ops: opts.ops,
      quoted: opts.quoted ?? false,
      maxDepth: opts.maxDepth ?? 0,
      maxItems: opts.maxListItems ?? 0,
      varName: opts.varName ?? defaultVarName,
    }, opts.priority ?? 1200);
    if (fast !== null) return fast;
  }
  return formatTermGeneral(t, opts);
}

/**
 * The general writer alone, without the fast path (tests compare the two).
 *
 * @param t The term.
 * @param opts How to write it.
 * @returns The text.
 */
export function formatTermGeneral(t: Term, opts: WriteOptions): string {
  // A cyclic term (`X = f(X)` without occurs check) is infinite: write it
  // to a bounded depth, as SWI-Prolog's toplevel does.
  if (!isAcyclic(t)) {
    const capped = { ...opts, maxDepth: opts.maxDepth || CYCLIC_DEPTH };
    return new Writer(capped).run(t, opts.priority ?? 1200, CYCLIC_STEPS);
  }
  return new Writer(opts).run(t, opts.priority ?? 1200);
}

/** Depth and work bounds for writing a cyclic term. */
const CYCLIC_DEPTH = 50;
const CYCLIC_STEPS = 20000;

/** Flags on the last token, as SWI's `C_PREFIX_OP` etc.: they change spacing. */
const F_PREFIX_OP = 1; // after a prefix operator: `- (a,b)`, not `-(a,b)`
const F_PREFIX_SIGN = 2; // after prefix `-`: `- 1`, not the integer `-1`
const F_INFIX_OP = 4; // after an infix operator: `a-(b:-c)` needs no space

/** Task kinds on the writer's explicit stack. */
const K_TERM = 0; // write a term: val, prec, depth
const K_OPERAND = 1; // same, as an operator's operand (operator atoms get brackets)
const K_RAW = 2; // emit val (a string) as is
const K_INFIX = 3; // emit infix operator val (a string)
const K_ATOM = 4; // emit atom val (a string) as a token
const K_LIST = 5; // continue a list: val is the tail, prec holds the item count

const BLOCK = 1024;

/** Quoted atom texts, cached: writing a term repeats the same few atoms. */
const quotedCache = new Map<string, string>();

function quotedAtom(name: string): string {
  let text = quotedCache.get(name);
  if (text === undefined) {
    if (quotedCache.size >= 4096) quotedCache.clear();
    text = formatAtom(name, true);
    quotedCache.set(name, text);
  }
  return text;
}

/**
 * Print numbers of unbound variables, given on first print. Serials cannot
 * name variables: the variables of one clause frame share its serial.
 */
const printIds = new WeakMap<Var, number>();
let lastPrintId = 0;

function defaultVarName(v: Var): string {
  let id = printIds.get(v);
  if (id === undefined) printIds.set(v, id = ++lastPrintId);
  return `_G${id}`;
}

function isNumber(t: Term): boolean {
  return t.tag === INT || t.tag === BIG || t.tag === FLT;
}

/** One formatting run; see {@linkcode formatTerm}. */
class Writer {
  /**
   * Output goes into a fixed block joined every `BLOCK` parts: one array of
   * millions of tiny strings grows and joins several times slower.
   */
  #block: string[] = [];
  #chunks: string[] = [];
  /** Last code point emitted, or -1 before the first token. */
  #last = -1;
  #flags = 0;
  #kinds: number[] = [];
  #vals: (Term | string)[] = [];
  #precs: number[] = [];
  #depths: number[] = [];
  #ops: Operators;
  #quoted: boolean;
  #ignoreOps: boolean;
  #numberVars: boolean;
  #braceTerms: boolean;
  #maxDepth: number;
  #listDepth: boolean;
  #maxItems: number;
  #varName: (v: Var) => string;

  constructor(opts: WriteOptions) {
    this.#ops = opts.ops;
    this.#quoted = opts.quoted ?? false;
    this.#ignoreOps = opts.ignoreOps ?? false;
    this.#numberVars = opts.numberVars ?? false;
    this.#braceTerms = opts.braceTerms ?? true;
    this.#maxDepth = opts.maxDepth ?? 0;
    this.#maxItems = opts.maxListItems ?? 0;
    this.#listDepth = opts.listDepth ?? true;
    this.#varName = opts.varName ?? defaultVarName;
  }

  run(t: Term, prec: number, limit = Infinity): string {
    this.#push(K_TERM, t, prec, 1);
    const kinds = this.#kinds;
    let steps = 0;
    while (kinds.length > 0) {
      if (++steps > limit) {
        // Only for cyclic terms: stop after a bounded amount of output.
        this.#emit("...");
        break;
      }
      const kind = kinds.pop()!;
      const val = this.#vals.pop()!;
      const prec = this.#precs.pop()!;
      const depth = this.#depths.pop()!;
      switch (kind) {
        case K_TERM:
        case K_OPERAND:
          this.#term(val as Term, prec, depth, kind === K_OPERAND);
          break;
        case K_RAW:
          this.#raw(val as string);
          break;
        case K_INFIX:
          this.#infixOp(val as string);
          break;
        case K_ATOM:
          this.#atom(val as string);
          break;
        case K_LIST:
          this.#listRest(val as Term, prec, depth);
          break;
      }
    }
    const tail = this.#block.join("");
    if (this.#chunks.length === 0) return tail;
    this.#chunks.push(tail);
    return this.#chunks.join("");
  }

  #emit(s: string): void {
    const block = this.#block;
    block.push(s);
    if (block.length === BLOCK) {
      this.#chunks.push(block.join(""));
      block.length = 0;
    }
  }

  #push(kind: number, val: Term | string, prec: number, depth: number): void {
    this.#kinds.push(kind);
    this.#vals.push(val);
    this.#precs.push(prec);
    this.#depths.push(depth);
  }

  // --- emitting -----------------------------------------------------------

  /** Emits `s` with no spacing check; clears the token flags. */
  #raw(s: string): void {
    if (s.length === 0) return;
    this.#emit(s);
    this.#last = lastCodePoint(s);
    this.#flags = 0;
  }

  /** Emits a token, after a space if it would glue to the previous one. */
  #token(s: string): boolean {
    if (s.length === 0) return false;
    const spaced = this.#needSpace(s.codePointAt(0)!);
    if (spaced) this.#emit(" ");
    this.#raw(s);
    return spaced;
  }

  /** SWI's `needSpace()`: would `c` glue to the last emitted token? */
  #needSpace(c: number): boolean {
    const last = this.#last;
    const flags = this.#flags;
    if (last < 0 || last === 32) return false;
    if ((flags & F_PREFIX_SIGN) !== 0 && (isDigitCode(c) || isSymbolCode(c))) return true;
    if ((flags & F_PREFIX_OP) !== 0 && (c === 40 || c === 123)) return true; // ( {
    // `a-(b)` is fine, but `x rem(b)` would read as a compound rem/1.
    if ((flags & F_INFIX_OP) !== 0 && c === 40) return isAlnumCode(last);
    if (isAlnumCode(last) && isAlnumCode(c)) return true;
    if (isSymbolCode(last) && isSymbolCode(c)) return true;
    if (c === 40 && !isPunctCode(last)) return true;
    if (c === 39 && isDigitCode(last)) return true; // 0'c
    if ((c === 39 || c === 34) && last === c) return true;
    return false;
  }

  #atom(name: string): boolean {
    return this.#token(this.#quoted ? quotedAtom(name) : name);
  }

  #infixOp(name: string): void {
    if (name === ",") this.#raw(",");
    else if (name === "|") this.#raw("|");
    else if (this.#atom(name)) this.#raw(" "); // spaced before, so after too: `1 rem 2`
    this.#flags |= F_INFIX_OP;
  }

  // --- terms --------------------------------------------------------------

  #term(t: Term, prec: number, depth: number, operand: boolean): void {
    while (t.tag === VAR && t.ref !== null) t = t.ref;
    if (this.#maxDepth > 0 && depth > this.#maxDepth) {
      this.#token("...");
      return;
    }
    switch (t.tag) {
      case VAR:
        this.#token(this.#varName(t));
        return;
      case ATOM:
        // An operator atom as an operand is bracketed: `- (-)`, `(-)-(-)`.
        if (operand && this.#ops.isOp(t.name)) {
          this.#token("(");
          this.#atom(t.name);
          this.#raw(")");
        } else {
          this.#atom(t.name);
        }
        return;
      case INT:
        this.#token(String(t.val));
        return;
      case BIG:
        this.#token(t.val.toString());
        return;
      case FLT:
        this.#token(formatFloat(t.val));
        return;
      case STR:
        if (this.#quoted) this.#token(quoteText(t.val, '"'));
        else this.#raw(t.val);
        return;
      case SLOT:
        this.#token(t.name !== "" ? t.name : `_S${t.index}`);
        return;
      case STRUCT:
      case TMPL: // a compiled clause's compound: written like a compound
        this.#struct(t.fn.name.name, t.args, prec, depth);
        return;
    }
  }

  #struct(name: string, args: Term[], prec: number, depth: number): void {
    const n = args.length;
    const d = depth + 1;
    if (n === 1 && this.#numberVars && name === "$VAR" && this.#numberVar(args[0])) return;
    if (n === 1 && name === "{}" && this.#braceTerms) {
      this.#token("{");
      this.#push(K_RAW, "}", 0, 0);
      this.#push(K_TERM, args[0], 1200, d);
      return;
    }
    if (n === 2 && name === ".") {
      this.#raw("[");
      this.#push(K_LIST, args[1], 1, depth);
      this.#push(K_TERM, args[0], 999, d);
      return;
    }
    if (!this.#ignoreOps && (n === 1 || n === 2) && this.#operator(name, args, prec, d)) return;
    // Functional notation. `[]` and `{}` are quoted as functors so that
    // `'[]'(x)` reads back in a strict ISO reader.
    if (this.#quoted && (name === "[]" || name === "{}")) this.#token(`'${name}'`);
    else this.#atom(name);
    this.#raw("(");
    this.#push(K_RAW, ")", 0, 0);
    for (let i = n - 1; i > 0; i--) {
      this.#push(K_TERM, args[i], 999, d);
      this.#push(K_RAW, ",", 0, 0);
    }
    if (n > 0) this.#push(K_TERM, args[0], 999, d);
  }

  /** Writes `name(args)` in operator notation if it is an operator; ISO 7.10.5 (h). */
  #operator(name: string, args: Term[], prec: number, d: number): boolean {
    const ops = this.#ops;
    if (args.length === 2) {
      const op = ops.infix(name);
      if (op === undefined) return false;
      const p = op.priority;
      const left = op.type === "yfx" ? p : p - 1;
      const right = op.type === "xfy" ? p : p - 1;
      if (p > prec) {
        this.#token("(");
        this.#push(K_RAW, ")", 0, 0);
      }
      this.#push(K_OPERAND, args[1], right, d);
      this.#push(K_INFIX, name, 0, 0);
      this.#push(K_OPERAND, args[0], left, d);
      return true;
    }
    const pre = ops.prefix(name);
    if (pre !== undefined) {
      const p = pre.priority;
      let arg = args[0];
      while (arg.tag === VAR && arg.ref !== null) arg = arg.ref;
      if (p > prec && (name === "-" || name === "+") && isNumber(arg)) {
        // Brackets around `- 1` would do too; SWI writes `-(1)^2`.
        this.#atom(name);
        this.#raw("(");
        this.#push(K_RAW, ")", 0, 0);
        this.#push(K_TERM, arg, 999, d);
        return true;
      }
      if (p > prec) {
        this.#token("(");
        this.#push(K_RAW, ")", 0, 0);
      }
      this.#atom(name);
      this.#flags = name === "-" ? F_PREFIX_OP | F_PREFIX_SIGN : F_PREFIX_OP;
      this.#push(K_OPERAND, arg, pre.type === "fy" ? p : p - 1, d);
      return true;
    }
    const post = ops.postfix(name);
    if (post === undefined) return false;
    const p = post.priority;
    if (p > prec) {
      this.#token("(");
      this.#push(K_RAW, ")", 0, 0);
    }
    this.#push(K_ATOM, name, 0, 0);
    this.#push(K_OPERAND, args[0], post.type === "yf" ? p : p - 1, d);
    return true;
  }

  /**
   * Continues a list after `count` items. As in SWI-Prolog, every element
   * counts one level of depth, so `max_depth(3)` prints `[1,2|...]`.
   */
  #listRest(tail: Term, count: number, depth: number): void {
    while (tail.tag === VAR && tail.ref !== null) tail = tail.ref;
    if (tail === NIL) {
      this.#raw("]");
      return;
    }
    const d = this.#listDepth ? depth + 1 : depth;
    if (
      (this.#maxDepth > 0 && this.#listDepth && d >= this.#maxDepth) ||
      (this.#maxItems > 0 && count >= this.#maxItems)
    ) {
      this.#raw("|...]");
      return;
    }
    if ((tail.tag === STRUCT || tail.tag === TMPL) && tail.fn === DOT) {
      this.#raw(",");
      this.#push(K_LIST, tail.args[1], count + 1, d);
      this.#push(K_TERM, tail.args[0], 999, d + 1);
      return;
    }
    this.#raw("|");
    this.#push(K_RAW, "]", 0, 0);
    this.#push(K_TERM, tail, 999, d + 1);
  }

  /** `'$VAR'(N)` as `A`..`Z`, `A1`..; `'$VAR'('Name')` as `Name`. */
  #numberVar(arg: Term): boolean {
    while (arg.tag === VAR && arg.ref !== null) arg = arg.ref;
    if (arg.tag === INT || arg.tag === BIG) {
      const n = BigInt(arg.val);
      if (n < 0n) {
        this.#token(`S_${-n}`);
      } else {
        const letter = String.fromCharCode(65 + Number(n % 26n));
        const round = n / 26n;
        this.#token(round === 0n ? letter : letter + round);
      }
      return true;
    }
    if (arg.tag === ATOM && isVarName(arg.name)) {
      this.#token(arg.name);
      return true;
    }
    return false;
  }
}
