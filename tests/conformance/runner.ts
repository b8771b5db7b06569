/**
 * The ISO conformance runner: runs a folder holding `iso.tst` (Joachim
 * Schimpf's ISO-Prolog test patterns, see `/work/shared/iso/README.md`)
 * against Byrd and classifies every pattern as pass, fail, error,
 * unreadable, crash or skipped.
 *
 * The suite is copied into a fresh scratch folder where the files the
 * patterns expect are created (`empty`, `hello`, `nowrite`, no `scowen`, no
 * `nosuch`). By default the patterns run in a child process whose working
 * directory is that folder, so a pattern that hangs inside a builtin can be
 * killed; the run then restarts in a fresh engine after that pattern.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type PatternResult,
  RESULT_KINDS,
  type ResultKind,
  runSession,
  type SessionEvent,
  type SessionOptions,
} from "./_session.ts";

export { type PatternResult, RESULT_KINDS, type ResultKind };

/**
 * Options of {@linkcode runSuite}.
 *
 * @example
 * ```ts
 * import type { RunOptions } from "./runner.ts";
 * const opts: RunOptions = { stepBudget: 1_000_000, isolate: false };
 * ```
 */
export interface RunOptions {
  /** Name of the pattern file inside the suite folder (default `iso.tst`). */
  suiteFile?: string;
  /** Inference budget per pattern (default 5,000,000). */
  stepBudget?: number;
  /** In-engine wall-clock limit per pattern in ms, polled with the step budget (default 3000; 0 = none). */
  timeLimitMs?: number;
  /** Kill the child process when a pattern runs longer than this many ms (default 10000). */
  watchdogMs?: number;
  /** Run in a child process (default `true`); `false` runs in this process after `Deno.chdir`. */
  isolate?: boolean;
  /** Keep the scratch folder instead of removing it. */
  keepScratch?: boolean;
  /** Called with each result as it arrives. */
  onResult?: (r: PatternResult) => void;
}

/**
 * The outcome of a suite run.
 *
 * @example
 * ```ts
 * import type { SuiteResult } from "./runner.ts";
 * function passRate(r: SuiteResult): number { return r.counts.pass / r.total; }
 * ```
 */
export interface SuiteResult {
  /** One result per pattern, in file order. */
  results: PatternResult[];
  /** Number of results of each kind. */
  counts: Record<ResultKind, number>;
  /** Number of patterns (all kinds). */
  total: number;
  /** Remarks about the run: environment caveats, restarts, helper load problems. */
  notes: string[];
  /** Wall-clock time of the run in ms. */
  elapsedMs: number;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, "_child.ts");
const REPO_CONFIG = join(HERE, "..", "..", "deno.json");
const MAX_RESTARTS = 25;

/** Copies the suite and creates the files the patterns assume (iso.tst header). */
async function prepareScratch(suiteDir: string, notes: string[]): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "byrd-iso-" });
  for await (const e of Deno.readDir(suiteDir)) {
    if (!e.isFile) continue;
    const to = join(dir, e.name);
    await Deno.copyFile(join(suiteDir, e.name), to);
    await chmod(to, 0o644);
  }
  const has = async (name: string) => {
    try {
      await Deno.lstat(join(dir, name));
      return true;
    } catch {
      return false;
    }
  };
  if (!await has("empty")) await Deno.writeTextFile(join(dir, "empty"), "");
  if (!await has("hello")) await Deno.writeTextFile(join(dir, "hello"), "hello.\nworld.\n");
  for (const gone of ["scowen", "nosuch"]) {
    if (await has(gone)) await Deno.remove(join(dir, gone));
  }
  const nowrite = join(dir, "nowrite");
  await Deno.writeTextFile(nowrite, "");
  await chmod(nowrite, 0o444);
  try {
    Deno.openSync(nowrite, { write: true }).close();
    notes.push(
      "'nowrite' is writable here (running as root?): patterns that expect a " +
        "permission error on it cannot pass",
    );
  } catch {
    // expected: the file really is read-only
  }
  return dir;
}

async function chmod(path: string, mode: number): Promise<void> {
  if (Deno.build.os === "windows") return;
  await Deno.chmod(path, mode);
}

/** Collects the results and notes of one run. */
class Collector {
  readonly results: PatternResult[] = [];
  readonly notes: string[];
  readonly #onResult: ((r: PatternResult) => void) | undefined;
  /** The pattern begun but not yet finished, if any. */
  current: Extract<SessionEvent, { t: "begin" }> | null = null;
  /** Ordinal after the last finished pattern. */
  next = 0;

  constructor(notes: string[], onResult?: (r: PatternResult) => void) {
    this.notes = notes;
    this.#onResult = onResult;
  }

  event(ev: SessionEvent): void {
    if (ev.t === "note") this.notes.push(ev.text);
    else if (ev.t === "begin") this.current = ev;
    else this.add(ev.result);
  }

  add(r: PatternResult): void {
    this.results.push(r);
    this.current = null;
    this.next = r.index + 1;
    this.#onResult?.(r);
  }
}

/** Runs one child process from `start`; resolves to why it stopped. */
async function runChild(
  dir: string,
  sess: SessionOptions,
  watchdogMs: number,
  col: Collector,
): Promise<string | null> {
  const args = ["run", "--allow-read", "--allow-write", "--allow-env", "--no-prompt"];
  try {
    await Deno.lstat(REPO_CONFIG);
    args.push("--config", REPO_CONFIG);
  } catch {
    // no repository config: relative imports need none
  }
  args.push(CHILD, JSON.stringify(sess));
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: dir,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }, watchdogMs);
  };
  const stderr = new Response(child.stderr).text();
  let done = false;
  let buf = "";
  const dec = new TextDecoder();
  arm();
  try {
    for await (const chunk of child.stdout) {
      arm();
      buf += dec.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim() === "") continue;
        let ev: SessionEvent | { t: "done" };
        try {
          ev = JSON.parse(line);
        } catch {
          col.notes.push(`stray output from the runner child: ${line.slice(0, 200)}`);
          continue;
        }
        if (ev.t === "done") done = true;
        else col.event(ev);
      }
    }
  } finally {
    clearTimeout(timer);
  }
  const status = await child.status;
  const errText = (await stderr).trim();
  if (done && status.success) return null;
  if (timedOut) return `killed by the watchdog after ${watchdogMs} ms`;
  const tail = errText.split("\n").slice(-3).join(" | ");
  return `runner child exited with code ${status.code}${tail ? `: ${tail}` : ""}`;
}

/**
 * Runs every pattern of a suite folder in one engine, in file order.
 *
 * @param suiteDir The folder holding `iso.tst` and its data files (left untouched).
 * @param opts Options.
 * @returns The per-pattern results and their counts.
 * @example
 * ```ts no-eval
 * import { runSuite, summaryLine } from "./runner.ts";
 * const r = await runSuite("../shared/iso");
 * console.log(summaryLine(r));
 * ```
 */
export async function runSuite(suiteDir: string, opts: RunOptions = {}): Promise<SuiteResult> {
  const t0 = performance.now();
  const notes: string[] = [];
  const dir = await prepareScratch(suiteDir, notes);
  const col = new Collector(notes, opts.onResult);
  const sess: SessionOptions = {
    suiteFile: join(dir, opts.suiteFile ?? "iso.tst"),
    dir,
    startIndex: 0,
    stepBudget: opts.stepBudget,
    timeLimitMs: opts.timeLimitMs,
  };
  try {
    if (opts.isolate === false) {
      const cwd = Deno.cwd();
      Deno.chdir(dir);
      try {
        runSession(sess, (ev) => col.event(ev));
      } finally {
        Deno.chdir(cwd);
      }
    } else {
      await runIsolated(dir, sess, opts.watchdogMs ?? 10_000, col);
    }
  } finally {
    if (!opts.keepScratch) await Deno.remove(dir, { recursive: true });
  }
  const counts = Object.fromEntries(RESULT_KINDS.map((k) => [k, 0])) as Record<ResultKind, number>;
  for (const r of col.results) counts[r.kind]++;
  if (opts.keepScratch) notes.push(`scratch folder kept: ${dir}`);
  return {
    results: col.results,
    counts,
    total: col.results.length,
    notes,
    elapsedMs: Math.round(performance.now() - t0),
  };
}

/** Runs child after child until the suite is done, charging each death to its pattern. */
async function runIsolated(
  dir: string,
  sess: SessionOptions,
  watchdogMs: number,
  col: Collector,
): Promise<void> {
  const skip: number[] = [];
  for (let restarts = 0;; restarts++) {
    const why = await runChild(dir, { ...sess, startIndex: col.next, skip }, watchdogMs, col);
    if (why === null) return;
    const cur = col.current;
    if (cur === null) {
      col.notes.push(`${why} (between patterns, after pattern ${col.next - 1})`);
      return;
    }
    skip.push(cur.index);
    col.add({
      index: cur.index,
      line: cur.line,
      text: cur.text,
      kind: "crash",
      expected: cur.expected,
      got: why,
    });
    if (restarts === MAX_RESTARTS) {
      col.notes.push(`gave up after ${MAX_RESTARTS} restarts`);
      return;
    }
    col.notes.push(
      `engine restarted after line ${cur.line}; the earlier patterns were replayed ` +
        "silently to rebuild their state",
    );
  }
}

/**
 * The summary line: `pass N / fail N / error N / unreadable N / crash N / skipped N (of TOTAL)`.
 *
 * @param r A suite result.
 * @returns The line.
 * @example
 * ```ts
 * import { summaryLine } from "./runner.ts";
 * const counts = { pass: 2, fail: 1, error: 0, unreadable: 0, crash: 0, skipped: 1 };
 * console.log(summaryLine({ results: [], counts, total: 4, notes: [], elapsedMs: 1 }));
 * // pass 2 / fail 1 / error 0 / unreadable 0 / crash 0 / skipped 1 (of 4)
 * ```
 */
export function summaryLine(r: SuiteResult): string {
  return `${RESULT_KINDS.map((k) => `${k} ${r.counts[k]}`).join(" / ")} (of ${r.total})`;
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 3)}...`;
}

/**
 * One report line for a non-passing pattern:
 * `iso.tst:LINE  PATTERN  expected: ...  got: ...` (pattern text shortened).
 *
 * @param r The result.
 * @param file The pattern file's name.
 * @returns The line.
 * @example
 * ```ts
 * import { failureLine } from "./runner.ts";
 * console.log(failureLine({
 *   index: 0, line: 3, text: "atom(1) should_fail", kind: "fail", expected: "failure", got: "success",
 * }, "iso.tst"));
 * ```
 */
export function failureLine(r: PatternResult, file: string): string {
  const head = `${file}:${r.line}  [${r.kind}]  ${shorten(r.text, 70)}`;
  if (r.kind === "skipped") return head;
  if (r.kind === "unreadable") return `${head}  ${shorten(r.got, 120)}`;
  return `${head}  expected: ${shorten(r.expected, 80)}  got: ${shorten(r.got, 120)}`;
}
