/**
 * SWI-Prolog compiled to WASM (`npm:swipl-wasm`) for `peers_bench.ts`.
 *
 * @module
 */
import { type Answer, importNpm, type Peer, type PeerFactory, timedGoal } from "./types.ts";
import { allPrograms } from "../classic_cases.ts";

const PACKAGE = "swipl-wasm@8.0.5";

interface Step {
  done: boolean;
  value?: Record<string, unknown>;
  error?: boolean;
  message?: string;
}
interface SwiQuery {
  next(): Step;
  once(): Record<string, unknown> & { error?: boolean; message?: string };
  close(): void;
}
interface SwiProlog {
  query(goal: string, input?: Record<string, unknown>): SwiQuery;
}
type SwiInit = (o: { arguments: string[]; print?: (s: string) => void }) => Promise<
  { prolog: SwiProlog }
>;

function onceOf(p: SwiProlog, goal: string): Record<string, unknown> {
  const r = p.query(goal).once();
  if (r.error) throw new Error(`SWI-Prolog error in ${goal}: ${r.message}`);
  if (r.$tag !== "bindings") throw new Error(`Goal failed in SWI-Prolog: ${goal}`);
  return r;
}

/**
 * Atoms arrive as strings and lists as arrays; strings (`{ $t: "s", v }`)
 * become JS strings and compounds (`{ $t: "t", functor, [functor]: [args] }`)
 * `{ functor, args }`.
 */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o.$t === "s") return o.v;
    if (o.$t === "t") {
      const name = o.functor as string;
      const args = (o[name] as unknown[][])[0];
      return { functor: name, args: args.map(plain) };
    }
  }
  return v;
}

class SwiPeer implements Peer {
  readonly name = "SWI-Prolog (WASM)";
  readonly version: string;
  #p: SwiProlog;

  constructor(p: SwiProlog, version: string) {
    this.#p = p;
    this.version = version;
  }

  check(goal: string): Promise<unknown> {
    return Promise.resolve(plain(onceOf(this.#p, goal).X));
  }

  time(goal: string, reps: number): Promise<number> {
    return Promise.resolve(Number(onceOf(this.#p, timedGoal(goal, reps, 1000)).Ms));
  }

  answers(query: string, max: number): Promise<Answer[]> {
    const out: Answer[] = [];
    const q = this.#p.query(query);
    while (out.length < max) {
      // The last answer comes with `done: true`.
      const r = q.next();
      if (r.error) throw new Error(`SWI-Prolog error in ${query}: ${r.message}`);
      if (r.value !== undefined) {
        const row: Answer = {};
        for (const name in r.value) {
          if (name !== "$tag" && name !== "success") row[name] = plain(r.value[name]);
        }
        out.push(row);
      }
      if (r.done) return Promise.resolve(out);
    }
    q.close();
    return Promise.resolve(out);
  }

  close(): void {}
}

/** Starts SWI-Prolog WASM. */
export const swipl: PeerFactory = {
  name: "SWI-Prolog (WASM)",
  async start(): Promise<Peer> {
    const mod = await importNpm(PACKAGE);
    const init = (mod.default ?? mod) as SwiInit;
    const { prolog } = await init({ arguments: ["-q"] });
    const loaded = prolog.query(
      "open_string(P, S), load_files(bench, [stream(S)]), close(S)",
      { P: allPrograms() },
    ).once();
    if (loaded.error) throw new Error(`SWI-Prolog cannot consult: ${loaded.message}`);
    const v = onceOf(prolog, "current_prolog_flag(version, V)").V;
    const n = Number(v);
    const version = `${Math.floor(n / 10000)}.${Math.floor(n / 100) % 100}.${n % 100}`;
    return new SwiPeer(prolog, `${version} (${PACKAGE})`);
  },
};
