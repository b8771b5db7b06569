/**
 * DCG translation (the `-->` rules of ISO/IEC 13211-1 DCG draft, as SWI-Prolog
 * translates them): each non-terminal gets two extra arguments, the input
 * list and what remains of it.
 *
 * @module
 */
import { instantiationError, typeError } from "./errors.ts";
import type { Machine } from "./machine.ts";
import {
  ATOM,
  type Atom,
  deref,
  DOT,
  listToArray,
  mkFunctor,
  mkInt,
  mkList,
  mkStruct,
  NIL,
  type PString,
  STR,
  STRUCT,
  Struct,
  type Term,
  VAR,
  Var,
} from "./term.ts";

const F_CONJ = mkFunctor(",", 2);
const F_DISJ = mkFunctor(";", 2);
const F_BAR = mkFunctor("|", 2);
const F_IF = mkFunctor("->", 2);
const F_NOT = mkFunctor("\\+", 1);
const F_CURLY = mkFunctor("{}", 1);
const F_CALL = mkAtom_("call");

function mkAtom_(n: string): Atom {
  return mkFunctor(n, 0).name;
}

function eq(a: Term, b: Term): Term {
  return mkStruct("=", [a, b]);
}

function conj(a: Term, b: Term): Term {
  return new Struct(F_CONJ, [a, b]);
}

/** Adds the two list arguments to a non-terminal. */
function extend(t: Term, s0: Term, s: Term): Term {
  if (t.tag === ATOM) return mkStruct(t as Atom, [s0, s]);
  if (t.tag === STRUCT) {
    const st = t as Struct;
    return mkStruct(st.fn.name, [...st.args, s0, s]);
  }
  throw typeError("callable", t);
}

/** A terminal list `[a,b]` (or string literal) as `S0 = [a,b|S]`. */
function terminals(t: Term, s0: Term, s: Term): Term | null {
  if (t.tag === STR) {
    const codes = [...(t as PString).val].map((c) => mkInt(c.codePointAt(0)!));
    return eq(s0, mkList(codes, s));
  }
  if (t === NIL) return eq(s0, s);
  if (t.tag === STRUCT && (t as Struct).fn === DOT) {
    const items = listToArray(t);
    if (items === null) throw typeError("list", t);
    return eq(s0, mkList(items, s));
  }
  return null;
}

/** Translates a DCG body. */
function body(b: Term, s0: Term, s: Term): Term {
  b = deref(b);
  if (b.tag === VAR) return mkStruct("phrase", [b, s0, s]);
  const lit = terminals(b, s0, s);
  if (lit !== null) return lit;
  if (b.tag === ATOM) {
    if ((b as Atom).name === "!") return conj(b, eq(s0, s));
    return extend(b, s0, s);
  }
  if (b.tag !== STRUCT) throw typeError("callable", b);
  const st = b as Struct;
  const fn = st.fn;
  if (fn === F_CONJ) {
    const mid = new Var();
    return conj(body(st.args[0], s0, mid), body(st.args[1], mid, s));
  }
  if (fn === F_DISJ || fn === F_BAR) {
    return new Struct(F_DISJ, [body(st.args[0], s0, s), body(st.args[1], s0, s)]);
  }
  if (fn === F_IF) {
    const mid = new Var();
    return new Struct(F_IF, [body(st.args[0], s0, mid), body(st.args[1], mid, s)]);
  }
  if (fn === F_NOT) {
    return conj(new Struct(F_NOT, [body(st.args[0], s0, new Var())]), eq(s0, s));
  }
  if (fn === F_CURLY) return conj(st.args[0], eq(s0, s));
  if (fn.name === F_CALL) return mkStruct("call", [...st.args, s0, s]);
  return extend(b, s0, s);
}

/**
 * Translates `Head --> Body` into a clause.
 *
 * @param rule The rule term.
 * @param _m The machine (unused; kept for future flags).
 * @returns The clause `Head' :- Body'`.
 * @example
 * ```ts
 * import { dcgTransform } from "./dcg.ts";
 * import { mkAtom, mkStruct } from "./term.ts";
 * const c = dcgTransform(mkStruct("-->", [mkAtom("a"), mkAtom("b")]));
 * ```
 */
export function dcgTransform(rule: Term, _m?: Machine): Term {
  const r = deref(rule) as Struct;
  let head = deref(r.args[0]);
  let pushback: Term | null = null;
  if (head.tag === STRUCT && (head as Struct).fn === F_CONJ) {
    pushback = deref((head as Struct).args[1]);
    head = deref((head as Struct).args[0]);
  }
  if (head.tag === VAR) throw instantiationError();
  const s0 = new Var(), s = new Var();
  if (pushback === null) {
    return mkStruct(":-", [extend(head, s0, s), body(r.args[1], s0, s)]);
  }
  const mid = new Var();
  const pb = terminals(pushback, s, mid);
  if (pb === null) throw typeError("list", pushback);
  return mkStruct(":-", [extend(head, s0, s), conj(body(r.args[1], s0, mid), pb)]);
}

/**
 * Translates a DCG body for `phrase/2,3` (`dcg_translate_rule` for one body).
 *
 * @param b The body.
 * @param s0 Input list.
 * @param s Rest.
 * @returns The goal.
 * @example
 * ```ts
 * import { dcgBody } from "./dcg.ts";
 * import { mkAtom, Var } from "./term.ts";
 * const g = dcgBody(mkAtom("greeting"), new Var(), new Var());
 * ```
 */
export function dcgBody(b: Term, s0: Term, s: Term): Term {
  return body(b, s0, s);
}
