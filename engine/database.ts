/**
 * The clause database: predicates keyed by interned functor id, first-argument
 * indexing, and the logical update view (ISO 7.5.4) by copy-on-write clause
 * arrays — a running call keeps the array it started with.
 *
 * @module
 */
import { type Clause, INDEXED_ARGS, type IndexKey, indexKey } from "./compile.ts";
import { deref, type Functor, type Term } from "./term.ts";
import type { Machine } from "./machine.ts";

/** A predicate defined by clauses. */
export const P_USER = 0;
/** A deterministic builtin implemented in TS. */
export const P_DET = 1;
/** A nondeterministic builtin implemented as a generator. */
export const P_NONDET = 2;
/** A control construct handled inside the solver loop. */
export const P_CONTROL = 3;

/**
 * A deterministic builtin: returns whether it succeeded; throws
 * `PrologThrow` for errors.
 */
export type DetBuiltin = (args: Term[], m: Machine) => boolean;

/**
 * A nondeterministic builtin. Each `yield` is one solution (bindings already
 * made through `m.unify`); yielding `LAST` says no further solution exists, so
 * no choicepoint is left. Before resuming, the machine undoes the bindings of
 * the previous solution.
 */
export type NondetBuiltin = (args: Term[], m: Machine) => Generator<number, void, void>;

/** Yield this from a {@linkcode NondetBuiltin} for its final solution. */
export const LAST = 1;
/** Yield this from a {@linkcode NondetBuiltin} when more solutions may follow. */
export const MORE = 0;

/**
 * One predicate: its clauses or its builtin implementation, and its properties.
 *
 * @example
 * ```ts
 * import { Pred, P_USER } from "./database.ts";
 * import { mkFunctor } from "./term.ts";
 * const p = new Pred(mkFunctor("foo", 1), P_USER);
 * console.log(p.clauses.length); // 0
 * ```
 */
export class Pred {
  /** Name and arity. */
  readonly fn: Functor;
  /** One of `P_USER`, `P_DET`, `P_NONDET`, `P_CONTROL`. */
  kind: number;
  /** Clauses in order; replaced, never mutated, while `shared` is set. */
  clauses: Clause[] = [];
  /** Set when a running call may hold `clauses`. */
  shared = false;
  /** Deterministic implementation. */
  det: DetBuiltin | null = null;
  /** Nondeterministic implementation. */
  gen: NondetBuiltin | null = null;
  /** Control construct number, for `P_CONTROL`. */
  control = 0;
  /** Declared `dynamic` (or created by assert). */
  dynamic = false;
  /** Defined by the engine's Prolog library (traced as one box). */
  library = false;
  /** Has (had) clauses or a declaration: calling it never raises an existence error. */
  defined = false;
  /** Declared `discontiguous`. */
  discontiguous = false;
  /** Bit set of tracer ports to report for this predicate; maintained by the tracer. */
  traceMask = 0;
  /** The tracer configuration generation `traceMask` was computed for. */
  traceGen: number = -1;
  /** Lazily built first-argument index. */
  #index: Map<IndexKey, Clause[]> | null = null;
  /** Creates a predicate. */
  constructor(fn: Functor, kind: number) {
    this.fn = fn;
    this.kind = kind;
  }

  /** True for predicates implemented by the system (not user-modifiable). */
  get isBuiltin(): boolean {
    return this.kind !== P_USER || (this.library && !this.dynamic);
  }

  /**
   * The clauses that can match a call whose index argument (see
   * {@linkcode Pred.indexArg}, usually the first) is `first`, in order.
   * Small predicates scan; larger ones hash on the key.
   *
   * @param first The call's index argument (any term), or `undefined` for arity 0.
   * @returns The candidate list (never mutated afterwards).
   */
  candidates(first: Term | undefined): Clause[] {
    const all = this.clauses;
    if (first === undefined || all.length < 8) return all;
    const key = indexKey(deref(first));
    if (key === null) return all;
    let idx = this.#index;
    if (idx === null) idx = this.#buildIndex();
    return idx.get(key) ?? this.#varOnly!;
  }

  #varOnly: Clause[] | null = null;
  #indexArg = -1;

  /**
   * The argument calls are indexed on: the first argument, unless another
   * of the first few tells the clauses apart better (`p_remove(P, [I|Is],
   * ...)` is told apart by its list, not by `P`). Chosen from the clauses,
   * again after every change.
   */
  get indexArg(): number {
    if (this.#indexArg < 0) this.#indexArg = this.#chooseIndexArg();
    return this.#indexArg;
  }

  #chooseIndexArg(): number {
    const n = Math.min(this.fn.arity, INDEXED_ARGS);
    let best = 0, bestScore = -1;
    for (let a = 0; a < n; a++) {
      const seen = new Set<IndexKey>();
      let vars = 0;
      for (const c of this.clauses) {
        const k = c.keys[a];
        if (k === null) vars++;
        else seen.add(k);
      }
      // Distinct keys tell clauses apart; clauses with a variable there match anything.
      const score = seen.size * 2 - (vars > 0 ? 1 : 0);
      if (score > bestScore) {
        best = a;
        bestScore = score;
      }
    }
    return best;
  }

  #buildIndex(): Map<IndexKey, Clause[]> {
    const idx = new Map<IndexKey, Clause[]>();
    const varOnly: Clause[] = [];
    const a = this.indexArg;
    for (const c of this.clauses) {
      const key = c.keys[a];
      if (key === null) {
        varOnly.push(c);
        for (const list of idx.values()) list.push(c);
      } else {
        let list = idx.get(key);
        if (list === undefined) {
          list = varOnly.slice();
          idx.set(key, list);
        }
        list.push(c);
      }
    }
    this.#index = idx;
    this.#varOnly = varOnly;
    return idx;
  }

  /**
   * Adds a clause at the end or the front, keeping running calls unaffected.
   *
   * @param c The clause.
   * @param atEnd `true` for assertz, `false` for asserta.
   */
  add(c: Clause, atEnd: boolean): void {
    if (this.shared) {
      this.clauses = this.clauses.slice();
      this.shared = false;
    }
    this.defined = true;
    if (atEnd) this.clauses.push(c);
    else this.clauses.unshift(c);
    const idx = this.#index;
    const key = idx === null || !atEnd ? null : c.keys[this.#indexArg] ?? null;
    if (key !== null) {
      // assertz with a key: only that key's list changes. It is replaced, not
      // pushed to, since a running call may hold it (logical update view).
      // Keeping the index avoids an O(n) rebuild per call in assert-then-
      // look-up loops (memo tables).
      const list = idx!.get(key);
      idx!.set(key, list === undefined ? [...this.#varOnly!, c] : [...list, c]);
      return;
    }
    this.#index = null;
    this.#indexArg = -1;
  }

  /**
   * Removes a clause (retract), keeping running calls unaffected.
   *
   * @param c The clause.
   */
  remove(c: Clause): void {
    const i = this.clauses.indexOf(c);
    if (i < 0) return;
    if (this.shared) {
      this.clauses = this.clauses.slice();
      this.shared = false;
    }
    this.clauses.splice(i, 1);
    c.erased = true;
    const idx = this.#index;
    const key = idx === null ? null : c.keys[this.#indexArg] ?? null;
    if (key !== null) {
      // Only that key's list changes; it is replaced (a running call may hold it).
      const list = idx!.get(key);
      if (list !== undefined) idx!.set(key, list.filter((x) => x !== c));
      return;
    }
    this.#index = null;
    this.#indexArg = -1;
  }

  /** Removes every clause. */
  clear(): void {
    // A library predicate's clauses are shared by every engine of the process.
    if (!this.library) { for (const c of this.clauses) c.erased = true; }
    this.clauses = [];
    this.shared = false;
    this.#index = null;
    this.#indexArg = -1;
  }
}

/**
 * Matches a clause key against a call key (`null` matches everything).
 *
 * @param clauseKey The clause's first-argument key.
 * @param callKey The call's first-argument key.
 * @returns Whether the clause can match.
 * @example
 * ```ts
 * import { keyMatches } from "./database.ts";
 * console.log(keyMatches(null, 3)); // true
 * ```
 */
export function keyMatches(clauseKey: IndexKey, callKey: IndexKey): boolean {
  return clauseKey === null || callKey === null || clauseKey === callKey;
}

/**
 * All predicates of one engine, in an array indexed by functor id so a call
 * finds its predicate with one array load.
 *
 * @example
 * ```ts
 * import { Database } from "./database.ts";
 * import { mkFunctor } from "./term.ts";
 * const db = new Database();
 * console.log(db.get(mkFunctor("nope", 0))); // undefined
 * ```
 */
export class Database {
  /** Predicates by functor id. */
  readonly preds: (Pred | undefined)[] = [];
  /** Flag names of predicates seen in the current consult (discontiguous checks). */
  readonly all: Pred[] = [];

  /**
   * The predicate for `fn`, if any.
   *
   * @param fn The functor.
   * @returns The predicate.
   */
  get(fn: Functor): Pred | undefined {
    return this.preds[fn.id];
  }

  /**
   * The predicate for `fn`, creating an empty user predicate if needed.
   *
   * @param fn The functor.
   * @returns The predicate.
   */
  ensure(fn: Functor): Pred {
    let p = this.preds[fn.id];
    if (p === undefined) {
      p = new Pred(fn, P_USER);
      this.preds[fn.id] = p;
      this.all.push(p);
    }
    return p;
  }
}
