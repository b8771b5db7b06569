/**
 * The tokenizer of ISO 6.4: names, variables, numbers, quoted items,
 * punctuation and the end token, with 1-based line and column of every
 * token's first character.
 *
 * The scanner works on character codes and slices the source text; it only
 * builds strings piecewise for quoted items that hold escapes or doubled
 * quotes.
 *
 * @module
 */
import { syntaxError } from "./errors.ts";
import { Float, mkInt, mkInteger, type Term } from "./term.ts";
import {
  ALNUM,
  CLASS,
  CONTROL_ESCAPES,
  DIGIT,
  GRAPHIC,
  isAlnum,
  isDigit,
  isLayout,
  LAYOUT,
  LOWER,
  PUNCT,
  SOLO,
  U_LETTER,
  U_SPACE,
  U_UPPER,
  UPPER,
} from "./_lex_chars.ts";

/**
 * Token kinds.
 *
 * @example
 * ```ts
 * import { Lexer, TokenKind } from "./lexer.ts";
 * console.log(new Lexer("foo").next().kind === TokenKind.Name); // true
 * ```
 */
export const TokenKind = {
  /** An atom name: letter-digit, graphic, solo (`!`, `;`) or quoted. */
  Name: 0,
  /** A variable name, including `_`. */
  Var: 1,
  /** An unsigned integer or float; the term is in `value`. */
  Number: 2,
  /** A double-quoted list (`"text"`); `text` holds the content. */
  String: 3,
  /** A back-quoted string (`` `text` ``); `text` holds the content. */
  BackQuote: 4,
  /** One of `( ) [ ] { } , |`. */
  Punct: 5,
  /** The end token: `.` followed by layout, `%` or the end of the text. */
  End: 6,
  /** The end of the text. */
  EOF: 7,
} as const;

/** One of the {@linkcode TokenKind} values. */
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/**
 * A token with its position.
 *
 * @example
 * ```ts
 * import { Lexer } from "./lexer.ts";
 * const t = new Lexer("\n  'a b'").next();
 * console.log(t.text, t.line, t.column); // "a b" 2 3
 * ```
 */
export interface Token {
  /** The kind. */
  readonly kind: TokenKind;
  /** Name, variable name, quoted content, punctuation char, or number source text. */
  readonly text: string;
  /** The number term of a {@linkcode TokenKind.Number} token, else `null`. */
  readonly value: Term | null;
  /** True for a quoted name (`'...'`). */
  readonly quoted: boolean;
  /** True when layout or a comment precedes the token (ISO "open" vs "open ct"). */
  readonly layoutBefore: boolean;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just after the token (after `.` and one layout char for the end token). */
  readonly end: number;
  /** 1-based line of the first character. */
  readonly line: number;
  /** 1-based column of the first character. */
  readonly column: number;
}

/** What a bad token throws inside {@linkcode Lexer.recover}: shared, so nothing is built. */
const QUIET = new Error("bad token");

const QUOTE_KIND: Record<number, string> = {
  39: "quoted atom",
  34: "string",
  96: "back-quoted string",
};

/**
 * Splits a text into ISO tokens, one {@linkcode Lexer.next} call at a time.
 * Layout and comments are skipped; a token's `layoutBefore` records whether
 * any preceded it.
 *
 * @example Tokenizing a clause
 * ```ts
 * import { Lexer, TokenKind } from "./lexer.ts";
 * const lx = new Lexer("p(X) :- q.");
 * const texts: string[] = [];
 * for (let t = lx.next(); t.kind !== TokenKind.EOF; t = lx.next()) texts.push(t.text);
 * console.log(texts); // ["p", "(", "X", ")", ":-", "q", "."]
 * ```
 */
export class Lexer {
  #text: string;
  #pos = 0;
  #line = 1;
  #lineStart = 0;
  // Where the token being scanned began, so a bad token can be skipped.
  #tokPos = 0;
  #tokLine = 1;
  #tokLineStart = 0;
  // Where skipBadToken resumes when that is not just past the bad token.
  #resume = -1;
  // Whether the last quoted item read by #quoted spans lines.
  #multiLine = false;
  // End of the last escape sequence read by #escape.
  #escEnd = 0;
  // Inside recover(): errors throw QUIET instead of a syntax error term.
  #quiet = false;

  /**
   * Creates a lexer over `text`, starting at its first character.
   *
   * @param text The source text.
   */
  constructor(text: string) {
    this.#text = text;
  }

  /** Offset of the next character to scan. */
  get offset(): number {
    return this.#pos;
  }

  /**
   * True when the character right after the last token is `(`, i.e. the
   * last token is a name in functional notation.
   *
   * @returns Whether an "open ct" follows.
   * @example
   * ```ts
   * import { Lexer } from "./lexer.ts";
   * const lx = new Lexer("f(a)");
   * lx.next();
   * console.log(lx.followedByOpen()); // true
   * ```
   */
  followedByOpen(): boolean {
    return this.#text.charCodeAt(this.#pos) === 40;
  }

  /**
   * After {@linkcode Lexer.next} threw, moves one character past the start
   * of the bad token so scanning can resume.
   *
   * @example
   * ```ts
   * import { Lexer } from "./lexer.ts";
   * const lx = new Lexer("'abc");
   * try { lx.next(); } catch { lx.skipBadToken(); }
   * console.log(lx.next().text); // "abc"
   * ```
   */
  skipBadToken(): void {
    // A token never starts on a newline, so line bookkeeping stays valid.
    this.#pos = this.#resume >= 0 ? this.#resume : this.#tokPos + 1;
    this.#resume = -1;
    this.#line = this.#tokLine;
    this.#lineStart = this.#tokLineStart;
  }

  /**
   * Scans the next token while recovering from a syntax error: instead of
   * throwing, a bad token is skipped (as {@linkcode Lexer.skipBadToken}
   * does) and `null` returned. No error term is built, so skipping binary
   * junk costs no exception object per bad token.
   *
   * @returns The token, or `null` after skipping a bad one.
   * @example
   * ```ts
   * import { Lexer } from "./lexer.ts";
   * const lx = new Lexer("\x01 a");
   * console.log(lx.recover(), lx.recover()?.text); // null "a"
   * ```
   */
  recover(): Token | null {
    this.#quiet = true;
    try {
      return this.next();
    } catch (e) {
      if (e !== QUIET) throw e;
      this.skipBadToken();
      return null;
    } finally {
      this.#quiet = false;
    }
  }

  /**
   * Scans the next token.
   *
   * @returns The token; an {@linkcode TokenKind.EOF} token at the end, repeatedly.
   * @throws {PrologThrow} `syntax_error` on malformed input.
   * @example
   * ```ts
   * import { Lexer } from "./lexer.ts";
   * console.log(new Lexer("0'a").next().value); // Int { tag: 2, val: 97 }
   * ```
   */
  next(): Token {
    const layout = this.#skipLayout();
    const text = this.#text;
    const start = this.#pos;
    this.#tokPos = start;
    this.#tokLine = this.#line;
    this.#tokLineStart = this.#lineStart;
    if (start >= text.length) return this.#token(TokenKind.EOF, "", null, false, layout, start);
    const c = text.charCodeAt(start);
    const cls = c < 128 ? CLASS[c] : 0;
    if (cls & DIGIT) return this.#number(start, layout);
    if (cls & LOWER) {
      const end = this.#alnumEnd(start + 1);
      return this.#token(TokenKind.Name, text.slice(start, end), null, false, layout, end);
    }
    if (cls & UPPER) {
      const end = this.#alnumEnd(start + 1);
      return this.#token(TokenKind.Var, text.slice(start, end), null, false, layout, end);
    }
    if (cls & PUNCT) {
      return this.#token(TokenKind.Punct, text[start], null, false, layout, start + 1);
    }
    if (cls & SOLO) return this.#token(TokenKind.Name, text[start], null, false, layout, start + 1);
    if (cls & GRAPHIC) {
      if (c === 46) {
        const d = text.charCodeAt(start + 1);
        if (Number.isNaN(d) || d === 37 || isLayout(d)) return this.#endToken(start, layout);
      }
      let end = start + 1;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d >= 128 || CLASS[d] !== GRAPHIC) break;
        end++;
      }
      return this.#token(TokenKind.Name, text.slice(start, end), null, false, layout, end);
    }
    if (c === 39 || c === 34 || c === 96) {
      const body = this.#quoted(start, c);
      const kind = c === 39 ? TokenKind.Name : c === 34 ? TokenKind.String : TokenKind.BackQuote;
      const t = this.#token(kind, body, null, c === 39, layout, this.#escEnd);
      if (this.#multiLine) this.#countLines(start, t.end);
      return t;
    }
    if (c >= 128) {
      const cp = text.codePointAt(start)!;
      const ch = String.fromCodePoint(cp);
      if (U_LETTER.test(ch)) {
        const end = this.#alnumEnd(start + ch.length);
        const kind = U_UPPER.test(ch) ? TokenKind.Var : TokenKind.Name;
        return this.#token(kind, text.slice(start, end), null, false, layout, end);
      }
    }
    // Recovery skips the whole run of illegal characters at once: one
    // exception per character would make binary input slow to reject.
    this.#resume = this.#illegalEnd(start);
    throw this.#error("illegal character", start);
  }

  /** The end of the run of characters from `p` that cannot start a token. */
  #illegalEnd(p: number): number {
    const text = this.#text;
    const n = text.length;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c < 128) {
        if (CLASS[c] !== 0 || c === 34 || c === 37 || c === 39 || c === 96) break;
        p++;
      } else {
        const cp = text.codePointAt(p)!;
        const ch = String.fromCodePoint(cp);
        if (U_LETTER.test(ch) || U_SPACE.test(ch)) break;
        p += ch.length;
      }
    }
    return p;
  }

  #token(
    kind: TokenKind,
    text: string,
    value: Term | null,
    quoted: boolean,
    layoutBefore: boolean,
    end: number,
  ): Token {
    const start = this.#tokPos;
    const t: Token = {
      kind,
      text,
      value,
      quoted,
      layoutBefore,
      start,
      end,
      line: this.#tokLine,
      column: start - this.#tokLineStart + 1,
    };
    this.#pos = end;
    return t;
  }

  #error(message: string, at: number): Error {
    if (this.#quiet) return QUIET;
    // Positions inside a multi-line token: count the newlines before `at`.
    // Only `[tokPos, at)` is scanned (no `indexOf`, which would run on to the
    // next newline): recovery may report one error per character of a long line.
    let line = this.#tokLine;
    let lineStart = this.#tokLineStart;
    const text = this.#text;
    for (let i = this.#tokPos; i < at; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return syntaxError(message, line, at - lineStart + 1);
  }

  /** Skips layout and comments; returns whether anything was skipped. */
  #skipLayout(): boolean {
    const text = this.#text;
    const n = text.length;
    let p = this.#pos;
    const from = p;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 10) {
        p++;
        this.#line++;
        this.#lineStart = p;
      } else if (c < 128 ? CLASS[c] === LAYOUT : U_SPACE.test(text[p])) {
        p++;
      } else if (c === 37) {
        const nl = text.indexOf("\n", p);
        p = nl === -1 ? n : nl;
      } else if (c === 47 && text.charCodeAt(p + 1) === 42) {
        const close = text.indexOf("*/", p + 2);
        if (close === -1) {
          this.#tokPos = p;
          this.#tokLine = this.#line;
          this.#tokLineStart = this.#lineStart;
          this.#resume = n; // the rest of the text is comment: recovery skips it all
          throw this.#error("unterminated block comment", p);
        }
        this.#countLines(p, close);
        p = close + 2;
      } else break;
    }
    this.#pos = p;
    return p !== from;
  }

  /**
   * Advances the line count over the newlines in `[from, to)`. The search
   * never looks past `to`, so the cost is the token's length, not the line's.
   */
  #countLines(from: number, to: number): void {
    const text = this.#text;
    for (let i = from; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        this.#line++;
        this.#lineStart = i + 1;
      }
    }
  }

  #alnumEnd(p: number): number {
    const text = this.#text;
    const n = text.length;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c < 128) {
        if ((CLASS[c] & ALNUM) === 0) break;
        p++;
      } else {
        const cp = text.codePointAt(p)!;
        if (!isAlnum(cp)) break;
        p += cp > 0xffff ? 2 : 1;
      }
    }
    return p;
  }

  /** The end token: `.` plus the one layout character after it (ISO 6.4.8). */
  #endToken(start: number, layout: boolean): Token {
    let end = start + 1;
    const d = this.#text.charCodeAt(end);
    if (!Number.isNaN(d) && d !== 37) end++;
    const t = this.#token(TokenKind.End, ".", null, false, layout, end);
    if (d === 10) {
      this.#line++;
      this.#lineStart = end;
    }
    return t;
  }

  /** Scans a number token (ISO 6.4.4); digits are known to start at `start`. */
  #number(start: number, layout: boolean): Token {
    const text = this.#text;
    let p = start + 1;
    if (text.charCodeAt(start) === 48 && p < text.length) {
      const c1 = text.charCodeAt(p);
      if (c1 === 39) return this.#charCode(start, layout);
      const radix = c1 === 120 ? 16 : c1 === 111 ? 8 : c1 === 98 ? 2 : 0;
      if (radix !== 0 && isDigit(text.charCodeAt(p + 1), radix)) {
        let end = p + 2;
        while (isDigit(text.charCodeAt(end), radix)) end++;
        const src = text.slice(start, end);
        const value = end - start <= 12
          ? mkInt(Number.parseInt(src.slice(2), radix))
          : mkInteger(BigInt(src));
        return this.#token(TokenKind.Number, src, value, false, layout, end);
      }
    }
    let acc = text.charCodeAt(start) - 48;
    for (let d = text.charCodeAt(p); d >= 48 && d <= 57; d = text.charCodeAt(++p)) {
      acc = acc * 10 + d - 48;
    }
    // A fraction needs a digit after the dot: `1.e5` is 1 followed by `.`.
    if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1), 10)) {
      p += 2;
      while (isDigit(text.charCodeAt(p), 10)) p++;
      const special = this.#infNaN(p);
      if (special !== 0) {
        const src = text.slice(start, p + 3);
        const v = special === 1 ? Infinity : NaN;
        return this.#token(TokenKind.Number, src, new Float(v), false, layout, p + 3);
      }
      if ((text.charCodeAt(p) | 32) === 101) {
        let q = p + 1;
        const s = text.charCodeAt(q);
        if (s === 43 || s === 45) q++;
        if (isDigit(text.charCodeAt(q), 10)) {
          p = q + 1;
          while (isDigit(text.charCodeAt(p), 10)) p++;
        }
      }
      const src = text.slice(start, p);
      const v = Number(src);
      if (!Number.isFinite(v)) {
        // Recovery resumes after the literal: restarting one digit further
        // on would rescan (and reject) every suffix of it, in quadratic time.
        this.#resume = p;
        throw this.#error("illegal number", start);
      }
      return this.#token(TokenKind.Number, src, new Float(v), false, layout, p);
    }
    const src = text.slice(start, p);
    const value = p - start <= 15 ? mkInt(acc) : mkInteger(BigInt(src));
    return this.#token(TokenKind.Number, src, value, false, layout, p);
  }

  /**
   * SWI-Prolog's `1.0Inf` and `1.5NaN` (what it writes for infinite and
   * undefined floats): 1 for `Inf`, 2 for `NaN` at `p`, else 0.
   */
  #infNaN(p: number): number {
    const text = this.#text;
    const word = text.startsWith("Inf", p) ? 1 : text.startsWith("NaN", p) ? 2 : 0;
    if (word === 0 || this.#alnumEnd(p + 3) !== p + 3) return 0;
    return word;
  }

  /** `0'c`: the code of one quoted character (ISO 6.4.4). */
  #charCode(start: number, layout: boolean): Token {
    const text = this.#text;
    const p = start + 2;
    if (p >= text.length) throw this.#error("unexpected end of file", p);
    const c = text.charCodeAt(p);
    let code: number;
    let end: number;
    if (c === 39) {
      // `0'''` is ISO; a lone `0''` is accepted as well, as SWI-Prolog does.
      code = 39;
      end = text.charCodeAt(p + 1) === 39 ? p + 2 : p + 1;
    } else if (c === 92) {
      const s = this.#escape(p);
      if (s === "") throw this.#error("invalid character code", p);
      code = s.codePointAt(0)!;
      end = this.#escEnd;
    } else if (c === 10) {
      throw this.#error("invalid character code", p);
    } else {
      code = text.codePointAt(p)!;
      end = p + (code > 0xffff ? 2 : 1);
    }
    return this.#token(TokenKind.Number, text.slice(start, end), mkInt(code), false, layout, end);
  }

  /**
   * Reads a quoted item starting at the quote `q` at `start`; returns its
   * content and leaves the end offset in `#escEnd`.
   */
  #quoted(start: number, q: number): string {
    const text = this.#text;
    const n = text.length;
    let parts: string[] | null = null;
    let seg = start + 1;
    let p = seg;
    this.#multiLine = false;
    for (;;) {
      if (p >= n) throw this.#error(`unterminated ${QUOTE_KIND[q]}`, start);
      const c = text.charCodeAt(p);
      if (c === q) {
        if (text.charCodeAt(p + 1) !== q) break;
        (parts ??= []).push(text.slice(seg, p + 1));
        p += 2;
        seg = p;
      } else if (c === 92) {
        (parts ??= []).push(text.slice(seg, p));
        parts.push(this.#escape(p));
        p = this.#escEnd;
        seg = p;
      } else {
        if (c === 10) this.#multiLine = true;
        p++;
      }
    }
    const last = text.slice(seg, p);
    this.#escEnd = p + 1;
    if (parts === null) return last;
    parts.push(last);
    return parts.join("");
  }

  /**
   * Reads the escape sequence whose backslash is at `p` (ISO 6.4.2.1);
   * returns the character (`""` for a continuation) and sets `#escEnd`.
   */
  #escape(p: number): string {
    const text = this.#text;
    if (p + 1 >= text.length) throw this.#error("unexpected end of file", p);
    const e = text[p + 1];
    const simple = CONTROL_ESCAPES[e];
    if (simple !== undefined) {
      this.#escEnd = p + 2;
      return simple;
    }
    if (e === "\n" || (e === "\r" && text[p + 2] === "\n")) {
      this.#multiLine = true;
      this.#escEnd = e === "\n" ? p + 2 : p + 3;
      return "";
    }
    if (e === "u" || e === "U") return this.#unicodeEscape(p, e === "u" ? 4 : 8);
    const radix = e === "x" ? 16 : e >= "0" && e <= "7" ? 8 : 0;
    if (radix === 0) throw this.#error("undefined escape sequence", p);
    const from = radix === 16 ? p + 2 : p + 1;
    let q = from;
    while (isDigit(text.charCodeAt(q), radix)) q++;
    if (q === from || text.charCodeAt(q) !== 92) throw this.#error("invalid escape sequence", p);
    const code = Number.parseInt(text.slice(from, q), radix);
    if (code > 0x10ffff || q - from > 8) throw this.#error("invalid character code", p);
    this.#escEnd = q + 1;
    return String.fromCodePoint(code);
  }

  /**
   * SWI-Prolog's `\uXXXX` and `\UXXXXXXXX` at `p`: exactly `digits` hex
   * digits and no closing backslash; a surrogate or a code beyond Unicode
   * is refused.
   */
  #unicodeEscape(p: number, digits: number): string {
    const text = this.#text;
    const from = p + 2;
    for (let q = from; q < from + digits; q++) {
      if (!isDigit(text.charCodeAt(q), 16)) throw this.#error("invalid escape sequence", p);
    }
    const code = Number.parseInt(text.slice(from, from + digits), 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw this.#error("invalid character code", p);
    }
    this.#escEnd = from + digits;
    return String.fromCodePoint(code);
  }
}
