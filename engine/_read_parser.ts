/**
 * The operator-precedence parser behind {@linkcode Reader} and
 * {@linkcode readTerm} (ISO 6.3). Private: import `parser.ts` instead.
 *
 * It reads with a loop and an explicit stack ({@linkcode Parser.parse}), never
 * by JS recursion: long clauses and deep nesting (a million levels of
 * brackets, prefix or infix operators) cost heap only, so whatever the writer
 * writes can be read back.
 *
 * @module
 */
import { resourceError, syntaxError } from "./errors.ts";
import { Lexer, type Token, TokenKind } from "./lexer.ts";
import {
  Frame,
  K_ARGS,
  K_CURLY,
  K_INFIX,
  K_LIST,
  K_PAREN,
  K_PREFIX,
  K_TAIL,
  KEPT_FRAMES,
  MAX_DEPTH,
} from "./_read_frames.ts";
import type { Operators } from "./operators.ts";
import type { ReadOptions, ReadResult } from "./parser.ts";
import {
  BIG,
  type BigInt_,
  CURLY,
  Float,
  FLT,
  type Int,
  mkAtom,
  mkInt,
  mkInteger,
  mkList,
  mkStruct,
  PString,
  type Term,
  Var,
} from "./term.ts";

/** Occurrences of one named variable of the term being read. */
interface VarEntry {
  v: Var;
  count: number;
}

const CLOSE_NAMES: Record<string, string> = {
  ")": "unbalanced parenthesis",
  "]": "unbalanced bracket",
  "}": "unbalanced brace",
};

/** Negates the number of a `-` directly followed by a numeric literal (ISO 6.3.4.1). */
function negate(n: Term): Term {
  if (n.tag === FLT) return new Float(-n.val);
  if (n.tag === BIG) return mkInteger(-(n as BigInt_).val);
  return mkInt(-(n as Int).val);
}

/** The list of character codes of `s`. */
function codeList(s: string): Term {
  const items: Term[] = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    items.push(mkInt(cp));
  }
  return mkList(items);
}

/** The list of one-character atoms of `s`. */
function charList(s: string): Term {
  const items: Term[] = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    items.push(mkAtom(String.fromCodePoint(cp)));
  }
  return mkList(items);
}

/** A punctuation token `(`/`)`/... given by its character. */
function isPunct(t: Token, ch: string): boolean {
  return t.kind === TokenKind.Punct && t.text === ch;
}

/** Tokens after which a prefix operator is an atom: `f(-)`, `[-|T]`, `- .`. */
function endsOperand(t: Token): boolean {
  if (t.kind === TokenKind.End || t.kind === TokenKind.EOF) return true;
  if (t.kind !== TokenKind.Punct) return false;
  const c = t.text;
  return c === ")" || c === "]" || c === "}" || c === "," || c === "|";
}

/**
 * The parser proper; `Reader` and `readTerm` in `parser.ts` wrap it. Holds
 * up to two tokens of look-ahead (`#cur`, `#ahead`) between calls, so one
 * instance reads clause after clause.
 *
 * @example
 * ```ts
 * import { Parser } from "./_read_parser.ts";
 * import { Operators } from "./operators.ts";
 * const p = new Parser("X = f(X).", { ops: new Operators() });
 * p.begin();
 * const first = p.peek();
 * const r = p.result(p.parse(1200), first);
 * console.log(r.varNames.length); // 1
 * ```
 */
export class Parser {
  #lex: Lexer;
  #ops: Operators;
  #opts: ReadOptions;
  #cur: Token | null = null;
  #ahead: Token | null = null;
  /** The token a syntax error was reported at. */
  #errTok: Token | null = null;
  /** True when the lexer threw: the bad token must be skipped before going on. */
  #lexFailed = false;
  /** Offset after the last end token consumed. */
  offset = 0;
  // The parse stack: frames [0, #top) wait for subterms; the rest are kept
  // for reuse.
  #frames: Frame[] = [];
  #top = 0;
  #maxDepth: number;
  // The variables of the term being read.
  #varMap = new Map<string, VarEntry>();
  #varNames: [string, Var][] = [];
  #vars: Var[] = [];

  /** Creates a parser over `text`. */
  constructor(text: string, opts: ReadOptions) {
    this.#lex = new Lexer(text);
    this.#ops = opts.ops;
    this.#opts = opts;
    this.#maxDepth = opts.maxDepth ?? MAX_DEPTH;
  }

  /** Forgets the variables and pending state of the previous term. */
  begin(): void {
    if (this.#varMap.size !== 0) this.#varMap.clear();
    this.#varNames = [];
    this.#vars = [];
    // After a syntax error, frames still hold parts of the broken term.
    for (let i = 0; i < this.#top; i++) this.#frames[i].clear();
    this.#top = 0;
    if (this.#frames.length > KEPT_FRAMES) this.#frames.length = KEPT_FRAMES;
    this.#errTok = null;
  }

  /** Builds the result for `term`, whose first token is `first`. */
  result(term: Term, first: Token): ReadResult {
    const singletons: [string, Var][] = [];
    for (const pair of this.#varNames) {
      if (pair[0].charCodeAt(0) !== 95 && this.#varMap.get(pair[0])!.count === 1) {
        singletons.push(pair);
      }
    }
    return {
      term,
      varNames: this.#varNames,
      singletons,
      variables: this.#vars,
      line: first.line,
      column: first.column,
    };
  }

  // --- tokens ---------------------------------------------------------------

  #fetch(): Token {
    if (this.#ahead !== null) {
      const t = this.#ahead;
      this.#ahead = null;
      return t;
    }
    try {
      return this.#lex.next();
    } catch (e) {
      this.#lexFailed = true;
      throw e;
    }
  }

  /** The current token, not consumed. */
  peek(): Token {
    return this.#cur ??= this.#fetch();
  }

  /** Consumes and returns the current token. */
  take(): Token {
    const t = this.#cur ?? this.#fetch();
    this.#cur = null;
    return t;
  }

  /** The token after the current one, not consumed. */
  #peek2(): Token {
    this.peek();
    if (this.#ahead === null) {
      try {
        this.#ahead = this.#lex.next();
      } catch (e) {
        this.#lexFailed = true;
        throw e;
      }
    }
    return this.#ahead;
  }

  /** Reports a syntax error at `t`. */
  fail(t: Token, message: string): never {
    this.#errTok = t;
    throw syntaxError(message, t.line, t.column);
  }

  /** Reports the right error for `t`, found where `close` (or the end) was expected. */
  unexpected(t: Token, close?: string): never {
    switch (t.kind) {
      case TokenKind.End:
        return this.fail(t, "unexpected end of clause");
      case TokenKind.EOF:
        return this.fail(t, "unexpected end of file");
      case TokenKind.Punct: {
        const closer = CLOSE_NAMES[t.text];
        if (closer !== undefined && t.text !== close) this.fail(t, closer);
        if (t.text === "," || t.text === "|") {
          if (close === undefined) this.fail(t, "operator priority clash");
          this.fail(t, t.text === "," ? "unexpected comma" : "unexpected bar");
        }
        break;
      }
      case TokenKind.Name:
        if (this.#ops.infix(t.text) || this.#ops.postfix(t.text)) {
          this.fail(t, "operator priority clash");
        }
    }
    this.fail(t, "operator expected");
  }

  /**
   * After a syntax error: skips to just past the next end token (or to the
   * end of the text), resynchronising the lexer when it was the one that failed.
   */
  skipToEnd(): void {
    let t: Token | null = this.#cur;
    if (this.#lexFailed) {
      this.#lexFailed = false;
      this.#lex.skipBadToken();
      t = null;
      this.#ahead = null;
    } else if (this.#errTok !== null && this.#errTok.kind === TokenKind.End) {
      // The error was at the end token itself: it ends the broken clause.
      this.offset = this.#errTok.end;
      this.#cur = null;
      this.#errTok = null;
      return;
    }
    this.#cur = null;
    this.#errTok = null;
    for (;;) {
      if (t === null) {
        if (this.#ahead !== null) {
          t = this.#ahead;
          this.#ahead = null;
        } else {
          t = this.#lex.recover();
          if (t === null) continue;
        }
      }
      if (t.kind === TokenKind.End) {
        this.offset = t.end;
        return;
      }
      if (t.kind === TokenKind.EOF) {
        this.#cur = t;
        return;
      }
      t = null;
    }
  }

  // --- terms ----------------------------------------------------------------

  /** Pushes a frame waiting for a subterm; the caller then reads that subterm. */
  #push(kind: number, max: number, inArg: boolean, name: string, prio: number): Frame {
    if (this.#top >= this.#maxDepth) throw resourceError("memory");
    let f = this.#frames[this.#top];
    if (f === undefined) this.#frames[this.#top] = f = new Frame();
    this.#top++;
    f.kind = kind;
    f.max = max;
    f.inArg = inArg;
    f.name = name;
    f.prio = prio;
    return f;
  }

  /**
   * Reads a term of priority at most `max` (ISO 6.3).
   *
   * One loop with an explicit stack of {@linkcode Frame}s, no JS recursion:
   * the first half reads a primary term (pushing a frame and starting over
   * when it opens a subterm: a prefix operator's operand, an argument, a list
   * element, a bracketed term), the second applies infix and postfix
   * operators to it and, when none applies, hands the finished subterm to
   * the innermost frame. Nesting depth only costs heap.
   */
  parse(max: number): Term {
    const base = this.#top;
    const ops = this.#ops;
    // True inside an argument or list element, where `,` and `|` end the term.
    let inArg = false;
    let left: Term;
    // Priority of `left`.
    let lp: number;
    operand: for (;;) {
      // --- a primary term, or a frame opening a subterm ---
      const t = this.take();
      switch (t.kind) {
        case TokenKind.Number:
          left = t.value!;
          break;
        case TokenKind.Var:
          left = this.#variable(t.text);
          break;
        case TokenKind.String:
          left = this.#doubleQuoted(t.text);
          break;
        case TokenKind.BackQuote:
          left = codeList(t.text);
          break;
        case TokenKind.Name: {
          const name = t.text;
          if (this.#openArgs(name, max, inArg)) {
            max = 1200;
            inArg = true;
            continue operand;
          }
          const next = this.peek();
          // `-1` is a number, `- 1` is -(1) (ISO 6.3.4.1).
          if (name === "-" && !t.quoted && next.kind === TokenKind.Number && !next.layoutBefore) {
            this.take();
            left = negate(next.value!);
            break;
          }
          const pre = endsOperand(next) ? undefined : ops.prefix(name);
          if (pre === undefined || this.#infixFollows(next)) {
            left = mkAtom(name);
            break;
          }
          const p = pre.priority;
          if (p > max) this.fail(t, "operator priority clash");
          this.#push(K_PREFIX, max, inArg, name, p);
          max = pre.type === "fy" ? p : p - 1;
          continue operand;
        }
        case TokenKind.Punct: {
          const c = t.text;
          if (c === "(" || c === "{") {
            const close = c === "(" ? ")" : "}";
            if (c === "{" && isPunct(this.peek(), close)) {
              this.take();
              if (this.#openArgs("{}", max, inArg)) {
                max = 1200;
                inArg = true;
                continue operand;
              }
              left = mkAtom("{}");
              break;
            }
            // `,` and `|` are operators again inside `( )` and `{ }`.
            this.#push(c === "(" ? K_PAREN : K_CURLY, max, inArg, "", 0);
            max = 1200;
            inArg = false;
            continue operand;
          }
          if (c === "[") {
            if (isPunct(this.peek(), "]")) {
              this.take();
              if (this.#openArgs("[]", max, inArg)) {
                max = 1200;
                inArg = true;
                continue operand;
              }
              left = mkAtom("[]");
              break;
            }
            this.#push(K_LIST, max, inArg, "]", 0).items = [];
            max = 1200;
            inArg = true;
            continue operand;
          }
          return this.fail(t, "illegal start of term");
        }
        case TokenKind.End:
          return this.fail(t, "unexpected end of clause");
        default:
          return this.fail(t, "unexpected end of file");
      }
      lp = 0;
      // --- operators after the operand, then the finished subterm to its frame ---
      for (;;) {
        const t = this.peek();
        let name: string | null = null;
        if (t.kind === TokenKind.Name) name = t.text;
        else if (t.kind === TokenKind.Punct && !inArg && (t.text === "," || t.text === "|")) {
          name = t.text;
        }
        if (name !== null) {
          const inf = ops.infix(name);
          if (inf !== undefined && inf.priority <= max) {
            const p = inf.priority;
            if (lp <= (inf.type === "yfx" ? p : p - 1)) {
              this.take();
              // ISO Cor.2 (and SWI-Prolog): an infix bar reads as `'|'(a, b)`,
              // as the writer writes it; in a body it runs as `;`.
              this.#push(K_INFIX, max, inArg, name, p).left = left;
              max = inf.type === "xfy" ? p : p - 1;
              continue operand;
            }
          }
          const post = t.kind === TokenKind.Name ? ops.postfix(name) : undefined;
          if (post !== undefined && post.priority <= max) {
            const p = post.priority;
            if (lp <= (post.type === "yf" ? p : p - 1)) {
              this.take();
              left = mkStruct(name, [left]);
              lp = p;
              continue;
            }
          }
        }
        if (this.#top === base) return left;
        const f = this.#frames[--this.#top];
        switch (f.kind) {
          case K_INFIX:
            left = mkStruct(f.name, [f.left!, left]);
            f.left = null;
            lp = f.prio;
            break;
          case K_PREFIX:
            left = mkStruct(f.name, [left]);
            lp = f.prio;
            break;
          case K_PAREN:
            this.#close(")");
            lp = 0;
            break;
          case K_CURLY:
            this.#close("}");
            left = mkStruct(CURLY, [left]);
            lp = 0;
            break;
          case K_TAIL:
            this.#close("]");
            left = mkList(f.items!, left);
            f.items = null;
            lp = 0;
            break;
          default: {
            // K_LIST or K_ARGS: one more element or argument, or the end.
            f.items!.push(left);
            const u = this.peek();
            if (u.kind === TokenKind.Punct) {
              if (u.text === ",") {
                this.take();
                this.#top++;
                max = 1200;
                inArg = true;
                continue operand;
              }
              if (u.text === (f.kind === K_LIST ? "]" : ")")) {
                this.take();
                left = f.kind === K_LIST ? mkList(f.items!) : mkStruct(f.name, f.items!);
                f.items = null;
                lp = 0;
                break;
              }
              if (u.text === "|" && f.kind === K_LIST) {
                this.take();
                f.kind = K_TAIL;
                this.#top++;
                max = 1200;
                inArg = true;
                continue operand;
              }
            }
            this.unexpected(u, f.kind === K_LIST ? "]" : ")");
          }
        }
        max = f.max;
        inArg = f.inArg;
      }
    }
  }

  /**
   * After the name `name` (or `[]`, `{}`): when `(` follows directly
   * (functional notation), consumes it and pushes the frame for the
   * arguments.
   */
  #openArgs(name: string, max: number, inArg: boolean): boolean {
    const next = this.peek();
    if (next.kind !== TokenKind.Punct || next.text !== "(" || next.layoutBefore) return false;
    this.take();
    this.#push(K_ARGS, max, inArg, name, 0).items = [];
    return true;
  }

  /** Consumes the closing `close`, or reports what was found instead. */
  #close(close: string): void {
    const t = this.peek();
    if (isPunct(t, close)) this.take();
    else this.unexpected(t, close);
  }

  /**
   * True when `next`, following a prefix operator, is an infix or postfix
   * operator that cannot start an operand, so the prefix operator is an
   * atom: `- = x` is `=(-, x)`, but `- =(a)` is `-(=(a))`.
   */
  #infixFollows(next: Token): boolean {
    if (next.kind !== TokenKind.Name) return false;
    const ops = this.#ops;
    const n = next.text;
    if (ops.infix(n) === undefined && ops.postfix(n) === undefined) return false;
    // Another prefix operator starts the operand: `- - a`, `- + 1`, `- - .`.
    if (ops.prefix(n) !== undefined) return false;
    const after = this.#peek2();
    return !(isPunct(after, "(") && !after.layoutBefore);
  }

  #variable(name: string): Var {
    if (name === "_") {
      const v = new Var();
      this.#vars.push(v);
      return v;
    }
    const e = this.#varMap.get(name);
    if (e !== undefined) {
      e.count++;
      return e.v;
    }
    const v = new Var();
    this.#varMap.set(name, { v, count: 1 });
    this.#varNames.push([name, v]);
    this.#vars.push(v);
    return v;
  }

  #doubleQuoted(s: string): Term {
    // Read the flag per string: a directive earlier in the same text may change it.
    switch (this.#opts.doubleQuotes ?? "codes") {
      case "codes":
        return codeList(s);
      case "chars":
        return charList(s);
      case "atom":
        return mkAtom(s);
      case "string":
        return new PString(s);
    }
  }
}
