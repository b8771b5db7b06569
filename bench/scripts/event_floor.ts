/**
 * What an overhead target allows per event, and what the least possible
 * recording costs on this machine.
 *
 * For each workload of the overhead benchmarks it measures, interleaved in
 * one process: the untraced query (as in the benches, through
 * `engine.query`), and a loop that stores five numbers per event into a
 * `Float64Array` (the port, choicepoints, goal height, write stamp and step id
 * of each of the query's events, with nothing else: no invocation, no goal,
 * no filter). That loop is a floor for any in-memory trace: a collector has
 * to store at least that much. It prints the floor as an overhead, and the
 * time per event that the collector (15 %) and backtracking (45 %) targets
 * leave.
 *
 * For the text sinks it measures the other floor: the one `writeSync` of a
 * query's trace (the bytes `PrettySink` and `JsonlSink` write for the medium
 * query) to a temp file truncated before each write, as the pretty and
 * jsonl benches do, against the untraced query and the 25 % and 35 %
 * targets.
 *
 * Run: `deno run --allow-read --allow-write --allow-env bench/scripts/event_floor.ts`.
 *
 * @module
 */
import { GROUPS, type Workload, WORKLOADS } from "../cases.ts";
import {
  loadEngine,
  prepareVariant,
  queryOptions,
  validateVariant,
  workloadCounts,
} from "../_harness.ts";

const FIELDS = 5;
let rows = new Float64Array(1024 * FIELDS);

/** Stores `n` events' numbers, as cheaply as JS allows. */
function storeEvents(n: number): void {
  if (rows.length < n * FIELDS) rows = new Float64Array(n * FIELDS);
  const r = rows;
  for (let i = 0, o = 0; i < n; i++, o += FIELDS) {
    r[o] = i & 7;
    r[o + 1] = i >> 3;
    r[o + 2] = i >> 4;
    r[o + 3] = i >> 1;
    r[o + 4] = i + 1;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function measure(w: Workload): string {
  const { events } = workloadCounts(w);
  const engine = loadEngine(w, false);
  const opts = queryOptions(w);
  const query = () => {
    for (const _ of engine.query(w.goal, opts)) { /* run to the required solutions */ }
  };
  const reps = Math.max(20, Math.round(200_000 / events));
  for (let i = 0; i < reps * 5; i++) {
    query();
    storeEvents(events);
  }
  const untraced: number[] = [], stored: number[] = [];
  for (let k = 0; k < 15; k++) {
    let t0 = performance.now();
    for (let i = 0; i < reps; i++) query();
    untraced.push((performance.now() - t0) / reps * 1000);
    t0 = performance.now();
    for (let i = 0; i < reps; i++) storeEvents(events);
    stored.push((performance.now() - t0) / reps * 1000);
  }
  const u = median(untraced), s = median(stored);
  const ns = (us: number) => (us * 1000 / events).toFixed(1);
  return `${w.name}: ${events} events, untraced ${u.toFixed(1)} µs per query; ` +
    `storing ${FIELDS} numbers per event ${s.toFixed(2)} µs = ${(s / u * 100).toFixed(1)} % ` +
    `(${ns(s)} ns/event). Per event, 15 % allows ${ns(u * 0.15)} ns, 45 % allows ${
      ns(u * 0.45)
    } ns.`;
}

/** Median time of one `writeSync` of `bytes` bytes to a freshly truncated temp file, in µs. */
function writeTime(bytes: number): number {
  const path = Deno.makeTempFileSync({ prefix: "byrd-floor-" });
  const file = Deno.openSync(path, { read: true, write: true });
  try {
    const data = new Uint8Array(bytes).fill(0x61);
    const times: number[] = [];
    for (let k = 0; k < 2000; k++) {
      file.truncateSync(0);
      file.seekSync(0, Deno.SeekMode.Start);
      const t0 = performance.now();
      for (let n = 0; n < bytes;) n += file.writeSync(data.subarray(n));
      times.push((performance.now() - t0) * 1000);
    }
    return median(times.slice(200));
  } finally {
    file.close();
    Deno.removeSync(path);
  }
}

async function measureWrite(variant: "pretty" | "jsonl", target: number): Promise<string> {
  const group = GROUPS.find((g) => g.category === variant)!;
  const p = prepareVariant(group, variant);
  await validateVariant(p); // runs the query once, then truncates the file
  const w = WORKLOADS[group.workload];
  for (const _ of p.engine.query(w.goal, queryOptions(w))) { /* one query's trace */ }
  await p.flush();
  const bytes = p.fileSize();
  await p.dispose();
  const engine = loadEngine(w, false);
  const untraced: number[] = [];
  for (let k = 0; k < 15; k++) {
    const t0 = performance.now();
    for (let i = 0; i < 400; i++) {
      for (const _ of engine.query(w.goal, queryOptions(w))) { /* all solutions */ }
    }
    untraced.push((performance.now() - t0) / 400 * 1000);
  }
  const u = median(untraced), t = writeTime(bytes);
  return `${variant}: ${bytes} bytes per ${w.name} query; one writeSync of them ${
    t.toFixed(1)
  } µs = ` +
    `${(t / u * 100).toFixed(0)} % of the untraced ${u.toFixed(1)} µs ` +
    `(the target, ${target} %, allows ${(u * target / 100).toFixed(1)} µs for everything).`;
}

for (const name of ["medium", "backtracking", "backtracking_heavy"] as const) {
  console.log(measure(WORKLOADS[name]));
}
console.log(await measureWrite("pretty", 25));
console.log(await measureWrite("jsonl", 35));
