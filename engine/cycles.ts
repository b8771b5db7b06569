/**
 * Cycle detection for rational trees (terms made cyclic by unification
 * without the occurs check, `X = f(X)`): the writer and the query API check
 * a term before walking it, so a cyclic answer cannot hang or crash.
 *
 * @module
 */
import { deref, STRUCT, type Struct, type Term } from "./term.ts";

/**
 * True when `t` is a finite tree (ISO 8.3.11, Cor.2). A cyclic term exists
 * only when built by unification without the occurs check (`X = f(X)`).
 *
 * Two checks, each tried first with a bound: a plain walk ({@linkcode
 * walkEnds}) ends only on an acyclic term and needs no bookkeeping, but a
 * cycle makes it spin until its budget runs out; the exact check
 * ({@linkcode findsNoCycle}) stops at the first cycle but pays a map entry
 * per compound. So: a short plain walk (small terms), a short exact check
 * (small cycles), a long plain walk (big terms), then the exact check to
 * the end (big cycles, or big terms with much sharing).
 *
 * @param t A term.
 * @returns Whether it is acyclic.
 * @example
 * ```ts
 * import { isAcyclic } from "./cycles.ts";
 * import { mkAtom, mkStruct } from "./term.ts";
 * console.log(isAcyclic(mkStruct("f", [mkAtom("a")]))); // true
 * ```
 */
export function isAcyclic(t: Term): boolean {
  if (walkEnds(t, 256)) return true;
  const r = findsNoCycle(t, 4096);
  if (r !== UNKNOWN) return r === ACYCLIC;
  if (walkEnds(t, 1 << 22)) return true;
  return findsNoCycle(t, Infinity) === ACYCLIC;
}

/** Whether a plain walk of `t` ends within `budget` compounds. */
function walkEnds(t: Term, budget: number): boolean {
  const stack: Term[] = [];
  for (;;) {
    t = deref(t);
    if (t.tag === STRUCT) {
      if (--budget < 0) return false;
      const args = (t as Struct).args;
      const last = args.length - 1;
      for (let i = 0; i < last; i++) {
        const a = deref(args[i]);
        if (a.tag === STRUCT) stack.push(a);
      }
      t = args[last];
      continue;
    }
    if (stack.length === 0) return true;
    t = stack.pop()!;
  }
}

// Outcomes of findsNoCycle.
const ACYCLIC = 0;
const CYCLIC = 1;
const UNKNOWN = 2;

// A compound's state in findsNoCycle: its arguments are being walked (it is
// on the current path), or it has been walked in full.
const ON_PATH = 1;
const DONE = 2;

/**
 * The exact cycle check of {@linkcode isAcyclic}: a depth-first walk where
 * a compound met again while it is still on the current path closes a
 * cycle. Compounds walked in full are skipped, so each distinct compound is
 * walked once, also in a much-shared term.
 *
 * @returns ACYCLIC, CYCLIC, or UNKNOWN after `limit` compounds.
 */
function findsNoCycle(t: Term, limit: number): number {
  t = deref(t);
  if (t.tag !== STRUCT) return ACYCLIC;
  const state = new Map<Struct, number>();
  // The path: each compound and the index of the next argument to visit.
  const path: Struct[] = [t as Struct];
  const next: number[] = [0];
  state.set(t as Struct, ON_PATH);
  while (path.length > 0) {
    const top = path.length - 1;
    const s = path[top];
    const i = next[top];
    if (i === s.args.length) {
      path.pop();
      next.pop();
      state.set(s, DONE);
      continue;
    }
    next[top] = i + 1;
    const a = deref(s.args[i]);
    if (a.tag !== STRUCT) continue;
    const st = state.get(a as Struct);
    if (st === DONE) continue;
    if (st === ON_PATH) return CYCLIC;
    if (state.size >= limit) return UNKNOWN;
    state.set(a as Struct, ON_PATH);
    path.push(a as Struct);
    next.push(0);
  }
  return ACYCLIC;
}

// ------------------------------------------------------- bounded term walks

/**
 * How many compounds (or pairs of compounds) a term walk visits before it
 * first asks {@linkcode nextWalkBudget} whether its term may be cyclic.
 * An acyclic term this small is walked as before, paying only a counter.
 */
export const WALK_BUDGET: number = 1 << 16;

/**
 * Paces a plain term walk (one that keeps no record of the compounds it has
 * visited) over a term that may be cyclic. The walk visits {@linkcode
 * WALK_BUDGET} compounds, then calls this with how many it has visited.
 * The answer is how many more it may visit before it asks again, or 0: the
 * bounded exact check ({@linkcode findsNoCycle}, with a limit of 1/256 of
 * the compounds visited so far) has decided the term, which is cyclic or
 * has so few distinct compounds that walking each once is cheaper. The walk
 * then starts again, remembering the compounds it visits.
 *
 * The checks cost a few percent of the walk at most; a cycle, however far
 * in, is found in time linear in the compounds before it.
 *
 * @param t The term being walked.
 * @param spent The compounds visited so far.
 * @returns The compounds the walk may visit before it asks again, or 0.
 * @example
 * ```ts
 * import { nextWalkBudget, WALK_BUDGET } from "./cycles.ts";
 * import { mkStruct, Var } from "./term.ts";
 * const X = new Var();
 * X.ref = mkStruct("f", [X]);
 * console.log(nextWalkBudget(X, WALK_BUDGET)); // 0
 * ```
 */
export function nextWalkBudget(t: Term, spent: number): number {
  return findsNoCycle(t, spent >> 8) === UNKNOWN ? 3 * spent : 0;
}
