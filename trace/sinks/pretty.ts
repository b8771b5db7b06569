/**
 * A human-readable trace: one indented line per event.
 *
 * ```text
 * [1] CALL app/3: app([1,2],[3],_G1)
 *   [2] CALL app/3: app([2],[3],_G2)
 *   [5] EXIT app/3: app([2],[3],[2,3])
 * ```
 *
 * Goals are formatted by the tracer with `engine/writer.ts` (this sink has
 * no term printer of its own). Lines are encoded straight into the output
 * buffer: the indentation per depth and `] PORT name/arity: ` per predicate
 * and port are encoded once and cached.
 *
 * @module
 */
import { styleText } from "node:util";
import type { Term } from "../../engine/term.ts";
import { type EventBindings, PORT_NAMES, type TraceEvent } from "../events.ts";
import { formatBall, type OutputOptions, type OutputTarget, TextOutput } from "./_output.ts";
import {
  Fragment,
  FRAGMENT_SLACK,
  NUM_BYTES,
  putFragment,
  putNum,
  putText,
} from "./_line_buffer.ts";
import type { TraceSink } from "./sink.ts";

/**
 * Options of {@linkcode PrettySink}.
 *
 * @example
 * ```ts
 * import type { PrettyOptions } from "./pretty.ts";
 * const o: PrettyOptions = { color: false, showDet: true };
 * ```
 */
export interface PrettyOptions extends OutputOptions {
  /**
   * Colour the port names: `true`, `false`, or `"auto"` (default): only when
   * the target is a terminal (`Deno.stdout`, `Deno.stderr` or their
   * `writable`) and `NO_COLOR` is not set. Paths are never coloured under
   * `"auto"`.
   */
  color?: boolean | "auto";
  /** Append ` (det)` to deterministic exits (default false). */
  showDet?: boolean;
}

type Color = "cyan" | "green" | "yellow" | "red" | "magenta" | "gray";
const PORT_COLORS: readonly Color[] = ["cyan", "green", "yellow", "red", "magenta", "gray"];
const PORT_LABELS: readonly string[] = PORT_NAMES.map((p) => p.toUpperCase());
const DET = new Fragment(" (det)");

/** What follows the goal when there are bindings or a ball (rare: built as a string). */
function tailText(bindings: EventBindings | undefined, det: boolean, ball: Term | null): string {
  let s = "";
  if (bindings !== undefined) {
    let sep = " {";
    for (const k in bindings) {
      const v = bindings[k];
      s += v === null ? sep + k : sep + k + "=" + v;
      sep = ", ";
    }
    if (sep !== " {") s += "}";
  }
  if (det) s += " (det)";
  if (ball !== null) s += " ! " + formatBall(ball);
  return s;
}

/**
 * Writes one line per event: two spaces per depth, `[sid] PORT name/arity:
 * goal`, then the bindings (` {X=1, Y=_G2}`) when the tracer's bindings
 * policy provides them, ` (det)` on deterministic exits with `showDet`, and
 * ` ! ball` on exception ports.
 *
 * The target is a path, a `Deno.FsFile`/`Deno.stderr`-like writer or a
 * `WritableStream<Uint8Array>`; see {@linkcode OutputOptions} for buffering,
 * rotation, closing and error rules (a terminal target is line-buffered).
 *
 * @example
 * ```ts
 * import { Engine, PrettySink } from "../../mod.ts";
 * const e = new Engine("p(1).", { trace: { runId: "r" } });
 * const path = Deno.makeTempFileSync();
 * await using sink = new PrettySink(path);
 * e.tracer!.addSink(sink);
 * e.once("p(X)");
 * await sink.flush();
 * console.log(Deno.readTextFileSync(path)); // "[1] CALL p/1: p(_G1)\n[2] EXIT p/1: p(1)\n"
 * ```
 */
export class PrettySink implements TraceSink {
  /** Reads goals at every call port it gets (see {@linkcode TraceSink.readsAtCall}). */
  readonly readsAtCall = true;
  /** Reads goals only as text (see {@linkcode TraceSink.readsTextOnly}). */
  readonly readsTextOnly = true;
  #out: TextOutput;
  #labels: readonly string[];
  #showDet: boolean;
  /** Per depth: the indentation and `[`. */
  #indents: Fragment[] = [];
  /** Per predicate id, per port: `] PORT name/arity: `. */
  #pids = new Map<string, Fragment[]>();

  /**
   * Creates the sink.
   *
   * @param target Path, writer or stream (default `Deno.stderr`).
   * @param options Options.
   */
  constructor(target: OutputTarget = Deno.stderr, options: PrettyOptions = {}) {
    const color = options.color ?? "auto";
    if (color !== true && color !== false && color !== "auto") {
      throw new TypeError(
        `PrettySink: invalid color: expected true, false or "auto", got ${JSON.stringify(color)}`,
      );
    }
    const out = this.#out = new TextOutput("PrettySink", target, options);
    const colored = color === "auto" ? out.isTerminal && !Deno.noColor : color;
    this.#labels = colored
      ? PORT_LABELS.map((l, i) => styleText(PORT_COLORS[i], l, { validateStream: false }))
      : PORT_LABELS;
    this.#showDet = options.showDet ?? false;
  }

  /** Two spaces per depth, then `[`. */
  #indent(depth: number): Fragment {
    const cache = this.#indents;
    while (cache.length <= depth) cache.push(new Fragment("  ".repeat(cache.length) + "["));
    return cache[depth];
  }

  /**
   * Formats the event as one line and buffers it (copies what it needs: the event is reused).
   *
   * @param e The event.
   * @throws {Error} if an earlier write failed or the sink is closed.
   */
  accept(e: TraceEvent): void {
    if (e.kind !== "") {
      this.#acceptInternal(e);
      return;
    }
    // Everything that can throw comes before beginLine (a begun line counts as given).
    const goal = e.goalText;
    const port = e.port;
    const bindings = e.bindings;
    const ball = port === 4 ? e.ball : null;
    const det = e.det && this.#showDet && port === 1;
    const tail = bindings !== undefined || ball !== null ? tailText(bindings, det, ball) : "";
    let frags = this.#pids.get(e.predId);
    if (frags === undefined) {
      const pid = e.predId;
      frags = this.#labels.map((l) => new Fragment("] " + l + " " + pid + ": "));
      this.#pids.set(pid, frags);
    }
    const indent = this.#indent(e.depth), frag = frags[port];
    const b = this.#out.beginLine();
    const buf = b.reserve(
      indent.length + NUM_BYTES + frag.length + goal.length + DET.length + FRAGMENT_SLACK,
    );
    let view = b.view;
    let p = putFragment(view, b.length, indent);
    p = putNum(buf, p, e.stepId);
    p = putFragment(view, p, frag);
    const q = putText(buf, p, goal);
    if (q >= 0) {
      p = q;
    } else {
      // Not ASCII: the buffer encodes it.
      b.commit(p);
      b.text(goal);
      b.reserve(DET.length + FRAGMENT_SLACK);
      view = b.view;
      p = b.length;
    }
    if (tail === "") {
      b.commit(det ? putFragment(view, p, DET) : p);
    } else {
      b.commit(p);
      b.text(tail);
    }
    this.#out.endLine();
  }

  /** An internal event: `[sid] kind key=value ...`. */
  #acceptInternal(e: TraceEvent): void {
    let line = "  ".repeat(e.depth) + "[" + e.stepId + "] " + e.kind;
    if (e.details !== undefined) {
      for (const k in e.details) line += " " + k + "=" + e.details[k];
    }
    this.#out.write(line);
  }

  /** True while a stream target has a large unwritten backlog. */
  get needsDrain(): boolean {
    return this.#out.needsDrain;
  }

  /** Waits until the stream backlog is written. */
  drain(): Promise<void> {
    return this.#out.drain();
  }

  /** Events (lines) accepted so far that reached the target. */
  get eventsWritten(): number {
    return this.#out.linesWritten;
  }

  /** Writes everything accepted so far; rejects on a write failure. */
  flush(): Promise<void> {
    return this.#out.flush();
  }

  /** Flushes and releases the target (see {@linkcode OutputOptions.closeTarget}). */
  close(): Promise<void> {
    return this.#out.close();
  }

  /** Closes the sink (`await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
