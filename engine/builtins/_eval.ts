/**
 * The arithmetic evaluator (ISO 9.1-9.4, with SWI-Prolog's extensions).
 *
 * Evaluation never allocates for small-integer and float intermediates: like
 * SWI-Prolog's `number` struct, a result lives in registers. {@linkcode ev}
 * returns the value as a JS number and leaves its kind in `rk`; a bigint result
 * (always outside the safe range) is left in `rb`. Only the final result is
 * boxed into a term. Each operation has an inline fast path for two small
 * integers whose JS result is still a safe integer; everything else (bigints,
 * floats, errors) goes through the slow paths in `_eval_slow.ts`.
 *
 * @module
 */
import { instantiationError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  BIG,
  BigInt_,
  DOT,
  Float,
  FLT,
  type Functor,
  INT,
  type Int,
  mkInt,
  mkStruct,
  NIL,
  type PString,
  SLOT,
  type Slot,
  STR,
  STRUCT,
  type Struct,
  type Term,
  TMPL,
  VAR,
  Var,
} from "../term.ts";
import { ATOM_OPS, FN_OPS } from "./_eval_ops.ts";
import {
  bigOf,
  cmpSlow,
  K_BIG,
  K_FLT,
  K_INT,
  nullary,
  O,
  powm,
  regs,
  slow1,
  slow2,
} from "./_eval_slow.ts";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function notEvaluable(name: Atom, arity: number): never {
  throw typeError("evaluable", mkStruct("/", [name, mkInt(arity)]));
}

/**
 * Evaluates `t`, leaving the result kind in `regs.k` (and a bigint in `regs.b`).
 *
 * @param t An expression.
 * @returns The value (meaningless when the kind is bigint).
 */
function ev(t: Term): number {
  while (t.tag === VAR) {
    const r = (t as Var).ref;
    if (r === null) throw instantiationError();
    t = r;
  }
  switch (t.tag) {
    case INT:
      regs.k = K_INT;
      return (t as Int).val;
    case STRUCT:
      return evStruct(t as Struct);
    case FLT:
      regs.k = K_FLT;
      return (t as Float).val;
    case BIG:
      regs.k = K_BIG;
      regs.b = (t as BigInt_).val;
      return 0;
    case ATOM: {
      const id = (t as Atom).id;
      const op = id < ATOM_OPS.length ? ATOM_OPS[id] : 0;
      if (op === 0) notEvaluable(t as Atom, 0);
      return nullary(op);
    }
    case STR:
      return evString((t as PString).val, t);
    case TMPL: // a compiled clause's compound: same shape as a Struct
      return evStruct(t as unknown as Struct);
    case SLOT: {
      const v = slotVars[(t as Slot).index];
      if (v === undefined) throw instantiationError(); // first occurrence: fresh
      return ev(v);
    }
    default:
      throw typeError("evaluable", t);
  }
}

// The frame that SLOT leaves refer to while evaluating a clause pattern.
const NO_VARS: Term[] = [];
let slotVars: Term[] = NO_VARS;

/** SWI-Prolog: a one-character string evaluates to its code. */
function evString(s: string, t: Term): number {
  const c = s.codePointAt(0);
  if (c === undefined || s.length !== (c > 0xffff ? 2 : 1)) throw typeError("evaluable", t);
  regs.k = K_INT;
  return c;
}

/**
 * The element of the one-element list `t` (`[X]` evaluates `X`, so `"a"`
 * under `double_quotes=codes` is 97), dereferenced.
 */
function listElement(t: Struct): Term {
  let tail = t.args[1];
  while (tail.tag === VAR && (tail as Var).ref !== null) tail = (tail as Var).ref!;
  if (tail !== NIL) notEvaluable(DOT.name, 2);
  let x = t.args[0];
  while (x.tag === VAR && (x as Var).ref !== null) x = (x as Var).ref!;
  return x;
}

/** The code of a one-character atom `x` (`[a]` evaluates to 97), else NaN. */
function charCode(x: Term): number {
  if (x.tag !== ATOM) return NaN;
  const name = (x as Atom).name;
  const c = name.codePointAt(0);
  return c !== undefined && name.length === (c > 0xffff ? 2 : 1) ? c : NaN;
}

function evList(t: Struct): number {
  const x = listElement(t);
  const c = charCode(x);
  if (c === c) {
    regs.k = K_INT;
    return c;
  }
  return ev(x);
}

function evStruct(t: Struct): number {
  const fn: Functor = t.fn;
  const id = fn.id;
  const op = id < FN_OPS.length ? FN_OPS[id] : 0;
  const a = t.args;
  if (op === 0) {
    if (fn === DOT) return evList(t);
    notEvaluable(fn.name, fn.arity);
  }
  if (op >= O.ADD) {
    if (op === O.POWM) return powm(intOf(a[0]), intOf(a[1]), intOf(a[2]));
    // Binary: evaluate left then right (ISO 9.1.4 leaves the order open; errors follow it).
    const x = ev(a[0]);
    const kx = regs.k, bx = regs.b;
    const y = ev(a[1]);
    if ((kx | regs.k) === K_INT) {
      // Fast paths: both small integers.
      switch (op) {
        case O.ADD: {
          const r = x + y;
          if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
          break;
        }
        case O.SUB: {
          const r = x - y;
          if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
          break;
        }
        case O.MUL: {
          const r = x * y + 0; // + 0 turns -0 into 0
          if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
          break;
        }
        case O.IDIV:
          // `%` is exact on doubles; (x - r) / y is then an exact quotient.
          if (y !== 0) return (x - x % y) / y + 0;
          break;
        case O.MOD:
          if (y !== 0) {
            const r = x % y;
            return (r !== 0 && (r < 0) !== (y < 0) ? r + y : r) + 0;
          }
          break;
        case O.REM:
          if (y !== 0) return x % y + 0;
          break;
        case O.FDIV:
          if (y !== 0) {
            let r = x % y;
            if (r !== 0 && (r < 0) !== (y < 0)) r += y;
            return (x - r) / y + 0;
          }
          break;
        case O.DIV:
          if (y !== 0 && x % y === 0) return x / y + 0;
          break;
        case O.MIN:
          return y < x ? y : x;
        case O.MAX:
          return y > x ? y : x;
        case O.AND:
          if ((x | 0) === x && (y | 0) === y) return x & y;
          break;
        case O.OR:
          if ((x | 0) === x && (y | 0) === y) return x | y;
          break;
        case O.XOR:
          if ((x | 0) === x && (y | 0) === y) return x ^ y;
          break;
        case O.SHR:
          if ((x | 0) === x && y >= 0 && y < 32) return x >> y;
          break;
        case O.SHL:
          if (y >= 0 && y < 53) {
            const r = x * 2 ** y;
            if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
          }
          break;
      }
    }
    return slow2(op, x, kx, bx, y, regs.k, regs.b);
  }
  const x = ev(a[0]);
  if (regs.k === K_INT) {
    switch (op) {
      case O.NEG:
        return 0 - x;
      case O.POS:
      case O.EVAL:
      case O.INTEGER:
      case O.TRUNCATE:
      case O.ROUND:
      case O.CEILING:
      case O.FLOOR:
        return x;
      case O.ABS:
        return x < 0 ? -x : x;
    }
  }
  return slow1(op, x, regs.k, regs.b);
}

/**
 * Evaluates `t`: recursively, the fast way, and when the expression is so
 * deep (a long sum read as `((1+1)+1)+...`) that the JS stack overflows,
 * again from the start with {@linkcode evDeep}. Evaluation has no side
 * effects to undo, and the recursive path pays nothing for depth checks.
 */
function evTop(t: Term): number {
  try {
    return ev(t);
  } catch (e) {
    if (e instanceof RangeError) return evDeep(t);
    throw e;
  }
}

/** A work item of {@linkcode evDeep}: check that the last value is an integer (powm's arguments). */
const NEED_INT = -1;

/**
 * Evaluates `root` with explicit stacks instead of JS recursion, for
 * expressions too deep for {@linkcode ev} (SWI-Prolog evaluates a
 * million-term sum). Same order, results and errors as
 * {@linkcode ev}: arguments left to right, a functor checked before its
 * arguments are evaluated.
 */
function evDeep(root: Term): number {
  // Work items: a term to evaluate (op 0), or a compound whose evaluated
  // arguments are on the value stack, to apply (its opcode).
  const work: Term[] = [root];
  const ops: number[] = [0];
  // Values: number, kind and bigint, as in `regs`.
  const xs: number[] = [];
  const ks: number[] = [];
  const bs: bigint[] = [];
  while (work.length > 0) {
    let t = work.pop()!;
    const op = ops.pop()!;
    let x: number;
    if (op === NEED_INT) {
      const k = ks[ks.length - 1];
      if (k === K_FLT) throw typeError("integer", new Float(xs[xs.length - 1]));
      continue;
    } else if (op === O.POWM) {
      const n = xs.length - 3;
      x = powm(
        bigOf(xs[n], ks[n], bs[n]),
        bigOf(xs[n + 1], ks[n + 1], bs[n + 1]),
        bigOf(xs[n + 2], ks[n + 2], bs[n + 2]),
      );
      xs.length = ks.length = bs.length = n;
    } else if (op >= O.ADD) {
      const y = xs.pop()!, ky = ks.pop()!, by = bs.pop()!;
      const x0 = xs.pop()!, kx = ks.pop()!, bx = bs.pop()!;
      // Inline only the fast path of a long sum; slow2 is right for any operands.
      x = NaN;
      if ((kx | ky) === K_INT && (op === O.ADD || op === O.SUB)) {
        const r = op === O.ADD ? x0 + y : x0 - y;
        if (r <= MAX_SAFE && r >= -MAX_SAFE) {
          regs.k = K_INT;
          x = r;
        }
      }
      if (x !== x) x = slow2(op, x0, kx, bx, y, ky, by);
    } else if (op !== 0) {
      x = slow1(op, xs.pop()!, ks.pop()!, bs.pop()!);
    } else {
      while (t.tag === VAR && (t as Var).ref !== null) t = (t as Var).ref!;
      if (t.tag === SLOT) {
        const v = slotVars[(t as Slot).index];
        if (v === undefined) throw instantiationError();
        work.push(v);
        ops.push(0);
        continue;
      }
      if (t.tag !== STRUCT && t.tag !== TMPL) {
        x = ev(t); // atomic or unbound: no recursion
      } else {
        const s = t as Struct;
        const id = s.fn.id;
        const sop = id < FN_OPS.length ? FN_OPS[id] : 0;
        if (sop === 0) {
          if (s.fn !== DOT) notEvaluable(s.fn.name, s.fn.arity);
          const e = listElement(s);
          x = charCode(e);
          if (x !== x) {
            work.push(e);
            ops.push(0);
            continue;
          }
          regs.k = K_INT;
        } else {
          // Pushed in reverse: the first argument is evaluated first.
          const a = s.args;
          work.push(s);
          ops.push(sop);
          for (let i = a.length - 1; i >= 0; i--) {
            if (sop === O.POWM) {
              work.push(s);
              ops.push(NEED_INT);
            }
            work.push(a[i]);
            ops.push(0);
          }
          continue;
        }
      }
    }
    xs.push(x);
    ks.push(regs.k);
    bs.push(regs.b);
  }
  regs.k = ks[0];
  regs.b = bs[0];
  return xs[0];
}

function box(v: number): Int | BigInt_ | Float {
  const k = regs.k;
  if (k === K_INT) return mkInt(v);
  if (k === K_FLT) return new Float(v);
  return new BigInt_(regs.b);
}

/**
 * Evaluates an arithmetic expression (ISO 9.1) to a number term.
 *
 * @param t The expression.
 * @returns An integer or float term.
 * @throws {PrologThrow} `instantiation_error`, `type_error(evaluable, F/N)`,
 *   `type_error(integer, X)` or `evaluation_error(E)`.
 * @example
 * ```ts
 * import { evalArith } from "./_eval.ts";
 * import { mkStruct, mkInt } from "../term.ts";
 * console.log(evalArith(mkStruct("+", [mkInt(1), mkInt(2)]))); // Int { val: 3 }
 * ```
 */
export function evalArith(t: Term): Int | BigInt_ | Float {
  return box(evTop(t));
}

/**
 * {@linkcode evalArith} always by the explicit-stack evaluator, which
 * otherwise only runs for expressions too deep to recurse on: tests check
 * that both agree.
 *
 * @param t The expression.
 * @returns An integer or float term.
 * @example
 * ```ts
 * import { evalArithDeep } from "./_eval.ts";
 * import { mkStruct, mkInt } from "../term.ts";
 * console.log(evalArithDeep(mkStruct("+", [mkInt(1), mkInt(2)]))); // Int { val: 3 }
 * ```
 */
export function evalArithDeep(t: Term): Int | BigInt_ | Float {
  return box(evDeep(t));
}

/**
 * `Result is Expr` (ISO 8.6.1): evaluates, then unifies. A bound integer
 * left side is compared without boxing the result.
 *
 * @param lhs The left argument.
 * @param expr The expression.
 * @param m The machine (for binding and trailing).
 * @returns Whether the result unifies with `lhs`.
 * @example
 * ```ts
 * // Called by is/2 in arith.ts.
 * import { evalIs } from "./_eval.ts";
 * ```
 */
export function evalIs(lhs: Term, expr: Term, m: Machine): boolean {
  const v = evTop(expr);
  let l = lhs;
  while (l.tag === VAR) {
    const r = (l as Var).ref;
    if (r === null) {
      m.bind(l as Var, box(v));
      return true;
    }
    l = r;
  }
  if (regs.k === K_INT) return l.tag === INT && (l as Int).val === v;
  return m.unify(l, box(v));
}

/**
 * `is/2` on the uninstantiated patterns of a compiled clause body: the
 * expression is evaluated straight from the frame, so no expression term is
 * built, and a first-occurrence result variable gets the number without a
 * binding. An entry point for the solver's inline arithmetic.
 *
 * @param lhs The left pattern (a slot, or any term).
 * @param expr The expression pattern.
 * @param vars The frame's variables.
 * @param serial The frame's age, for a result variable created here.
 * @param m The machine.
 * @returns Whether the result unifies with `lhs`.
 * @example
 * ```ts
 * import { evalIsIn } from "./_eval.ts";
 * ```
 */
export function evalIsIn(
  lhs: Term,
  expr: Term,
  vars: Term[],
  serial: number,
  m: Machine,
): boolean {
  slotVars = vars;
  let v: number;
  try {
    v = evTop(expr);
  } finally {
    slotVars = NO_VARS;
  }
  if (lhs.tag === SLOT) {
    const i = (lhs as Slot).index;
    const cur = vars[i];
    if (cur === undefined) {
      // A first occurrence: a fresh variable dated to the frame, so that
      // backtracking to a choicepoint taken since the frame began undoes it.
      const nv = new Var(serial);
      vars[i] = nv;
      m.bind(nv, box(v));
      return true;
    }
    lhs = cur;
  } else if (lhs.tag === TMPL) {
    return false; // a compound never equals a number
  }
  let l = lhs;
  while (l.tag === VAR) {
    const r = (l as Var).ref;
    if (r === null) {
      m.bind(l as Var, box(v));
      return true;
    }
    l = r;
  }
  if (regs.k === K_INT) return l.tag === INT && (l as Int).val === v;
  return m.unify(l, box(v));
}

/**
 * {@linkcode cmpArith} on the patterns of a compiled clause body (see
 * {@linkcode evalIsIn}).
 *
 * @param a Left pattern.
 * @param b Right pattern.
 * @param vars The frame's variables.
 * @returns A `CMP_*` outcome.
 * @example
 * ```ts
 * import { cmpArithIn } from "./_eval.ts";
 * ```
 */
export function cmpArithIn(a: Term, b: Term, vars: Term[]): number {
  slotVars = vars;
  try {
    return cmpArith(a, b);
  } finally {
    slotVars = NO_VARS;
  }
}

/** Comparison outcome: `a < b`. */
export const CMP_LT = -1;
/** Comparison outcome: `a =:= b`. */
export const CMP_EQ = 0;
/** Comparison outcome: `a > b`. */
export const CMP_GT = 1;
/** Comparison outcome: unordered (a NaN is involved). */
export const CMP_UN = 2;

/**
 * Evaluates both sides and compares them mathematically (ISO 8.7): an
 * integer and a float compare by exact value, also for bigints. Allocates
 * nothing when both sides are small integers or floats.
 *
 * @param a Left expression.
 * @param b Right expression.
 * @returns {@linkcode CMP_LT}, {@linkcode CMP_EQ}, {@linkcode CMP_GT} or {@linkcode CMP_UN}.
 * @example
 * ```ts
 * import { cmpArith, CMP_LT } from "./_eval.ts";
 * import { mkInt } from "../term.ts";
 * console.log(cmpArith(mkInt(1), mkInt(2)) === CMP_LT); // true
 * ```
 */
export function cmpArith(a: Term, b: Term): number {
  const x = evTop(a);
  const kx = regs.k, bx = regs.b;
  const y = evTop(b);
  const ky = regs.k;
  if (kx !== K_BIG && ky !== K_BIG) {
    // Safe integers convert to doubles exactly, so mixed int/float is exact too.
    return x < y ? CMP_LT : x > y ? CMP_GT : x === y ? CMP_EQ : CMP_UN;
  }
  return cmpSlow(x, kx, bx, y, ky, regs.b);
}

/**
 * Evaluates an expression that must yield an integer (as a bigint); used by
 * builtins that take integer expressions.
 *
 * @param t The expression.
 * @returns The integer value.
 * @throws {PrologThrow} `type_error(integer, F)` for a float result.
 * @example
 * ```ts
 * import { evalInteger } from "./_eval.ts";
 * import { mkInt } from "../term.ts";
 * console.log(evalInteger(mkInt(7))); // 7n
 * ```
 */
export function evalInteger(t: Term): bigint {
  const v = evTop(t);
  if (regs.k === K_FLT) throw typeError("integer", new Float(v));
  return bigOf(v, regs.k, regs.b);
}

/** {@linkcode evalInteger} inside an evaluation (powm's arguments). */
function intOf(t: Term): bigint {
  const v = ev(t);
  if (regs.k === K_FLT) throw typeError("integer", new Float(v));
  return bigOf(v, regs.k, regs.b);
}
