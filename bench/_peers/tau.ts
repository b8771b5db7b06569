/**
 * Tau Prolog (`npm:tau-prolog`, pure JS) for `peers_bench.ts`.
 *
 * Tau reports answers through callbacks, each one after a `setTimeout`,
 * and runs a fixed number of steps per call before reporting "limit";
 * the adapter resumes it until a deadline passes.
 *
 * @module
 */
import { type Answer, BudgetExceeded, importNpm, type Peer, type PeerFactory } from "./types.ts";
import { allPrograms } from "../classic_cases.ts";

const PACKAGE = "tau-prolog@0.3.4";
/** Steps Tau runs before it hands control back (and the deadline is checked). */
const STEP_SLICE = 100_000;

interface TauTerm {
  toJavaScript(): unknown;
}
interface TauAnswer {
  links: Record<string, TauTerm>;
  lookup(name: string): TauTerm | undefined;
}
interface TauCallbacks {
  success(a: TauAnswer): void;
  fail(): void;
  error(e: unknown): void;
  limit(): void;
}
interface TauSession {
  consult(text: string, o: { success(): void; error(e: unknown): void }): void;
  query(text: string, o: { success(): void; error(e: unknown): void }): void;
  answer(o: TauCallbacks): void;
  format_answer(a: unknown): string;
}
interface TauModule {
  create(limit: number): TauSession;
  version?: { major: number; minor: number; patch: number };
}

/**
 * `bench_first/2` for Tau, which has no global variables: a dynamic counter.
 * `length/2` (used by check goals) is in Tau's `lists` module.
 */
const FIRST_DB = `
:- use_module(library(lists)).
:- dynamic(bench_count/1).
bench_first(N, G) :-
    retractall(bench_count(_)), assertz(bench_count(0)),
    call(G),
    retract(bench_count(K0)), K is K0 + 1, assertz(bench_count(K)),
    ( K >= N, ! ; true ).
`;

class TauPeer implements Peer {
  readonly name = "Tau Prolog";
  readonly version: string;
  #s: TauSession;

  constructor(s: TauSession, version: string) {
    this.#s = s;
    this.version = version;
  }

  #start(goal: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#s.query(goal.endsWith(".") ? goal : goal + ".", {
        success: () => resolve(),
        error: (e) => reject(new Error(`Tau cannot parse ${goal}: ${this.#s.format_answer(e)}`)),
      });
    });
  }

  /** The next answer, `null` at the end; rejects past `deadline` (ms, performance clock). */
  #next(deadline: number, budgetMs: number): Promise<TauAnswer | null> {
    return new Promise((resolve, reject) => {
      const callbacks: TauCallbacks = {
        success: (a) => resolve(a),
        fail: () => resolve(null),
        error: (e) => reject(new Error(`Tau error: ${this.#s.format_answer(e)}`)),
        limit: () => {
          if (performance.now() > deadline) reject(new BudgetExceeded(budgetMs));
          else this.#s.answer(callbacks);
        },
      };
      this.#s.answer(callbacks);
    });
  }

  async check(goal: string, budgetMs: number): Promise<unknown> {
    await this.#start(goal);
    const a = await this.#next(performance.now() + budgetMs, budgetMs);
    if (a === null) throw new Error(`Check goal failed: ${goal}`);
    return a.lookup("X")?.toJavaScript();
  }

  async time(goal: string, reps: number): Promise<number> {
    // Tau's get_time/1 counts milliseconds.
    await this.#start(
      `get_time(T0), bench_rep(${reps}, (${goal})), get_time(T1), Ms is T1 - T0`,
    );
    const a = await this.#next(Infinity, Infinity);
    if (a === null) throw new Error(`Timed goal failed: ${goal}`);
    return Number(a.lookup("Ms")?.toJavaScript());
  }

  async answers(query: string, max: number): Promise<Answer[]> {
    await this.#start(query);
    const out: Answer[] = [];
    while (out.length < max) {
      const a = await this.#next(Infinity, Infinity);
      if (a === null) break;
      const row: Answer = {};
      for (const name in a.links) row[name] = a.links[name].toJavaScript();
      out.push(row);
    }
    return out;
  }

  close(): void {}
}

/** Starts Tau Prolog. */
export const tau: PeerFactory = {
  name: "Tau Prolog",
  async start(): Promise<Peer> {
    const mod = await importNpm(PACKAGE);
    const pl = (mod.default ?? mod) as TauModule;
    const lists = await importNpm(`${PACKAGE}/modules/lists.js`);
    (lists.default as (p: TauModule) => void)(pl);
    const s = pl.create(STEP_SLICE);
    await new Promise<void>((resolve, reject) => {
      s.consult(allPrograms(FIRST_DB), {
        success: () => resolve(),
        error: (e) => reject(new Error(`Tau cannot consult: ${s.format_answer(e)}`)),
      });
    });
    const v = pl.version;
    return new TauPeer(s, v ? `${v.major}.${v.minor}.${v.patch}` : PACKAGE);
  },
};
