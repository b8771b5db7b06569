/**
 * A machine-readable trace: one compact JSON object per line (schema
 * `v:1`, described in `docs/TRACE_FORMAT.md`).
 *
 * ```text
 * {"v":1,"rid":"r","sid":1,"p":0,"pid":"p/1","fd":0,"cd":1,"gh":1,"ws":0,"g":"p(_G1)","bid":1,"pbid":0,"qid":1}
 * ```
 *
 * Lines are encoded piece by piece straight into the output buffer: the
 * fixed keys, the run id, each predicate id (per port) and the query id are
 * encoded once and cached; a small number (a depth, a choicepoint count,
 * ...) is cached together with the key after it, so most of a line is a
 * few copies of encoded text; other numbers are written digit by digit, and
 * the goal text is copied as is when it needs no JSON escapes. Only the
 * rare optional keys (`gc`, `b`, `x`, `t`, `k`) are built as a string.
 *
 * @module
 */
import type { TraceEvent } from "../events.ts";
import { formatBall, type OutputOptions, type OutputTarget, TextOutput } from "./_output.ts";
import {
  Fragment,
  FRAGMENT_SLACK,
  NUM_BYTES,
  NumberFragments,
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
// Depths, choicepoint counts and goal heights are mostly small, and so are
// write stamps and invocation ids early in a run: a small one comes with the
// key after it as one cached fragment (`2,"gh":`).
const FD_CD = new NumberFragments("", ',"cd":');
const CD_GH = new NumberFragments("", ',"gh":');
const GH_WS = new NumberFragments("", ',"ws":');
const WS_G = new NumberFragments("", ',"g":');
const BID_PBID = new NumberFragments(',"bid":', ',"pbid":');
const QID = new Fragment(',"qid":');
const DET = new Fragment(',"d":1');
/** The goal's quotes. */
const QUOTES = 2;
/** Room for the line besides the head, the predicate part, the goal text and the tail. */
const FIXED = 3 * NUM_BYTES + FD_CD.maxLength + CD_GH.maxLength + GH_WS.maxLength +
  WS_G.maxLength + QUOTES + BID_PBID.maxLength + QID.length + DET.length + FRAGMENT_SLACK;

/** The end of a line, the same for a whole query: `,"qid":Q}`, and with `,"d":1` before the `}`. */
class Tail {
  /** The query id. */
  readonly queryId: number;
  /** `,"qid":Q}`. */
  readonly plain: Fragment;
  /** `,"qid":Q,"d":1}`, for deterministic exits. */
  readonly det: Fragment;
  /** Encodes both ends for `queryId`. */
  constructor(queryId: number) {
    this.queryId = queryId;
    this.plain = new Fragment(',"qid":' + queryId + "}");
    this.det = new Fragment(',"qid":' + queryId + ',"d":1}');
  }
}

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
  /** Reads goals at every call port it gets (see {@linkcode TraceSink.readsAtCall}). */
  readonly readsAtCall = true;
  #out: TextOutput;
  #canonical: boolean;
  #rid = "";
  /** `{"v":1,"rid":...,"sid":` for the current run id. */
  #head = new Fragment('{"v":1,"rid":"","sid":');
  /** Per predicate id, per port: `,"p":P,"pid":...,"fd":`. */
  #pids = new Map<string, Fragment[]>();
  /** The end of the lines of the current query. */
  #tail = new Tail(0);

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

  /** Reads goals only as text unless `canonical` is set (see {@linkcode TraceSink.readsTextOnly}). */
  get readsTextOnly(): boolean {
    return !this.#canonical;
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
    const predId = e.predId;
    const preds = this.#pids.get(predId) ?? this.#addPred(predId);
    const queryId = e.queryId;
    let tail = this.#tail;
    if (tail.queryId !== queryId) tail = this.#tail = new Tail(queryId);
    const b = this.#out.beginLine();
    const head = this.#head, pred = preds[e.port];
    let buf = b.reserve(head.length + pred.length + goal.length + tail.det.length + FIXED);
    let view = b.view;
    let p = putFragment(view, b.length, head);
    p = putNum(buf, p, e.stepId);
    p = putFragment(view, p, pred);
    p = FD_CD.put(view, buf, p, e.depth);
    p = CD_GH.put(view, buf, p, e.choicepoints);
    p = GH_WS.put(view, buf, p, e.goalHeight);
    p = WS_G.put(view, buf, p, e.writeStamp);
    const q = putJsonString(buf, p, goal);
    if (q >= 0) {
      p = q;
    } else {
      b.commit(p);
      b.json(goal);
      buf = b.reserve(tail.det.length + FIXED);
      view = b.view;
      p = b.length;
    }
    p = BID_PBID.put(view, buf, p, e.invocationId);
    p = putNum(buf, p, e.parentId);
    if (extra === "") {
      b.commit(putFragment(view, p, det ? tail.det : tail.plain));
    } else {
      p = putNum(buf, putFragment(view, p, QID), queryId);
      b.commit(det ? putFragment(view, p, DET) : p);
      b.text(extra);
      b.ascii("}");
    }
    this.#out.endLine();
  }

  /** Encodes and caches the per-port parts of a predicate id seen for the first time. */
  #addPred(predId: string): Fragment[] {
    const pid = JSON.stringify(predId);
    const preds = PORT_NUMBERS.map((p) => new Fragment(',"p":' + p + ',"pid":' + pid + ',"fd":'));
    this.#pids.set(predId, preds);
    return preds;
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
