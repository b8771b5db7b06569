/**
 * Shared bench setup: one engine per variant, sinks and temp files built
 * outside the timed region, every answer checked before timing, garbage
 * collected before each measurement, and the `Deno.bench` registration that
 * every `bench/<category>_bench.ts` file calls.
 *
 * What one timed iteration contains (between `b.start()` and `b.end()`):
 * `repeat` runs of the workload's query through `engine.query()` to the
 * required number of solutions, then the flush of the sink's buffered
 * output. What it does not contain: building the engine and the sink,
 * opening the temp file, clearing the collector or truncating the file,
 * garbage collection and the answer check.
 *
 * Environment (set by `bench/perf.ts`; optional when running `deno bench`
 * by hand):
 * - `BYRD_BENCH_SKIP_SLOW=1`: do not register groups marked slow (`--quick`);
 * - `BYRD_BENCH_ORDER=reverse`: register each group's variants in reverse
 *   order, so alternate rounds cancel drift between the first and the last
 *   variant of a group.
 *
 * @module
 */
import { CollectorSink, Engine, JsonlSink, NullSink, PrettySink } from "../mod.ts";
import type { TraceSink } from "../mod.ts";
import {
  type BenchGroup,
  benchName,
  type Category,
  groupName,
  GROUPS,
  type VariantName,
  type Workload,
  WORKLOADS,
} from "./cases.ts";

/** The predicate that the `filtered` variant traces. */
export const FILTERED_PREDICATE = "even/1";

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env: defaults apply
  }
}

/**
 * Runs a full garbage collection when the runtime exposes `gc`
 * (`--v8-flags=--expose-gc`); otherwise does nothing.
 *
 * @returns Whether a collection ran.
 */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return false;
  gc();
  return true;
}

/**
 * The source text of a workload's program.
 *
 * @param w The workload.
 * @returns The Prolog text.
 */
export function programText(w: Workload): string {
  return Deno.readTextFileSync(new URL(`./programs/${w.program}`, import.meta.url));
}

/**
 * Loads a workload's program into an engine, failing on any load issue.
 *
 * @param w The workload.
 * @param trace Whether the engine gets a tracer.
 * @returns The engine.
 * @throws {Error} if the program does not load cleanly.
 */
export function loadEngine(w: Workload, trace: boolean): Engine {
  const e = new Engine(programText(w), {
    trace: trace ? true : undefined,
    output: () => {},
    errorOutput: () => {},
  });
  if (e.loadIssues.length > 0) {
    throw new Error(
      `${w.program}: ${e.loadIssues.length} load issue(s): ${JSON.stringify(e.loadIssues[0])}`,
    );
  }
  return e;
}

/**
 * The query options of a workload (`maxSolutions` for "first N").
 *
 * @param w The workload.
 * @returns The options for `engine.query`.
 */
export function queryOptions(w: Workload): { maxSolutions?: number } {
  return w.solutions === "all" ? {} : { maxSolutions: w.solutions };
}

/**
 * Runs a workload once, checking the count and the first and last
 * solutions' bindings.
 *
 * @param e The engine (with the workload's program loaded).
 * @param w The workload.
 * @throws {Error} describing the first difference from the expected answer.
 */
export function checkAnswer(e: Engine, w: Workload): void {
  let n = 0;
  let first: Record<string, string> | null = null;
  let last: Record<string, string> = {};
  for (const s of e.query(w.goal, queryOptions(w))) {
    n++;
    last = { ...s.text };
    first ??= last;
  }
  const where = `workload ${w.name} (${w.goal})`;
  if (n !== w.expected) throw new Error(`${where}: expected ${w.expected} solutions, got ${n}`);
  const same = (a: Record<string, string> | null, b: Readonly<Record<string, string>>) =>
    JSON.stringify(a) === JSON.stringify(b);
  if (!same(first, w.first)) {
    throw new Error(
      `${where}: first solution ${JSON.stringify(first)}, expected ${JSON.stringify(w.first)}`,
    );
  }
  if (!same(last, w.last)) {
    throw new Error(
      `${where}: last solution ${JSON.stringify(last)}, expected ${JSON.stringify(w.last)}`,
    );
  }
}

/**
 * A variant ready to time: its engine, the untimed per-iteration reset and
 * the timed flush.
 */
export interface PreparedVariant {
  /** The bench group. */
  readonly group: BenchGroup;
  /** The variant. */
  readonly variant: VariantName;
  /** Its engine (traced unless the variant is `off`). */
  readonly engine: Engine;
  /** The sink attached to the tracer, if any. */
  readonly sink: TraceSink | null;
  /** Untimed reset before each iteration (clear the collector, truncate the file). */
  reset(): void;
  /** Timed: writes out buffered sink output (`undefined` when there is nothing to wait for). */
  flush(): Promise<void> | undefined;
  /** Events the sink received since the last reset (`NaN` for file sinks). */
  eventCount(): number;
  /** Bytes in the temp file (0 without one). */
  fileSize(): number;
  /** The start of the temp file's text, up to `max` bytes ("" without one); for validation. */
  readOutput(max: number): string;
  /** Releases the sink and the temp file. */
  dispose(): Promise<void>;
}

/** Opens a temp file for a text sink and unlinks it at once where the OS allows (no leftovers). */
function openTempFile(): { file: Deno.FsFile; path: string; removed: boolean } {
  const path = Deno.makeTempFileSync({ prefix: "byrd-bench-", suffix: ".trace" });
  const file = Deno.openSync(path, { read: true, write: true, truncate: true });
  let removed = false;
  try {
    Deno.removeSync(path);
    removed = true;
  } catch {
    // Windows does not unlink open files: remove it when the bench process ends.
    globalThis.addEventListener("unload", () => {
      try {
        file.close();
        Deno.removeSync(path);
      } catch { /* already closed and removed by dispose() */ }
    });
  }
  return { file, path, removed };
}

/**
 * Builds one variant of a bench group (outside any timed region).
 *
 * @param group The bench group.
 * @param variant The variant.
 * @returns The prepared variant.
 */
export function prepareVariant(group: BenchGroup, variant: VariantName): PreparedVariant {
  const w = WORKLOADS[group.workload];
  const engine = loadEngine(w, variant !== "off");
  const tracer = engine.tracer;
  let sink: TraceSink | null = null;
  let temp: { file: Deno.FsFile; path: string; removed: boolean } | null = null;
  let collector: CollectorSink | null = null;
  let nul: NullSink | null = null;
  switch (variant) {
    case "off":
      break;
    case "reject_all":
      tracer!.setFilters({ ports: [] });
      sink = collector = new CollectorSink();
      break;
    case "collector":
      sink = collector = new CollectorSink();
      break;
    case "filtered":
      tracer!.setFilters({ include: [FILTERED_PREDICATE] });
      sink = collector = new CollectorSink();
      break;
    case "null":
      sink = nul = new NullSink();
      break;
    case "pretty":
      temp = openTempFile();
      sink = new PrettySink(temp.file, { color: false });
      break;
    case "jsonl":
      temp = openTempFile();
      sink = new JsonlSink(temp.file);
      break;
    default:
      throw new Error(`unknown variant ${variant satisfies never}`);
  }
  if (sink !== null) tracer!.addSink(sink);
  const file = temp?.file ?? null;
  const textSink = file === null ? null : sink;
  return {
    group,
    variant,
    engine,
    sink,
    reset() {
      if (collector !== null) collector.clear();
      else if (nul !== null) nul.count = 0;
      else if (file !== null) {
        file.truncateSync(0);
        file.seekSync(0, Deno.SeekMode.Start);
      }
    },
    flush() {
      if (textSink === null) return undefined;
      const p = textSink.flush();
      return p instanceof Promise ? p : undefined;
    },
    eventCount() {
      if (collector !== null) return collector.events.length;
      if (nul !== null) return nul.count;
      return NaN;
    },
    fileSize() {
      return file === null ? 0 : file.statSync().size;
    },
    readOutput(max) {
      if (file === null) return "";
      const buf = new Uint8Array(Math.min(max, file.statSync().size));
      file.seekSync(0, Deno.SeekMode.Start);
      let n = 0;
      while (n < buf.length) {
        const r = file.readSync(buf.subarray(n));
        if (r === null) break;
        n += r;
      }
      file.seekSync(0, Deno.SeekMode.End);
      return new TextDecoder().decode(buf.subarray(0, n));
    },
    async dispose() {
      if (sink !== null) {
        tracer!.removeSink(sink);
        await sink.close();
      }
      if (temp !== null) {
        temp.file.close();
        if (!temp.removed) Deno.removeSync(temp.path);
        temp = null;
      }
    },
  };
}

/**
 * Checks a prepared variant before it is timed: the workload's answer, and
 * that the variant traces what it claims (the reject-all filter rejects
 * everything, the filtered variant reports only {@linkcode FILTERED_PREDICATE},
 * the other sinks receive events, the file sinks write lines of their format).
 *
 * @param p The prepared variant.
 * @throws {Error} naming the bench and what is wrong.
 */
export async function validateVariant(p: PreparedVariant): Promise<void> {
  const name = benchName(p.group, p.variant);
  const w = WORKLOADS[p.group.workload];
  p.reset();
  try {
    checkAnswer(p.engine, w);
  } catch (e) {
    throw new Error(`${name}: answer check failed, not timed: ${(e as Error).message}`);
  }
  await p.flush();
  const fail = (why: string) => {
    throw new Error(`${name}: ${why}`);
  };
  switch (p.variant) {
    case "off":
      if (p.engine.tracer !== undefined) fail("the baseline engine has a tracer");
      break;
    case "reject_all":
      if (p.eventCount() !== 0) fail(`the reject-all filter let ${p.eventCount()} events through`);
      break;
    case "filtered": {
      const events = (p.sink as CollectorSink).events;
      if (events.length === 0) fail(`no ${FILTERED_PREDICATE} events`);
      const other = events.find((r) => r.predId !== FILTERED_PREDICATE);
      if (other !== undefined) fail(`the filter let ${other.predId} through`);
      break;
    }
    case "collector":
    case "null":
      if (!(p.eventCount() > 0)) fail("the sink received no events");
      break;
    case "pretty":
    case "jsonl": {
      if (p.fileSize() === 0) fail("the sink wrote nothing to its file");
      const line = p.readOutput(4096).split("\n", 1)[0];
      if (p.variant === "pretty" && !/^\[\d+\] CALL /.test(line)) {
        fail(`unexpected first line ${JSON.stringify(line)}`);
      }
      if (p.variant === "jsonl") {
        try {
          JSON.parse(line);
        } catch {
          fail(`first line is not JSON: ${JSON.stringify(line)}`);
        }
      }
      break;
    }
  }
  p.reset();
}

/**
 * Deterministic counts of one workload run, recorded next to the times
 * (they do not depend on the machine's load).
 */
export interface WorkloadCounts {
  /** Solutions of one run. */
  solutions: number;
  /** Body calls the machine made (`engine.machine.steps`), untraced. */
  inferences: number;
  /** Trace events of one fully traced run (all ports, default options). */
  events: number;
}

/**
 * Measures a workload's counts: one untraced run and one run with a
 * collector. Not timed.
 *
 * @param w The workload.
 * @returns The counts.
 */
export function workloadCounts(w: Workload): WorkloadCounts {
  const plain = loadEngine(w, false);
  const before = plain.machine.steps;
  let solutions = 0;
  for (const _s of plain.query(w.goal, queryOptions(w))) solutions++;
  const inferences = plain.machine.steps - before;
  const traced = loadEngine(w, true);
  const sink = new NullSink();
  traced.tracer!.addSink(sink);
  for (const _s of traced.query(w.goal, queryOptions(w))) { /* count events only */ }
  return { solutions, inferences, events: sink.count };
}

function registerFailure(group: BenchGroup, variant: VariantName, error: unknown): void {
  Deno.bench({
    name: benchName(group, variant),
    group: groupName(group),
    baseline: variant === "off",
    fn() {
      throw error;
    },
  });
}

async function registerVariant(group: BenchGroup, variant: VariantName): Promise<void> {
  let p: PreparedVariant;
  try {
    p = prepareVariant(group, variant);
    await validateVariant(p);
  } catch (e) {
    registerFailure(group, variant, e);
    return;
  }
  const w = WORKLOADS[group.workload];
  const engine = p.engine;
  const goal = w.goal;
  const opts = queryOptions(w);
  const repeat = group.repeat;
  const expected = w.expected * repeat;
  const name = benchName(group, variant);
  let measuring = false;
  Deno.bench({
    name,
    group: groupName(group),
    baseline: variant === "off",
    warmup: group.warmup,
    async fn(b) {
      if (!measuring) {
        // Before this case's first iteration: start from a clean heap, so the
        // previous case's garbage is not collected on this case's time.
        measuring = true;
        collectGarbage();
      }
      p.reset();
      let n = 0;
      b.start();
      for (let r = 0; r < repeat; r++) {
        for (const _s of engine.query(goal, opts)) n++;
      }
      const f = p.flush();
      if (f !== undefined) await f;
      b.end();
      if (n !== expected) {
        throw new Error(`${name}: expected ${expected} solutions per iteration, got ${n}`);
      }
    },
  });
}

/**
 * Registers the `Deno.bench` cases of one category: one group per
 * {@linkcode GROUPS} entry, the untraced `off` variant as its baseline.
 * Every variant is built and its answer checked first; a variant that fails
 * is registered as a bench that throws that error (it produces no number).
 *
 * @param category The category of the calling bench file.
 * @example
 * ```ts no-eval
 * import { registerCategory } from "./_harness.ts";
 * await registerCategory("collector");
 * ```
 */
export async function registerCategory(category: Category): Promise<void> {
  const quick = env("BYRD_BENCH_SKIP_SLOW") === "1";
  const reverse = env("BYRD_BENCH_ORDER") === "reverse";
  for (const group of GROUPS) {
    if (group.category !== category || (group.slow && quick)) continue;
    const variants = reverse ? [...group.variants].reverse() : group.variants;
    for (const v of variants) await registerVariant(group, v);
  }
}
