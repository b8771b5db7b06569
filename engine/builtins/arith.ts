/**
 * Arithmetic builtins: evaluation (ISO 8.6), comparison (ISO 8.7), and
 * SWI-Prolog's `succ/2`, `plus/3` and `divmod/4`. The evaluator itself (ISO
 * 9.1-9.4) lives in `_eval.ts`.
 *
 * @module
 */
import { domainError, evaluationError, instantiationError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import { BIG, type BigInt_, deref, INT, type Int, mkInteger, type Term, VAR } from "../term.ts";
import { CMP_EQ, CMP_GT, CMP_LT, cmpArith, evalArith as evalArithImpl, evalIs } from "./_eval.ts";
import type { BuiltinTable } from "./registry.ts";

/**
 * Evaluates an arithmetic expression (ISO 9.1) to a number term.
 *
 * @param t The expression.
 * @returns An integer or float term.
 * @throws {PrologThrow} The ISO error for an unbound, non-evaluable or invalid expression.
 * @example
 * ```ts
 * import { evalArith } from "./arith.ts";
 * import { type Int, mkInt, mkStruct } from "../term.ts";
 * const r = evalArith(mkStruct("*", [mkInt(6), mkInt(7)])) as Int;
 * console.log(r.val); // 42
 * ```
 */
export function evalArith(t: Term): Term {
  return evalArithImpl(t);
}

/** The integer value of a bound argument, `null` if unbound; a non-integer is a type error. */
function varOrInteger(t: Term): bigint | null {
  t = deref(t);
  if (t.tag === INT) return BigInt((t as Int).val);
  if (t.tag === BIG) return (t as BigInt_).val;
  if (t.tag === VAR) return null;
  throw typeError("integer", t);
}

/** An integer argument that must be bound. */
function integerArg(t: Term): bigint {
  const v = varOrInteger(t);
  if (v === null) throw instantiationError();
  return v;
}

/**
 * `succ(?Int1, ?Int2)` (SWI-Prolog): `Int2 = Int1 + 1`, both natural numbers.
 * `succ(X, 0)` fails; negative integers are `domain_error(not_less_than_zero, N)`.
 */
function succ(a: Term[], m: Machine): boolean {
  const x = deref(a[0]), y = deref(a[1]);
  if (x.tag === INT && y.tag === VAR) {
    // The common mode, without bigints.
    const n = (x as Int).val;
    if (n < 0) throw domainErrorNat(x);
    if (n < Number.MAX_SAFE_INTEGER) return m.unify(y, mkInteger(BigInt(n + 1)));
  }
  const i = varOrInteger(x);
  const j = varOrInteger(y);
  if (i !== null && i < 0n) throw domainErrorNat(x);
  if (j !== null && j < 0n) throw domainErrorNat(y);
  if (i !== null) return j === null ? m.unify(y, mkInteger(i + 1n)) : j === i + 1n;
  if (j === null) throw instantiationError();
  return j > 0n && m.unify(x, mkInteger(j - 1n));
}

/** `domain_error(not_less_than_zero, T)`. */
function domainErrorNat(t: Term): Error {
  return domainError("not_less_than_zero", t);
}

/** `plus(?Int1, ?Int2, ?Int3)` (SWI-Prolog): `Int3 = Int1 + Int2`, any two bound. */
function plus(a: Term[], m: Machine): boolean {
  const x = varOrInteger(a[0]), y = varOrInteger(a[1]), z = varOrInteger(a[2]);
  if (x !== null && y !== null) return m.unify(a[2], mkInteger(x + y));
  if (x !== null && z !== null) return m.unify(a[1], mkInteger(z - x));
  if (y !== null && z !== null) return m.unify(a[0], mkInteger(z - y));
  throw instantiationError();
}

/** `divmod(+Dividend, +Divisor, -Quotient, -Remainder)` (SWI-Prolog): floored division. */
function divmod(a: Term[], m: Machine): boolean {
  const x = integerArg(a[0]), y = integerArg(a[1]);
  if (y === 0n) throw evaluationError("zero_divisor");
  let r = x % y;
  if (r !== 0n && (r < 0n) !== (y < 0n)) r += y;
  return m.unify(a[2], mkInteger((x - r) / y)) && m.unify(a[3], mkInteger(r));
}

/** Arithmetic builtins. */
export const arithBuiltins: BuiltinTable = {
  det: {
    // ISO 8.6.1
    "is/2": (a, m) => evalIs(a[0], a[1], m),
    // ISO 8.7.1: comparison evaluates both sides; NaN is unordered (only =\= holds).
    "=:=/2": (a) => cmpArith(a[0], a[1]) === CMP_EQ,
    "=\\=/2": (a) => cmpArith(a[0], a[1]) !== CMP_EQ,
    "</2": (a) => cmpArith(a[0], a[1]) === CMP_LT,
    ">/2": (a) => cmpArith(a[0], a[1]) === CMP_GT,
    "=</2": (a) => {
      const c = cmpArith(a[0], a[1]);
      return c === CMP_LT || c === CMP_EQ;
    },
    ">=/2": (a) => {
      const c = cmpArith(a[0], a[1]);
      return c === CMP_GT || c === CMP_EQ;
    },
    // SWI-Prolog extensions.
    "succ/2": succ,
    "plus/3": plus,
    "divmod/4": divmod,
  },
};
