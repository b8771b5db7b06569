/**
 * SWI-Prolog's `char_type/2` and `code_type/2`: character classification
 * and case mapping over Unicode code points, in both directions. The type
 * table and its order follow SWI's `pl-ctype.c`, so `char_type(a, T)`
 * enumerates types in the same order.
 *
 * @module
 */
import { instantiationError, representationError, typeError, type TypeName } from "../errors.ts";
import { LAST, MORE } from "../database.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  deref,
  INT,
  type Int,
  mkAtom,
  mkInt,
  mkStruct,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  type Var,
} from "../term.ts";
import { caseOf, charAtom, charCodeOf, MAX_CODE } from "./_text.ts";

/** One character type: `test` gives 1/0 (arity 0) or the mapped value, -1 if none (arity 1). */
interface CType {
  readonly name: string;
  readonly arity: number;
  readonly test: (c: number) => number;
  /** From the argument of an arity-1 type back to the character. */
  readonly reverse: ((v: number) => number) | null;
  /** The argument is a character (else an integer weight). */
  readonly argIsChar: boolean;
  /** No character above this has the type (bounds enumeration). */
  readonly max: number;
}

const RE_ALPHA = /\p{L}/u;
const RE_ALNUM = /[\p{L}\p{N}]/u;
const RE_UPPER = /\p{Lu}/u;
const RE_LOWER = /\p{Ll}/u;
const RE_PUNCT = /[\p{P}\p{S}]/u;
const RE_SPACE = /\s/u;
const RE_GRAPH = /[^\p{C}\p{Z}]/u;
const RE_PRINT = /[^\p{C}\p{Zl}\p{Zp}]/u;
const RE_CNTRL = /\p{Cc}/u;
const RE_SYMBOL = /\p{S}/u;
const RE_ID_CONT = /[\p{L}\p{N}\p{M}]/u;
const RE_TITLE = /\p{Lt}/u;

function uni(re: RegExp, c: number): boolean {
  return c >= 0 && (c < 0xd800 || c > 0xdfff) && re.test(String.fromCodePoint(c));
}

function isUpper(c: number): boolean {
  return c < 128 ? c >= 65 && c <= 90 : uni(RE_UPPER, c);
}

function isLower(c: number): boolean {
  return c < 128 ? c >= 97 && c <= 122 : uni(RE_LOWER, c);
}

function isAlpha(c: number): boolean {
  return c < 128 ? isUpper(c) || isLower(c) : uni(RE_ALPHA, c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return c < 128 ? isAlpha(c) || isDigit(c) : uni(RE_ALNUM, c);
}

function isGraph(c: number): boolean {
  return c < 128 ? c > 32 && c < 127 : uni(RE_GRAPH, c);
}

const SYMBOL_CHARS = "#$&*+-./:<=>?@^~\\";

function bool(f: (c: number) => boolean): (c: number) => number {
  return (c) => f(c) ? 1 : 0;
}

function t0(name: string, test: (c: number) => boolean, max = MAX_CODE): CType {
  return { name, arity: 0, test: bool(test), reverse: null, argIsChar: false, max };
}

function t1(
  name: string,
  test: (c: number) => number,
  reverse: (v: number) => number,
  argIsChar: boolean,
  max = MAX_CODE,
): CType {
  return { name, arity: 1, test, reverse, argIsChar, max };
}

const OPEN = "({[", CLOSE = ")}]";

/** The types, in SWI's order. */
const TYPES: CType[] = [
  t0("alnum", isAlnum),
  t0("alpha", isAlpha),
  t0("csym", (c) => isAlnum(c) || c === 95),
  t0("csymf", (c) => isAlpha(c) || c === 95),
  t0("prolog_var_start", (c) => isUpper(c) || c === 95),
  t0("prolog_atom_start", (c) => isAlpha(c) && !isUpper(c) && !uni(RE_TITLE, c)),
  t0("prolog_identifier_continue", (c) => c < 128 ? isAlnum(c) || c === 95 : uni(RE_ID_CONT, c)),
  t0(
    "prolog_symbol",
    (c) => c < 128 ? c > 0 && SYMBOL_CHARS.includes(String.fromCharCode(c)) : uni(RE_SYMBOL, c),
  ),
  t0("ascii", (c) => c >= 0 && c < 128, 127),
  t0("white", (c) => c === 32 || c === 9, 32),
  t0("cntrl", (c) => c < 128 ? c >= 0 && (c < 32 || c === 127) : uni(RE_CNTRL, c)),
  t0("digit", isDigit, 57),
  t0("print", (c) => c < 128 ? c >= 32 && c < 127 : uni(RE_PRINT, c)),
  t0("graph", isGraph),
  t0("lower", isLower),
  t0("upper", isUpper),
  t0("punct", (c) => c < 128 ? isGraph(c) && !isAlnum(c) : uni(RE_PUNCT, c)),
  t0("space", (c) => c < 128 ? c === 32 || (c >= 9 && c <= 13) : uni(RE_SPACE, c)),
  t0("end_of_file", (c) => c === -1, -1),
  t0("end_of_line", (c) => c >= 10 && c <= 13, 13),
  t0("newline", (c) => c === 10, 10),
  t0("period", (c) => c === 46 || c === 33 || c === 63, 63),
  t0("quote", (c) => c === 39 || c === 34 || c === 96, 96),
  // lower(U): Char is lower case with upper case U; upper(L) the reverse.
  t1(
    "lower",
    (c) => isLower(c) ? caseOf(c, true) : -1,
    (u) => isUpper(u) ? caseOf(u, false) : -1,
    true,
  ),
  t1(
    "upper",
    (c) => isUpper(c) ? caseOf(c, false) : -1,
    (l) => isLower(l) ? caseOf(l, true) : -1,
    true,
  ),
  // to_lower(U): Char is the lower case of U (SWI: U is Char's upper case).
  t1("to_lower", (c) => caseOf(c, true), (u) => caseOf(u, false), true),
  t1("to_upper", (c) => caseOf(c, false), (l) => caseOf(l, true), true),
  t1(
    "paren",
    (c) => {
      const i = OPEN.indexOf(String.fromCharCode(c));
      return c >= 0 && c < 128 && i >= 0 ? CLOSE.charCodeAt(i) : -1;
    },
    (v) => {
      const i = CLOSE.indexOf(String.fromCharCode(v));
      return v >= 0 && v < 128 && i >= 0 ? OPEN.charCodeAt(i) : -1;
    },
    true,
    123,
  ),
  t1("digit", (c) => isDigit(c) ? c - 48 : -1, (w) => w >= 0 && w <= 9 ? w + 48 : -1, false, 57),
  t1(
    "xdigit",
    (c) => {
      if (isDigit(c)) return c - 48;
      if (c >= 97 && c <= 102) return c - 87;
      if (c >= 65 && c <= 70) return c - 55;
      return -1;
    },
    (w) => w >= 0 && w <= 9 ? w + 48 : w >= 10 && w <= 15 ? w + 87 : -1,
    false,
    102,
  ),
];

const END_OF_FILE = mkAtom("end_of_file");

/** The code of a bound character argument (`-1` for end of file), with SWI's errors. */
function charArg(t: Term): number {
  if (t.tag === ATOM) {
    const c = charCodeOf(t as Atom);
    if (c >= 0) return c;
    if (t === END_OF_FILE) return -1;
  } else if (t.tag === INT) {
    const v = (t as Int).val;
    if (v >= -1 && v <= MAX_CODE) return v;
    throw representationError("character_code");
  }
  throw typeError("character", t);
}

/** A character or code term, per `char_type` (atoms) or `code_type` (codes). */
function charTerm(c: number, asChar: boolean): Term {
  if (c === -1) return asChar ? END_OF_FILE : mkInt(-1);
  return asChar ? charAtom(c) : mkInt(c);
}

/** Unifies with a character given as either a char or a code, as SWI's PL_unify_char. */
function unifyChar(m: Machine, t: Term, c: number, asChar: boolean): boolean {
  t = deref(t);
  if (t.tag === VAR) {
    m.bind(t as Var, charTerm(c, asChar));
    return true;
  }
  if (t.tag === INT) return (t as Int).val === c;
  if (t.tag === ATOM) return charCodeOf(t as Atom) === c || (c === -1 && t === END_OF_FILE);
  return false;
}

/** Unifies the argument of an arity-1 type with its value. */
function unifyValue(m: Machine, t: Term, ct: CType, v: number, asChar: boolean): boolean {
  return ct.argIsChar ? unifyChar(m, t, v, asChar) : m.unify(t, mkInt(v));
}

function typeTerm(ct: CType, v: number, asChar: boolean): Term {
  if (ct.arity === 0) return mkAtom(ct.name);
  return mkStruct(ct.name, [ct.argIsChar ? charTerm(v, asChar) : mkInt(v)]);
}

function lookup(t: Term): CType {
  let name = "", arity = 0;
  if (t.tag === ATOM) name = (t as Atom).name;
  else if (t.tag === STRUCT) {
    name = (t as Struct).fn.name.name;
    arity = (t as Struct).fn.arity;
  }
  for (const ct of TYPES) if (ct.name === name && ct.arity === arity) return ct;
  throw typeError("char_type" as TypeName, t);
}

function nextChar(ct: CType, from: number): number {
  for (let c = from; c <= ct.max; c++) {
    if (c === 0xd800) c = 0xe000;
    const v = ct.test(c);
    if (ct.arity === 0 ? v !== 0 : v >= 0) return c;
  }
  return -1;
}

function* charType(a: Term[], m: Machine, asChar: boolean): Generator<number, void, void> {
  const chr = deref(a[0]), type = deref(a[1]);
  if (chr.tag === VAR && type.tag === VAR) throw instantiationError();
  if (chr.tag !== VAR) {
    const c = charArg(chr);
    if (type.tag === VAR) {
      if (c === -1) {
        m.bind(type as Var, mkAtom("end_of_file"));
        yield LAST;
        return;
      }
      const found = TYPES.filter((ct) => ct.arity === 0 ? ct.test(c) !== 0 : ct.test(c) >= 0);
      for (let i = 0; i < found.length; i++) {
        const ct = found[i];
        if (m.attempt(() => m.unify(type, typeTerm(ct, ct.test(c), asChar)))) {
          yield i === found.length - 1 ? LAST : MORE;
        }
      }
      return;
    }
    const ct = lookup(type);
    const v = ct.test(c);
    if (ct.arity === 0) {
      if (v !== 0) yield LAST;
      return;
    }
    if (v < 0) return;
    const arg = (type as Struct).args[0];
    if (m.attempt(() => unifyValue(m, arg, ct, v, asChar))) {
      yield LAST;
      return;
    }
    // Try the other way around: char_type(a, to_lower(a)) holds.
    const w = reverseOf(ct, deref(arg));
    if (w === c) yield LAST;
    return;
  }
  const ct = lookup(type);
  if (ct.name === "end_of_file") {
    m.bind(chr as Var, charTerm(-1, asChar));
    yield LAST;
    return;
  }
  if (ct.arity === 1) {
    const arg = deref((type as Struct).args[0]);
    if (arg.tag !== VAR) {
      const c = reverseOf(ct, arg);
      if (c >= 0) {
        m.bind(chr as Var, charTerm(c, asChar));
        yield LAST;
      }
      return;
    }
  }
  let c = nextChar(ct, 0);
  while (c >= 0) {
    const next = nextChar(ct, c + 1);
    const cc = c;
    const ok = m.attempt(() =>
      unifyChar(m, chr, cc, asChar) &&
      (ct.arity === 0 || unifyValue(m, (type as Struct).args[0], ct, ct.test(cc), asChar))
    );
    if (ok) yield next < 0 ? LAST : MORE;
    c = next;
  }
}

/** The character an arity-1 type maps back to from its bound argument, or -1. */
function reverseOf(ct: CType, arg: Term): number {
  let v: number;
  if (ct.argIsChar) {
    if (arg.tag === ATOM) v = charCodeOf(arg as Atom);
    else if (arg.tag === INT) v = (arg as Int).val;
    else return -1;
  } else {
    if (arg.tag !== INT) return -1;
    v = (arg as Int).val;
  }
  return v < 0 || v > MAX_CODE ? -1 : ct.reverse!(v);
}

/** `char_type/2` and `code_type/2` (SWI-Prolog; no ISO counterpart). */
export const charTypeBuiltins: Record<
  string,
  (a: Term[], m: Machine) => Generator<number, void, void>
> = {
  "char_type/2": (a, m) => charType(a, m, true),
  "code_type/2": (a, m) => charType(a, m, false),
};
