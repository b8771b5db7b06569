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
 * The `write_floor` variant times no query and no tracing: its iteration
 * writes the bytes of one traced query (captured before timing from the
 * group's file sink, in the sink's own `writeSync` calls) to each of
 * {@linkcode WRITE_FLOOR_FILES} temp files, opened and truncated like the
 * sink's file.
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
  floorSink,
  groupName,
  GROUPS,
  type VariantName,
  type Workload,
  WORKLOADS,
  WRITE_FLOOR_FILES,
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
 * The `write_floor` variant's data and its timed write: the bytes of one
 * traced query, as the group's file sink handed them to `writeSync`.
 */
export interface WriteFloor {
  /** The sink whose output this is. */
  readonly sink: "pretty" | "jsonl";
  /** The sink's `writeSync` calls for one query, in order (one per buffer flush). */
  readonly chunks: readonly Uint8Array[];
  /** Bytes of one query's trace (the chunks' total). */
  readonly bytes: number;
  /** Temp files written per iteration, one query's trace each. */
  readonly files: number;
  /**
   * Timed: writes the chunks to every file, each chunk with the sink's
   * `writeSync` loop (partial writes continued).
   *
   * @returns The bytes written (`bytes * files`).
   */
  write(): number;
  /**
   * Writes other chunks the same way (to every file, each chunk with the
   * `writeSync` loop): for floors that assemble the bytes first.
   *
   * @param chunks The chunks.
   * @returns The bytes written.
   */
  writeChunks(chunks: readonly Uint8Array[]): number;
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
  /** For `write_floor`: the captured bytes and the timed write (else `null`). */
  readonly writeFloor: WriteFloor | null;
  /** Untimed reset before each iteration (clear the collector, truncate the file). */
  reset(): void;
  /** Timed: writes out buffered sink output (`undefined` when there is nothing to wait for). */
  flush(): Promise<void> | undefined;
  /** Events the sink received since the last reset (`NaN` for file sinks). */
  eventCount(): number;
  /** Bytes in the temp file (0 without one; for `write_floor`, in all its files). */
  fileSize(): number;
  /**
   * The start of the temp file's text, up to `max` bytes ("" without one;
   * for `write_floor`, of file `index`); for validation.
   */
  readOutput(max: number, index?: number): string;
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

/** Reads a file from its start (up to `max` bytes), leaving the position at its end. */
function readAll(file: Deno.FsFile, max = Infinity): Uint8Array {
  const buf = new Uint8Array(Math.min(max, file.statSync().size));
  file.seekSync(0, Deno.SeekMode.Start);
  let n = 0;
  while (n < buf.length) {
    const r = file.readSync(buf.subarray(n));
    if (r === null) break;
    n += r;
  }
  file.seekSync(0, Deno.SeekMode.End);
  return buf.subarray(0, n);
}

/** Empties a temp file and rewinds it (untimed). */
function truncate(file: Deno.FsFile): void {
  file.truncateSync(0);
  file.seekSync(0, Deno.SeekMode.Start);
}

/** Writes all of `bytes` as `TextOutput` does: one `writeSync`, continued after a partial write. */
function writeAll(file: Deno.FsFile, bytes: Uint8Array): number {
  let off = 0;
  while (off < bytes.length) {
    const n = file.writeSync(off === 0 ? bytes : bytes.subarray(off));
    if (!(n > 0)) throw new Error("the temp file accepted no bytes");
    off += n;
  }
  return off;
}

/**
 * Which query on its engine `write_floor` captures: the 1000th. JSONL lines
 * carry the query id (`"qid":N`), which grows by one per query; the timed
 * JSONL queries run roughly 1,000 to 3,000 queries into their engine, so a
 * four-digit id gives the same line lengths as most of them (the first
 * query's id would make the trace about 1.5 KB, 2 %, shorter). The pretty
 * format has no query id.
 */
export const CAPTURE_QUERY = 1000;

/**
 * Captures the bytes of one traced query of a group's workload, as its file
 * sink writes them: after {@linkcode CAPTURE_QUERY} - 1 queries (traced, no
 * sink), the sink writes a real temp file (opened as the bench's) through a
 * pass-through writer that records each `writeSync` call; the file is then
 * read back and must hold exactly the recorded bytes. Also checks the
 * workload's answer. Not timed.
 */
async function captureTrace(
  engine: Engine,
  group: BenchGroup,
  kind: "pretty" | "jsonl",
): Promise<Uint8Array[]> {
  const w = WORKLOADS[group.workload];
  const opts = queryOptions(w);
  for (let i = 1; i < CAPTURE_QUERY; i++) {
    for (const _s of engine.query(w.goal, opts)) { /* advance the query id */ }
  }
  const temp = openTempFile();
  try {
    const chunks: Uint8Array[] = [];
    const recorder = {
      writeSync(p: Uint8Array): number {
        const n = temp.file.writeSync(p);
        chunks.push(p.slice(0, n));
        return n;
      },
    };
    const sink = kind === "pretty"
      ? new PrettySink(recorder, { color: false })
      : new JsonlSink(recorder);
    engine.tracer!.addSink(sink);
    try {
      checkAnswer(engine, w);
      await sink.flush();
    } finally {
      engine.tracer!.removeSink(sink);
      await sink.close();
    }
    const written = readAll(temp.file);
    const total = chunks.reduce((n, c) => n + c.length, 0);
    let same = written.length === total && total > 0;
    for (let i = 0, off = 0; same && i < chunks.length; off += chunks[i].length, i++) {
      same = chunks[i].every((b, j) => written[off + j] === b);
    }
    if (!same) {
      throw new Error(
        `the ${kind} sink's file (${written.length} bytes) is not what it wrote (${total} bytes)`,
      );
    }
    return chunks;
  } finally {
    temp.file.close();
    if (!temp.removed) Deno.removeSync(temp.path);
  }
}

/**
 * Builds a `write_floor` variant: captures one query's trace, then opens
 * {@linkcode WRITE_FLOOR_FILES} temp files for the timed writes.
 */
async function prepareWriteFloor(group: BenchGroup): Promise<PreparedVariant> {
  const kind = floorSink(group);
  const w = WORKLOADS[group.workload];
  const engine = loadEngine(w, true);
  const chunks = await captureTrace(engine, group, kind);
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  let temps = Array.from({ length: WRITE_FLOOR_FILES }, openTempFile);
  const files = temps.map((t) => t.file);
  const writeFloor: WriteFloor = {
    sink: kind,
    chunks,
    bytes,
    files: files.length,
    write() {
      return this.writeChunks(chunks);
    },
    writeChunks(cs) {
      let n = 0;
      for (let i = 0; i < files.length; i++) {
        const f = files[i];
        for (let k = 0; k < cs.length; k++) n += writeAll(f, cs[k]);
      }
      return n;
    },
  };
  return {
    group,
    variant: "write_floor",
    engine,
    sink: null,
    writeFloor,
    reset() {
      for (const f of files) truncate(f);
    },
    flush() {
      return undefined;
    },
    eventCount() {
      return NaN;
    },
    fileSize() {
      return files.reduce((n, f) => n + f.statSync().size, 0);
    },
    readOutput(max, index = 0) {
      return new TextDecoder().decode(readAll(files[index], max));
    },
    dispose() {
      for (const t of temps) {
        t.file.close();
        if (!t.removed) Deno.removeSync(t.path);
      }
      temps = [];
      return Promise.resolve();
    },
  };
}

/**
 * Builds one variant of a bench group (outside any timed region).
 *
 * @param group The bench group.
 * @param variant The variant.
 * @returns The prepared variant.
 */
export function prepareVariant(group: BenchGroup, variant: "write_floor"): Promise<PreparedVariant>;
export function prepareVariant(
  group: BenchGroup,
  variant: Exclude<VariantName, "write_floor">,
): PreparedVariant;
export function prepareVariant(
  group: BenchGroup,
  variant: VariantName,
): PreparedVariant | Promise<PreparedVariant>;
export function prepareVariant(
  group: BenchGroup,
  variant: VariantName,
): PreparedVariant | Promise<PreparedVariant> {
  if (variant === "write_floor") return prepareWriteFloor(group);
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
    writeFloor: null,
    reset() {
      if (collector !== null) collector.clear();
      else if (nul !== null) nul.count = 0;
      else if (file !== null) truncate(file);
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
      return new TextDecoder().decode(readAll(file, max));
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
  if (p.writeFloor !== null) return validateWriteFloor(p.writeFloor, p, name);
  p.reset();
  try {
    checkAnswer(p.engine, w);
  } catch (e) {
    throw new Error(`${name}: answer check failed, not timed: ${(e as Error).message}`);
  }
  await p.flush();
  const fail = (why: string): never => {
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
    case "jsonl":
      if (p.fileSize() === 0) fail("the sink wrote nothing to its file");
      checkFirstLine(p.variant, p.readOutput(4096), fail);
      break;
    case "write_floor":
      fail("a write_floor variant without its captured trace");
  }
  p.reset();
}

/** The first line of a text sink's output must be in its format. */
function checkFirstLine(kind: "pretty" | "jsonl", text: string, fail: (why: string) => never) {
  const line = text.split("\n", 1)[0];
  if (kind === "pretty" && !/^\[\d+\] CALL /.test(line)) {
    fail(`unexpected first line ${JSON.stringify(line)}`);
  }
  if (kind === "jsonl") {
    try {
      JSON.parse(line);
    } catch {
      fail(`first line is not JSON: ${JSON.stringify(line)}`);
    }
  }
}

/**
 * Checks a `write_floor` variant: one timed-style write must put exactly the
 * captured trace in each of its files, starting at offset 0 of an emptied
 * file, and the trace must be in the sink's format.
 */
function validateWriteFloor(wf: WriteFloor, p: PreparedVariant, name: string): Promise<void> {
  const fail = (why: string): never => {
    throw new Error(`${name}: ${why}`);
  };
  if (wf.bytes === 0 || wf.chunks.length === 0) fail("the captured trace is empty");
  p.reset();
  if (p.fileSize() !== 0) fail("reset left bytes in the temp files");
  const n = wf.write();
  if (n !== wf.bytes * wf.files) fail(`wrote ${n} bytes, expected ${wf.bytes * wf.files}`);
  const expected = new Uint8Array(wf.bytes);
  let off = 0;
  for (const c of wf.chunks) {
    expected.set(c, off);
    off += c.length;
  }
  const text = new TextDecoder().decode(expected);
  for (let i = 0; i < wf.files; i++) {
    if (p.readOutput(wf.bytes + 1, i) !== text) {
      fail(`temp file ${i} does not hold exactly the captured trace`);
    }
  }
  checkFirstLine(wf.sink, text, fail);
  p.reset();
  return Promise.resolve();
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
    p = await prepareVariant(group, variant);
    await validateVariant(p);
  } catch (e) {
    registerFailure(group, variant, e);
    return;
  }
  if (p.writeFloor !== null) {
    registerWriteFloor(p, p.writeFloor);
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
 * Registers a `write_floor` bench: each iteration empties its temp files
 * (untimed), then times only the writes of the captured trace to them. No
 * query runs and nothing is traced; the function is synchronous, so no
 * promise is awaited inside the timed region either.
 */
function registerWriteFloor(p: PreparedVariant, wf: WriteFloor): void {
  const name = benchName(p.group, p.variant);
  const expected = wf.bytes * wf.files;
  let measuring = false;
  Deno.bench({
    name,
    group: groupName(p.group),
    baseline: false,
    warmup: p.group.warmup,
    fn(b) {
      if (!measuring) {
        measuring = true;
        collectGarbage();
      }
      p.reset();
      b.start();
      const n = wf.write();
      b.end();
      if (n !== expected) throw new Error(`${name}: wrote ${n} bytes, expected ${expected}`);
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
