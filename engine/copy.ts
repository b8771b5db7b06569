/**
 * Term copying (ISO 8.5.4 `copy_term/2`): iterative, so long lists and deep
 * terms never overflow the JS stack.
 *
 * @module
 */
import { isAcyclic } from "./cycles.ts";
import { deref, STRUCT, Struct, type Term, VAR, Var } from "./term.ts";

/**
 * Copies a term with fresh variables, resolving bindings. Variables shared
 * inside the term stay shared in the copy.
 *
 * @param t The term.
 * @param map Optional variable map, to copy several terms consistently.
 * @returns The copy (ground subterms may be shared, not copied).
 * @example
 * ```ts
 * import { copyTerm } from "./copy.ts";
 * import { Var, mkStruct } from "./term.ts";
 * const X = new Var();
 * const c = copyTerm(mkStruct("f", [X, X]));
 * ```
 */
export function copyTerm(t: Term, map: Map<Var, Term> = new Map()): Term {
  return rebuild(t, (v) => {
    let c = map.get(v);
    if (c === undefined) {
      c = new Var();
      map.set(v, c);
    }
    return c;
  });
}

/**
 * Rebuilds a term bottom-up, replacing each unbound variable by `onVar(v)`.
 * Subterms without variables are shared. Iterative.
 *
 * @param root The term.
 * @param onVar What each unbound variable becomes.
 * @returns The rebuilt term.
 * @example
 * ```ts
 * import { rebuild } from "./copy.ts";
 * import { mkAtom, Var } from "./term.ts";
 * const t = rebuild(new Var(), () => mkAtom("x"));
 * ```
 */
export function rebuild(root: Term, onVar: (v: Var) => Term): Term {
  type Job = { s: Struct; args: Term[]; i: number; same: boolean };
  const stack: Job[] = [];
  let t = deref(root);
  let result: Term;
  let budget = NODES_BEFORE_CYCLE_CHECK;
  for (;;) {
    if (t.tag === STRUCT) {
      // A long copy may be going round a cyclic term: check once, and copy
      // a cyclic term node by node (onVar must give a variable the same
      // result each time, as copyTerm's does).
      if (--budget === 0 && !isAcyclic(root)) return rebuildCyclic(root, onVar);
      const s = t as Struct;
      stack.push({ s, args: new Array(s.args.length), i: 0, same: true });
      t = deref(s.args[0]);
      continue;
    }
    result = t.tag === VAR ? onVar(t as Var) : t;
    for (;;) {
      const job = stack[stack.length - 1];
      if (job === undefined) return result;
      if (result !== job.s.args[job.i]) job.same = false;
      job.args[job.i++] = result;
      if (job.i < job.args.length) {
        t = deref(job.s.args[job.i]);
        break;
      }
      stack.pop();
      result = job.same ? job.s : new Struct(job.s.fn, job.args);
    }
  }
}

/** Compounds {@linkcode rebuild} walks before it checks whether the term is cyclic. */
const NODES_BEFORE_CYCLE_CHECK = 1 << 18;

/** {@linkcode rebuild} for a cyclic term: each compound is copied once, so cycles are kept. */
function rebuildCyclic(root: Term, onVar: (v: Var) => Term): Term {
  const copies = new Map<Struct, Struct>();
  const pending: Struct[] = [];
  const copyOf = (t: Term): Term => {
    t = deref(t);
    if (t.tag === VAR) return onVar(t as Var);
    if (t.tag !== STRUCT) return t;
    let c = copies.get(t as Struct);
    if (c === undefined) {
      c = new Struct((t as Struct).fn, new Array((t as Struct).args.length));
      copies.set(t as Struct, c);
      pending.push(t as Struct);
    }
    return c;
  };
  const result = copyOf(root);
  while (pending.length > 0) {
    const s = pending.pop()!, c = copies.get(s)!;
    for (let i = 0; i < s.args.length; i++) c.args[i] = copyOf(s.args[i]);
  }
  return result;
}
