/**
 * Argument checking shared by builtins: each helper returns the value in
 * the JS type wanted or throws the ISO error the standard prescribes.
 *
 * @module
 */
import { domainError, instantiationError, representationError, typeError } from "../errors.ts";
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  deref,
  DOT,
  FLT,
  INT,
  type Int,
  isCallable,
  isCyclicList,
  LONG_LIST,
  mkAtom,
  mkInt,
  mkList,
  NIL,
  type PString,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
} from "../term.ts";

/**
 * The dereferenced argument, or an instantiation error if it is a variable.
 *
 * @param t The argument.
 * @returns It, dereferenced.
 */
export function nonVar(t: Term): Term {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  return t;
}

/**
 * An atom argument.
 *
 * @param t The argument.
 * @returns The atom.
 */
export function atomArg(t: Term): Atom {
  t = nonVar(t);
  if (t.tag !== ATOM) throw typeError("atom", t);
  return t as Atom;
}

/**
 * A callable argument.
 *
 * @param t The argument.
 * @returns The callable term.
 */
export function callableArg(t: Term): Atom | Struct {
  t = nonVar(t);
  if (!isCallable(t)) throw typeError("callable", t);
  return t;
}

/**
 * A small-integer argument (an integer that fits a JS safe integer).
 *
 * @param t The argument.
 * @returns Its value.
 */
export function intArg(t: Term): number {
  t = nonVar(t);
  if (t.tag === INT) return (t as Int).val;
  if (t.tag === BIG) throw representationError("max_integer");
  throw typeError("integer", t);
}

/**
 * A non-negative integer argument.
 *
 * @param t The argument.
 * @returns Its value.
 */
export function natArg(t: Term): number {
  const n = intArg(t);
  if (n < 0) throw domainError("not_less_than_zero", deref(t));
  return n;
}

/**
 * An integer argument of any size, as a bigint.
 *
 * @param t The argument.
 * @returns Its value.
 */
export function bigArg(t: Term): bigint {
  t = nonVar(t);
  if (t.tag === INT) return BigInt((t as Int).val);
  if (t.tag === BIG) return (t as BigInt_).val;
  throw typeError("integer", t);
}

/**
 * A proper list argument (ISO: partial list → instantiation error, other → type_error(list)).
 *
 * @param t The argument.
 * @returns Its elements.
 */
export function listArg(t: Term): Term[] {
  const out: Term[] = [];
  let l = deref(t);
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (out.length === LONG_LIST && isCyclicList(t)) throw typeError("list", deref(t));
    out.push((l as Struct).args[0]);
    l = deref((l as Struct).args[1]);
  }
  if (l.tag === VAR) throw instantiationError();
  if (l !== NIL) throw typeError("list", deref(t));
  return out;
}

/**
 * The text of an atomic term (atom, number, string) for the atom/string builtins.
 *
 * @param t A dereferenced term.
 * @returns Its text, or `null` if it has none (compound).
 */
export function textOf(t: Term): string | null {
  switch (t.tag) {
    case ATOM:
      return (t as Atom).name;
    case INT:
      return String((t as Int).val);
    case BIG:
      return String((t as BigInt_).val);
    case STR:
      return (t as PString).val;
    case FLT:
      return null; // callers format floats through the writer
    default:
      return null;
  }
}

/**
 * A list of character codes for a string.
 *
 * @param s The text.
 * @returns The code list term.
 */
export function codesOf(s: string): Term {
  const items: Term[] = [];
  for (const ch of s) items.push(mkInt(ch.codePointAt(0)!));
  return mkList(items);
}

/**
 * A list of one-character atoms for a string.
 *
 * @param s The text.
 * @returns The char list term.
 */
export function charsOf(s: string): Term {
  const items: Term[] = [];
  for (const ch of s) items.push(mkAtom(ch));
  return mkList(items);
}

/**
 * True for a one-character atom.
 *
 * @param t A dereferenced term.
 * @returns Whether it is a character.
 */
export function isChar(t: Term): t is Atom {
  return t.tag === ATOM && [...(t as Atom).name].length === 1;
}

/**
 * A boolean from `true`/`false` atoms.
 *
 * @param t The argument.
 * @returns The value.
 */
export function boolArg(t: Term): boolean {
  const a = atomArg(t);
  if (a.name === "true") return true;
  if (a.name === "false") return false;
  throw domainError("boolean", a);
}
