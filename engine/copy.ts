/**
 * Term copying (ISO 8.5.4 `copy_term/2`): iterative, so long lists and deep
 * terms never overflow the JS stack.
 *
 * @module
 */
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
  for (;;) {
    if (t.tag === STRUCT) {
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
