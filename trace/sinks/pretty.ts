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
 * no term printer of its own).
 *
 * @module
 */
import { styleText } from "node:util";
import { PORT_NAMES, type TraceEvent } from "../events.ts";
import { formatBall, type OutputOptions, type OutputTarget, TextOutput } from "./_output.ts";
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
  #out: TextOutput;
  #labels: readonly string[];
  #showDet: boolean;
  #indents: string[] = [""];

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

  #indent(depth: number): string {
    const cache = this.#indents;
    while (cache.length <= depth) cache.push(cache[cache.length - 1] + "  ");
    return cache[depth];
  }

  /**
   * Formats the event as one line and buffers it (copies what it needs: the event is reused).
   *
   * @param e The event.
   * @throws {Error} if an earlier write failed or the sink is closed.
   */
  accept(e: TraceEvent): void {
    let line: string;
    if (e.kind !== "") {
      line = this.#indent(e.depth) + "[" + e.stepId + "] " + e.kind;
      if (e.details !== undefined) {
        for (const k in e.details) line += " " + k + "=" + e.details[k];
      }
    } else {
      line = this.#indent(e.depth) + "[" + e.stepId + "] " + this.#labels[e.port] + " " + e.predId +
        ": " + e.goalText;
      const b = e.bindings;
      if (b !== undefined) {
        let sep = " {";
        for (const k in b) {
          const v = b[k];
          line += v === null ? sep + k : sep + k + "=" + v;
          sep = ", ";
        }
        if (sep !== " {") line += "}";
      }
      if (e.det && this.#showDet && e.port === 1) line += " (det)";
      if (e.port === 4 && e.ball !== null) line += " ! " + formatBall(e.ball);
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
