/**
 * Trealla Prolog (`npm:trealla`, C compiled to WASM) for `peers_bench.ts`.
 *
 * @module
 */
import { type Answer, importNpm, type Peer, type PeerFactory, timedGoal } from "./types.ts";
import { allPrograms } from "../classic_cases.ts";

const PACKAGE = "trealla@0.17.10";

type Reply =
  | { status: "success"; answer: Record<string, unknown> }
  | { status: "failure" }
  | { status: "error"; error: unknown };
interface QueryOptions {
  encode?: { atoms?: "string" | "object" };
  autoyield?: number;
}
interface TreallaProlog {
  consultText(text: string): Promise<void>;
  query(goal: string, o?: QueryOptions): AsyncGenerator<Reply>;
  queryOnce(goal: string, o?: QueryOptions): Promise<Reply>;
}
interface TreallaModule {
  load(): Promise<void>;
  Prolog: new (o?: { quiet?: boolean }) => TreallaProlog;
}

/** `bench_first/2` for Trealla, which has no `nb_setval/2`: its blackboard. */
const FIRST_BB = `
bench_first(N, G) :-
    bb_put(bench_count, 0),
    call(G),
    bb_get(bench_count, K0), K is K0 + 1, bb_put(bench_count, K),
    ( K >= N, ! ; true ).
`;

/**
 * Atoms as strings, compounds as `{ functor, args }` (Trealla's `Compound`
 * has those fields), and no yielding to the host mid-query: that keeps
 * timed runs inside Trealla, and with the default 20 ms auto-yield
 * trealla-js 0.17.10 sometimes garbles the JSON of a long answer stream
 * (`"A"::2`).
 */
const NO_YIELD: QueryOptions = { encode: { atoms: "string" }, autoyield: 0 };

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object" && "functor" in v && "args" in v) {
    const c = v as { functor: string; args: unknown[] };
    return { functor: c.functor, args: c.args.map(plain) };
  }
  return v;
}

function answerOf(r: Reply, goal: string): Record<string, unknown> {
  if (r.status === "success") return r.answer;
  if (r.status === "failure") throw new Error(`Goal failed in Trealla: ${goal}`);
  throw new Error(`Trealla error in ${goal}: ${JSON.stringify(r.error)}`);
}

class TreallaPeer implements Peer {
  readonly name = "Trealla (WASM)";
  readonly version = PACKAGE;
  #pl: TreallaProlog;

  constructor(pl: TreallaProlog) {
    this.#pl = pl;
  }

  async check(goal: string): Promise<unknown> {
    return plain(answerOf(await this.#pl.queryOnce(goal, NO_YIELD), goal).X);
  }

  async time(goal: string, reps: number): Promise<number> {
    const q = timedGoal(goal, reps, 1000);
    return Number(answerOf(await this.#pl.queryOnce(q, NO_YIELD), q).Ms);
  }

  async answers(query: string, max: number): Promise<Answer[]> {
    const out: Answer[] = [];
    if (max <= 0) return out;
    // Leaving the loop early returns the generator, which frees the query.
    for await (const r of this.#pl.query(query, NO_YIELD)) {
      if (r.status === "failure") break;
      const a = answerOf(r, query);
      const row: Answer = {};
      for (const name in a) row[name] = plain(a[name]);
      out.push(row);
      if (out.length >= max) break;
    }
    return out;
  }

  close(): void {}
}

/** Starts Trealla. */
export const trealla: PeerFactory = {
  name: "Trealla (WASM)",
  async start(): Promise<Peer> {
    const mod = await importNpm(PACKAGE) as unknown as TreallaModule;
    await mod.load();
    const pl = new mod.Prolog({ quiet: true });
    await pl.consultText(allPrograms(FIRST_BB));
    return new TreallaPeer(pl);
  },
};
