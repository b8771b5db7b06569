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
import { isAcyclic } from "../cycles.ts";

export { isAcyclic };

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
