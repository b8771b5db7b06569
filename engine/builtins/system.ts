/**
 * SWI-Prolog system builtins that need JS: wall time (`get_time/1`),
 * `sleep/1`, the random generator's seed and state (`set_random/1`,
 * `random_property/1`; the draws are in engine/builtins/_random.ts),
 * `term_hash/2,4`, `unifiable/3`, and two hooks for the Prolog library:
 * `'$variant_seen'/2` (the table of `distinct/1,2`), `'$nsols_add'/2` and
 * `'$nsols_collect'/3` (the solution chunks of `findnsols/4,5`) and
 * `'$choice_height'/1` (the choicepoint stack height, to tell whether a goal
 * left alternatives), and `'$time_limit_push'/2`, `'$time_limit_pop'/1`
 * (the machine's deadlines behind `call_with_time_limit/2`), and
 * `'$step_limit_push'/2`, `'$step_limit_exit'/4`, `'$step_limit_pop'/1`
 * (its inference limits behind `call_with_inference_limit/3`). The tables are keyed by a state term each call of the
 * library predicate makes, in a `WeakMap`, so they go when the call is done.
 *
 * @module
 */
import { copyTerm } from "../copy.ts";
import { isAcyclic } from "../cycles.ts";
import { instantiationError, PrologThrow } from "../errors.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  deref,
  Float,
  FLT,
  INT,
  type Int,
  mkAtom,
  mkInt,
  mkInteger,
  mkList,
  mkStruct,
  type PString,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  Var,
} from "../term.ts";
import { unify, unifyOccursCheck } from "../unify.ts";
import { randomState, seedRandom, seedRandomly, setRandomState } from "./_random.ts";
import type { BuiltinTable } from "./registry.ts";

/** `error(Formal, _)`, for error types the shared helpers do not name. */
function error(name: string, args: Term[]): PrologThrow {
  return new PrologThrow(mkStruct("error", [mkStruct(name, args), new Var()]));
}

const A_RANDOM = mkAtom("random");

// ---------------------------------------------------------------- term keys

/** Pushed after a compound's arguments while walking a cyclic term: the compound is done. */
const CLOSE: Term = mkAtom("$close");

/**
 * A text key for a term, equal for two terms exactly when they are
 * variants (`=@=`): atoms, numbers and strings are spelled with their
 * length or a terminator, so no two terms share a key; variables are
 * numbered by first occurrence. Arguments deeper than `maxDepth` (the top
 * term is at depth 1) are left out. A cyclic term's key refers back to the
 * enclosing compound it repeats. Iterative, so long lists are fine.
 *
 * @param t The term.
 * @param maxDepth How deep to look.
 * @param vars Numbering of the variables met so far, or `null` to give up on a variable.
 * @returns The key, or `null` when a variable was met and `vars` is `null`.
 * @example
 * ```ts
 * import { termKey } from "./system.ts";
 * import { mkStruct, Var } from "../term.ts";
 * const k1 = termKey(mkStruct("f", [new Var()]), Infinity, new Map());
 * const k2 = termKey(mkStruct("f", [new Var()]), Infinity, new Map());
 * console.assert(k1 === k2);
 * ```
 */
export function termKey(t: Term, maxDepth: number, vars: Map<Var, number> | null): string | null {
  const open = maxDepth === Infinity && !isAcyclic(t) ? new Map<Struct, number>() : null;
  const closing: Struct[] = [];
  const out: string[] = [];
  const terms: Term[] = [t];
  const depths: number[] = [1];
  while (terms.length > 0) {
    const x0 = terms.pop()!, d = depths.pop()!;
    if (x0 === CLOSE) {
      open!.delete(closing.pop()!);
      continue;
    }
    if (d > maxDepth) continue;
    const x = deref(x0);
    switch (x.tag) {
      case VAR: {
        if (vars === null) return null;
        let n = vars.get(x as Var);
        if (n === undefined) vars.set(x as Var, n = vars.size);
        out.push(`v${n};`);
        break;
      }
      case ATOM:
        out.push(`a${(x as Atom).name.length}:${(x as Atom).name}`);
        break;
      case INT:
        out.push(`i${(x as Int).val};`);
        break;
      case BIG:
        out.push(`i${(x as BigInt_).val};`);
        break;
      case FLT: {
        const v = (x as Float).val;
        out.push(`f${Object.is(v, -0) ? "-0" : String(v)};`);
        break;
      }
      case STR:
        out.push(`s${(x as PString).val.length}:${(x as PString).val}`);
        break;
      case STRUCT: {
        const s = x as Struct;
        if (open !== null) {
          const at = open.get(s);
          if (at !== undefined) {
            out.push(`r${at};`);
            break;
          }
          open.set(s, closing.length);
          closing.push(s);
          terms.push(CLOSE);
          depths.push(0);
        }
        const name = s.fn.name.name;
        out.push(`c${s.args.length}/${name.length}:${name}`);
        for (let i = s.args.length - 1; i >= 0; i--) {
          terms.push(s.args[i]);
          depths.push(d + 1);
        }
        break;
      }
    }
  }
  return out.join("");
}

/** FNV-1a over the UTF-16 units of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The largest hash `term_hash/2` gives: SWI-Prolog's range is 0..16777215. */
const HASH_MASK = 0xffffff;

/** term_hash/2,4: the hash of a term ground to `depth`, or no binding when it is not. */
function termHash(t: Term, depth: number, range: number, out: Term, m: Machine): boolean {
  const key = termKey(t, depth, null);
  if (key === null) return true;
  return m.unify(out, mkInt((fnv1a(key) & HASH_MASK) % range));
}

function intOf(t: Term, what: string): number {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  if (t.tag !== INT) throw error("type_error", [mkAtom(what), t]);
  return (t as Int).val;
}

// ---------------------------------------------------------------- distinct/1,2

/** Per state term of a distinct/1,2 call: the keys of the witnesses seen so far. */
const seenTables = new WeakMap<Struct, Set<string>>();

/**
 * `'$variant_seen'(+State, +Witness)`: succeeds (and records it) when no
 * variant of Witness was recorded for State, a compound made fresh by each
 * distinct/1,2 call. The table lives as long as the state term.
 */
function variantSeen(a: Term[]): boolean {
  const state = stateArg(a[0]);
  let seen = seenTables.get(state);
  if (seen === undefined) seenTables.set(state, seen = new Set());
  const key = termKey(a[1], Infinity, new Map())!;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

// ---------------------------------------------------------------- findnsols/4,5

/** Per state term of a findnsols/4,5 call: copies of the solutions of the chunk being filled. */
const chunks = new WeakMap<Struct, Term[]>();

function stateArg(t: Term): Struct {
  t = deref(t);
  if (t.tag !== STRUCT) throw error("type_error", [mkAtom("compound"), t]);
  return t as Struct;
}

/** `'$nsols_add'(+State, +Template)`: adds a copy of Template to State's chunk. */
function nsolsAdd(a: Term[]): boolean {
  const state = stateArg(a[0]);
  let chunk = chunks.get(state);
  if (chunk === undefined) chunks.set(state, chunk = []);
  chunk.push(copyTerm(a[1]));
  return true;
}

/** `'$nsols_collect'(+State, -List, +Tail)`: List is the chunk ending in Tail; the chunk is emptied. */
function nsolsCollect(a: Term[], m: Machine): boolean {
  const state = stateArg(a[0]);
  const chunk = chunks.get(state) ?? [];
  chunks.delete(state);
  return m.unify(a[1], mkList(chunk, a[2]));
}

// ---------------------------------------------------------------- unifiable/3

const NIL_LIST: Term = mkList([]);

/** True when `v` occurs in `t`. */
function occursIn(v: Var, t: Term): boolean {
  const vars = new Map<Var, number>();
  termKey(t, Infinity, vars);
  return vars.has(v);
}

/**
 * unifiable(@X, @Y, -Unifier): X and Y are unified with every binding
 * recorded, the bindings are read back (newest first, as SWI-Prolog lists
 * them) and undone.
 */
function unifiable(a: Term[], m: Machine): boolean {
  const x = deref(a[0]), y = deref(a[1]);
  // A variable on either side: SWI-Prolog answers [Var = Other] directly.
  if (x.tag === VAR || y.tag === VAR) {
    if (x === y) return m.unify(a[2], NIL_LIST);
    const [v, t] = x.tag === VAR ? [x, y] : [y, x];
    if (m.flags.occursCheck !== "false" && occursIn(v as Var, t)) {
      if (m.flags.occursCheck === "error") throw error("occurs_check", [v, t]);
      return false;
    }
    return m.unify(a[2], mkList([mkStruct("=", [v, t])]));
  }
  const bs = { trail: [] as Var[], varMark: Infinity, binds: 0 };
  const oc = m.flags.occursCheck;
  let ok = oc === "false" ? unify(x, y, bs) : unifyOccursCheck(x, y, bs);
  if (!ok && oc === "error") {
    for (const v of bs.trail) v.ref = null;
    bs.trail.length = 0;
    if (unify(x, y, bs)) {
      for (const v of bs.trail) v.ref = null;
      throw error("occurs_check", [x, y]);
    }
  }
  const pairs: Term[] = [];
  for (let i = bs.trail.length - 1; i >= 0; i--) {
    const v = bs.trail[i];
    pairs.push(mkStruct("=", [v, v.ref!]));
  }
  for (const v of bs.trail) v.ref = null;
  if (!ok) return false;
  ok = m.unify(a[2], mkList(pairs));
  return ok;
}

// ---------------------------------------------------------------- random state

/** set_random(+Option): seed(N), seed(random) or state(S), with SWI-Prolog's errors. */
function setRandom(a: Term[]): boolean {
  const opt = deref(a[0]);
  if (opt.tag !== STRUCT || (opt as Struct).args.length !== 1) {
    throw error("type_error", [mkAtom("random_option"), opt]);
  }
  const name = (opt as Struct).fn.name.name;
  const arg = deref((opt as Struct).args[0]);
  if (name === "seed") {
    if (arg === A_RANDOM) seedRandomly();
    else if (arg.tag === INT) seedRandom(BigInt((arg as Int).val));
    else if (arg.tag === BIG) seedRandom((arg as BigInt_).val);
    else throw error("type_error", [mkAtom("seed"), arg]);
    return true;
  }
  if (name === "state") {
    const s = arg.tag === INT
      ? BigInt((arg as Int).val)
      : arg.tag === BIG
      ? (arg as BigInt_).val
      : null;
    if (s === null) throw error("type_error", [mkAtom("state"), arg]);
    if (!setRandomState(s)) throw error("domain_error", [mkAtom("random_state"), arg]);
    return true;
  }
  throw error("domain_error", [mkAtom("random_option"), opt]);
}

/** random_property(?Property): state(S), the state set_random(state(S)) restores. */
function* randomProperty(a: Term[], m: Machine): Generator<number, void, void> {
  if (m.unify(a[0], mkStruct("state", [mkInteger(randomState())]))) yield 1;
}

// ---------------------------------------------------------------- sleep/1

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** A number of seconds; anything else is a `type_error(type, T)`. */
function secondsOf(arg: Term, type: string): number {
  const t = deref(arg);
  if (t.tag === VAR) throw instantiationError();
  if (t.tag === INT || t.tag === FLT) return (t as Int | Float).val;
  if (t.tag === BIG) return Number((t as BigInt_).val);
  throw error("type_error", [mkAtom(type), t]);
}

/** sleep(+Seconds): blocks the engine; zero or less returns at once. */
function sleep(a: Term[]): boolean {
  const secs = secondsOf(a[0], "float");
  if (secs > 0) Atomics.wait(sleeper, 0, 0, secs * 1000);
  return true;
}

// ------------------------------------------------ call_with_time_limit/2

/**
 * '$time_limit_push'(+Seconds, -Mark): starts a time limit. Seconds must be
 * a number; zero or less raises `time_limit_exceeded` at once (SWI-Prolog).
 */
function timeLimitPush(a: Term[], m: Machine): boolean {
  const secs = secondsOf(a[0], "number");
  if (!(secs > 0)) throw new PrologThrow(mkAtom("time_limit_exceeded"), true);
  return m.unify(a[1], mkInt(m.pushTimeLimit(secs * 1000)));
}

/** '$time_limit_pop'(+Mark): ends the time limit Mark (and any inside it). */
function timeLimitPop(a: Term[], m: Machine): boolean {
  m.popTimeLimit((deref(a[0]) as Int).val);
  return true;
}

// ------------------------------------------ call_with_inference_limit/3

/** The limit of `call_with_inference_limit/3`: a non-negative integer. */
function stepLimitOf(t: Term): number {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  if (t.tag === BIG) {
    if ((t as BigInt_).val < 0n) {
      throw error("domain_error", [mkAtom("not_less_than_zero"), t]);
    }
    return Infinity;
  }
  if (t.tag !== INT) throw error("type_error", [mkAtom("integer"), t]);
  const n = (t as Int).val;
  if (n < 0) throw error("domain_error", [mkAtom("not_less_than_zero"), t]);
  return n;
}

/**
 * '$step_limit_push'(+Limit, -Mark): starts an inference limit; when the
 * goal has no more solutions (backtracking into this), ends it and fails.
 */
function* stepLimitPush(a: Term[], m: Machine): Generator<number, void, void> {
  const n = stepLimitOf(a[0]);
  const mark = m.pushStepLimit(n);
  if (!m.unify(a[1], mkInt(mark))) {
    m.popStepLimit(mark);
    return;
  }
  yield 0;
  m.popStepLimit(mark);
}

/**
 * '$step_limit_exit'(+Mark, +Limit, +H0, +H1): the goal found a solution,
 * leaving the choicepoint height H1 (H0 before it): the limit ends. If the
 * goal left alternatives, backtracking into it gives its next solution a
 * fresh limit (the limit is per solution), then fails on.
 */
function* stepLimitExit(a: Term[], m: Machine): Generator<number, void, void> {
  m.popStepLimit((deref(a[0]) as Int).val);
  if ((deref(a[2]) as Int).val === (deref(a[3]) as Int).val) {
    yield 1; // LAST: deterministic
    return;
  }
  yield 0;
  m.pushStepLimit(stepLimitOf(a[1]));
}

/** '$step_limit_pop'(+Mark): ends the inference limit Mark (and any inside it). */
function stepLimitPop(a: Term[], m: Machine): boolean {
  m.popStepLimit((deref(a[0]) as Int).val);
  return true;
}

/** System builtins. */
export const systemBuiltins: BuiltinTable = {
  det: {
    "get_time/1": (a, m) => m.unify(a[0], new Float(Date.now() / 1000)),
    "sleep/1": sleep,
    "set_random/1": setRandom,
    "term_hash/2": (a, m) => termHash(a[0], Infinity, HASH_MASK + 1, a[1], m),
    // term_hash(+Term, +Depth, +Range, -Hash): Depth 0 hashes nothing.
    "term_hash/4": (a, m) => {
      const depth = intOf(a[1], "integer"), range = intOf(a[2], "integer");
      if (depth < 0) throw error("domain_error", [mkAtom("not_less_than_zero"), deref(a[1])]);
      if (range < 1) throw error("domain_error", [mkAtom("not_less_than_one"), deref(a[2])]);
      if (depth === 0) return true;
      return termHash(a[0], depth, range, a[3], m);
    },
    "unifiable/3": unifiable,
    "$variant_seen/2": variantSeen,
    "$choice_height/1": (a, m) => m.unify(a[0], mkInt(m.cpTop)),
    "$nsols_add/2": nsolsAdd,
    "$nsols_collect/3": nsolsCollect,
    "$time_limit_push/2": timeLimitPush,
    "$time_limit_pop/1": timeLimitPop,
    "$step_limit_pop/1": stepLimitPop,
  },
  nondet: {
    "random_property/1": randomProperty,
    "$step_limit_push/2": stepLimitPush,
    "$step_limit_exit/4": stepLimitExit,
  },
};
