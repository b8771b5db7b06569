/**
 * Runs the seeded random programs of `_random_programs.ts` with each sink:
 * shared by `random_trace_test.ts` and `testdata/golden/make_random_digests.ts`.
 *
 * @module
 */
import {
  CollectorSink,
  Engine,
  type EventRecord,
  JsonlSink,
  PrettySink,
  PrologError,
  QueryAborted,
  type TracerOptions,
  type TraceSink,
} from "../../mod.ts";
import { bindingsPolicy, randomProgram } from "./_random_programs.ts";

/** The seeds checked (10 random queries each; every eighth adds a deep count-down). */
export const SEEDS: number[] = Array.from({ length: 32 }, (_, i) => 1 + i);

/** Per-query limits, so that a run is bounded even if a program explodes. */
export const LIMITS = { maxSolutions: 25, maxSteps: 200_000 };

/** Tracer options of a seed: the bindings policy and library internals vary with it. */
export function traceOptions(seed: number): TracerOptions {
  return {
    runId: "random",
    bindings: bindingsPolicy(seed),
    traceLibraryInternals: seed % 5 === 4,
  };
}

/** Whether a seed's JSONL output has `gc` (`canonical: true`). */
export function canonical(seed: number): boolean {
  return seed % 4 === 1;
}

/**
 * The depth filter of a pretty run's deep count-down: its lines indent two
 * spaces per level, so thousands of levels would make a file of hundreds
 * of MB; only the events up to this depth are written (the other sinks see
 * every event).
 */
export const PRETTY_DEEP_MAX_DEPTH = 100;

/**
 * A fresh engine with the seed's program, its queries and its sinks.
 * With `shallowDeep`, the deep count-down (the last query) runs with
 * `maxDepth: PRETTY_DEEP_MAX_DEPTH`.
 */
export function runSeed(
  seed: number,
  sinks: TraceSink[],
  shallowDeep = false,
): { solutions: number; errors: number } {
  const p = randomProgram(seed);
  const e = new Engine(p.source, {
    trace: traceOptions(seed),
    output: () => {},
    errorOutput: () => {},
  });
  if (e.loadIssues.length > 0) {
    throw new Error(`seed ${seed}: load issue ${JSON.stringify(e.loadIssues[0])}`);
  }
  for (const s of sinks) e.tracer!.addSink(s);
  let solutions = 0, errors = 0;
  for (const [i, q] of p.queries.entries()) {
    if (shallowDeep && i === p.deep) e.tracer!.setFilters({ maxDepth: PRETTY_DEEP_MAX_DEPTH });
    try {
      for (const _ of e.query(q, LIMITS)) solutions++;
    } catch (err) {
      // A Prolog exception that escapes ends the query; its events are still checked.
      // Anything else (a JS error from the engine, the tracer or a sink) is a bug.
      if (!(err instanceof PrologError) && !(err instanceof QueryAborted)) {
        throw new Error(`seed ${seed}, query ${q}: not a Prolog error: ${err}`, { cause: err });
      }
      errors++;
    }
  }
  return { solutions, errors };
}

/** The outputs of one seed's run with every sink alone (a fresh engine each). */
export interface SeedOutputs {
  jsonl: Uint8Array;
  pretty: Uint8Array;
  collected: EventRecord[];
  ring: EventRecord[];
  ringDropped: number;
  solutions: number;
  errors: number;
}

/** Makes a temp file path; `read` returns its bytes and removes it. */
function tempFile(): { path: string; read(): Uint8Array } {
  const path = Deno.makeTempFileSync({ prefix: "byrd-random-" });
  return {
    path,
    read() {
      const b = Deno.readFileSync(path);
      Deno.removeSync(path);
      return b;
    },
  };
}

/** A JSONL sink and a pretty sink writing temp files, as a seed uses them. */
export function textSinks(seed: number): {
  jsonl: JsonlSink;
  pretty: PrettySink;
  read(): Promise<{ jsonl: Uint8Array; pretty: Uint8Array }>;
} {
  const jf = tempFile(), pf = tempFile();
  const jsonl = new JsonlSink(jf.path, { canonical: canonical(seed) });
  const pretty = new PrettySink(pf.path, { color: false, showDet: seed % 2 === 0 });
  return {
    jsonl,
    pretty,
    async read() {
      await jsonl.close();
      await pretty.close();
      return { jsonl: jf.read(), pretty: pf.read() };
    },
  };
}

/** The ring buffer's size: large enough for every event of a seed. */
export const RING_EVENTS = 1 << 20;

/** Runs a seed four times, each with one sink: JSONL, pretty, unbounded and ring-buffer collectors. */
export async function seedOutputs(seed: number): Promise<SeedOutputs> {
  const t = textSinks(seed);
  const { solutions, errors } = runSeed(seed, [t.jsonl]);
  runSeed(seed, [t.pretty], true);
  const { jsonl, pretty } = await t.read();
  const collector = new CollectorSink();
  runSeed(seed, [collector]);
  const ring = new CollectorSink({ maxEvents: RING_EVENTS });
  runSeed(seed, [ring]);
  return {
    jsonl,
    pretty,
    collected: collector.events,
    ring: ring.events,
    ringDropped: ring.dropped,
    solutions,
    errors,
  };
}

/** A fingerprint of the generator's output for the seeds (programs and queries). */
export async function programsDigest(seeds: number[]): Promise<string> {
  const text = seeds.map((s) => {
    const p = randomProgram(s);
    return p.source + "\n" + p.queries.join("\n");
  }).join("\n%%\n");
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
}
