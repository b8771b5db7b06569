/**
 * Text helpers shared by the atom and string builtins: reading the text of
 * an argument (ISO 8.16 rules or SWI's lenient ones), code point indexing
 * for atoms with characters outside the BMP, parsing numbers per ISO
 * 8.16.7, and building result terms.
 *
 * @module
 */
import {
  instantiationError,
  PrologThrow,
  representationError,
  typeError,
  type TypeName,
} from "../errors.ts";
import { Lexer, TokenKind } from "../lexer.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  cons,
  deref,
  DOT,
  Float,
  FLT,
  INT,
  type Int,
  isCyclicList,
  LONG_LIST,
  mkAtom,
  mkInt,
  mkInteger,
  mkList,
  mkStruct,
  NIL,
  PString,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  Var,
} from "../term.ts";
import { readTerm } from "../parser.ts";
import { formatFloat, formatTerm } from "../writer.ts";

/** Largest Unicode code point: the upper bound of a character code. */
export const MAX_CODE = 0x10ffff;

/**
 * Whether the ISO 8.16 builtins accept numbers where ISO wants atoms, as
 * SWI-Prolog does: only when the `iso` flag has been set to `false`.
 *
 * @param m The machine.
 * @returns True for SWI's lenient behaviour.
 */
export function lenientText(m: Machine): boolean {
  const v = m.flags.extra.get("iso");
  if (v === false || v === "false") return true;
  return typeof v === "object" && v !== null && (v as Atom).name === "false";
}

/**
 * The text of an atomic term: atoms, strings and numbers (floats as the
 * writer prints them).
 *
 * @param t A dereferenced term.
 * @returns The text, or `null` for variables and compounds.
 */
export function atomicText(t: Term): string | null {
  switch (t.tag) {
    case ATOM:
      return (t as Atom).name;
    case STR:
      return (t as PString).val;
    case INT:
      return String((t as Int).val);
    case BIG:
      return String((t as BigInt_).val);
    case FLT:
      return formatFloat((t as Float).val);
    default:
      return null;
  }
}

/**
 * The text of a number term (integers with all digits, floats as the writer
 * prints them).
 *
 * @param t A dereferenced number.
 * @returns Its text.
 */
export function numberText(t: Term): string {
  if (t.tag === FLT) return formatFloat((t as Float).val);
  if (t.tag === BIG) return String((t as BigInt_).val);
  return String((t as Int).val);
}

/** True for integer and float terms. */
export function isNumber(t: Term): boolean {
  return t.tag === INT || t.tag === BIG || t.tag === FLT;
}

/**
 * The code of a one-character atom.
 *
 * @param a An atom.
 * @returns Its code, or -1 if it is not exactly one character.
 */
export function charCodeOf(a: Atom): number {
  const s = a.name;
  if (s.length === 1) return s.charCodeAt(0);
  if (s.length === 2) {
    const c = s.codePointAt(0)!;
    if (c > 0xffff) return c;
  }
  return -1;
}

const CHAR_ATOMS: Atom[] = [];
for (let c = 0; c < 256; c++) CHAR_ATOMS.push(mkAtom(String.fromCharCode(c)));

/**
 * The one-character atom for a code.
 *
 * @param c A character code.
 * @returns The atom.
 */
export function charAtom(c: number): Atom {
  return c < 256 ? CHAR_ATOMS[c] : mkAtom(String.fromCodePoint(c));
}

/** True for an integer that is a valid character code. */
function isCode(t: Term): boolean {
  return t.tag === INT && (t as Int).val >= 0 && (t as Int).val <= MAX_CODE;
}

/**
 * The list of character codes of `s`.
 *
 * @param s The text.
 * @returns The code list.
 */
export function codeList(s: string): Term {
  let l: Term = NIL;
  for (let i = s.length - 1; i >= 0; i--) {
    let c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const h = s.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        c = ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
        i--;
      }
    }
    l = cons(mkInt(c), l);
  }
  return l;
}

/**
 * The list of one-character atoms of `s`.
 *
 * @param s The text.
 * @returns The char list.
 */
export function charList(s: string): Term {
  let l: Term = NIL;
  for (let i = s.length - 1; i >= 0; i--) {
    let c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const h = s.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        c = ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
        i--;
      }
    }
    l = cons(charAtom(c), l);
  }
  return l;
}

/** List element kinds for {@linkcode isoListText}. */
export const CHARS = 0;
/** See {@linkcode CHARS}. */
export const CODES = 1;

/**
 * Reads a list of chars (`kind` = CHARS) or codes (CODES) with the ISO 8.16
 * errors: an element of the wrong kind raises `type_error(character, E)` or
 * `representation_error(character_code)`; a tail that is neither a list nor
 * a partial list raises `type_error(list, L)` when `checkList` is set. A
 * string object stands for its text (SWI).
 *
 * @param list The list term.
 * @param kind CHARS or CODES.
 * @param checkList Whether a malformed list is an error (else it yields `null`).
 * @returns The text, or `null` for a partial list (or a list with variables).
 */
export function isoListText(list: Term, kind: number, checkList: boolean): string | null {
  let l = deref(list);
  if (l.tag === STR) return (l as PString).val;
  let text = "";
  let partial = false;
  let n = 0;
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (++n === LONG_LIST && isCyclicList(list)) throw typeError("list", deref(list));
    const e = deref((l as Struct).args[0]);
    if (e.tag === VAR) {
      partial = true;
    } else if (kind === CHARS) {
      const c = e.tag === ATOM ? charCodeOf(e as Atom) : -1;
      if (c < 0) throw typeError("character", e);
      if (!partial) text += (e as Atom).name;
    } else {
      if (!isCode(e)) throw representationError("character_code");
      if (!partial) text += String.fromCodePoint((e as Int).val);
    }
    l = deref((l as Struct).args[1]);
  }
  if (l.tag === VAR) return null;
  if (l !== NIL) {
    if (checkList) throw typeError("list", deref(list));
    return null;
  }
  return partial ? null : text;
}

/**
 * The text of a code or char list (SWI text conventions: codes and chars
 * may be mixed; `[]` is the empty text).
 *
 * @param t A dereferenced term.
 * @returns The text, `null` if `t` is not a text list.
 * @throws instantiation_error for a partial list or a variable element.
 */
export function listText(t: Term): string | null {
  let text = "";
  let l = t;
  let n = 0;
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (++n === LONG_LIST && isCyclicList(t)) return null;
    const e = deref((l as Struct).args[0]);
    if (e.tag === INT) {
      const c = (e as Int).val;
      if (c < 0 || c > MAX_CODE) return null;
      text += String.fromCodePoint(c);
    } else if (e.tag === ATOM && charCodeOf(e as Atom) >= 0) {
      text += (e as Atom).name;
    } else if (e.tag === VAR) {
      throw instantiationError();
    } else {
      return null;
    }
    l = deref((l as Struct).args[1]);
  }
  if (l.tag === VAR) throw instantiationError();
  return l === NIL ? text : null;
}

/**
 * The text of an argument under SWI's rules: atoms, strings, numbers, code
 * lists and char lists. `[]` is the atom `'[]'` here, as in SWI-Prolog's
 * traditional mode.
 *
 * @param t The argument.
 * @param type The type named in the error for anything else.
 * @returns The text.
 */
export function textArg(t: Term, type: TypeName): string {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  const s = atomicText(t);
  if (s !== null) return s;
  if (t.tag === STRUCT) {
    const l = listText(t);
    if (l !== null) return l;
  }
  throw typeError(type, t);
}

/**
 * The text of an argument that must be atomic (atom, string or number).
 *
 * @param t The argument.
 * @param type The type named in the error for anything else.
 * @returns The text.
 */
export function atomicArg(t: Term, type: TypeName): string {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  const s = atomicText(t);
  if (s === null) throw typeError(type, t);
  return s;
}

/**
 * The text of a bound argument that ISO 8.16 wants to be an atom. Strings
 * are accepted too (they do not exist in ISO); numbers only in lenient mode.
 *
 * @param t A dereferenced, non-variable term.
 * @param lenient Whether numbers are accepted.
 * @returns The text.
 */
export function atomText(t: Term, lenient: boolean): string {
  if (t.tag === ATOM) return (t as Atom).name;
  if (t.tag === STR) return (t as PString).val;
  if (lenient && isNumber(t)) return numberText(t);
  throw typeError("atom", t);
}

/**
 * Whether a bound output argument has the text `s`; builtins that produce
 * text compare it this way so that e.g. `string_concat(a, b, ab)` holds.
 *
 * @param t A dereferenced, non-variable term.
 * @param s The text produced.
 * @returns Whether they agree.
 */
export function sameText(t: Term, s: string): boolean {
  const x = atomicText(t);
  if (x !== null) return x === s;
  if (t.tag === STRUCT) return listText(t) === s;
  return false;
}

/**
 * Unifies an output argument with text: a variable gets `make(s)`; a bound
 * term must have text `s`.
 *
 * @param m The machine.
 * @param out The output argument.
 * @param s The text.
 * @param make Builds the result term.
 * @returns Whether it succeeded.
 */
export function unifyText(m: Machine, out: Term, s: string, make: (s: string) => Term): boolean {
  const t = deref(out);
  if (t.tag === VAR) {
    m.bind(t as Var, make(s));
    return true;
  }
  return sameText(t, s);
}

/**
 * Makes an atom term.
 *
 * @param s The text.
 * @returns The atom.
 */
export function mkAtomText(s: string): Term {
  return mkAtom(s);
}

/**
 * Makes a string term.
 *
 * @param s The text.
 * @returns The string.
 */
export function mkString(s: string): Term {
  return new PString(s);
}

/**
 * The length of a text in code points.
 *
 * @param s The text.
 * @returns Its number of characters.
 */
export function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * A text indexed by characters (code points). Texts inside the BMP index
 * directly; others keep a table of UTF-16 offsets.
 *
 * @example
 * ```ts
 * import { TextIndex } from "./_text.ts";
 * const t = new TextIndex("a😀b");
 * console.log(t.n, t.slice(1, 2)); // 3 😀
 * ```
 */
export class TextIndex {
  /** The text. */
  readonly s: string;
  /** Its number of characters. */
  readonly n: number;
  /** UTF-16 offset of each character (n + 1 entries), or `null` inside the BMP. */
  readonly off: Uint32Array | null;

  /** Indexes `s`. */
  constructor(s: string) {
    this.s = s;
    const n = cpLength(s);
    this.n = n;
    if (n === s.length) {
      this.off = null;
      return;
    }
    const off = new Uint32Array(n + 1);
    let k = 0;
    for (let i = 0; i < s.length; i++) {
      off[k++] = i;
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    off[n] = s.length;
    this.off = off;
  }

  /**
   * The characters from `b` (inclusive) to `e` (exclusive).
   *
   * @param b Start character index.
   * @param e End character index.
   * @returns The substring.
   */
  slice(b: number, e: number): string {
    const off = this.off;
    return off === null ? this.s.slice(b, e) : this.s.slice(off[b], off[e]);
  }

  /**
   * The character index of a UTF-16 offset.
   *
   * @param u A UTF-16 offset.
   * @returns The character index, or -1 if `u` splits a surrogate pair.
   */
  charIndex(u: number): number {
    const off = this.off;
    if (off === null) return u;
    let lo = 0, hi = this.n;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = off[mid];
      if (v === u) return mid;
      if (v < u) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/**
 * `error(syntax_error(illegal_number), _)`, as SWI raises for text that is
 * not a number (ISO 8.16.7.3 e leaves the culprit implementation defined).
 *
 * @returns The exception to throw.
 */
export function illegalNumber(): PrologThrow {
  return new PrologThrow(
    mkStruct("error", [mkStruct("syntax_error", [mkAtom("illegal_number")]), new Var()]),
  );
}

/**
 * How {@linkcode parseNumber} reads: `"iso"` for `number_codes/2` and
 * `number_chars/2` (ISO 8.16.7), `"swi"` for them with the `iso` flag
 * `false`, `"strict"` for `number_string/2` and `atom_number/2`.
 */
export type NumberSyntax = "iso" | "swi" | "strict";

/**
 * Parses a number. In ISO mode (8.16.7): optional leading layout and
 * comments, an optional `-` name token, optional layout and comments again
 * (`"- 1"` and `"- %c<newline>1"` give -1, as the ISO conformance suite
 * expects), a numeric token (`12`, `0x1F`, `0'c`, `1.5e3`), and nothing
 * after it. A block comment right after the `-` makes no number: the `-`
 * and the comment opener lex as one symbol-char atom.
 * In SWI mode, as SWI-Prolog's `number_codes/2`: leading layout, then a
 * `-` or `+` directly followed by the number (`"- 1"` is no number).
 * In strict mode (SWI's `number_string/2`, `atom_number/2`): no layout at
 * all, and a `+` sign is allowed too.
 *
 * @param s The text.
 * @param syntax Which rules to read by.
 * @returns The number, or `null` if the text is not one.
 */
export function parseNumber(s: string, syntax: NumberSyntax): Term | null {
  const lx = new Lexer(s);
  const iso = syntax === "iso";
  try {
    let t = lx.next();
    if (syntax === "strict" && t.layoutBefore) return null;
    let neg = false;
    if (t.kind === TokenKind.Name && !t.quoted && (t.text === "-" || (!iso && t.text === "+"))) {
      neg = t.text === "-";
      t = lx.next();
      if (!iso && t.layoutBefore) return null;
    }
    if (t.kind !== TokenKind.Number || t.value === null) return null;
    const end = lx.next();
    if (end.kind !== TokenKind.EOF || end.layoutBefore) return null;
    return neg ? negate(t.value) : t.value;
  } catch (e) {
    if (e instanceof PrologThrow) return null;
    throw e;
  }
}

function negate(n: Term): Term {
  if (n.tag === FLT) return new Float(-(n as Float).val);
  if (n.tag === BIG) return mkInteger(-(n as BigInt_).val);
  return mkInt(-(n as Int).val);
}

/**
 * Maps each character of `s` through a one-character case mapping, as
 * SWI's `towupper`/`towlower` do (a character whose mapping would be
 * several characters, like `ß`, stays).
 *
 * @param s The text.
 * @param upper True for upper case.
 * @returns The mapped text.
 */
export function mapCase(s: string, upper: boolean): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 128) {
      ascii = false;
      break;
    }
  }
  if (ascii) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = "";
  for (const ch of s) out += String.fromCodePoint(caseOf(ch.codePointAt(0)!, upper));
  return out;
}

/**
 * The one-character upper or lower case of a code (itself if none).
 *
 * @param c A character code.
 * @param upper True for upper case.
 * @returns The mapped code.
 */
export function caseOf(c: number, upper: boolean): number {
  if (c < 128) {
    if (upper) return c >= 97 && c <= 122 ? c - 32 : c;
    return c >= 65 && c <= 90 ? c + 32 : c;
  }
  if (c >= 0xd800 && c <= 0xdfff) return c;
  const ch = String.fromCodePoint(c);
  const m = upper ? ch.toUpperCase() : ch.toLowerCase();
  const d = m.codePointAt(0)!;
  return m.length === (d > 0xffff ? 2 : 1) ? d : c;
}

/**
 * Reads a term from text with the engine's operators and flags.
 *
 * @param m The machine.
 * @param text The text.
 * @returns The term and its named variables as a `['X'=_, ...]` list.
 */
export function parseText(m: Machine, text: string): { term: Term; bindings: Term } {
  const r = readTerm(text, { ops: m.ops, doubleQuotes: m.flags.doubleQuotes });
  const pairs = r.varNames.map(([name, v]) => mkStruct("=", [mkAtom(name), v]));
  return { term: r.term, bindings: mkList(pairs) };
}

/**
 * Writes a term as `writeq/1` does, for `term_to_atom/2` and friends.
 *
 * @param m The machine.
 * @param t The term.
 * @returns Its text.
 */
export function writeText(m: Machine, t: Term): string {
  return formatTerm(t, { ops: m.ops, quoted: true });
}
