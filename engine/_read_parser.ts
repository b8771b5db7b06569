/**
 * The operator-precedence parser behind {@linkcode Reader} and
 * {@linkcode readTerm} (ISO 6.3). Private: import `parser.ts` instead.
 *
 * Lists, arguments and chains of right-associative operators (`a, b, c, ...`)
 * are read with loops, so long clauses do not grow the JS stack; only the
 * nesting of brackets and prefix operators recurses.
 *
 * @module
 */
import { syntaxError } from "./errors.ts";
import { Lexer, type Token, TokenKind } from "./lexer.ts";
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
  /** Priority of the term last returned by #primary or #parse. */
  #prec = 0;
  /** The token a syntax error was reported at. */
  #errTok: Token | null = null;
  /** True inside an argument or list element, where `,` and `|` end the term. */
  #inArg = false;
  /** True when the lexer threw: the bad token must be skipped before going on. */
  #lexFailed = false;
  /** Offset after the last end token consumed. */
  offset = 0;
  // Pending right operands of xfy operators: left operand, functor name,
  // and the context priority to restore.
  #fLeft: Term[] = [];
  #fName: string[] = [];
  #fMax: number[] = [];
  // The variables of the term being read.
  #varMap = new Map<string, VarEntry>();
  #varNames: [string, Var][] = [];
  #vars: Var[] = [];

  /** Creates a parser over `text`. */
  constructor(text: string, opts: ReadOptions) {
    this.#lex = new Lexer(text);
    this.#ops = opts.ops;
    this.#opts = opts;
  }

  /** Forgets the variables and pending state of the previous term. */
  begin(): void {
    if (this.#varMap.size !== 0) this.#varMap.clear();
    this.#varNames = [];
    this.#vars = [];
    this.#fLeft.length = 0;
    this.#fName.length = 0;
    this.#fMax.length = 0;
    this.#errTok = null;
    this.#inArg = false;
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

  /**
   * Reads a term of priority at most `max` (ISO 6.3). Right operands of xfy
   * operators are read in this loop with an explicit stack, not by recursion.
   */
  parse(max: number): Term {
    const base = this.#fLeft.length;
    let left = this.#primary(max);
    let lp = this.#prec;
    for (;;) {
      const t = this.peek();
      let name: string | null = null;
      if (t.kind === TokenKind.Name) name = t.text;
      else if (t.kind === TokenKind.Punct && !this.#inArg && (t.text === "," || t.text === "|")) {
        name = t.text;
      }
      if (name !== null) {
        const inf = this.#ops.infix(name);
        if (inf !== undefined && inf.priority <= max) {
          const p = inf.priority;
          if (lp <= (inf.type === "yfx" ? p : p - 1)) {
            this.take();
            // ISO Cor.3: an infix bar reads as `;` (so `(a | b)` is `;(a, b)`).
            const fname = name === "|" && t.kind === TokenKind.Punct ? ";" : name;
            if (inf.type === "xfy") {
              this.#fLeft.push(left);
              this.#fName.push(fname);
              this.#fMax.push(max);
              max = p;
              left = this.#primary(max);
              lp = this.#prec;
              continue;
            }
            const right = this.parse(p - 1);
            left = mkStruct(fname, [left, right]);
            lp = p;
            continue;
          }
        }
        const post = t.kind === TokenKind.Name ? this.#ops.postfix(name) : undefined;
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
      if (this.#fLeft.length === base) break;
      // No operator continues the right operand: close the innermost xfy.
      left = mkStruct(this.#fName.pop()!, [this.#fLeft.pop()!, left]);
      lp = max;
      max = this.#fMax.pop()!;
    }
    this.#prec = lp;
    return left;
  }

  /** Reads a primary term: an operand, or a prefix operator with its operand. */
  #primary(max: number): Term {
    const t = this.peek();
    this.#prec = 0;
    switch (t.kind) {
      case TokenKind.Number:
        this.take();
        return t.value!;
      case TokenKind.Var:
        this.take();
        return this.#variable(t.text);
      case TokenKind.String:
        this.take();
        return this.#doubleQuoted(t.text);
      case TokenKind.BackQuote:
        this.take();
        return codeList(t.text);
      case TokenKind.Name:
        this.take();
        return this.#name(t, max);
      case TokenKind.Punct:
        return this.#bracketed(t);
      case TokenKind.End:
        return this.fail(t, "unexpected end of clause");
      default:
        return this.fail(t, "unexpected end of file");
    }
  }

  /** Reads a term that starts with punctuation: `(T)`, lists, `{T}`, `[]`, `{}`. */
  #bracketed(t: Token): Term {
    switch (t.text) {
      case "(": {
        this.take();
        const inner = this.#group();
        this.#close(")");
        this.#prec = 0;
        return inner;
      }
      case "[":
        this.take();
        if (isPunct(this.peek(), "]")) {
          this.take();
          return this.#atomOrCompound("[]");
        }
        return this.#list();
      case "{": {
        this.take();
        if (isPunct(this.peek(), "}")) {
          this.take();
          return this.#atomOrCompound("{}");
        }
        const inner = this.#group();
        this.#close("}");
        this.#prec = 0;
        return mkStruct(CURLY, [inner]);
      }
      default:
        return this.fail(t, "illegal start of term");
    }
  }

  /**
   * Reads an argument or list element. ISO 6.3.3.1 gives them priority 999;
   * like SWI-Prolog we read up to 1200 and let only `,` and `|` end them,
   * so `f(a;b)` and `[a:-b]` are accepted while `f(a,b)` keeps two arguments.
   */
  #arg(): Term {
    const saved = this.#inArg;
    this.#inArg = true;
    const t = this.parse(1200);
    this.#inArg = saved;
    return t;
  }

  /** Reads the term inside `( )` or `{ }`, where `,` and `|` are operators again. */
  #group(): Term {
    const saved = this.#inArg;
    this.#inArg = false;
    const t = this.parse(1200);
    this.#inArg = saved;
    return t;
  }

  /** Consumes the closing `close`, or reports what was found instead. */
  #close(close: string): void {
    const t = this.peek();
    if (isPunct(t, close)) this.take();
    else this.unexpected(t, close);
  }

  /** Reads the elements of a list after its `[` (ISO 6.3.5). */
  #list(): Term {
    const items: Term[] = [];
    for (;;) {
      items.push(this.#arg());
      const t = this.peek();
      if (t.kind === TokenKind.Punct) {
        if (t.text === ",") {
          this.take();
          continue;
        }
        if (t.text === "]") {
          this.take();
          this.#prec = 0;
          return mkList(items);
        }
        if (t.text === "|") {
          this.take();
          const tail = this.#arg();
          this.#close("]");
          this.#prec = 0;
          return mkList(items, tail);
        }
      }
      this.unexpected(t, "]");
    }
  }

  /** Reads the arguments of a compound term after its `(` (ISO 6.3.3). */
  #args(): Term[] {
    const args: Term[] = [];
    for (;;) {
      args.push(this.#arg());
      const t = this.peek();
      if (t.kind === TokenKind.Punct) {
        if (t.text === ",") {
          this.take();
          continue;
        }
        if (t.text === ")") {
          this.take();
          return args;
        }
      }
      this.unexpected(t, ")");
    }
  }

  /** An atom, or a compound when `(` follows directly (functional notation). */
  #atomOrCompound(name: string): Term {
    const next = this.peek();
    if (next.kind === TokenKind.Punct && next.text === "(" && !next.layoutBefore) {
      this.take();
      const args = this.#args();
      this.#prec = 0;
      return mkStruct(name, args);
    }
    this.#prec = 0;
    return mkAtom(name);
  }

  /** Reads what starts with the name token `t` (already consumed). */
  #name(t: Token, max: number): Term {
    const name = t.text;
    const next = this.peek();
    if (next.kind === TokenKind.Punct && next.text === "(" && !next.layoutBefore) {
      return this.#atomOrCompound(name);
    }
    // `-1` is a number, `- 1` is -(1) (ISO 6.3.4.1).
    if (name === "-" && !t.quoted && next.kind === TokenKind.Number && !next.layoutBefore) {
      this.take();
      return negate(next.value!);
    }
    if (endsOperand(next)) return mkAtom(name);
    const pre = this.#ops.prefix(name);
    if (pre === undefined || this.#infixFollows(next)) {
      return mkAtom(name);
    }
    const p = pre.priority;
    if (p > max) this.fail(t, "operator priority clash");
    const arg = this.parse(pre.type === "fy" ? p : p - 1);
    this.#prec = p;
    return mkStruct(name, [arg]);
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
