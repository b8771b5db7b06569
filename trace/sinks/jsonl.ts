/**
 * A machine-readable trace: one compact JSON object per line (schema
 * `v:1`, described in `docs/TRACE_FORMAT.md`).
 *
 * ```text
 * {"v":1,"rid":"r","sid":1,"p":0,"pid":"p/1","fd":0,"cd":1,"gh":1,"ws":0,"g":"p(_G1)","bid":1,"pbid":0,"qid":1}
 * ```
 *
 * Lines are built by string concatenation; `JSON.stringify` is applied to
 * strings only, and the quoted run id and predicate ids are cached.
 *
 * @module
 */
import type { TraceEvent } from "../events.ts";
import { formatBall, type OutputOptions, type OutputTarget, TextOutput } from "./_output.ts";
import type { TraceSink } from "./sink.ts";

/**
 * Options of {@linkcode JsonlSink}.
 *
 * @example
 * ```ts
 * import type { JsonlOptions } from "./jsonl.ts";
 * const o: JsonlOptions = { canonical: true, maxFileSize: 64 << 20, maxFiles: 4 };
 * ```
 */
export interface JsonlOptions extends OutputOptions {
  /** Add `gc`, the goal in canonical form (uncapped; costs a second formatting). Default false. */
  canonical?: boolean;
}

/** The schema version written as `v`. */
export const JSONL_VERSION = 1;

/**
 * Writes events as JSON Lines. Every line ends with `\n`, and output is only
 * written in whole lines, so a file never ends with a partial line (also
 * across rotation).
 *
 * @example
 * ```ts
 * import { Engine, JsonlSink } from "../../mod.ts";
 * const e = new Engine("p(1).", { trace: { runId: "r" } });
 * const path = Deno.makeTempFileSync();
 * const sink = new JsonlSink(path);
 * e.tracer!.addSink(sink);
 * e.once("p(X)");
 * await sink.close();
 * const lines = Deno.readTextFileSync(path).trimEnd().split("\n").map((l) => JSON.parse(l));
 * console.log(lines[1].g); // "p(1)"
 * ```
 */
export class JsonlSink implements TraceSink {
  #out: TextOutput;
  #canonical: boolean;
  #rid = "";
  #ridJson = '""';
  #pids = new Map<string, string>();

  /**
   * Creates the sink.
   *
   * @param target Path, writer (e.g. a `Deno.FsFile`) or stream.
   * @param options Options.
   */
  constructor(target: OutputTarget, options: JsonlOptions = {}) {
    this.#out = new TextOutput("JsonlSink", target, options);
    this.#canonical = options.canonical ?? false;
  }

  /**
   * Formats the event as one JSON line and buffers it (copies what it needs: the event is reused).
   *
   * @param e The event.
   * @throws {Error} if an earlier write failed or the sink is closed.
   */
  accept(e: TraceEvent): void {
    if (e.runId !== this.#rid) {
      this.#rid = e.runId;
      this.#ridJson = JSON.stringify(e.runId);
    }
    let pid = this.#pids.get(e.predId);
    if (pid === undefined) {
      pid = JSON.stringify(e.predId);
      this.#pids.set(e.predId, pid);
    }
    let s = '{"v":1,"rid":' + this.#ridJson + ',"sid":' + e.stepId + ',"p":' + e.port + ',"pid":' +
      pid +
      ',"fd":' + e.depth + ',"cd":' + e.choicepoints + ',"gh":' + e.goalHeight + ',"ws":' +
      e.writeStamp +
      ',"g":' + JSON.stringify(e.goalText) + ',"bid":' + e.invocationId + ',"pbid":' + e.parentId +
      ',"qid":' + e.queryId;
    if (e.det && e.port === 1 && e.kind === "") s += ',"d":1';
    if (this.#canonical) s += ',"gc":' + JSON.stringify(e.goalCanonical);
    const b = e.bindings;
    if (b !== undefined) {
      let sep = ',"b":{';
      for (const k in b) {
        const v = b[k];
        s += sep + JSON.stringify(k) + ":" + (v === null ? "null" : JSON.stringify(v));
        sep = ",";
      }
      s += sep === "," ? "}" : ',"b":{}';
    }
    if (e.port === 4 && e.ball !== null) s += ',"x":' + JSON.stringify(formatBall(e.ball));
    if (e.timestamp !== undefined) s += ',"t":' + Math.round(e.timestamp * 1e6);
    if (e.kind !== "") {
      s += ',"k":' + JSON.stringify(e.kind);
      if (e.details !== undefined) s += ',"d":' + JSON.stringify(e.details);
    }
    this.#out.write(s + "}");
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
