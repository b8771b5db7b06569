/**
 * Byrd, in this process, for `peers_bench.ts`.
 *
 * @module
 */
import { Engine } from "../../mod.ts";
import { allPrograms } from "../classic_cases.ts";
import type { Answer, Peer, PeerFactory } from "./types.ts";

class ByrdPeer implements Peer {
  readonly name = "Byrd";
  readonly version = "this checkout";
  #e: Engine;

  constructor(e: Engine) {
    this.#e = e;
  }

  check(goal: string): Promise<unknown> {
    const s = this.#e.once(goal);
    if (s === null) throw new Error(`Check goal failed: ${goal}`);
    return Promise.resolve(s.bindings.X);
  }

  time(goal: string, reps: number): Promise<number> {
    const q = `bench_rep(${reps}, (${goal}))`;
    const t0 = performance.now();
    const s = this.#e.once(q);
    const ms = performance.now() - t0;
    if (s === null) throw new Error(`Timed goal failed: ${goal}`);
    return Promise.resolve(ms);
  }

  answers(query: string, max: number): Promise<Answer[]> {
    const out: Answer[] = [];
    for (const s of this.#e.query(query, { maxSolutions: max })) out.push(s.bindings);
    return Promise.resolve(out);
  }

  close(): void {}
}

/** Starts Byrd. */
export const byrd: PeerFactory = {
  name: "Byrd",
  start(): Promise<Peer> {
    const e = new Engine(allPrograms(), { output: () => {}, errorOutput: () => {} });
    if (e.loadIssues.length > 0) {
      throw new Error(`Cannot consult the bench programs: ${JSON.stringify(e.loadIssues[0])}`);
    }
    return Promise.resolve(new ByrdPeer(e));
  },
};
