/**
 * What reporting ports costs this machine before anything is recorded.
 *
 * `event_floor.ts` prices the stores of a trace in a tight loop. This script
 * prices the other part of any tracer behind the port contract
 * (`engine/ports.ts`): the machine's traced paths (the check at each call,
 * the box slot a frame or choicepoint carries, the owner walk of a
 * comparison, the report calls themselves). It runs each overhead workload,
 * interleaved in one process and through `engine.query` as the benches do:
 *
 * - `off`: the untraced query;
 * - `empty`: the same engine with a recorder whose reports do nothing but
 *   hand out box ids (no row, no box table, no history, no rules);
 * - `one store`: the same, each report storing one number into a typed array.
 *
 * Both are floors: a recorder that keeps events has to do at least that
 * much, on this machine's traced paths. A target below `empty` cannot be
 * met by tuning the recorder; it needs the machine's traced paths compiled
 * differently (issue 17's compiled clauses can emit the stores inline).
 *
 * Run: `deno run --allow-read --allow-env bench/scripts/port_floor.ts [--rounds N]`.
 *
 * @module
 */
import type { Pred } from "../../engine/database.ts";
import { type InPlaceFrame, type PortMachine, Ports } from "../../engine/ports.ts";
import type { Term } from "../../engine/term.ts";
import { type Workload, WORKLOADS } from "../cases.ts";
import { loadEngine, queryOptions } from "../_harness.ts";

const RING = new Int32Array(1 << 16);
let at = 0;

/** Reports that only hand out box ids. */
class EmptyPorts extends Ports {
  override call(_p: Pred, _a: Term[] | null, _g: Term, _v: Term[], _s: number): number {
    return ++this.bid;
  }
  override test(_p: Pred, _f: InPlaceFrame, _pc: number): number {
    return ++this.bid;
  }
  override passed(_slot: number, _height: number): void {}
  override retried(_slot: number, height: number): number {
    return height;
  }
  override exit(_slot: number, height: number): number {
    return height;
  }
  override setTail(_slot: number, _caller: number): void {}
  override backtrack(_boxes: number, _owner: number, _own: boolean, _height: number): void {}
  override cut(_height: number): void {}
}

/** Reports that store one number each. */
class OneStorePorts extends Ports {
  override call(p: Pred, _a: Term[] | null, _g: Term, _v: Term[], _s: number): number {
    RING[at++ & 0xffff] = p.fn.id;
    return ++this.bid;
  }
  override test(p: Pred, _f: InPlaceFrame, _pc: number): number {
    RING[at++ & 0xffff] = p.fn.id;
    return ++this.bid;
  }
  override passed(slot: number, _height: number): void {
    RING[at++ & 0xffff] = slot;
  }
  override retried(slot: number, height: number): number {
    RING[at++ & 0xffff] = slot;
    return height;
  }
  override exit(slot: number, height: number): number {
    RING[at++ & 0xffff] = slot;
    return height;
  }
  override setTail(_slot: number, _caller: number): void {}
  override backtrack(_boxes: number, owner: number, _own: boolean, _height: number): void {
    RING[at++ & 0xffff] = owner;
  }
  override cut(height: number): void {
    RING[at++ & 0xffff] = height;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function measure(w: Workload, rounds: number): string {
  const opts = queryOptions(w);
  const engines = [loadEngine(w, false), loadEngine(w, false), loadEngine(w, false)];
  const quiet = { maskOf: (p: Pred) => p.traceMask, event: () => true };
  const recorders: (Ports | null)[] = [null];
  for (const [i, P] of [EmptyPorts, OneStorePorts].entries()) {
    const r = new P(quiet, engines[i + 1].machine as unknown as PortMachine);
    r.sync = false;
    r.trailAll = false;
    r.keepGoals = false;
    r.history = null;
    recorders.push(r);
  }
  const run = (k: number) => {
    const m = engines[k].machine;
    m.ports = recorders[k];
    let n = 0;
    for (const _ of engines[k].query(w.goal, opts)) n++;
    if (n !== w.expected) throw new Error(`${w.name}: ${n} solutions, expected ${w.expected}`);
  };
  const reps = Math.max(5, Math.round(20_000 / (w.solutions === "all" ? w.expected : 10)));
  const round = (k: number): number => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) {
      if (recorders[k] !== null) recorders[k]!.bid = 0;
      run(k);
    }
    return (performance.now() - t0) / reps * 1000;
  };
  for (let k = 0; k < 3; k++) for (let i = 0; i < 3; i++) round(k);
  const times: number[][] = [[], [], []];
  for (let r = 0; r < rounds; r++) {
    // Alternate the order, so drift within a round cancels.
    const order = r % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
    for (const k of order) times[k].push(round(k));
  }
  const [off, empty, one] = times.map(median);
  const pct = (x: number) => `${((x / off - 1) * 100).toFixed(1)} %`;
  return `${w.name}: off ${off.toFixed(2)} µs; empty reports ${empty.toFixed(2)} µs (${
    pct(empty)
  }); ` +
    `one store per report ${one.toFixed(2)} µs (${pct(one)})`;
}

const ri = Deno.args.indexOf("--rounds");
const rounds = ri >= 0 ? Number(Deno.args[ri + 1]) : 15;
for (const name of ["medium", "backtracking", "backtracking_heavy"] as const) {
  console.log(measure(WORKLOADS[name], rounds));
}
