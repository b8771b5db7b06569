/**
 * An in-memory sink: keeps plain records, optionally as a ring buffer.
 *
 * Collecting must cost next to nothing per event, so a row is seven numbers
 * in one typed array: port, choicepoints, height, write stamp, step id,
 * history position and the invocation's id. The invocation itself (which
 * gives the predicate, goal, depth and ids) is kept once per run, by id, in
 * an unbounded collector, and per row in a ring buffer; runs and the rare
 * extras (bindings, timestamps, internal events) are kept aside. The goal is
 * not copied: while the collector is unbounded it asks the tracer for the
 * run's binding history and records the history's length, and the goal is
 * rebuilt as it was at that point when `events` is read (see
 * `HistoryReader`). A bounded collector (a ring buffer) cannot keep whole
 * histories, so it freezes a copy of each goal instead. When an unbounded
 * collector is the tracer's only sink and nothing else reads the event, the
 * tracer hands it the numbers directly (`acceptPort`), without filling the
 * event object.
 *
 * @module
 */
import { type EventBindings, type EventRecord, PORT_NAMES, type TraceEvent } from "../events.ts";
import { GoalSnapshot, HistoryReader, type RunContext } from "../snapshot.ts";
import type { Invocation } from "../../engine/machine.ts";
import type { BindingLog } from "../../engine/unify.ts";
import type { TraceSink } from "./sink.ts";

/**
 * Options of {@linkcode CollectorSink}.
 *
 * @example
 * ```ts
 * import type { CollectorOptions } from "./collector.ts";
 * const o: CollectorOptions = { maxEvents: 1000 };
 * ```
 */
export interface CollectorOptions {
  /** Keep only the newest `maxEvents` records (a ring buffer); unbounded by default. */
  maxEvents?: number;
}

// Columns of a row of numbers. The predicate, goal, depth and ids come from
// the event's invocation (immutable), kept by reference.
const PORT_DET = 0; // port + 8 for a deterministic exit
const CPS = 1;
const HEIGHT = 2;
const STAMP = 3;
const STEP = 4;
const POS = 5; // history position, or -1 when the goal column holds a snapshot
const BOX = 6; // the invocation's id in its run (0: none), for an unbounded collector
const STRIDE = 7;
/** Up to this many rows, `clear()` keeps the arrays (their old entries are overwritten). */
const REUSE_ROWS = 1 << 16;

/** What is shared by the events of one run. */
class RunInfo {
  readonly runId: string;
  readonly queryId: number;
  readonly context: RunContext | null;
  /** Dropped (with the reader) once every event that reads it is formatted. */
  history: BindingLog | null;
  reader: HistoryReader | null = null;
  /**
   * An unbounded collector's invocations by id, stored when first seen: a
   * row then holds only numbers (storing a new object in a long-lived array
   * on every event costs a write barrier each time).
   */
  readonly boxes: (Invocation | undefined)[] = [];
  constructor(e: TraceEvent) {
    this.runId = e.runId;
    this.queryId = e.queryId;
    this.context = e.context;
    this.history = e.history;
  }
}

/** The first event of a run. */
class RunMark {
  constructor(readonly seq: number, readonly run: RunInfo) {}
}

/** The rarely present parts of an event (bindings, timestamp, internal event). */
interface Extra {
  bindings: EventBindings | undefined;
  timestamp: number | undefined;
  kind: string;
  details: Record<string, number | string> | undefined;
}

/**
 * Collects events as plain, serialisable records (goal as text, as of the
 * event).
 *
 * @example
 * ```ts
 * import { CollectorSink, Engine } from "../../mod.ts";
 * const e = new Engine("p(1). p(2).", { trace: true });
 * const sink = new CollectorSink();
 * e.tracer!.addSink(sink);
 * [...e.query("p(X)")];
 * console.log(sink.events[0].port, sink.events[0].goal); // call p(_G1)
 * ```
 */
export class CollectorSink implements TraceSink {
  readonly #max: number;
  #nums = new Float64Array(64 * STRIDE);
  #cap = 64;
  #boxes: (Invocation | null)[] = [];
  /** Frozen goals, for a ring buffer only. */
  #goals: (GoalSnapshot | null)[] = [];
  /** Where each run's events start (ascending `seq`); read by binary search. */
  #marks: RunMark[] = [];
  /** Bindings, timestamps and internal events by `seq` (most events have none). */
  #extras = new Map<number, Extra>();
  /** Events accepted since the last clear; event `seq` sits in row `seq % #cap`. */
  #total = 0;
  #run: RunInfo | null = null;
  /** Records of events `#recBase ..`, formatted on first read. */
  #records: EventRecord[] = [];
  #recBase = 0;
  /** Records dropped because the ring buffer was full. */
  dropped = 0;

  /**
   * Creates a collector.
   *
   * @param options Options.
   */
  constructor(options: CollectorOptions = {}) {
    const max = options.maxEvents ?? Infinity;
    if (!(max > 0)) throw new RangeError(`maxEvents must be positive: got ${max}`);
    this.#max = max;
  }

  /** An unbounded collector reads goals through the run's binding history. */
  get usesHistory(): boolean {
    return this.#max === Infinity;
  }

  /** Takes one event: stores its numbers, and the goal with its history position. */
  accept(e: TraceEvent): void {
    const seq = this.#total;
    if (seq >= this.#cap && this.#cap < this.#max) this.#grow();
    if (seq >= this.#max) this.dropped++;
    // No modulo until the ring wraps: `%` on a double field is a slow call.
    const row = seq < this.#cap ? seq : seq % this.#cap;
    const o = row * STRIDE, nums = this.#nums;
    nums[o + PORT_DET] = e.det ? e.port + 8 : e.port;
    nums[o + CPS] = e.choicepoints;
    nums[o + HEIGHT] = e.goalHeight;
    nums[o + STAMP] = e.writeStamp;
    nums[o + STEP] = e.stepId;
    let run = this.#run;
    if (run === null || run.context !== e.context || run.history !== e.history) {
      this.#startRun(seq, run = new RunInfo(e)); // a new run, or the run's history started again
    }
    const lazy = this.#max === Infinity && e.history !== null;
    const pos = lazy && e.kind === "" ? e.historyPos : -1;
    nums[o + POS] = pos;
    const extras = this.#extras;
    if (extras.size > 0 && seq >= this.#cap) extras.delete(seq - this.#cap); // overwritten
    const b = e.bindings;
    if (b !== undefined || e.timestamp !== undefined || e.kind !== "") {
      extras.set(seq, { bindings: b, timestamp: e.timestamp, kind: e.kind, details: e.details });
    }
    const box = e.invocation;
    if (this.#max === Infinity) {
      const id = box === null ? 0 : box.id;
      nums[o + BOX] = id;
      if (id !== 0 && run.boxes[id] === undefined) run.boxes[id] = box!;
    } else if (row === this.#boxes.length) this.#boxes.push(box);
    else this.#boxes[row] = box;
    if (pos < 0) {
      // Frozen now: a ring buffer, or a goal the history cannot show.
      const snap = e.kind === "" ? e.snapshot() : null;
      if (row === this.#goals.length) this.#goals.push(snap);
      else this.#goals[row] = snap;
    }
    this.#total = seq + 1;
  }

  /**
   * @internal For the tracer: takes a port event as plain numbers, without a
   * filled event object. Only for an unbounded collector that is the
   * tracer's only sink, with no bindings or timestamps to keep; `pos` is the
   * history position (never -1); `e` gives the run (its history and context).
   *
   * @param port The port.
   * @param det A deterministic exit.
   * @param cps Choicepoints.
   * @param height Goal height.
   * @param stamp Write stamp.
   * @param sid Step id.
   * @param box The invocation.
   * @param pos History position of the goal.
   * @param e The tracer's event, for its run.
   */
  acceptPort(
    port: number,
    det: boolean,
    cps: number,
    height: number,
    stamp: number,
    sid: number,
    box: Invocation,
    pos: number,
    e: TraceEvent,
  ): void {
    const seq = this.#total;
    if (seq >= this.#cap) this.#grow();
    const o = seq * STRIDE, nums = this.#nums;
    nums[o + PORT_DET] = det ? port + 8 : port;
    nums[o + CPS] = cps;
    nums[o + HEIGHT] = height;
    nums[o + STAMP] = stamp;
    nums[o + STEP] = sid;
    nums[o + POS] = pos;
    let run = this.#run;
    if (run === null || run.history !== e.history || run.context !== e.context) {
      this.#startRun(seq, run = new RunInfo(e));
    }
    const id = box.id;
    nums[o + BOX] = id;
    if (run.boxes[id] === undefined) run.boxes[id] = box;
    this.#total = seq + 1;
  }

  #startRun(seq: number, run: RunInfo): void {
    this.#run = run;
    const marks = this.#marks;
    // A ring buffer forgets the marks of runs whose events are all dropped.
    while (marks.length > 1 && marks[1].seq <= seq - this.#cap) marks.shift();
    marks.push(new RunMark(seq, run));
  }

  /** The run of event `seq`: the last mark at or before it. */
  #runOf(seq: number): RunInfo {
    const marks = this.#marks;
    let lo = 0, hi = marks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (marks[mid].seq <= seq) lo = mid;
      else hi = mid - 1;
    }
    return marks[lo].run;
  }

  #grow(): void {
    const cap = this.#max < this.#cap * 2 ? this.#max : this.#cap * 2;
    const nums = new Float64Array(cap * STRIDE);
    nums.set(this.#nums);
    this.#nums = nums;
    this.#cap = cap;
  }

  /** The records kept, oldest first (goal texts are formatted on first access). */
  get events(): EventRecord[] {
    const first = this.#total - this.size;
    if (this.#recBase < first) {
      this.#records = this.#records.slice(Math.min(first - this.#recBase, this.#records.length));
      this.#recBase = first;
    }
    const records = this.#records;
    for (let seq = this.#recBase + records.length; seq < this.#total; seq++) {
      records.push(this.#record(seq));
    }
    return records;
  }

  #record(seq: number): EventRecord {
    const row = seq % this.#cap;
    const nums = this.#nums, o = row * STRIDE;
    const portDet = nums[o + PORT_DET];
    const run = this.#runOf(seq);
    const box = this.#max === Infinity
      ? (nums[o + BOX] === 0 ? null : run.boxes[nums[o + BOX]]!)
      : this.#boxes[row];
    const r: EventRecord = {
      port: PORT_NAMES[portDet & 7],
      predId: box === null ? "" : box.pred.fn.indicator,
      goal: "",
      depth: box === null ? 0 : box.depth,
      choicepoints: nums[o + CPS],
      goalHeight: nums[o + HEIGHT],
      writeStamp: nums[o + STAMP],
      stepId: nums[o + STEP],
      runId: run.runId,
      queryId: run.queryId,
      invocationId: box === null ? 0 : box.id,
      parentId: box === null || box.parent === null ? 0 : box.parent.id,
      det: portDet >= 8,
    };
    const x = this.#extras.get(seq);
    if (x === undefined || x.kind === "") r.goal = this.#goalText(row, box, run, nums[o + POS]);
    if (x !== undefined) {
      if (x.bindings !== undefined) r.bindings = x.bindings;
      if (x.timestamp !== undefined) r.timestamp = x.timestamp;
      if (x.kind !== "") {
        r.kind = x.kind;
        if (x.details !== undefined) r.details = x.details;
      }
    }
    return r;
  }

  #goalText(row: number, box: Invocation | null, run: RunInfo, pos: number): string {
    if (pos < 0) {
      const snap = this.#goals[row]; // a hole when the history started mid-way
      return snap === undefined || snap === null ? "" : snap.text;
    }
    const reader = run.reader ??= new HistoryReader(run.history!);
    reader.seek(pos);
    return new GoalSnapshot(box!.goal, run.context!, reader).text;
  }

  /**
   * Formats the goals of the records kept so far (a term is about to change
   * in place, or the tracer starts a new binding history), then lets go of
   * the histories they were read from.
   */
  settle(): void {
    void this.events;
    for (const mark of this.#marks) {
      mark.run.history = null;
      mark.run.reader = null;
    }
  }

  /** Number of records kept. */
  get size(): number {
    return Math.min(this.#total, this.#max);
  }

  /** Forgets all records (and the drop count). */
  clear(): void {
    if (this.#boxes.length > REUSE_ROWS) {
      this.#boxes = [];
      this.#goals = [];
    } // else rows are overwritten in place: clearing often (once per query) makes no garbage.
    if (this.#marks.length > 0) this.#marks = [];
    if (this.#extras.size > 0) this.#extras.clear();
    this.#total = 0;
    this.#run = null;
    if (this.#records.length > 0) this.#records = [];
    this.#recBase = 0;
    this.dropped = 0;
  }

  /** Nothing is buffered: does nothing. */
  flush(): void {}

  /** Nothing to release: resolves at once. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Closes the sink (`await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
