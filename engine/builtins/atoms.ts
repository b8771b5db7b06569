/**
 * Atom builtins: the ISO 8.16 atomic term processing predicates, plus
 * SWI-Prolog's `atom_number/2`, `atom_to_term/3`, `term_to_atom/2`,
 * `upcase_atom/2`, `downcase_atom/2`, `atomic_list_concat/2,3` and
 * `char_type/2`, `code_type/2`.
 *
 * Characters are Unicode code points: `'😀'` is one character. Where ISO
 * wants an atom, strings are accepted too (they do not exist in ISO), and
 * numbers only when the `iso` flag is `false` (SWI's lenient mode).
 *
 * @module
 */
import { domainError, instantiationError, representationError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  BIG,
  deref,
  DOT,
  type Int,
  isCyclicList,
  isInteger,
  LONG_LIST,
  mkAtom,
  mkInt,
  mkList,
  NIL,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  type Var,
} from "../term.ts";
import { LAST } from "../database.ts";
import { splits, substrings } from "./_atoms_sub.ts";
import { charTypeBuiltins } from "./_char_type.ts";
import {
  atomicArg,
  atomicText,
  atomText,
  charAtom,
  charCodeOf,
  charList,
  CHARS,
  codeList,
  CODES,
  cpLength,
  illegalNumber,
  isNumber,
  isoListText,
  lenientText,
  mapCase,
  MAX_CODE,
  mkAtomText,
  numberText,
  parseNumber,
  parseText,
  writeText,
} from "./_text.ts";
import type { BuiltinTable } from "./registry.ts";

/** The text of an optional ISO atom argument: `null` when unbound. */
function optAtomText(t: Term, lenient: boolean): string | null {
  return t.tag === VAR ? null : atomText(t, lenient);
}

// ISO 8.16.1: atom_length(+Atom, ?Length).
function atomLength(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag === VAR) throw instantiationError();
  const s = atomText(t, lenientText(m));
  const l = deref(a[1]);
  if (l.tag !== VAR) {
    if (!isInteger(l)) throw typeError("integer", l);
    if (l.tag === BIG ? l.val < 0n : (l as Int).val < 0) {
      throw domainError("not_less_than_zero", l);
    }
  }
  return m.unify(l, mkInt(cpLength(s)));
}

// ISO 8.16.2: atom_concat(?A1, ?A2, ?A3), nondeterministic when A3 is split.
function* atomConcat(a: Term[], m: Machine): Generator<number, void, void> {
  const lenient = lenientText(m);
  const t1 = deref(a[0]), t2 = deref(a[1]), t3 = deref(a[2]);
  const s1 = optAtomText(t1, lenient), s2 = optAtomText(t2, lenient);
  const s3 = optAtomText(t3, lenient);
  if (s1 !== null && s2 !== null) {
    m.reserve(s1.length + s2.length);
    const s = s1 + s2;
    if (s3 === null ? m.unify(t3, mkAtom(s)) : s3 === s) yield LAST;
    return;
  }
  if (s3 === null) throw instantiationError();
  if (s1 !== null) {
    if (s3.startsWith(s1) && m.unify(t2, mkAtom(s3.slice(s1.length)))) yield LAST;
  } else if (s2 !== null) {
    if (s3.endsWith(s2) && m.unify(t1, mkAtom(s3.slice(0, s3.length - s2.length)))) yield LAST;
  } else {
    yield* splits(m, t1, t2, s3, mkAtomText);
  }
}

// ISO 8.16.3: sub_atom(+Atom, ?Before, ?Length, ?After, ?Sub_atom).
function* subAtom(a: Term[], m: Machine): Generator<number, void, void> {
  const lenient = lenientText(m);
  const t = deref(a[0]);
  if (t.tag === VAR) throw instantiationError();
  const s = atomText(t, lenient);
  const sub = optAtomText(deref(a[4]), lenient);
  yield* substrings(m, a, s, sub, mkAtomText, true);
}

// ISO 8.16.4 and 8.16.5: atom_chars/2 and atom_codes/2.
function atomToList(a: Term[], m: Machine, kind: number): boolean {
  const t = deref(a[0]);
  if (t.tag !== VAR) {
    const s = atomText(t, lenientText(m));
    return m.unify(a[1], kind === CHARS ? charList(s) : codeList(s));
  }
  const s = isoListText(a[1], kind, true);
  if (s === null) throw instantiationError();
  m.bind(t as Var, mkAtom(s));
  return true;
}

// ISO 8.16.6: char_code(?Char, ?Code).
function charCode(a: Term[], m: Machine): boolean {
  const c = deref(a[0]), x = deref(a[1]);
  let code = -1;
  if (c.tag !== VAR) {
    if (c.tag !== ATOM || (code = charCodeOf(c as Atom)) < 0) throw typeError("character", c);
  }
  if (x.tag !== VAR) {
    if (!isInteger(x)) throw typeError("integer", x);
    if (x.tag === BIG || (x as Int).val < 0 || (x as Int).val > MAX_CODE) {
      throw representationError("character_code");
    }
    if (c.tag === VAR) return m.unify(c, charAtom((x as Int).val));
    return (x as Int).val === code;
  }
  if (c.tag === VAR) throw instantiationError();
  return m.unify(x, mkInt(code));
}

// ISO 8.16.7 and 8.16.8: number_chars/2 and number_codes/2. A complete
// list is parsed even when Number is bound (number_codes(1, " 1") holds).
// The list is checked first, whether or not Number is bound: a List that is
// neither a list nor a partial list is type_error(list, List) (8.16.7.3 c),
// also in number_chars([], 1) and number_chars(1, [a|2]).
function numberToList(a: Term[], m: Machine, kind: number): boolean {
  const n = deref(a[0]);
  const s = isoListText(a[1], kind, true);
  if (n.tag !== VAR && !isNumber(n)) throw typeError("number", n);
  if (s !== null) {
    // ISO reads "- 1" as -1 (the conformance suite checks it); SWI-Prolog,
    // which the `iso` flag set to false follows, raises a syntax error.
    const v = parseNumber(s, lenientText(m) ? "swi" : "iso");
    if (v === null) throw illegalNumber();
    return m.unify(n, v);
  }
  if (n.tag === VAR) throw instantiationError();
  const text = numberText(n);
  return m.unify(a[1], kind === CHARS ? charList(text) : codeList(text));
}

// SWI: atom_number(?Atom, ?Number) fails when Atom is not a number.
function atomNumber(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag === VAR) {
    const n = deref(a[1]);
    if (n.tag === VAR) throw instantiationError();
    if (!isNumber(n)) throw typeError("number", n);
    m.bind(t as Var, mkAtom(numberText(n)));
    return true;
  }
  // As SWI-Prolog: no layout around the number or after its sign (' 12' fails).
  const v = parseNumber(atomicArg(t, "atom"), "strict");
  return v !== null && m.unify(a[1], v);
}

// SWI: atom_to_term(+Atom, -Term, -Bindings).
function atomToTerm(a: Term[], m: Machine): boolean {
  const r = parseText(m, atomicArg(a[0], "atom"));
  return m.unify(a[1], r.term) && m.unify(a[2], r.bindings);
}

// SWI: term_to_atom(?Term, ?Atom): parses Atom when bound, else writes Term.
function termToAtom(a: Term[], m: Machine): boolean {
  const t = deref(a[1]);
  if (t.tag === VAR) {
    m.bind(t as Var, mkAtom(writeText(m, a[0])));
    return true;
  }
  return m.unify(a[0], parseText(m, atomicArg(t, "atom")).term);
}

// SWI: upcase_atom/2, downcase_atom/2 map each character on its own.
function caseAtom(a: Term[], m: Machine, upper: boolean): boolean {
  const s = mapCase(atomicArg(a[0], "atom"), upper);
  const out = deref(a[1]);
  if (out.tag === VAR) {
    m.bind(out as Var, mkAtom(s));
    return true;
  }
  const x = atomicText(out);
  if (x === null) throw typeError("atom", out);
  return x === s;
}

/**
 * The texts of a list of atomic terms, or `null` if the list is partial or
 * holds variables (SWI's `atomic_list_concat/3` then splits).
 */
function atomicListTexts(list: Term): string[] | null {
  const out: string[] = [];
  let l = deref(list);
  let open = false;
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (out.length === LONG_LIST && isCyclicList(list)) throw typeError("list", deref(list));
    const e = deref((l as Struct).args[0]);
    if (e.tag === VAR) {
      open = true;
    } else {
      const s = atomicText(e);
      if (s === null) throw typeError("atomic", e);
      out.push(s);
    }
    l = deref((l as Struct).args[1]);
  }
  if (l.tag === VAR) return null;
  if (l !== NIL) throw typeError("list", deref(list));
  return open ? null : out;
}

// SWI: atomic_list_concat(+List, ?Atom).
function atomicListConcat2(a: Term[], m: Machine): boolean {
  const parts = atomicListTexts(a[0]);
  if (parts === null) throw instantiationError();
  return unifyAtom(m, a[1], parts.join(""));
}

// SWI: atomic_list_concat(?List, +Sep, ?Atom), splitting Atom when List is open.
function atomicListConcat3(a: Term[], m: Machine): boolean {
  const sepT = deref(a[1]);
  const sep = atomicArg(sepT, "atomic");
  const parts = atomicListTexts(a[0]);
  if (parts !== null) return unifyAtom(m, a[2], parts.join(sep));
  const whole = deref(a[2]);
  if (whole.tag === VAR) throw instantiationError();
  if (sep === "") throw domainError("non_empty_atom", sepT);
  const items = atomicArg(whole, "atomic").split(sep).map(mkAtomText);
  return m.unify(a[0], mkList(items));
}

/** Unifies an output with an atom, comparing texts when it is bound. */
function unifyAtom(m: Machine, out: Term, s: string): boolean {
  m.reserve(s.length);
  const t = deref(out);
  if (t.tag === VAR) {
    m.bind(t as Var, mkAtom(s));
    return true;
  }
  return (t.tag === ATOM || t.tag === STR || isNumber(t)) && atomicText(t) === s;
}

/** Atom builtins (ISO 8.16 and SWI extensions). */
export const atomBuiltins: BuiltinTable = {
  det: {
    "atom_length/2": atomLength,
    "atom_chars/2": (a, m) => atomToList(a, m, CHARS),
    "atom_codes/2": (a, m) => atomToList(a, m, CODES),
    "char_code/2": charCode,
    "number_chars/2": (a, m) => numberToList(a, m, CHARS),
    "number_codes/2": (a, m) => numberToList(a, m, CODES),
    "atom_number/2": atomNumber,
    "atom_to_term/3": atomToTerm,
    "term_to_atom/2": termToAtom,
    "upcase_atom/2": (a, m) => caseAtom(a, m, true),
    "downcase_atom/2": (a, m) => caseAtom(a, m, false),
    "atomic_list_concat/2": atomicListConcat2,
    "atomic_list_concat/3": atomicListConcat3,
  },
  nondet: {
    "atom_concat/3": atomConcat,
    "sub_atom/5": subAtom,
    ...charTypeBuiltins,
  },
};
