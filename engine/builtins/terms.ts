/**
 * Unification builtins (ISO 8.2), term creation and decomposition (ISO 8.5:
 * `functor/3`, `arg/3`, `=../2`, `copy_term/2`, `term_variables/2`), the
 * SWI-Prolog destructive assignments `setarg/3` and `nb_setarg/3`,
 * `numbervars/3`, and `length/2`.
 *
 * @module
 */
import { copyTerm } from "../copy.ts";
import { nextWalkBudget, WALK_BUDGET } from "../cycles.ts";
import {
  domainError,
  instantiationError,
  representationError,
  resourceError,
  typeError,
} from "../errors.ts";
import type { Machine } from "../machine.ts";
import { LAST, MORE } from "../database.ts";
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  deref,
  DOT,
  INT,
  type Int,
  mkFunctor,
  mkInt,
  mkList,
  NIL,
  PString,
  skipList,
  STRUCT,
  Struct,
  type Term,
  VAR,
  Var,
} from "../term.ts";
import { unify, unifyOccursCheck } from "../unify.ts";
import type { BuiltinTable } from "./registry.ts";

/**
 * The largest arity `functor/3` and `=../2` build; beyond it they raise
 * `representation_error(max_arity)` (ISO 8.5.1.3 e). The `max_arity` flag
 * should report this value.
 */
export const MAX_ARITY = 16_777_215;

const VAR_FN = mkFunctor("$VAR", 1);

/** Temporary binding of variables already collected by {@linkcode termVariables}. */
const SEEN: Term = new PString("$seen");

/**
 * The distinct unbound variables of `t`, depth-first, left to right (ISO
 * 8.5.5). Iterative; later arguments wait on a stack while the first is
 * walked, so a list's tail is pushed one cell at a time.
 *
 * A long walk is paced by {@linkcode nextWalkBudget}: a cyclic term is
 * walked again by {@linkcode varsVisiting}, which skips compounds already
 * walked, as SWI-Prolog does: `X = f(X, Z)` has the variables `[Z]`.
 *
 * @param t A term.
 * @param out Where to append the variables.
 * @returns `out`.
 * @example
 * ```ts
 * import { termVariables } from "./terms.ts";
 * import { mkStruct, Var } from "../term.ts";
 * const X = new Var();
 * console.log(termVariables(mkStruct("f", [X, X]), []).length); // 1
 * ```
 */
export function termVariables(t: Term, out: Var[]): Var[] {
  const start = out.length;
  let done = false;
  try {
    done = varsPlain(t, out);
  } finally {
    unmark(out, start);
  }
  if (done) return out;
  out.length = start;
  try {
    varsVisiting(t, out);
  } finally {
    unmark(out, start);
  }
  return out;
}

/** Unbinds the variables `termVariables` marked as seen. */
function unmark(vars: Var[], start: number): void {
  for (let i = start; i < vars.length; i++) vars[i].ref = null;
}

/**
 * The walk of {@linkcode termVariables}; false when it gave up (a possible
 * cycle). Each variable found is marked by binding it to SEEN (undone by the
 * caller): cheaper than a Set for terms with a million variables.
 */
function varsPlain(t: Term, out: Var[]): boolean {
  const t0 = t;
  const stack: Term[] = [];
  let budget = WALK_BUDGET, spent = WALK_BUDGET;
  for (;;) {
    t = deref(t);
    if (t.tag === VAR) {
      out.push(t as Var);
      (t as Var).ref = SEEN;
    } else if (t.tag === STRUCT) {
      if (--budget === 0) {
        budget = nextWalkBudget(t0, spent);
        if (budget === 0) return false;
        spent += budget;
      }
      const args = (t as Struct).args;
      for (let i = args.length - 1; i > 0; i--) stack.push(args[i]);
      t = args[0];
      continue;
    }
    if (stack.length === 0) return true;
    t = stack.pop()!;
  }
}

/** {@linkcode varsPlain} walking each distinct compound once (cyclic or much-shared terms). */
function varsVisiting(t: Term, out: Var[]): void {
  const seen = new Set<Struct>();
  const stack: Term[] = [t];
  while (stack.length > 0) {
    const x = deref(stack.pop()!);
    if (x.tag === VAR) {
      out.push(x as Var);
      (x as Var).ref = SEEN;
    } else if (x.tag === STRUCT && !seen.has(x as Struct)) {
      seen.add(x as Struct);
      const args = (x as Struct).args;
      for (let i = args.length - 1; i >= 0; i--) stack.push(args[i]);
    }
  }
}

/** An integer argument as a number, or `null` for a bigint (out of any range we index). */
function smallOrNull(t: Term): number | null {
  return t.tag === INT ? (t as Int).val : null;
}

/** Checks an arity for functor/3 (ISO 8.5.1.3 d, e, f). */
function arityArg(n: Term): number {
  if (n.tag !== INT && n.tag !== BIG) throw typeError("integer", n);
  const k = smallOrNull(n);
  if (k === null) {
    if ((n as BigInt_).val < 0n) throw domainError("not_less_than_zero", n);
    throw representationError("max_arity");
  }
  if (k < 0) throw domainError("not_less_than_zero", n);
  if (k > MAX_ARITY) throw representationError("max_arity");
  return k;
}

function freshVars(n: number): Term[] {
  const args = new Array<Term>(n);
  for (let i = 0; i < n; i++) args[i] = new Var();
  return args;
}

/** ISO 8.5.1: functor/3. */
function functor3(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag === STRUCT) {
    const fn = (t as Struct).fn;
    return unify(a[1], fn.name, m) && unify(a[2], mkInt(fn.arity), m);
  }
  if (t.tag !== VAR) return unify(a[1], t, m) && unify(a[2], mkInt(0), m);
  const name = deref(a[1]), n = deref(a[2]);
  if (name.tag === VAR || n.tag === VAR) throw instantiationError();
  if (name.tag === STRUCT) throw typeError("atomic", name);
  const k = arityArg(n);
  if (k === 0) {
    m.bind(t as Var, name);
    return true;
  }
  if (name.tag !== ATOM) throw typeError("atom", name);
  m.bind(t as Var, new Struct(mkFunctor(name as Atom, k), freshVars(k)));
  return true;
}

/**
 * ISO 8.5.2: arg/3. An unbound `N` is an instantiation error (8.5.2.3 a).
 * This departs from SWI-Prolog, which enumerates the arguments then; ISO
 * comes first here (iso.tst checks it).
 */
function arg3(a: Term[], m: Machine): boolean {
  const n = deref(a[0]), t = deref(a[1]);
  if (n.tag === VAR || t.tag === VAR) throw instantiationError();
  if (n.tag !== INT && n.tag !== BIG) throw typeError("integer", n);
  if (t.tag !== STRUCT) throw typeError("compound", t);
  const args = (t as Struct).args;
  const i = smallOrNull(n);
  if (i === null) {
    if ((n as BigInt_).val < 0n) throw domainError("not_less_than_zero", n);
    return false;
  }
  if (i < 0) throw domainError("not_less_than_zero", n);
  return i >= 1 && i <= args.length && unify(a[2], args[i - 1], m);
}

/**
 * Checks that `l` is a list or partial list (ISO 8.5.3.3 b); a cyclic list
 * is neither.
 *
 * @returns The elements and the tail (`[]` or a variable).
 */
function listPrefix(l: Term): [Term[], Term] {
  const { length, tail } = skipList(l);
  if (tail.tag !== VAR && tail !== NIL) throw typeError("list", deref(l));
  const items = new Array<Term>(length);
  let t = deref(l) as Struct;
  for (let i = 0; i < length; i++) {
    items[i] = t.args[0];
    t = deref(t.args[1]) as Struct;
  }
  return [items, tail];
}

/** ISO 8.5.3: `=..`/2 (univ). */
function univ(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag !== VAR) {
    if (deref(a[1]).tag !== VAR) listPrefix(a[1]);
    if (t.tag === STRUCT) {
      const s = t as Struct;
      return unify(a[1], mkList([s.fn.name, ...s.args]), m);
    }
    return unify(a[1], mkList([t]), m);
  }
  const [items, tail] = listPrefix(a[1]);
  if (tail.tag === VAR) throw instantiationError();
  if (items.length === 0) throw domainError("non_empty_list", NIL);
  const head = deref(items[0]);
  if (head.tag === VAR) throw instantiationError();
  if (items.length === 1) {
    if (head.tag === STRUCT) throw typeError("atomic", head);
    m.bind(t as Var, head);
    return true;
  }
  if (head.tag !== ATOM) throw typeError("atom", head);
  if (items.length - 1 > MAX_ARITY) throw representationError("max_arity");
  m.bind(t as Var, new Struct(mkFunctor(head as Atom, items.length - 1), items.slice(1)));
  return true;
}

/**
 * Byrd has no compounds of arity 0 (SWI-Prolog 7's `f()`): asking to build
 * one is SWI's own error for them.
 */
function noZeroArity(name: Term): never {
  throw domainError("compound_non_zero_arity", name);
}

/** The name of a compound to build: bound, atomic, an atom. */
function compoundName(t: Term): Atom {
  const name = deref(t);
  if (name.tag === VAR) throw instantiationError();
  if (name.tag === STRUCT) throw typeError("atomic", name);
  if (name.tag !== ATOM) throw typeError("atom", name);
  return name as Atom;
}

/** SWI-Prolog `compound_name_arity(?Compound, ?Name, ?Arity)`: functor/3 for compounds only. */
function compoundNameArity(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag === STRUCT) {
    const fn = (t as Struct).fn;
    return unify(a[1], fn.name, m) && unify(a[2], mkInt(fn.arity), m);
  }
  if (t.tag !== VAR) throw typeError("compound", t);
  const n = deref(a[2]);
  if (n.tag === VAR) throw instantiationError();
  const name = compoundName(a[1]);
  const k = arityArg(n);
  if (k === 0) noZeroArity(name);
  m.bind(t as Var, new Struct(mkFunctor(name, k), freshVars(k)));
  return true;
}

/** SWI-Prolog `compound_name_arguments(?Compound, ?Name, ?Arguments)`: `=..` for compounds only. */
function compoundNameArguments(a: Term[], m: Machine): boolean {
  const t = deref(a[0]);
  if (t.tag === STRUCT) {
    const s = t as Struct;
    return unify(a[1], s.fn.name, m) && unify(a[2], mkList(s.args), m);
  }
  if (t.tag !== VAR) throw typeError("compound", t);
  const [items, tail] = listPrefix(a[2]);
  if (tail.tag === VAR) throw instantiationError();
  const name = compoundName(a[1]);
  if (items.length === 0) noZeroArity(name);
  if (items.length > MAX_ARITY) throw representationError("max_arity");
  m.bind(t as Var, new Struct(mkFunctor(name, items.length), items));
  return true;
}

/**
 * ISO 8.2.4: `subsumes_term(General, Specific)`: `General` can be made
 * equal to `Specific` by binding only variables of `General`. Nothing stays
 * bound.
 */
function subsumes(general: Term, specific: Term, m: Machine): boolean {
  return m.probe(() => {
    const vars = termVariables(specific, []);
    if (!unifyOccursCheck(general, specific, m)) return false;
    // Every variable of Specific must still be a distinct unbound variable.
    const after = new Set<Term>();
    for (const v of vars) {
      const d = deref(v);
      if (d.tag !== VAR || after.has(d)) return false;
      after.add(d);
    }
    return true;
  });
}

/**
 * A trail entry that undoes `setarg/3`.
 *
 * The machine's trail holds variables, and backtracking (`undoTo`) resets
 * each entry with `entry.ref = null`. This object's `ref` setter puts the old
 * argument back instead, so one trail serves bindings and destructive
 * assignments alike, restored in reverse order. Unlike variables, compound
 * terms carry no creation serial to compare with `m.varMark`, so we cannot
 * tell whether a choicepoint predates the term: the entry is always pushed
 * (one small object per `setarg/3`; the trail is reset with each query).
 */
class ArgUndo {
  readonly #args: Term[];
  readonly #index: number;
  readonly #old: Term;
  readonly #m: Machine;
  constructor(args: Term[], index: number, old: Term, m: Machine) {
    this.#args = args;
    this.#index = index;
    this.#old = old;
    this.#m = m;
  }
  get ref(): Term | null {
    return null;
  }
  set ref(_: Term | null) {
    this.#m.beforeTermChange();
    this.#args[this.#index] = this.#old;
  }
}

/**
 * The argument array and index that `setarg/3` and `nb_setarg/3` change, or
 * `null` when the index is out of range (they fail then).
 */
function setargTarget(a: Term[]): [Term[], number] | null {
  const n = deref(a[0]), t = deref(a[1]);
  if (n.tag === VAR || t.tag === VAR) throw instantiationError();
  if (n.tag !== INT && n.tag !== BIG) throw typeError("integer", n);
  if (t.tag !== STRUCT) throw typeError("compound", t);
  const args = (t as Struct).args;
  const i = smallOrNull(n);
  if (i === null || i < 1 || i > args.length) return null;
  return [args, i - 1];
}

/** The most list cells length/2 creates at once; beyond it, `resource_error(memory)`. */
const MAX_NEW_CELLS = 2 ** 28;
/** Heap bytes of one list cell with a fresh variable (struct, args array, variable). */
const CELL_BYTES = 96;

/**
 * length/2 (Prolog prologue; SWI-Prolog): all modes. Checks the length
 * first: a non-integer is `type_error(integer)`, a negative one
 * `domain_error(not_less_than_zero)`. A partial list with an unbound length
 * enumerates lengths upwards.
 */
function* length2(a: Term[], m: Machine): Generator<number, void, void> {
  const n = deref(a[1]);
  let want = -1;
  if (n.tag !== VAR) {
    if (n.tag === BIG) {
      if ((n as BigInt_).val < 0n) throw domainError("not_less_than_zero", n);
      throw resourceError("memory"); // a list this long cannot exist
    }
    if (n.tag !== INT) throw typeError("integer", n);
    want = (n as Int).val;
    if (want < 0) throw domainError("not_less_than_zero", n);
  }
  // A cyclic list ends on a list cell: SWI-Prolog raises type_error(list).
  const { length: count, tail: l } = skipList(a[0]);
  if (l === NIL) {
    if (unify(n, mkInt(count), m)) yield LAST;
    return;
  }
  if (l.tag !== VAR) throw typeError("list", deref(a[0]));
  if (want >= 0) {
    if (want - count > MAX_NEW_CELLS) throw resourceError("memory");
    m.reserve((want - count) * CELL_BYTES);
    if (want >= count) {
      m.bind(l as Var, mkList(freshVars(want - count)));
      yield LAST;
    }
    return;
  }
  if (l === n) return; // length(L, L): no finite list is its own length (SWI fails)
  // Each longer list adds one cell in front of the previous one, so that
  // enumerating up to length n takes O(n) work, not O(n^2). Backtracking has
  // undone every binding of the earlier cells' variables before they are
  // reused: they are dated as old as the tail, which is older than this
  // builtin's choicepoint, so the machine trails their bindings.
  const tail = l as Var;
  let cells: Term = NIL;
  for (let k = count;; k++) {
    const len = mkInt(k), c = cells;
    if (m.attempt(() => unify(tail, c, m) && unify(n, len, m))) yield MORE;
    cells = new Struct(DOT, [new Var(tail.serial), cells]);
  }
}

/** ISO 8.2 unification builtins and ISO 8.5 term construction/inspection. */
export const termBuiltins: BuiltinTable = {
  det: {
    "arg/3": arg3,
    // ISO 8.2.2: unify_with_occurs_check/2
    "unify_with_occurs_check/2": (a, m) => unifyOccursCheck(a[0], a[1], m),
    // ISO 8.2.3: \=/2 (not unifiable; binds nothing)
    "\\=/2": (a, m) => m.probe(() => !unify(a[0], a[1], m)),
    // ISO 8.2.4: subsumes_term/2
    "subsumes_term/2": (a, m) => subsumes(a[0], a[1], m),
    // SWI-Prolog ?=/2: the terms are identical or cannot unify (their
    // unifiability is decided already).
    "?=/2": (a, m) =>
      m.probe(() => {
        const mark = m.trail.length;
        if (!unify(a[0], a[1], m)) return true;
        return m.trail.length === mark;
      }),
    // ISO 8.5.1 – 8.5.4
    "functor/3": functor3,
    "=../2": univ,
    // SWI-Prolog: functor/3 and =../2 restricted to compounds.
    "compound_name_arity/3": compoundNameArity,
    "compound_name_arguments/3": compoundNameArguments,
    "copy_term/2": (a, m) => unify(a[1], copyTerm(a[0]), m),
    // ISO 8.5.5 (Cor.2): term_variables/2; SWI-Prolog term_variables/3 (difference list)
    "term_variables/2": (a, m) => {
      listPrefix(a[1]); // ISO 8.5.5.3 a: type_error(list, Vars)
      return unify(a[1], mkList(termVariables(a[0], [])), m);
    },
    "term_variables/3": (a, m) => unify(a[1], mkList(termVariables(a[0], []), a[2]), m),
    // SWI-Prolog setarg/3: destructive assignment, undone on backtracking
    "setarg/3": (a, m) => {
      const target = setargTarget(a);
      if (target === null) return false;
      const [args, i] = target;
      m.beforeTermChange();
      m.trail.push(new ArgUndo(args, i, args[i], m) as unknown as Var);
      args[i] = deref(a[2]);
      return true;
    },
    // SWI-Prolog nb_setarg/3: like setarg/3 but kept on backtracking; the
    // value is copied so later backtracking cannot unbind parts of it.
    "nb_setarg/3": (a, m) => {
      const target = setargTarget(a);
      if (target === null) return false;
      m.beforeTermChange();
      target[0][target[1]] = copyTerm(a[2]);
      return true;
    },
    // SWI-Prolog numbervars/3: binds each variable to '$VAR'(N), N = Start, Start+1, ...
    "numbervars/3": (a, m) => {
      const s = deref(a[1]);
      if (s.tag === VAR) throw instantiationError();
      if (s.tag !== INT) throw typeError("integer", s);
      let k = (s as Int).val;
      for (const v of termVariables(a[0], [])) m.bind(v, new Struct(VAR_FN, [mkInt(k++)]));
      return unify(a[2], mkInt(k), m);
    },
  },
  nondet: {
    "length/2": length2,
  },
};
