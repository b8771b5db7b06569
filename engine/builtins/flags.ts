/**
 * Prolog flags (ISO 7.11, 8.17.1 `set_prolog_flag/2`, 8.17.2
 * `current_prolog_flag/2`) and SWI's global variables (`nb_setval/2`,
 * `b_setval/2`, `nb_getval/2`, `b_getval/2`).
 *
 * The changeable flags live in `m.flags` as plain JS values, so the reader
 * and the solver read them without going through terms. Flags created with
 * `create_prolog_flag/3` live in `m.flags.extra`.
 *
 * @module
 */
import { MIN_MEMORY_LIMIT } from "../_memory.ts";
import { copyTerm } from "../copy.ts";
import { LAST, MORE } from "../database.ts";
import {
  domainError,
  existenceError,
  instantiationError,
  permissionError,
  typeError,
} from "../errors.ts";
import type { DoubleQuotes, UnknownMode } from "../flags.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  deref,
  Float,
  INT,
  type Int,
  mkAtom,
  mkFunctor,
  mkInt,
  mkInteger,
  mkStruct,
  NIL,
  STRUCT,
  Struct,
  type Term,
  VAR,
  Var,
} from "../term.ts";
import { atomArg } from "./_args.ts";
import type { BuiltinTable } from "./registry.ts";

/** One flag: how to read it and, unless read-only, how to set it. */
interface FlagDef {
  get(m: Machine): Term;
  /** Sets the value (bound); returns false for a value outside the flag's domain. */
  set?(m: Machine, v: Term): boolean;
}

function constant(t: Term): FlagDef {
  return { get: () => t };
}

function oneOf<T extends string>(
  values: readonly T[],
  get: (m: Machine) => T,
  set: (m: Machine, v: T) => void,
): FlagDef {
  return {
    get: (m) => mkAtom(get(m)),
    set: (m, v) => {
      if (v.tag !== ATOM || !(values as readonly string[]).includes((v as Atom).name)) return false;
      set(m, (v as Atom).name as T);
      return true;
    },
  };
}

/** ISO `on`/`off` flags; SWI's `true`/`false` are accepted when setting. */
function onOff(get: (m: Machine) => boolean, set: (m: Machine, v: boolean) => void): FlagDef {
  return {
    get: (m) => mkAtom(get(m) ? "on" : "off"),
    set: (m, v) => {
      const name = v.tag === ATOM ? (v as Atom).name : "";
      if (name === "on" || name === "true") set(m, true);
      else if (name === "off" || name === "false") set(m, false);
      else return false;
      return true;
    },
  };
}

/** Version 0.1.0 as SWI encodes versions: Major*10000 + Minor*100 + Patch. */
const VERSION = [0, 1, 0];

/** The standard flags, in `current_prolog_flag/2` enumeration order. */
const FLAGS: Record<string, FlagDef> = {
  // ISO 7.11.1: read-only.
  bounded: constant(mkAtom("false")),
  max_integer: constant(mkInteger(9223372036854775807n)),
  min_integer: constant(mkInteger(-9223372036854775808n)),
  integer_rounding_function: constant(mkAtom("toward_zero")),
  max_arity: constant(mkAtom("unbounded")),
  // ISO 7.11.2: changeable.
  char_conversion: onOff((m) => m.flags.charConversion, (m, v) => m.flags.charConversion = v),
  debug: onOff((m) => m.flags.debug, (m, v) => m.flags.debug = v),
  unknown: oneOf<UnknownMode>(
    ["error", "fail", "warning"],
    (m) => m.flags.unknown,
    (m, v) => m.flags.unknown = v,
  ),
  double_quotes: oneOf<DoubleQuotes>(
    ["codes", "chars", "atom", "string"],
    (m) => m.flags.doubleQuotes,
    (m, v) => m.flags.doubleQuotes = v,
  ),
  // ISO/IEC 13211-1:1995 Cor.3 / SWI.
  occurs_check: oneOf<"false" | "true" | "error">(
    ["false", "true", "error"],
    (m) => m.flags.occursCheck,
    (m, v) => m.flags.occursCheck = v,
  ),
  // SWI: may clause/2 inspect static user predicates? (db.ts; ISO says no.)
  protect_static_code: {
    get: (m) => mkAtom(m.flags.extra.get("protect_static_code") === false ? "false" : "true"),
    set: (m, v) => {
      const name = v.tag === ATOM ? (v as Atom).name : "";
      if (name !== "true" && name !== "false") return false;
      m.flags.extra.set("protect_static_code", name === "true");
      return true;
    },
  },
  // SWI-Prolog: bytes the heap may grow by during one query (see _memory.ts).
  stack_limit: {
    get: (m) => mkInt(m.flags.stackLimit),
    set: (m, v) => {
      if (v.tag !== INT || (v as Int).val < MIN_MEMORY_LIMIT) return false;
      m.flags.stackLimit = (v as Int).val;
      return true;
    },
  },
  // SWI-style identification.
  dialect: constant(mkAtom("byrd")),
  version: constant(mkInt(VERSION[0] * 10000 + VERSION[1] * 100 + VERSION[2])),
  version_data: constant(
    mkStruct("byrd", [mkInt(VERSION[0]), mkInt(VERSION[1]), mkInt(VERSION[2]), NIL]),
  ),
};

/** A value kept in `m.flags.extra` as a term (others may store JS values). */
function extraTerm(v: unknown): Term {
  if (typeof v === "object" && v !== null && "tag" in v) return v as Term;
  if (typeof v === "boolean") return mkAtom(v ? "true" : "false");
  if (typeof v === "number") return Number.isInteger(v) ? mkInt(v) : new Float(v);
  if (typeof v === "bigint") return mkInteger(v);
  return mkAtom(String(v));
}

/** ISO 8.17.1 `set_prolog_flag/2`. */
function setFlag(args: Term[], m: Machine): boolean {
  const f = deref(args[0]), v = deref(args[1]);
  if (f.tag === VAR || v.tag === VAR) throw instantiationError();
  if (f.tag !== ATOM) throw typeError("atom", f);
  const name = (f as Atom).name;
  const def = Object.hasOwn(FLAGS, name) ? FLAGS[name] : undefined;
  if (def === undefined) {
    if (!m.flags.extra.has(name)) throw domainError("prolog_flag", f);
    m.flags.extra.set(name, copyTerm(v));
    return true;
  }
  if (def.set === undefined) throw permissionError("modify", "flag", f);
  if (!def.set(m, v)) {
    throw domainError("flag_value", mkStruct("+", [f, v]));
  }
  return true;
}

/** ISO 8.17.2 `current_prolog_flag/2`. */
function* currentFlag(args: Term[], m: Machine): Generator<number, void, void> {
  const f = deref(args[0]);
  if (f.tag !== VAR) {
    if (f.tag !== ATOM) throw typeError("atom", f);
    const name = (f as Atom).name;
    if (Object.hasOwn(FLAGS, name)) {
      if (m.unify(args[1], FLAGS[name].get(m))) yield LAST;
      return;
    }
    if (!m.flags.extra.has(name)) throw domainError("prolog_flag", f);
    if (m.unify(args[1], extraTerm(m.flags.extra.get(name)))) yield LAST;
    return;
  }
  const all: [string, Term][] = Object.entries(FLAGS).map(([n, d]) => [n, d.get(m)]);
  for (const [n, v] of m.flags.extra) if (!Object.hasOwn(FLAGS, n)) all.push([n, extraTerm(v)]);
  for (let i = 0; i < all.length; i++) {
    const [n, v] = all[i];
    if (m.attempt(() => m.unify(f, mkAtom(n)) && m.unify(args[1], v))) {
      yield i + 1 < all.length ? MORE : LAST;
    }
  }
}

/** SWI `create_prolog_flag/3` (options are accepted and ignored). */
function createFlag(args: Term[], m: Machine): boolean {
  const name = atomArg(args[0]).name;
  const v = deref(args[1]);
  if (v.tag === VAR) throw instantiationError();
  if (Object.hasOwn(FLAGS, name)) throw permissionError("modify", "flag", mkAtom(name));
  m.flags.extra.set(name, copyTerm(v));
  return true;
}

// ---------------------------------------------------------------- global variables

/**
 * Backtrackable global variables (`b_setval/2`) are a chain of cells
 * `'$b'(Value, Next)` hanging from the variable's entry
 * `'$b_chain'(Base, Head)`: each `b_setval/2` binds the chain's open end to
 * a new cell through the trail, so backtracking unbinds it and the older
 * value shows again. `Base` is the value the entry had before the first
 * `b_setval/2` (`NO_VALUE` if none). `nb_setval/2` replaces the entry.
 */
const F_CHAIN = mkFunctor("$b_chain", 2);
const F_CELL = mkFunctor("$b", 2);
const NO_VALUE: Term = mkAtom("$no_value");

/** The chain's current value and its open end. */
function walkChain(chain: Struct): [Term, Var] {
  let value = chain.args[0];
  let end = chain.args[1] as Var;
  for (let r = end.ref; r !== null; r = end.ref) {
    value = (r as Struct).args[0];
    end = (r as Struct).args[1] as Var;
  }
  return [value, end];
}

function globalKey(t: Term): string {
  return atomArg(t).name;
}

function getGlobal(args: Term[], m: Machine): boolean {
  const key = deref(args[0]);
  let value = m.globals.get(globalKey(key));
  if (value !== undefined && value.tag === STRUCT && (value as Struct).fn === F_CHAIN) {
    value = walkChain(value as Struct)[0];
  }
  if (value === undefined || value === NO_VALUE) throw existenceError("variable", key);
  return m.unify(args[1], value);
}

function bSetval(args: Term[], m: Machine): boolean {
  const key = globalKey(args[0]);
  let chain = m.globals.get(key);
  if (chain === undefined || chain.tag !== STRUCT || (chain as Struct).fn !== F_CHAIN) {
    chain = new Struct(F_CHAIN, [chain ?? NO_VALUE, new Var()]);
    m.globals.set(key, chain);
  }
  const end = walkChain(chain as Struct)[1];
  // Trail unconditionally: the open end may be younger than the newest
  // choicepoint and must still be unbound when backtracking past this call.
  const saved = m.varMark;
  m.varMark = Infinity;
  m.bind(end, new Struct(F_CELL, [deref(args[1]), new Var()]));
  m.varMark = saved;
  return true;
}

/** SWI `nb_current/2`: enumerates the defined global variables. */
function* nbCurrent(args: Term[], m: Machine): Generator<number, void, void> {
  const entries: [string, Term][] = [];
  for (const [k, v] of m.globals) {
    const value = v.tag === STRUCT && (v as Struct).fn === F_CHAIN ? walkChain(v as Struct)[0] : v;
    if (value !== NO_VALUE) entries.push([k, value]);
  }
  for (const [k, v] of entries) {
    if (m.attempt(() => m.unify(args[0], mkAtom(k)) && m.unify(args[1], v))) yield MORE;
  }
}

/** Flags and global variables. */
export const flagBuiltins: BuiltinTable = {
  det: {
    "set_prolog_flag/2": setFlag,
    "create_prolog_flag/3": createFlag,
    "nb_setval/2": (a, m) => {
      m.globals.set(globalKey(a[0]), copyTerm(a[1]));
      return true;
    },
    "b_setval/2": bSetval,
    "nb_getval/2": getGlobal,
    "b_getval/2": getGlobal,
  },
  nondet: {
    "current_prolog_flag/2": currentFlag,
    "nb_current/2": nbCurrent,
  },
};
