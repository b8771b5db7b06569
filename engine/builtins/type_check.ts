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
  FLT,
  INT,
  isAtomic,
  NIL,
  skipList,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
} from "../term.ts";
import type { BuiltinTable } from "./registry.ts";
import { isAcyclic, nextWalkBudget, WALK_BUDGET } from "../cycles.ts";

export { isAcyclic };

/**
 * True when `t` is a proper list (`[]`-terminated). Iterative; a cyclic
 * list is not a proper list (SWI-Prolog).
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
  return skipList(t).tail === NIL;
}

/**
 * True when `t` contains no unbound variable. Iterative, and it loops on the
 * last argument instead of pushing it, so long lists need no stack. A long
 * walk is paced by {@linkcode nextWalkBudget}: a cyclic term is walked
 * again by {@linkcode isGroundVisiting}, so it cannot hang.
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
  const t0 = t;
  const stack: Term[] = [];
  let budget = WALK_BUDGET, spent = WALK_BUDGET;
  for (;;) {
    t = deref(t);
    if (t.tag === VAR) return false;
    if (t.tag === STRUCT) {
      if (--budget === 0) {
        budget = nextWalkBudget(t0, spent);
        if (budget === 0) return isGroundVisiting(t0);
        spent += budget;
      }
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

/** {@linkcode isGround} walking each distinct compound once (cyclic or much-shared terms). */
function isGroundVisiting(t: Term): boolean {
  const seen = new Set<Struct>();
  const stack: Term[] = [t];
  while (stack.length > 0) {
    const x = deref(stack.pop()!);
    if (x.tag === VAR) return false;
    if (x.tag === STRUCT && !seen.has(x as Struct)) {
      seen.add(x as Struct);
      const args = (x as Struct).args;
      for (let i = 0; i < args.length; i++) stack.push(args[i]);
    }
  }
  return true;
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
    // SWI-Prolog: Byrd's only rational numbers are the integers.
    "rational/1": (a) => {
      const g = deref(a[0]).tag;
      return g === INT || g === BIG;
    },
    "string/1": (a) => deref(a[0]).tag === STR,
  },
};
