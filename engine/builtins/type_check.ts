/**
 * Type checking (ISO 8.3): `var/1`, `nonvar/1`, `atom/1`, `number/1`,
 * `integer/1`, `float/1`, `atomic/1`, `compound/1`, `callable/1`,
 * `ground/1` and `acyclic_term/1` (Cor.2), plus the SWI-Prolog tests `is_list/1`,
 * `string/1` and `cyclic_term/1`. None of them
 * raises an error; none binds a variable.
 *
 * @module
 */
import {
  ATOM,
  BIG,
  deref,
  DOT,
  FLT,
  INT,
  isAtomic,
  NIL,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
} from "../term.ts";
import type { BuiltinTable } from "./registry.ts";

/**
 * True when `t` is a proper list (`[]`-terminated). Iterative.
 *
 * @param t A term.
 * @returns Whether it is a proper list.
 * @example
 * ```ts
 * import { isProperList } from "./type_check.ts";
 * import { NIL } from "../term.ts";
 * console.log(isProperList(NIL)); // true
 * ```
 */
export function isProperList(t: Term): boolean {
  t = deref(t);
  while (t.tag === STRUCT && (t as Struct).fn === DOT) t = deref((t as Struct).args[1]);
  return t === NIL;
}

/**
 * True when `t` contains no unbound variable. Iterative, and it loops on the
 * last argument instead of pushing it, so long lists need no stack.
 *
 * @param t A term.
 * @returns Whether it is ground.
 * @example
 * ```ts
 * import { isGround } from "./type_check.ts";
 * import { mkAtom, Var } from "../term.ts";
 * console.log(isGround(mkAtom("a")), isGround(new Var())); // true false
 * ```
 */
export function isGround(t: Term): boolean {
  const stack: Term[] = [];
  for (;;) {
    t = deref(t);
    if (t.tag === VAR) return false;
    if (t.tag === STRUCT) {
      const args = (t as Struct).args;
      const last = args.length - 1;
      for (let i = 0; i < last; i++) stack.push(args[i]);
      t = args[last];
      continue;
    }
    if (stack.length === 0) return true;
    t = stack.pop()!;
  }
}

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
 * import { isAcyclic } from "./type_check.ts";
 * import { mkAtom, mkStruct } from "../term.ts";
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

/** Type checking builtins (ISO 8.3; `is_list` and `string` from SWI-Prolog). */
export const typeCheckBuiltins: BuiltinTable = {
  det: {
    // ISO 8.3.1 – 8.3.9
    "var/1": (a) => deref(a[0]).tag === VAR,
    "nonvar/1": (a) => deref(a[0]).tag !== VAR,
    "atom/1": (a) => deref(a[0]).tag === ATOM,
    "number/1": (a) => {
      const g = deref(a[0]).tag;
      return g === INT || g === BIG || g === FLT;
    },
    "integer/1": (a) => {
      const g = deref(a[0]).tag;
      return g === INT || g === BIG;
    },
    "float/1": (a) => deref(a[0]).tag === FLT,
    "atomic/1": (a) => isAtomic(deref(a[0])),
    "compound/1": (a) => deref(a[0]).tag === STRUCT,
    "callable/1": (a) => {
      const g = deref(a[0]).tag;
      return g === ATOM || g === STRUCT;
    },
    // ISO 8.3.10 (Cor.2)
    "ground/1": (a) => isGround(a[0]),
    // ISO 8.3.11 (Cor.2), and its negation cyclic_term/1 from SWI-Prolog
    "acyclic_term/1": (a) => isAcyclic(a[0]),
    "cyclic_term/1": (a) => !isAcyclic(a[0]),
    // SWI-Prolog extensions (ISO is silent)
    "is_list/1": (a) => isProperList(a[0]),
    "string/1": (a) => deref(a[0]).tag === STR,
  },
};
