/**
 * The interface every Prolog system implements for `peers_bench.ts`.
 *
 * @module
 */

/** One answer of a query through a system's JS API: variable name → JS value. */
export type Answer = Record<string, unknown>;

/** A started Prolog system with the bench programs consulted. */
export interface Peer {
  /** Display name, e.g. `Trealla (WASM)`. */
  readonly name: string;
  /** Version text, when the system reports one. */
  readonly version: string;
  /**
   * Runs `goal` once and returns the value of its variable `X` as plain JS
   * data (atoms as strings, lists as arrays).
   *
   * @throws {BudgetExceeded} when the system can stop a run that takes too long.
   */
  check(goal: string, budgetMs: number): Promise<unknown>;
  /** Runs `goal` `reps` times inside the system; returns the milliseconds it measured. */
  time(goal: string, reps: number): Promise<number>;
  /** Runs `query` through the system's JS API and returns up to `max` answers as JS values. */
  answers(query: string, max: number): Promise<Answer[]>;
  /** Releases the system. */
  close(): void;
}

/** Something that can start a {@linkcode Peer}. */
export interface PeerFactory {
  /** Display name used when the system fails to load. */
  readonly name: string;
  /** Starts the system and consults the harness and every bench program (`allPrograms()`). */
  start(): Promise<Peer>;
}

/**
 * Thrown by {@linkcode Peer.check} when a run passes its time budget.
 *
 * @example
 * ```ts
 * import { BudgetExceeded } from "./types.ts";
 * console.log(new BudgetExceeded(30000).message);
 * ```
 */
export class BudgetExceeded extends Error {
  /** The budget that was exceeded, in milliseconds. */
  readonly budgetMs: number;
  /** Creates the error. */
  constructor(budgetMs: number) {
    super(`Run exceeded its budget of ${budgetMs / 1000} s`);
    this.name = "BudgetExceeded";
    this.budgetMs = budgetMs;
  }
}

/**
 * The goal that runs `goal` `reps` times between two readings of the
 * system's clock and binds `Ms` to the elapsed time.
 *
 * @param goal One iteration of the workload.
 * @param reps How many iterations.
 * @param scale Factor from the clock's unit to milliseconds (1000 for `get_time/1` in seconds).
 * @returns The query text.
 * @example
 * ```ts
 * import { timedGoal } from "./types.ts";
 * console.log(timedGoal("true", 10, 1000));
 * ```
 */
export function timedGoal(goal: string, reps: number, scale: number): string {
  return `get_time(T0), bench_rep(${reps}, (${goal})), get_time(T1), Ms is (T1 - T0) * ${scale}`;
}

/**
 * Imports an npm package at run time. The specifier is built at run time
 * so that `deno check bench/` does not fetch the peers (they are dev-only).
 *
 * @param name Package name with version, e.g. `trealla@0.17.10`.
 * @returns The module namespace.
 * @example
 * ```ts no-eval
 * import { importNpm } from "./types.ts";
 * const mod = await importNpm("tau-prolog@0.3.4");
 * ```
 */
export function importNpm(name: string): Promise<Record<string, unknown>> {
  const specifier = ["npm", name].join(":");
  return import(specifier);
}
