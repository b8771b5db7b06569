/**
 * List and all-solutions builtins that need TS speed, and the hooks the
 * Prolog library (`engine/lib/*.ts`) calls: `between/3`, `memberchk/2`,
 * `list_to_set/2`, the `bagof/3`/`setof/3` helpers (ISO 8.10.2, 8.10.3) and
 * the `phrase/2,3` body translation.
 *
 * @module
 */
import { LAST, MORE } from "../database.ts";
import { dcgBody, dcgTransform } from "../dcg.ts";
import { instantiationError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  cons,
  deref,
  DOT,
  type Float,
  FLT,
  INT,
  type Int,
  isCallable,
  listToArray,
  MINUS2,
  mkAtom,
  mkFunctor,
  mkInt,
  mkInteger,
  mkList,
  NIL,
  type PString,
  skipList,
  STR,
  STRUCT,
  Struct,
  type Term,
  VAR,
  Var,
} from "../term.ts";
import { sameConstant, undoTo, unify } from "../unify.ts";
import { WALK_BUDGET } from "../cycles.ts";
import { listArg } from "./_args.ts";
import { termVariables } from "./terms.ts";
import type { BuiltinTable } from "./registry.ts";

/** Unifies, undoing partial bindings on failure, without allocating a closure. */
function tryUnify(m: Machine, a: Term, b: Term): boolean {
  const saved = m.varMark;
  m.varMark = Infinity;
  const mark = m.trail.length;
  let ok = false;
  try {
    ok = unify(a, b, m);
  } finally {
    if (!ok) undoTo(m, mark);
    m.varMark = saved;
  }
  return ok;
}

// ---------------------------------------------------------------- between/3

const A_INF = mkAtom("inf");
const A_INFINITE = mkAtom("infinite");

function intValue(t: Term): bigint {
  return t.tag === INT ? BigInt((t as Int).val) : (t as BigInt_).val;
}

/**
 * SWI `between/3`: enumerates integers upward; the last solution leaves no
 * choicepoint. `High` may be `inf` or `infinite`.
 */
function* between(args: Term[], m: Machine): Generator<number, void, void> {
  const lo = deref(args[0]), hi = deref(args[1]), x = deref(args[2]);
  if (lo.tag === VAR || hi.tag === VAR) throw instantiationError();
  if (lo.tag !== INT && lo.tag !== BIG) throw typeError("integer", lo);
  const infinite = hi === A_INF || hi === A_INFINITE;
  if (!infinite && hi.tag !== INT && hi.tag !== BIG) throw typeError("integer", hi);
  if (x.tag !== VAR && x.tag !== INT && x.tag !== BIG) throw typeError("integer", x);
  if (x.tag !== VAR) {
    const v = intValue(x);
    if (v >= intValue(lo) && (infinite || v <= intValue(hi))) yield LAST;
    return;
  }
  const v = x as Var;
  if (lo.tag === INT && (infinite || hi.tag === INT)) {
    // Fast path over safe integers.
    const h = infinite ? Number.MAX_SAFE_INTEGER : (hi as Int).val;
    let i = (lo as Int).val;
    if (i > h) return;
    for (; i < h; i++) {
      m.bind(v, mkInt(i));
      yield MORE;
    }
    m.bind(v, mkInt(i));
    if (!infinite) {
      yield LAST;
      return;
    }
    yield MORE;
  }
  let i = lo.tag === INT && infinite ? BigInt(Number.MAX_SAFE_INTEGER) + 1n : intValue(lo);
  const h = infinite ? null : intValue(hi);
  if (h !== null && i > h) return;
  for (; h === null || i < h; i++) {
    m.bind(v, mkInteger(i));
    yield MORE;
  }
  m.bind(v, mkInteger(i));
  yield LAST;
}

// ---------------------------------------------------------------- lists

/**
 * SWI `memberchk/2`: the first unifying element; a partial list is extended.
 * On a cyclic list without a unifying element it raises `type_error(list)`,
 * as SWI-Prolog does, once Brent's check (as in {@linkcode skipList}) has
 * seen the cycle close: by then every element has been tried.
 */
function memberchk(args: Term[], m: Machine): boolean {
  const x = args[0];
  let l = deref(args[1]);
  let mark = l, n = 0, next = 1;
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (tryUnify(m, x, (l as Struct).args[0])) return true;
    l = deref((l as Struct).args[1]);
    if (l === mark) throw typeError("list", deref(args[1]));
    if (++n === next) {
      mark = l;
      next <<= 1;
    }
  }
  if (l.tag === VAR) return m.unify(l, cons(x, new Var()));
  return false;
}

/** Records the pair `(x, y)` in `pairs`; true when it was there already. */
function seenPair(pairs: Map<Struct, Set<Struct>>, x: Struct, y: Struct): boolean {
  let ys = pairs.get(x);
  if (ys === undefined) pairs.set(x, ys = new Set());
  else if (ys.has(y)) return true;
  ys.add(y);
  return false;
}

/**
 * Structural comparison: `identical` asks for `==/2`; otherwise for variants
 * (`=@=/2`: equal up to a consistent renaming of variables). Iterative.
 * Past {@linkcode WALK_BUDGET} pairs of compounds it remembers the pairs it
 * compares and skips one met again (coinduction): cyclic terms with the same
 * infinite unfolding are variants, and the walk ends.
 */
function sameShape(a: Term, b: Term, identical: boolean): boolean {
  const left = new Map<Var, Var>(), right = new Map<Var, Var>();
  const stack: Term[] = [a, b];
  let budget = WALK_BUDGET;
  let pairs: Map<Struct, Set<Struct>> | null = null;
  while (stack.length > 0) {
    const y = deref(stack.pop()!), x = deref(stack.pop()!);
    if (x === y && identical) continue;
    if (x.tag !== y.tag) return false;
    if (x.tag === VAR) {
      if (identical) return false;
      const lx = left.get(x as Var), ry = right.get(y as Var);
      if (lx === undefined && ry === undefined) {
        left.set(x as Var, y as Var);
        right.set(y as Var, x as Var);
      } else if (lx !== y || ry !== x) {
        return false;
      }
    } else if (x.tag === STRUCT) {
      const sx = x as Struct, sy = y as Struct;
      if (sx.fn !== sy.fn) return false;
      if (pairs !== null) {
        if (seenPair(pairs, sx, sy)) continue;
      } else if (--budget === 0) {
        pairs = new Map();
      }
      for (let i = 0; i < sx.args.length; i++) stack.push(sx.args[i], sy.args[i]);
    } else if (!sameConstant(x, y)) {
      return false;
    }
  }
  return true;
}

/** How many subterms {@linkcode shapeHash} looks at: the hash of a cyclic term must end. */
const HASH_NODES = 1024;

/**
 * A hash equal for variants (variables all hash alike), for grouping. It
 * looks at the first {@linkcode HASH_NODES} subterms of the unfolding, so
 * terms equal up to there (and cyclic terms with the same unfolding) hash
 * alike.
 */
function shapeHash(t: Term): number {
  let h = 17;
  const stack: Term[] = [t];
  for (let k = 0; k < HASH_NODES && stack.length > 0; k++) {
    const x = deref(stack.pop()!);
    let v: number;
    switch (x.tag) {
      case ATOM:
        v = (x as Atom).id * 4 + 1;
        break;
      case INT:
        v = (x as Int).val | 0;
        break;
      case FLT:
        v = Math.floor((x as Float).val) | 0;
        break;
      case STRUCT:
        v = (x as Struct).fn.id * 4 + 2;
        for (const arg of (x as Struct).args) stack.push(arg);
        break;
      case STR:
        v = (x as PString).val.length * 4 + 3;
        break;
      case BIG:
        v = Number((x as BigInt_).val & 0xffffn);
        break;
      default:
        v = 7;
    }
    h = (Math.imul(h, 31) + v) | 0;
  }
  return h;
}

/** SWI `list_to_set/2`: drops later duplicates (by `==/2`), keeping order. */
function listToSet(args: Term[], m: Machine): boolean {
  const items = listArg(args[0]);
  const kept: Term[] = [];
  const buckets = new Map<number, Term[]>();
  for (const item of items) {
    const t = deref(item);
    const h = shapeHash(t);
    let bucket = buckets.get(h);
    if (bucket === undefined) buckets.set(h, bucket = []);
    if (bucket.some((u) => sameShape(u, t, true))) continue;
    bucket.push(t);
    kept.push(t);
  }
  return m.unify(args[1], mkList(kept));
}

/** Raises `type_error(list, L)` unless `L` is a list or a partial list (a cyclic list is neither). */
function mustBeListOrPartial(t: Term): void {
  const tail = skipList(t).tail;
  if (tail.tag !== VAR && tail !== NIL) throw typeError("list", deref(t));
}

// ---------------------------------------------------------------- ISO 8.10.2, 8.10.3

const F_HAT = mkFunctor("^", 2);
const A_V = mkAtom("v");

/**
 * Adds the unbound variables of `t` not yet in `seen` to `out`, depth-first,
 * left to right (the order of {@linkcode termVariables}, which also walks
 * cyclic terms).
 */
function collectVars(t: Term, seen: Set<Var>, out: Var[] | null): void {
  for (const v of termVariables(t, [])) {
    if (!seen.has(v)) {
      seen.add(v);
      out?.push(v);
    }
  }
}

/**
 * `'$bagof_prepare'(Template, Goal, Instances, Iterated, Witness)`: checks
 * the arguments (ISO 8.10.2.3), strips `V^` prefixes from `Goal` and builds
 * the witness `v(F1, ..., Fn)` of its free variables (ISO 7.1.1.4), or `v`.
 */
function bagofPrepare(args: Term[], m: Machine): boolean {
  let g = deref(args[1]);
  const bound = new Set<Var>();
  collectVars(args[0], bound, null);
  while (g.tag === STRUCT && (g as Struct).fn === F_HAT) {
    collectVars((g as Struct).args[0], bound, null);
    g = deref((g as Struct).args[1]);
  }
  if (g.tag === VAR) throw instantiationError();
  if (!isCallable(g)) throw typeError("callable", g);
  mustBeListOrPartial(args[2]);
  const free: Var[] = [];
  collectVars(g, bound, free);
  const witness = free.length === 0 ? A_V : new Struct(mkFunctor(A_V, free.length), free);
  return m.unify(args[3], g) && m.unify(args[4], witness);
}

/**
 * `'$bag_partition'(Pairs, Groups)`: splits the `Witness-Template` pairs
 * found by `findall/3` into groups of variant witnesses (ISO 8.10.2.4),
 * in order of first appearance, as `Witness-Templates` pairs. The witnesses
 * of one group are unified with each other. Fails when `Pairs` is empty.
 */
function bagPartition(args: Term[], m: Machine): boolean {
  const pairs = listToArray(args[0]);
  if (pairs === null || pairs.length === 0) return false;
  const groups: { key: Term; items: Term[] }[] = [];
  const byHash = new Map<number, { key: Term; items: Term[] }[]>();
  for (const p of pairs) {
    const pair = deref(p) as Struct;
    const key = deref(pair.args[0]);
    const h = shapeHash(key);
    let bucket = byHash.get(h);
    if (bucket === undefined) byHash.set(h, bucket = []);
    let group = bucket.find((g) => sameShape(g.key, key, false));
    if (group === undefined) {
      group = { key, items: [] };
      bucket.push(group);
      groups.push(group);
    } else if (!m.unify(group.key, key)) {
      return false;
    }
    group.items.push(pair.args[1]);
  }
  const out = groups.map((g) => new Struct(MINUS2, [g.key, mkList(g.items)]));
  return m.unify(args[1], mkList(out));
}

// ---------------------------------------------------------------- DCG

/** `'$dcg_phrase'(Body, List, Rest, Goal)`: the goal `phrase/3` runs (SWI checks). */
function dcgPhrase(args: Term[], m: Machine): boolean {
  const body = deref(args[0]);
  if (body.tag === VAR) throw instantiationError();
  if (!isCallable(body)) throw typeError("callable", body);
  mustBeListOrPartial(args[1]);
  mustBeListOrPartial(args[2]);
  return m.unify(args[3], dcgBody(body, args[1], args[2]));
}

const F_DCG = mkFunctor("-->", 2);

/** List builtins and library hooks. */
export const listBuiltins: BuiltinTable = {
  det: {
    // SWI's variant test (not ISO): equal up to a consistent renaming of variables.
    "=@=/2": (a) => sameShape(a[0], a[1], false),
    "\\=@=/2": (a) => !sameShape(a[0], a[1], false),
    "memberchk/2": memberchk,
    "list_to_set/2": listToSet,
    "$must_be_list/1": (a) => {
      listArg(a[0]);
      return true;
    },
    "$must_be_list_or_partial/1": (a) => {
      mustBeListOrPartial(a[0]);
      return true;
    },
    "$bagof_prepare/5": bagofPrepare,
    "$bag_partition/2": bagPartition,
    "$dcg_phrase/4": dcgPhrase,
    "dcg_translate_rule/2": (a, m) => {
      const rule = deref(a[0]);
      if (rule.tag === VAR) throw instantiationError();
      if (rule.tag !== STRUCT || (rule as Struct).fn !== F_DCG) return false;
      return m.unify(a[1], dcgTransform(rule, m));
    },
  },
  nondet: {
    "between/3": between,
  },
};
