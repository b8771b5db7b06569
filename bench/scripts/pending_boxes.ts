/**
 * What a pending Byrd box costs: a traced count-down loop
 * (`loop(N) :- N > 0, N1 is N - 1, loop(N1).`) leaves one box per iteration
 * open until the loop ends, so the resident set grows by the cost of a box
 * per iteration. Each size runs in a fresh process; the slope of the RSS
 * over the sizes is the cost per pending box.
 *
 * ```sh
 * # RSS slope over 1M..5M iterations, tracing to a NullSink (default)
 * deno run -A --v8-flags=--expose-gc bench/scripts/pending_boxes.ts
 * # the same with a JsonlSink (goals are kept) to a temp file
 * deno run -A --v8-flags=--expose-gc bench/scripts/pending_boxes.ts --sink jsonl
 * # a 10,000,000-iteration loop to a JsonlSink: lines written = tracer.emitted
 * deno run -A --v8-flags=--expose-gc bench/scripts/pending_boxes.ts --sink jsonl --sizes 10000000 --count-lines
 * ```
 *
 * @module
 */
import { Engine, JsonlSink, NullSink } from "../../mod.ts";

const PROGRAM = `
loop(0).
loop(N) :- N > 0, N1 is N - 1, loop(N1).
`;

interface Sample {
  n: number;
  rss: number;
  heap: number;
  external: number;
  ms: number;
  emitted: number;
  lines: number;
}

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(name);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

async function child(n: number, sinkKind: string, countLines: boolean): Promise<void> {
  const e = new Engine(PROGRAM, { trace: true });
  const path = sinkKind === "jsonl" ? await Deno.makeTempFile({ suffix: ".jsonl" }) : "";
  const sink = sinkKind === "jsonl" ? new JsonlSink(path) : new NullSink();
  e.tracer!.addSink(sink);
  const t0 = performance.now();
  if (e.once(`loop(${n})`) === null) throw new Error("loop failed");
  const ms = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const mu = Deno.memoryUsage();
  const emitted = e.tracer!.emitted;
  await e.tracer!.close();
  let lines = -1;
  if (path !== "") {
    if (countLines) {
      lines = 0;
      const f = await Deno.open(path);
      for await (const chunk of f.readable) {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      }
    }
    await Deno.remove(path);
  }
  const s: Sample = {
    n,
    rss: mu.rss,
    heap: mu.heapUsed,
    external: mu.external,
    ms,
    emitted,
    lines,
  };
  console.log(JSON.stringify(s));
}

if (Deno.args[0] === "--child") {
  await child(Number(Deno.args[1]), Deno.args[2], Deno.args[3] === "1");
} else {
  const sinkKind = arg("--sink", "null");
  const sizes = arg("--sizes", "1000000,2000000,3000000,4000000,5000000").split(",").map(Number);
  const countLines = Deno.args.includes("--count-lines");
  const samples: Sample[] = [];
  for (const n of sizes) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--v8-flags=--expose-gc",
        new URL(import.meta.url).pathname,
        "--child",
        String(n),
        sinkKind,
        countLines ? "1" : "0",
      ],
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error(`size ${n} failed (exit ${out.code})`);
    const s: Sample = JSON.parse(new TextDecoder().decode(out.stdout).trim());
    samples.push(s);
    const mb = (x: number) => (x / 1e6).toFixed(1);
    console.log(
      `${n} iterations (${sinkKind}): rss ${mb(s.rss)} MB, heap ${mb(s.heap)} MB, ` +
        `external ${mb(s.external)} MB, ${(s.ms / 1000).toFixed(1)} s, ${s.emitted} events` +
        (s.lines >= 0 ? `, ${s.lines} lines (${s.lines === s.emitted ? "=" : "!="} emitted)` : ""),
    );
  }
  if (samples.length > 1) {
    // Least-squares slope of RSS over iterations.
    const xs = samples.map((s) => s.n), ys = samples.map((s) => s.rss);
    const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
    let num = 0, den = 0;
    for (let i = 0; i < xs.length; i++) {
      num += (xs[i] - mx) * (ys[i] - my);
      den += (xs[i] - mx) ** 2;
    }
    console.log(`RSS slope: ${(num / den).toFixed(1)} bytes per pending box (${sinkKind})`);
  }
}
