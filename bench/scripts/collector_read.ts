/**
 * Where a lone collector's cost goes: at the ports, or when it is read.
 *
 * A lone unbounded `CollectorSink` runs deferred: the machine keeps each
 * report as a tape row, and the Byrd-box rules turn the tape into event rows
 * only when the collector is read (`docs/ARCHITECTURE.md`, "A lone
 * collector defers the rules"). The collector and backtracking benches time
 * the query with its solutions, as the client's methodology says, so they
 * see the first part only. This script shows both, in one process, in the
 * benches' order (the untraced query first, then the traced one), as
 * medians over interleaved rounds of each workload:
 *
 * - `off`: the untraced query;
 * - `query`: the query traced to a lone collector (what the benches time);
 * - `+ rules`: the same, then `tracer.emitted` (the rules run, no goal is formatted);
 * - `+ records`: the same, then `events` (rules and every goal's text).
 *
 * Run: `deno run --allow-read --allow-write --allow-env bench/scripts/collector_read.ts`.
 *
 * @module
 */
import { CollectorSink } from "../../mod.ts";
import { type Workload, WORKLOADS } from "../cases.ts";
import { loadEngine, queryOptions } from "../_harness.ts";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function measure(w: Workload): string {
  const opts = queryOptions(w);
  const plain = loadEngine(w, false);
  const traced = loadEngine(w, true);
  const sink = new CollectorSink();
  traced.tracer!.addSink(sink);
  const run = (e: typeof plain) => {
    for (const _ of e.query(w.goal, opts)) { /* the required solutions */ }
  };
  // What a round times per query, in µs: the query, then what `read` does.
  const round = (reps: number, e: typeof plain, read: () => void): number => {
    let total = 0;
    for (let i = 0; i < reps; i++) {
      sink.clear();
      const t0 = performance.now();
      run(e);
      read();
      total += performance.now() - t0;
    }
    return total / reps * 1000;
  };
  const none = () => {};
  const rules = () => void traced.tracer!.emitted;
  const records = () => void sink.events;
  const reps = Math.max(5, Math.round(20_000 / (w.solutions === "all" ? 50 : 10)));
  for (let i = 0; i < 5; i++) round(reps, plain, none);
  for (let i = 0; i < 5; i++) {
    round(reps, traced, none);
    round(reps, traced, rules);
    round(reps, traced, records);
  }
  const off: number[] = [], query: number[] = [], withRules: number[] = [], all: number[] = [];
  for (let k = 0; k < 11; k++) {
    off.push(round(reps, plain, none));
    query.push(round(reps, traced, none));
    withRules.push(round(reps, traced, rules));
    all.push(round(reps, traced, records));
  }
  sink.clear();
  run(traced);
  const events = sink.size;
  const o = median(off), q = median(query), r = median(withRules), a = median(all);
  const pct = (x: number) => `${((x / o - 1) * 100).toFixed(0)} %`;
  const per = (x: number, y: number) => `${((x - y) * 1000 / events).toFixed(1)} ns/event`;
  return `${w.name} (${events} events): off ${o.toFixed(1)} µs; query ${q.toFixed(1)} µs ` +
    `(${pct(q)}); + rules ${r.toFixed(1)} µs (${pct(r)}, ${per(r, q)}); ` +
    `+ records ${a.toFixed(1)} µs (${pct(a)}, ${per(a, r)} more)`;
}

for (const name of ["medium", "backtracking", "backtracking_heavy"] as const) {
  console.log(measure(WORKLOADS[name]));
}
