/**
 * A machine-readable trace: one compact JSON object per line (schema
 * `v:1`, described in `docs/TRACE_FORMAT.md`).
 *
 * ```text
 * {"v":1,"rid":"r","sid":1,"p":0,"pid":"p/1","fd":0,"cd":1,"gh":1,"ws":0,"g":"p(_G1)","bid":1,"pbid":0,"qid":1}
 * ```
 *
 * Lines are encoded piece by piece straight into the output buffer: the
 * fixed keys, the run id and each predicate id (per port) are encoded once
 * and cached, numbers are written digit by digit, and the goal text is
 * copied as is when it needs no JSON escapes. Only the rare optional keys
 * (`d`, `gc`, `b`, `x`, `t`, `k`) are built as a string.
 *
 * @module
 */
import type { TraceEvent } from "../events.ts";
import { formatBall, type OutputOptions, type OutputTarget, TextOutput } from "./_output.ts";
import {
  Fragment,
  FRAGMENT_SLACK,
  NUM_BYTES,
  putFragment,
  putJsonString,
  putNum,
} from "./_line_buffer.ts";
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

const PORT_NUMBERS = [0, 1, 2, 3, 4, 5];
const CD = new Fragment(',"cd":');
const GH = new Fragment(',"gh":');
const WS = new Fragment(',"ws":');
const G = new Fragment(',"g":');
const BID = new Fragment(',"bid":');
const PBID = new Fragment(',"pbid":');
const QID = new Fragment(',"qid":');
const DET = new Fragment(',"d":1');
const CLOSE = new Fragment("}");
/** Room for the keys and numbers of a line besides the head, predicate and goal. */
const FIXED = CD.length + GH.length + WS.length + G.length + BID.length + PBID.length +
  QID.length + DET.length + CLOSE.length + 8 * NUM_BYTES + FRAGMENT_SLACK;

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
  /** `{"v":1,"rid":...,"sid":` for the current run id. */
  #head = new Fragment('{"v":1,"rid":"","sid":');
  /** Per predicate id, per port: `,"p":P,"pid":...,"fd":`. */
  #pids = new Map<string, Fragment[]>();

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
    // Everything that can throw comes before beginLine (a begun line counts as given).
    const goal = e.goalText;
    const det = e.det && e.port === 1 && e.kind === "";
    const extra = this.#canonical || e.bindings !== undefined || e.ball !== null ||
        e.timestamp !== undefined || e.kind !== ""
      ? this.#extra(e)
      : "";
    if (e.runId !== this.#rid) {
      this.#rid = e.runId;
      this.#head = new Fragment('{"v":1,"rid":' + JSON.stringify(e.runId) + ',"sid":');
    }
    let frags = this.#pids.get(e.predId);
    if (frags === undefined) {
      const pid = JSON.stringify(e.predId);
      frags = PORT_NUMBERS.map((p) => new Fragment(',"p":' + p + ',"pid":' + pid + ',"fd":'));
      this.#pids.set(e.predId, frags);
    }
    const b = this.#out.beginLine();
    const head = this.#head, frag = frags[e.port];
    let buf = b.reserve(head.length + frag.length + goal.length + 2 + FIXED);
    let view = b.view;
    let p = putFragment(view, b.length, head);
    p = putNum(buf, p, e.stepId);
    p = putFragment(view, p, frag);
    p = putNum(buf, p, e.depth);
    p = putFragment(view, p, CD);
    p = putNum(buf, p, e.choicepoints);
    p = putFragment(view, p, GH);
    p = putNum(buf, p, e.goalHeight);
    p = putFragment(view, p, WS);
    p = putNum(buf, p, e.writeStamp);
    p = putFragment(view, p, G);
    const q = putJsonString(buf, p, goal);
    if (q >= 0) {
      p = q;
    } else {
      b.commit(p);
      b.json(goal);
      buf = b.reserve(FIXED);
      view = b.view;
      p = b.length;
    }
    p = putFragment(view, p, BID);
    p = putNum(buf, p, e.invocationId);
    p = putFragment(view, p, PBID);
    p = putNum(buf, p, e.parentId);
    p = putFragment(view, p, QID);
    p = putNum(buf, p, e.queryId);
    if (det) p = putFragment(view, p, DET);
    if (extra === "") {
      b.commit(putFragment(view, p, CLOSE));
    } else {
      b.commit(p);
      b.text(extra);
      b.ascii("}");
    }
    this.#out.endLine();
  }

  /** The optional keys after `d`, as text. */
  #extra(e: TraceEvent): string {
    let s = "";
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
    return s;
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
