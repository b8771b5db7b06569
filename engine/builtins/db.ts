/**
 * Database builtins: clause creation and destruction (ISO 8.9), clause
 * retrieval and information (ISO 8.8), predicate properties and the
 * `dynamic/1`-style declarations (ISO 7.4.2). Loading files, operators and
 * statistics live in `_db_system.ts` and are merged into {@linkcode dbBuiltins}.
 *
 * Every predicate honours the logical update view (ISO 7.5.4): `retract/1`
 * and `clause/2` walk the clause array they found when called, which
 * `Pred` never mutates while it is shared.
 *
 * @module
 */
import { type Clause, type IndexKey, indexKey, instantiate } from "../compile.ts";
import { addClause } from "../consult.ts";
import { keyMatches, LAST, MORE, P_USER, type Pred } from "../database.ts";
import { domainError, instantiationError, permissionError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  deref,
  DOT,
  type Functor,
  functorOf,
  INT,
  type Int,
  mkAtom,
  mkFunctor,
  mkInt,
  NIL,
  SLOT,
  STRUCT,
  Struct,
  Template,
  type Term,
  TMPL,
  TRUE,
  VAR,
  Var,
} from "../term.ts";
import { callableArg } from "./_args.ts";
import { dbSystemBuiltins } from "./_db_system.ts";
import type { BuiltinTable } from "./registry.ts";

const F_NECK = mkFunctor(":-", 2);
const F_SLASH = mkFunctor("/", 2);
const F_DSLASH = mkFunctor("//", 2);
const F_CONJ = mkFunctor(",", 2);
const F_DISJ = mkFunctor(";", 2);
const F_BAR = mkFunctor("|", 2);
const F_IF = mkFunctor("->", 2);
const F_CALL1 = mkFunctor("call", 1);
const F_NOC = mkFunctor("number_of_clauses", 1);

/** Key in `Machine.ext` of the set of predicates declared `multifile`. */
const MULTIFILE_KEY = "db.multifile";

/**
 * The term `Name/Arity` for a functor.
 *
 * @param fn The functor.
 * @returns The predicate indicator.
 */
function indicatorOf(fn: Functor): Term {
  return new Struct(F_SLASH, [fn.name, mkInt(fn.arity)]);
}

/** Splits a clause term into head and body (a fact has body `true`). */
function splitClause(t: Term): [Term, Term] {
  t = deref(t);
  if (t.tag === STRUCT && (t as Struct).fn === F_NECK) {
    return [deref((t as Struct).args[0]), (t as Struct).args[1]];
  }
  return [t, TRUE];
}

/** True for predicates user code may not inspect or modify. */
function isSystem(p: Pred): boolean {
  return p.kind !== P_USER || (p.library && !p.dynamic);
}

/**
 * ISO 7.6.2 body conversion for clauses handed back to the user: a variable
 * in a control position of the stored body pattern becomes `call(V)`.
 * Ground parts are plain structs and are returned as they are.
 */
function asBody(p: Term): Term {
  if (p.tag === SLOT) return new Template(F_CALL1, [p]);
  if (p.tag !== TMPL) return p;
  const t = p as Template;
  if (t.fn !== F_CONJ && t.fn !== F_DISJ && t.fn !== F_BAR && t.fn !== F_IF) return p;
  const a = asBody(t.args[0]), b = asBody(t.args[1]);
  if (a === t.args[0] && b === t.args[1]) return p;
  return new Template(t.fn, [a, b]);
}

/**
 * Index of the next clause at or after `i` that can match `key`, or
 * `list.length`. Clauses retracted after the call started stay visible to
 * it (ISO 7.5.4 logical update view).
 */
function nextCandidate(list: Clause[], i: number, key: IndexKey, arg = 0): number {
  const n = list.length;
  while (i < n && !keyMatches(list[i].keys[arg] ?? null, key)) i++;
  return i;
}

/** The first-argument index key of a callable head, `null` when it has none. */
function headKey(head: Atom | Struct): IndexKey {
  return head.tag === STRUCT ? indexKey(deref(head.args[0])) : null;
}

/**
 * Unifies `head :- body` with a renamed copy of a clause, undoing partial
 * bindings when it fails. Head and body share one fresh frame.
 */
function unifyClause(m: Machine, c: Clause, head: Term, body: Term): boolean {
  const frame = new Array<Term>(c.nvars);
  return m.attempt(() =>
    m.unify(head, instantiate(c.head, frame)) && m.unify(body, instantiate(asBody(c.body), frame))
  );
}

// ---------------------------------------------------------------- ISO 8.9

/** ISO 8.9.3 `retract/1`: nondeterministic, under the logical update view. */
function* retract(args: Term[], m: Machine): Generator<number, void, void> {
  const [h, body] = splitClause(args[0]);
  const head = callableArg(h);
  const p = m.db.get(functorOf(head));
  if (p === undefined) return;
  if (isSystem(p) || (!p.dynamic && p.defined)) {
    throw permissionError("modify", "static_procedure", indicatorOf(p.fn));
  }
  // The candidates as the machine would choose them (index on the best
  // argument): a keyed retract in a large predicate looks at its key's
  // clauses only. The list is held across yields: mark it shared.
  const ia = head.tag === STRUCT ? p.indexArg : 0;
  const arg = head.tag === STRUCT ? head.args[ia] : undefined;
  const list = p.candidates(arg);
  if (list === p.clauses) p.shared = true;
  const key = arg === undefined ? null : indexKey(deref(arg));
  let i = nextCandidate(list, 0, key, ia);
  while (i < list.length) {
    const c = list[i];
    i = nextCandidate(list, i + 1, key, ia);
    if (!unifyClause(m, c, head, body)) continue;
    p.remove(c); // a no-op when another call retracted it already
    yield i < list.length ? MORE : LAST;
  }
}

/** ISO 8.9.5 (Cor.2) `retractall/1`: creates the predicate as dynamic if needed. */
function retractall(args: Term[], m: Machine): boolean {
  const head = callableArg(args[0]);
  const p = m.db.ensure(functorOf(head));
  if (isSystem(p) || (!p.dynamic && p.defined)) {
    throw permissionError("modify", "static_procedure", indicatorOf(p.fn));
  }
  if (!p.dynamic) {
    p.dynamic = true;
    p.defined = true;
    return true;
  }
  const list = p.clauses;
  const key = headKey(head);
  const doomed: Clause[] = [];
  for (let i = nextCandidate(list, 0, key); i < list.length; i = nextCandidate(list, i + 1, key)) {
    const c = list[i];
    const frame = new Array<Term>(c.nvars);
    if (m.probe(() => m.unify(head, instantiate(c.head, frame)))) doomed.push(c);
  }
  if (doomed.length === 1) {
    p.remove(doomed[0]);
  } else if (doomed.length > 1) {
    // Each `remove` copies the clause array: rebuild once instead (O(n)).
    const gone = new Set(doomed);
    p.clear(); // marks every clause erased; the survivors are re-added below
    for (const c of list) {
      if (gone.has(c)) continue;
      c.erased = false;
      p.add(c, true);
    }
  }
  return true;
}

/**
 * Reads a predicate indicator `Name/Arity` (or `Name//Arity` when `dcg`)
 * for `abolish/1` and the declarations, with the ISO 8.9.4.3 errors.
 */
function indicatorArg(t: Term, dcg: boolean): Functor {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  if (
    t.tag !== STRUCT || ((t as Struct).fn !== F_SLASH && !(dcg && (t as Struct).fn === F_DSLASH))
  ) {
    throw typeError("predicate_indicator", t);
  }
  const name = deref((t as Struct).args[0]), arity = deref((t as Struct).args[1]);
  if (name.tag === VAR || arity.tag === VAR) throw instantiationError();
  if (name.tag !== ATOM) throw typeError("atom", name);
  if (arity.tag !== INT) throw typeError("integer", arity);
  const n = (arity as Int).val;
  if (n < 0) throw domainError("not_less_than_zero", arity);
  return mkFunctor(name as Atom, (t as Struct).fn === F_DSLASH ? n + 2 : n);
}

/** ISO 8.9.4 `abolish/1`. */
function abolish(args: Term[], m: Machine): boolean {
  const fn = indicatorArg(args[0], false);
  const p = m.db.get(fn);
  if (p === undefined) return true;
  if (isSystem(p) || (!p.dynamic && p.defined)) {
    throw permissionError("modify", "static_procedure", indicatorOf(fn));
  }
  p.clear();
  p.dynamic = false;
  p.defined = false;
  p.discontiguous = false;
  return true;
}

// ---------------------------------------------------------------- ISO 8.8

/** ISO 8.8.1 `clause/2`. */
function* clause(args: Term[], m: Machine): Generator<number, void, void> {
  const head = callableArg(args[0]);
  const body = deref(args[1]);
  if (body.tag !== VAR && body.tag !== ATOM && body.tag !== STRUCT) {
    throw typeError("callable", body);
  }
  const p = m.db.get(functorOf(head));
  if (p === undefined) return;
  if (isSystem(p) || (!p.dynamic && p.defined && protectsStatic(m))) {
    throw permissionError("access", "private_procedure", indicatorOf(p.fn));
  }
  // The candidates as the machine would choose them (index on the best
  // argument): a keyed retract in a large predicate looks at its key's
  // clauses only. The list is held across yields: mark it shared.
  const ia = head.tag === STRUCT ? p.indexArg : 0;
  const arg = head.tag === STRUCT ? head.args[ia] : undefined;
  const list = p.candidates(arg);
  if (list === p.clauses) p.shared = true;
  const key = arg === undefined ? null : indexKey(deref(arg));
  let i = nextCandidate(list, 0, key, ia);
  while (i < list.length) {
    const c = list[i];
    i = nextCandidate(list, i + 1, key, ia);
    if (!unifyClause(m, c, head, body)) continue;
    yield i < list.length ? MORE : LAST;
  }
}

/**
 * Whether `clause/2` refuses static user predicates (ISO 8.8.1.3). SWI's
 * `protect_static_code` flag: `true` by default here for ISO conformance;
 * meta-interpreters over consulted code set it to `false`.
 */
function protectsStatic(m: Machine): boolean {
  return m.flags.extra.get("protect_static_code") !== false;
}

/** A user-visible predicate for `current_predicate/1`: user code with clauses or dynamic. */
function isVisible(p: Pred): boolean {
  return p.kind === P_USER && !p.library && (p.clauses.length > 0 || p.dynamic);
}

/** ISO 8.8.2 `current_predicate/1`. */
function* currentPredicate(args: Term[], m: Machine): Generator<number, void, void> {
  const pi = deref(args[0]);
  let name: Term = new Var(), arity: Term = new Var();
  if (pi.tag !== VAR) {
    if (pi.tag !== STRUCT || (pi as Struct).fn !== F_SLASH) {
      throw typeError("predicate_indicator", pi);
    }
    name = deref((pi as Struct).args[0]);
    arity = deref((pi as Struct).args[1]);
    if (
      (name.tag !== VAR && name.tag !== ATOM) ||
      (arity.tag !== VAR && (arity.tag !== INT || (arity as Int).val < 0))
    ) {
      throw typeError("predicate_indicator", pi);
    }
  }
  if (name.tag === ATOM && arity.tag === INT) {
    const p = m.db.get(mkFunctor(name as Atom, (arity as Int).val));
    if (p !== undefined && isVisible(p)) yield LAST;
    return;
  }
  const matches: Pred[] = [];
  for (const p of m.db.all) {
    if (!isVisible(p)) continue;
    if (name.tag === ATOM && p.fn.name !== name) continue;
    if (arity.tag === INT && p.fn.arity !== (arity as Int).val) continue;
    matches.push(p);
  }
  for (let i = 0; i < matches.length; i++) {
    if (m.unify(pi, indicatorOf(matches[i].fn))) yield i + 1 < matches.length ? MORE : LAST;
  }
}

/** True for predicates that exist for `predicate_property/2`. */
function isKnown(p: Pred): boolean {
  return isSystem(p) || p.defined || p.dynamic || p.discontiguous || p.clauses.length > 0;
}

/** The properties of one predicate, as terms (SWI names). */
function propertiesOf(p: Pred, m: Machine): Term[] {
  const out: Term[] = [];
  const system = isSystem(p);
  out.push(mkAtom("defined"), mkAtom("visible"));
  if (system) out.push(mkAtom("built_in"), mkAtom("system"));
  out.push(mkAtom(p.dynamic ? "dynamic" : "static"));
  if (p.kind === P_USER) out.push(new Struct(F_NOC, [mkInt(p.clauses.length)]));
  if (p.discontiguous) out.push(mkAtom("discontiguous"));
  if (multifileSet(m).has(p)) out.push(mkAtom("multifile"));
  return out;
}

/** SWI `predicate_property/2`: nondeterministic over predicates and properties. */
function* predicateProperty(args: Term[], m: Machine): Generator<number, void, void> {
  const h = deref(args[0]);
  let preds: Pred[];
  if (h.tag === VAR) {
    preds = m.db.all.filter(isKnown);
  } else {
    if (h.tag !== ATOM && h.tag !== STRUCT) throw typeError("callable", h);
    const p = m.db.get(functorOf(h as Atom | Struct));
    if (p === undefined || !isKnown(p)) return;
    preds = [p];
  }
  const prop = args[1];
  for (const p of preds) {
    for (const t of propertiesOf(p, m)) {
      if (m.attempt(() => m.unify(h, headFor(p.fn)) && m.unify(prop, t))) yield MORE;
    }
  }
}

/** A most general goal for a functor: `name(_, ..., _)`. */
function headFor(fn: Functor): Term {
  if (fn.arity === 0) return fn.name;
  const args: Term[] = [];
  for (let i = 0; i < fn.arity; i++) args.push(new Var());
  return new Struct(fn, args);
}

// ---------------------------------------------------------------- ISO 7.4.2 declarations

function multifileSet(m: Machine): Set<Pred> {
  let s = m.ext.get(MULTIFILE_KEY) as Set<Pred> | undefined;
  if (s === undefined) m.ext.set(MULTIFILE_KEY, s = new Set());
  return s;
}

/**
 * Applies `f` to every predicate named by a declaration argument: an
 * indicator, a conjunction `(A, B)` or a list of indicators.
 */
function declare(spec: Term, m: Machine, f: (p: Pred) => void): boolean {
  const stack: Term[] = [spec];
  while (stack.length > 0) {
    const t = deref(stack.pop()!);
    if (t.tag === STRUCT && ((t as Struct).fn === F_CONJ || (t as Struct).fn === DOT)) {
      stack.push((t as Struct).args[1], (t as Struct).args[0]);
      continue;
    }
    if (t === NIL) continue;
    const fn = indicatorArg(t, true);
    const p = m.db.ensure(fn);
    if (p.kind !== P_USER) throw permissionError("modify", "static_procedure", indicatorOf(fn));
    if (p.library && !m.ext.get("loadingLibrary")) {
      // The user takes the name over, as consulting a definition would.
      p.clear();
      p.library = false;
    }
    f(p);
  }
  return true;
}

function markDynamic(p: Pred): void {
  p.dynamic = true;
  p.defined = true;
}

function markDiscontiguous(p: Pred): void {
  p.discontiguous = true;
}

// ---------------------------------------------------------------- table

function assertz(args: Term[], m: Machine): boolean {
  addClause(m, args[0], true, false);
  return true;
}

/** Database builtins (ISO 8.8, 8.9, 7.4.2 declarations, plus `_db_system.ts`). */
export const dbBuiltins: BuiltinTable = {
  det: {
    // ISO 8.9.1, 8.9.2
    "asserta/1": (a, m) => {
      addClause(m, a[0], false, false);
      return true;
    },
    "assertz/1": assertz,
    "assert/1": assertz,
    // ISO 8.9.4, 8.9.5
    "abolish/1": abolish,
    "retractall/1": retractall,
    // ISO 7.4.2.1 and SWI's discontiguous/multifile, callable as goals
    "dynamic/1": (a, m) => declare(a[0], m, markDynamic),
    "discontiguous/1": (a, m) => declare(a[0], m, markDiscontiguous),
    "multifile/1": (a, m) => {
      const set = multifileSet(m);
      return declare(a[0], m, (p) => {
        set.add(p);
        p.defined = true;
      });
    },
    ...dbSystemBuiltins.det,
  },
  nondet: {
    "retract/1": retract,
    "clause/2": clause,
    "current_predicate/1": currentPredicate,
    "predicate_property/2": predicateProperty,
    ...dbSystemBuiltins.nondet,
  },
};
