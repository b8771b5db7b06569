/**
 * String builtins with SWI-Prolog semantics (no ISO counterpart): string
 * objects ({@linkcode PString}) and conversions between text types.
 *
 * Text arguments accept atoms, strings, numbers, code lists and char
 * lists; results are strings. When a result argument is already bound, its
 * text is compared, so `string_concat(a, b, ab)` holds as in SWI.
 *
 * @module
 */
import { domainError, instantiationError, typeError } from "../errors.ts";
import { LAST } from "../database.ts";
import type { Machine } from "../machine.ts";
import {
  BIG,
  deref,
  INT,
  type Int,
  isInteger,
  mkAtom,
  mkInt,
  mkList,
  NIL,
  PString,
  STR,
  type Term,
  VAR,
  type Var,
} from "../term.ts";
import { splits, substrings } from "./_atoms_sub.ts";
import {
  atomicText,
  charList,
  codeList,
  cpLength,
  isNumber,
  listText,
  mapCase,
  mkAtomText,
  mkString,
  numberText,
  parseNumber,
  parseText,
  textArg,
  TextIndex,
  unifyText,
  writeText,
} from "./_text.ts";
import type { BuiltinTable } from "./registry.ts";

/** The text of an optional text argument: `null` when unbound. */
function optText(t: Term): string | null {
  return deref(t).tag === VAR ? null : textArg(t, "string");
}

/**
 * The core of `string_concat/3` and `text_concat/3`: the modes of
 * `atom_concat/3` (ISO 8.16.2) with results built by `make`.
 */
function* concat(
  a: Term[],
  m: Machine,
  make: (s: string) => Term,
): Generator<number, void, void> {
  const s1 = optText(a[0]), s2 = optText(a[1]), s3 = optText(a[2]);
  if (s1 !== null && s2 !== null) {
    m.reserve(s1.length + s2.length);
    if (unifyText(m, a[2], s1 + s2, make)) yield LAST;
    return;
  }
  if (s3 === null) throw instantiationError();
  if (s1 !== null) {
    if (s3.startsWith(s1) && m.unify(a[1], make(s3.slice(s1.length)))) yield LAST;
  } else if (s2 !== null) {
    if (s3.endsWith(s2) && m.unify(a[0], make(s3.slice(0, s3.length - s2.length)))) yield LAST;
  } else {
    yield* splits(m, a[0], a[1], s3, make);
  }
}

// SWI: text_concat/3 makes strings if the input (A3, else A1 or A2) is a string, else atoms.
function* textConcat(a: Term[], m: Machine): Generator<number, void, void> {
  const t1 = deref(a[0]), t2 = deref(a[1]), t3 = deref(a[2]);
  const str = t3.tag !== VAR ? t3.tag === STR : t1.tag === STR || t2.tag === STR;
  yield* concat(a, m, str ? mkString : mkAtomText);
}

// SWI: string_chars/2 and string_codes/2.
function stringToList(a: Term[], m: Machine, chars: boolean): boolean {
  const t = deref(a[0]);
  if (t.tag !== VAR) {
    const s = textArg(t, "string");
    return m.unify(a[1], chars ? charList(s) : codeList(s));
  }
  const l = deref(a[1]);
  if (l.tag === VAR) throw instantiationError();
  const s = l.tag === STR ? (l as PString).val : listText(l);
  if (s === null) throw typeError("list", l);
  m.bind(t as Var, new PString(s));
  return true;
}

// SWI: string_to_atom(?String, ?Atom).
function stringToAtom(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag !== VAR) return unifyText(m, a[1], textArg(t, "string"), mkAtomText);
  const s = textArg(a[1], "atom");
  m.bind(t as Var, new PString(s));
  return true;
}

// SWI: atom_string(?Atom, ?String).
function atomString(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag !== VAR) return unifyText(m, a[1], textArg(t, "atom"), mkString);
  const s = textArg(a[1], "string");
  m.bind(t as Var, mkAtom(s));
  return true;
}

/** A length argument: ISO 8.16.1.3 errors, as for `atom_length/2`. */
function checkLength(l: Term): void {
  if (l.tag === VAR) return;
  if (!isInteger(l)) throw typeError("integer", l);
  if (l.tag === BIG ? l.val < 0n : (l as Int).val < 0) throw domainError("not_less_than_zero", l);
}

// SWI: string_length(+String, ?Length).
function stringLength(a: Term[], m: Machine): boolean {
  const s = textArg(a[0], "string");
  const l = deref(a[1]);
  checkLength(l);
  return m.unify(l, mkInt(cpLength(s)));
}

// SWI: number_string(?Number, ?String) fails when String is not a number.
function numberString(a: Term[], m: Machine): boolean {
  const n = deref(a[0]);
  if (n.tag !== VAR && !isNumber(n)) throw typeError("number", n);
  const t = deref(a[1]);
  if (t.tag !== VAR) {
    const v = parseNumber(textArg(t, "string"), "strict");
    return v !== null && m.unify(n, v);
  }
  if (n.tag === VAR) throw instantiationError();
  m.bind(t as Var, new PString(numberText(n)));
  return true;
}

// SWI: string_lower/2, string_upper/2.
function stringCase(a: Term[], m: Machine, upper: boolean): boolean {
  return unifyText(m, a[1], mapCase(textArg(a[0], "string"), upper), mkString);
}

// SWI: sub_string(+String, ?B, ?L, ?A, ?Sub), as sub_atom/5 (ISO 8.16.3).
function* subString(a: Term[], m: Machine): Generator<number, void, void> {
  const s = textArg(a[0], "string");
  yield* substrings(m, a, s, optText(a[4]), mkString);
}

// SWI: string_code(+Index, +String, ?Code), 1-based; fails out of range.
function stringCode(a: Term[], m: Machine): boolean {
  const i = deref(a[0]);
  if (i.tag === VAR) throw instantiationError();
  if (!isInteger(i)) throw typeError("integer", i);
  const s = textArg(a[1], "string");
  if (i.tag !== INT) return false;
  const k = (i as Int).val;
  if (k < 1 || k > s.length) return false;
  const ti = new TextIndex(s);
  if (k > ti.n) return false;
  return m.unify(a[2], mkInt(ti.slice(k - 1, k).codePointAt(0)!));
}

/**
 * SWI's `split_string/4`: the text between pad characters is cut at every
 * separator and each field loses its leading and trailing pad characters.
 * The whole text is stripped first and a field's leading pad is skipped
 * before looking for its separator, so separators that are also pad
 * characters collapse (`split_string("/home//jan///nice/path", "/", "/", L)`
 * gives `["home", "jan", "nice", "path"]`).
 */
function splitString(a: Term[], m: Machine): boolean {
  const s = [...textArg(a[0], "string")];
  const sep = new Set(textArg(a[1], "string"));
  const pad = new Set(textArg(a[2], "string"));
  let start = 0, end = s.length;
  while (start < end && pad.has(s[start])) start++;
  while (end > start && pad.has(s[end - 1])) end--;
  const fields: Term[] = [];
  for (;;) {
    while (start < end && pad.has(s[start])) start++;
    let el = start;
    while (el < end && !sep.has(s[el])) el++;
    let e0 = el;
    while (e0 > start && pad.has(s[e0 - 1])) e0--;
    fields.push(new PString(s.slice(start, e0).join("")));
    if (el >= end) break;
    start = el + 1;
  }
  return m.unify(a[3], mkList(fields));
}

// SWI: term_string(?String, ?Term): parses String when bound, else writes Term.
function termString(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag === VAR) {
    m.bind(t as Var, new PString(writeText(m, a[1])));
    return true;
  }
  return m.unify(a[1], parseText(m, textArg(t, "string")).term);
}

// SWI: text_to_string(+Text, ?String); `[]` is the empty text here.
function textToString(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t === NIL) return unifyText(m, a[1], "", mkString);
  if (t.tag === VAR) {
    const s = deref(a[1]);
    if (s.tag === VAR) throw instantiationError();
    m.bind(t as Var, new PString(textArg(s, "string")));
    return true;
  }
  return unifyText(m, a[1], textArg(t, "text"), mkString);
}

// SWI: read_term_from_atom(+Atom, -Term, +Options); options are ignored.
function readTermFromAtom(a: Term[], m: Machine): boolean {
  const s = atomicText(deref(a[0]));
  if (s === null) {
    const t = deref(a[0]);
    if (t.tag === VAR) throw instantiationError();
    throw typeError("atom", t);
  }
  return m.unify(a[1], parseText(m, s).term);
}

/** String builtins (SWI-Prolog). */
export const stringBuiltins: BuiltinTable = {
  det: {
    "string_chars/2": (a, m) => stringToList(a, m, true),
    "string_codes/2": (a, m) => stringToList(a, m, false),
    "string_to_atom/2": stringToAtom,
    "atom_string/2": atomString,
    "string_length/2": stringLength,
    "number_string/2": numberString,
    "string_lower/2": (a, m) => stringCase(a, m, false),
    "string_upper/2": (a, m) => stringCase(a, m, true),
    "string_code/3": stringCode,
    "split_string/4": splitString,
    "term_string/2": termString,
    "term_string/3": termString,
    "text_to_string/2": textToString,
    "read_term_from_atom/3": readTermFromAtom,
  },
  nondet: {
    "string_concat/3": (a, m) => concat(a, m, mkString),
    "text_concat/3": textConcat,
    "sub_string/5": subString,
  },
};
