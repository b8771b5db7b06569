/**
 * Unification (ISO 7.3) with conditional trailing, iterative so deep terms
 * never overflow the JS stack.
 *
 * @module
 */
import { isAcyclic } from "./cycles.ts";
import {
  BIG,
  type BigInt_,
  deref,
  type Float,
  FLT,
  INT,
  type Int,
  type PString,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  type Var,
  Var as VarClass,
} from "./term.ts";

/**
 * The part of the machine unification needs: where bindings are recorded.
 *
 * @example
 * ```ts
 * import type { Bindings } from "./unify.ts";
 * const b: Bindings = { trail: [], varMark: 0, binds: 0 };
 * ```
 */
export interface Bindings {
  /** Variables bound since the oldest live choicepoint, in binding order. */
  trail: Var[];
  /** Variables with `serial < varMark` are older than the newest choicepoint and must be trailed. */
  varMark: number;
  /** Bindings made so far; never decreases (the tracer's write stamp). */
  binds: number;
  /**
   * While a tracer keeps a binding history (see {@linkcode BindingLog}):
   * where bindings and their undoing are appended. Absent or `null` otherwise.
   */
  bindLog?: BindingLog | null;
}

/**
 * A binding history, append-only: `v, t` for each binding of `v` to `t`,
 * `UNDONE, v` for each undoing of a binding. (A history started while
 * variables were bound begins with `v, t` for each of them that could be
 * undone: the trail's.) With
 * the history and a position in it, a goal can be shown as it was at that
 * position long after the bindings changed: the tracer's collector records
 * positions instead of copying goals.
 *
 * @example
 * ```ts
 * import { type BindingLog, bind, undoTo } from "./unify.ts";
 * import { Var, mkAtom } from "./term.ts";
 * const log: BindingLog = [];
 * const b = { trail: [], varMark: Infinity, binds: 0, bindLog: log };
 * const v = new Var();
 * bind(v, mkAtom("x"), b);
 * undoTo(b, 0);
 * console.log(log.length); // 4: v, x, UNDONE, v
 * ```
 */
export type BindingLog = Term[];

/**
 * Starts an undo record in a {@linkcode BindingLog}; a variable that is never bound.
 *
 * @example
 * ```ts
 * import { UNDONE } from "./unify.ts";
 * console.log(UNDONE.ref); // null
 * ```
 */
export const UNDONE: Var = new VarClass();

/**
 * Binds an unbound variable, trailing it when a choicepoint could need the
 * old state back.
 *
 * @param v An unbound variable.
 * @param t Its new value.
 * @param b Where to trail.
 * @example
 * ```ts
 * import { bind } from "./unify.ts";
 * import { Var, mkAtom } from "./term.ts";
 * const v = new Var();
 * bind(v, mkAtom("x"), { trail: [], varMark: Infinity, binds: 0 });
 * ```
 */
export function bind(v: Var, t: Term, b: Bindings): void {
  v.ref = t;
  b.binds++;
  if (v.serial < b.varMark) b.trail.push(v);
  const log = b.bindLog;
  if (log) log.push(v, t);
}

/**
 * Undoes bindings recorded after trail position `mark`.
 *
 * @param b The bindings record.
 * @param mark A trail length saved earlier.
 * @example
 * ```ts
 * import { undoTo } from "./unify.ts";
 * undoTo({ trail: [], varMark: 0, binds: 0 }, 0);
 * ```
 */
export function undoTo(b: Bindings, mark: number): void {
  const tr = b.trail;
  const log = b.bindLog;
  if (log) {
    logUndo(tr, mark, log);
    return;
  }
  // pop() is inlined by V8; assigning `length` is a runtime call.
  while (tr.length > mark) tr.pop()!.ref = null;
}

/** `undoTo` while a history is kept. Value-trail entries (not variables) are not recorded. */
function logUndo(tr: Var[], mark: number, log: BindingLog): void {
  while (tr.length > mark) {
    const v = tr.pop()!;
    if (v instanceof VarClass && v.ref !== null) log.push(UNDONE, v);
    v.ref = null;
  }
}

// One shared work stack: unification never re-enters itself.
const work: Term[] = [];

/**
 * True when two atomic (non-variable, non-compound) terms are equal.
 *
 * @param a A dereferenced atomic term.
 * @param b A dereferenced term with the same tag.
 * @returns Whether they are the same constant.
 * @example
 * ```ts
 * import { sameConstant } from "./unify.ts";
 * import { mkInt } from "./term.ts";
 * console.log(sameConstant(mkInt(3), mkInt(3))); // true
 * ```
 */
export function sameConstant(a: Term, b: Term): boolean {
  switch (a.tag) {
    case INT:
      return (a as Int).val === (b as Int).val;
    case FLT:
      // 0.0 and -0.0 are different terms (as for ==/2); NaN equals itself.
      return Object.is((a as Float).val, (b as Float).val);
    case BIG:
      return (a as BigInt_).val === (b as BigInt_).val;
    case STR:
      return (a as PString).val === (b as PString).val;
    default:
      return a === b; // atoms are interned
  }
}

/**
 * Unifies two terms, binding variables; on failure some bindings may remain
 * and the caller undoes them by backtracking (or {@linkcode undoTo}).
 *
 * @param a A term.
 * @param b A term.
 * @param bs Where bindings are trailed.
 * @returns Whether the terms unify.
 * @example
 * ```ts
 * import { unify } from "./unify.ts";
 * import { Var, mkAtom } from "./term.ts";
 * const v = new Var();
 * console.log(unify(v, mkAtom("a"), { trail: [], varMark: 0, binds: 0 })); // true
 * ```
 */
export function unify(a: Term, b: Term, bs: Bindings): boolean {
  const base = work.length;
  const ra = a, rb = b;
  let budget = PAIRS_BEFORE_CYCLE_CHECK, checked = PAIRS_BEFORE_CYCLE_CHECK;
  for (;;) {
    a = deref(a);
    b = deref(b);
    if (a !== b) {
      if (a.tag === VAR) {
        bind(a as Var, b, bs);
      } else if (b.tag === VAR) {
        bind(b as Var, a, bs);
      } else if (a.tag !== b.tag) {
        work.length = base;
        return false;
      } else if (a.tag === STRUCT) {
        const sa = a as Struct, sb = b as Struct;
        if (sa.fn !== sb.fn) {
          work.length = base;
          return false;
        }
        if (--budget < 0) {
          // A long unification may be going round cyclic terms forever. If
          // both terms are still finite trees, go on, checking again after
          // as many pairs again (the checks cost at most about as much as
          // the unification); otherwise remember pairs from now on.
          if (!isAcyclic(ra) || !isAcyclic(rb)) return unifyRational(sa, sb, bs, base);
          budget = checked;
          checked *= 2;
        }
        const aa = sa.args, ba = sb.args;
        const n = aa.length;
        // All but the last pair: settle variables and constants here, push
        // only compound pairs; then loop on the last pair (list tails).
        for (let i = n - 2; i >= 0; i--) {
          let x = aa[i], y = ba[i];
          while (x.tag === VAR && (x as Var).ref !== null) x = (x as Var).ref!;
          while (y.tag === VAR && (y as Var).ref !== null) y = (y as Var).ref!;
          if (x === y) continue;
          if (x.tag === VAR) bind(x as Var, y, bs);
          else if (y.tag === VAR) bind(y as Var, x, bs);
          else if (x.tag !== y.tag) {
            work.length = base;
            return false;
          } else if (x.tag === STRUCT) work.push(x, y);
          else if (!sameConstant(x, y)) {
            work.length = base;
            return false;
          }
        }
        a = aa[n - 1];
        b = ba[n - 1];
        continue;
      } else if (!sameConstant(a, b)) {
        work.length = base;
        return false;
      }
    }
    if (work.length === base) return true;
    b = work.pop()!;
    a = work.pop()!;
  }
}

/**
 * Compound pairs {@linkcode unify} and friends take as plain trees before
 * they start remembering pairs: ordinary terms never pay for it.
 */
const PAIRS_BEFORE_CYCLE_CHECK = 1 << 18;

/**
 * Records that compounds `a` and `b` are being unified (compared); true
 * when they were already: the pair then needs no more work (unification of
 * rational trees, where a pair met again is assumed to unify).
 */
function seenPair(seen: Map<Struct, Struct | Struct[]>, a: Struct, b: Struct): boolean {
  const had = seen.get(a);
  if (had === undefined) {
    seen.set(a, b);
    return false;
  }
  if (had === b) return true;
  if (Array.isArray(had)) {
    if (had.includes(b)) return true;
    had.push(b);
  } else seen.set(a, [had, b]);
  return false;
}

/**
 * {@linkcode unify} continued for terms that may be cyclic: the pending
 * pair `a`, `b` and the work stack above `base`, remembering every compound
 * pair so that going round a cycle ends.
 */
function unifyRational(a: Term, b: Term, bs: Bindings, base: number): boolean {
  const seen = new Map<Struct, Struct | Struct[]>();
  for (;;) {
    a = deref(a);
    b = deref(b);
    if (a !== b) {
      if (a.tag === VAR) bind(a as Var, b, bs);
      else if (b.tag === VAR) bind(b as Var, a, bs);
      else if (a.tag !== b.tag) break;
      else if (a.tag === STRUCT) {
        const sa = a as Struct, sb = b as Struct;
        if (sa.fn !== sb.fn) break;
        if (!seenPair(seen, sa, sb)) {
          for (let i = sa.args.length - 1; i >= 0; i--) work.push(sa.args[i], sb.args[i]);
        }
      } else if (!sameConstant(a, b)) break;
    }
    if (work.length === base) return true;
    b = work.pop()!;
    a = work.pop()!;
  }
  work.length = base;
  return false;
}

/**
 * True when variable `v` occurs in term `t` (iterative).
 *
 * @param v An unbound variable.
 * @param t A term.
 * @returns Whether `v` occurs in `t`.
 * @example
 * ```ts
 * import { occursIn } from "./unify.ts";
 * import { Var, mkStruct } from "./term.ts";
 * const v = new Var();
 * console.log(occursIn(v, mkStruct("f", [v]))); // true
 * ```
 */
export function occursIn(v: Var, t: Term): boolean {
  const stack: Term[] = [t];
  let budget = PAIRS_BEFORE_CYCLE_CHECK;
  let visited: Set<Struct> | null = null; // after the budget: each compound once (cyclic terms)
  while (stack.length > 0) {
    const x = deref(stack.pop()!);
    if (x === v) return true;
    if (x.tag === STRUCT) {
      if (--budget < 0) {
        visited ??= new Set();
        if (visited.has(x as Struct)) continue;
        visited.add(x as Struct);
      }
      for (const arg of (x as Struct).args) stack.push(arg);
    }
  }
  return false;
}

/**
 * Unification with occurs check (ISO 8.2.2): never builds a cyclic term.
 *
 * @param a A term.
 * @param b A term.
 * @param bs Where bindings are trailed.
 * @returns Whether the terms unify without creating a cycle.
 * @example
 * ```ts
 * import { unifyOccursCheck } from "./unify.ts";
 * import { Var, mkStruct } from "./term.ts";
 * const v = new Var();
 * console.log(unifyOccursCheck(v, mkStruct("f", [v]), { trail: [], varMark: 0, binds: 0 })); // false
 * ```
 */
export function unifyOccursCheck(a: Term, b: Term, bs: Bindings): boolean {
  const stack: Term[] = [a, b];
  let budget = PAIRS_BEFORE_CYCLE_CHECK;
  let seen: Map<Struct, Struct | Struct[]> | null = null;
  while (stack.length > 0) {
    let y = deref(stack.pop()!);
    let x = deref(stack.pop()!);
    if (x === y) continue;
    if (x.tag !== VAR && y.tag === VAR) [x, y] = [y, x];
    if (x.tag === VAR) {
      if (occursIn(x as Var, y)) return false;
      bind(x as Var, y, bs);
    } else if (x.tag !== y.tag) {
      return false;
    } else if (x.tag === STRUCT) {
      const sx = x as Struct, sy = y as Struct;
      if (sx.fn !== sy.fn) return false;
      // The arguments may already be cyclic (built without the check).
      if (--budget < 0 && seenPair(seen ??= new Map(), sx, sy)) continue;
      for (let i = 0; i < sx.args.length; i++) stack.push(sx.args[i], sy.args[i]);
    } else if (!sameConstant(x, y)) {
      return false;
    }
  }
  return true;
}
