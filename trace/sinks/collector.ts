/**
 * An in-memory sink: keeps plain records, optionally as a ring buffer.
 *
 * Collecting must cost next to nothing per event, so an unbounded collector
 * keeps events in the machine's own encoding (`engine/ports.ts`): a row of
 * five numbers per event and a box table with one entry per invocation, in
 * typed arrays. When it is the tracer's only sink and nothing else reads
 * the events, the collector is never called per event: the machine's
 * recorder keeps each report as a row on its tape, and its Byrd-box rules
 * write the rows into the collector's log when the collector is read. The goal is not copied:
 * the collector keeps the run's binding history, a row records the
 * history's length, and the goal is rebuilt as it was at that point when
 * `events` is read (see `HistoryReader`).
 *
 * A bounded collector (a ring buffer) cannot keep whole histories or box
 * tables, so each of its rows holds the box's facts and a frozen copy of
 * the goal.
 *
 * @module
 */
import {
  B_DEPTH,
  B_FN,
  B_ID,
  B_PARENT,
  B_TAIL,
  BOX,
  boxGoal,
  PortLog,
  type Ports,
  R_CPS,
  R_FLAG,
  R_HEAD,
  R_HEIGHT,
  R_POS,
  R_STAMP,
  ROW,
} from "../../engine/ports.ts";
import { functorById } from "../../engine/term.ts";
import type { BindingLog } from "../../engine/unify.ts";
import {
  type EventBindings,
  type EventRecord,
  PORT_NAMES,
  type TraceEvent,
  type TraceRun,
} from "../events.ts";
import { GoalSnapshot, HistoryReader } from "../snapshot.ts";
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

/**
 * In a box the collector copied from an event (not written by the machine),
 * the parent's id: the parent may have no event of its own here.
 */
const B_PBID = B_TAIL;

/** Where the rows of one run (or of one binding history within it) start. */
class Mark {
  /** The reader of `history`, made on first use. */
  reader: HistoryReader | null = null;
  /**
   * For an event copied from the tracer: box ids of the run to the slots the
   * collector gave them.
   */
  slots: number[] | null = null;
  constructor(
    /** The first row. */
    readonly row: number,
    /** The step id of the first row, minus one. */
    readonly sid0: number,
    readonly run: TraceRun,
    /** The history the rows' positions refer to; dropped once they are formatted. */
    public history: BindingLog | null,
  ) {}
}

/** The rarely present parts of an event (bindings, timestamp, internal event). */
interface Extra {
  bindings: EventBindings | undefined;
  timestamp: number | undefined;
  kind: string;
  details: Record<string, number | string> | undefined;
}

// Columns of a ring buffer's row.
const RING_PORT_DET = 0; // port + 8 for a deterministic exit
const RING_CPS = 1;
const RING_HEIGHT = 2;
const RING_STAMP = 3;
const RING_STEP = 4;
const RING_BID = 5;
const RING_PBID = 6;
const RING_DEPTH = 7;
const RING_QID = 8;
const RING_STRIDE = 9;

/**
 * Collects events as plain, serialisable records (goal as text, as of the
 * event).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CollectorSink, Engine } from "../../mod.ts";
 * const e = new Engine("p(1). p(2).", { trace: true });
 * const sink = new CollectorSink();
 * e.tracer!.addSink(sink);
 * [...e.query("p(X)")];
 * assert.deepEqual([sink.events[0].port, sink.events[0].goal], ["call", "p(_G1)"]);
 * ```
 */
export class CollectorSink implements TraceSink {
  /** Reads goals at every call port it gets (see {@linkcode TraceSink.readsAtCall}). */
  readonly readsAtCall = true;
  readonly #max: number;
  /** @internal An unbounded collector's events and boxes (the machine may write them directly). */
  readonly log: PortLog = new PortLog();
  /** Where each run's rows start (ascending rows). */
  #marks: Mark[] = [];
  /** Bindings, timestamps and internal events by row (most events have none). */
  #extras = new Map<number, Extra>();
  /** Goals frozen at the event, by row: the history cannot show them. */
  #frozen = new Map<number, GoalSnapshot>();
  /**
   * Per box slot, its goal's text at its call: fail, exception and a redo
   * into its own clauses show it again (they read the history at the
   * call's position, behind the rows read since).
   */
  #callTexts: (string | undefined)[] = [];
  /** Whether the machine is writing a run into `log` (its box table must stay). */
  #direct = false;
  /** The recorder writing into `log`: its deferred reports are settled before rows are read. */
  #source: Ports | null = null;
  // A ring buffer's rows.
  #ring: Float64Array = new Float64Array(0);
  #ringPreds: string[] = [];
  #ringRuns: (TraceRun | null)[] = [];
  #ringGoals: (GoalSnapshot | null)[] = [];
  #ringCap = 0;
  /** Events a ring buffer accepted since the last clear; event `seq` sits in row `seq % #ringCap`. */
  #total = 0;
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

  /**
   * @internal For the tracer: the machine writes the rows of a run into
   * `log` from row `row` on, with the run's step ids counting from `sid0 + 1`.
   * Called again when the run's binding history restarts.
   *
   * @param run The run.
   * @param row Its first row.
   * @param sid0 The step id before that row.
   */
  startDirectRun(run: TraceRun, row: number, sid0: number): void {
    const marks = this.#marks;
    // A mark at the same row (left by `settle`) is superseded: it must not keep an old history.
    if (marks.length > 0 && marks[marks.length - 1].row === row) marks.pop();
    marks.push(new Mark(row, sid0 - row, run, run.history));
  }

  /**
   * @internal For the tracer: the machine's recorder starts a run written
   * directly into `log`; its rules run when rows are read (see `Ports.settle`).
   *
   * @param source The recorder.
   */
  attach(source: Ports): void {
    this.#direct = true;
    this.#source = source;
  }

  /** @internal For the tracer: the run written directly is over. */
  endDirectRun(): void {
    this.#direct = false;
  }

  /**
   * @internal For the tracer: the goal of row `row`, written directly,
   * frozen (the binding history cannot show it).
   *
   * @param row The row.
   * @param snap The goal.
   */
  freezeRow(row: number, snap: GoalSnapshot): void {
    this.#frozen.set(row, snap);
  }

  /** Takes one event: stores its numbers, and its box when first seen. */
  accept(e: TraceEvent): void {
    if (this.#max !== Infinity) {
      this.#acceptRing(e);
      return;
    }
    const log = this.log;
    const row = log.rowTop;
    let mark = this.#marks.length === 0 ? null : this.#marks[this.#marks.length - 1];
    if (mark === null || mark.run !== e.run || mark.history !== e.history || mark.slots === null) {
      // A new run, or the run's history started again.
      mark = new Mark(row, e.stepId - 1 - row, e.run!, e.history);
      mark.slots = [];
      this.#marks.push(mark);
    }
    let slot = 0;
    const bid = e.invocationId;
    if (bid !== 0) {
      slot = mark.slots![bid] ?? 0;
      if (slot === 0) slot = this.#copyBox(e, mark);
    }
    if (row >= log.rowCap) log.growRows(row);
    const r = log.rows, k = row * ROW;
    r[k + R_HEAD] = (slot << 4) | (e.det ? R_FLAG : 0) | e.port;
    r[k + R_CPS] = e.choicepoints;
    r[k + R_HEIGHT] = e.goalHeight;
    r[k + R_STAMP] = e.writeStamp;
    const pos = e.history !== null && e.kind === "" ? e.historyPos : -1;
    r[k + R_POS] = pos;
    if (pos < 0 && e.kind === "") this.#frozen.set(row, e.snapshot());
    const b = e.bindings;
    if (b !== undefined || e.timestamp !== undefined || e.kind !== "") {
      this.#extras.set(row, {
        bindings: b,
        timestamp: e.timestamp,
        kind: e.kind,
        details: e.details,
      });
    }
    log.rowTop = row + 1;
  }

  /** Gives the event's box a slot of this collector's own. */
  #copyBox(e: TraceEvent, mark: Mark): number {
    const log = this.log;
    const slot = log.boxTop++;
    if (slot >= log.boxCap) log.growBoxes(slot);
    const src = e.log.boxes, s = e.slot * BOX;
    const b = log.boxes, o = slot * BOX;
    b[o + B_ID] = e.invocationId;
    b[o + B_FN] = src[s + B_FN];
    b[o + B_PARENT] = 0;
    b[o + B_DEPTH] = src[s + B_DEPTH];
    b[o + B_PBID] = e.parentId;
    const goal = e.goal;
    log.setGoal(slot, goal === null ? undefined : goal);
    mark.slots![e.invocationId] = slot;
    return slot;
  }

  #acceptRing(e: TraceEvent): void {
    const seq = this.#total;
    if (seq >= this.#ringCap && this.#ringCap < this.#max) this.#growRing();
    if (seq >= this.#max) this.dropped++;
    const row = seq < this.#ringCap ? seq : seq % this.#ringCap;
    const n = this.#ring, o = row * RING_STRIDE;
    n[o + RING_PORT_DET] = e.det ? e.port + 8 : e.port;
    n[o + RING_CPS] = e.choicepoints;
    n[o + RING_HEIGHT] = e.goalHeight;
    n[o + RING_STAMP] = e.writeStamp;
    n[o + RING_STEP] = e.stepId;
    n[o + RING_BID] = e.invocationId;
    n[o + RING_PBID] = e.parentId;
    n[o + RING_DEPTH] = e.depth;
    n[o + RING_QID] = e.queryId;
    this.#ringPreds[row] = e.predId;
    this.#ringRuns[row] = e.run;
    this.#ringGoals[row] = e.kind === "" ? e.snapshot() : null;
    const extras = this.#extras;
    if (extras.size > 0 && seq >= this.#ringCap) extras.delete(seq - this.#ringCap); // overwritten
    const b = e.bindings;
    if (b !== undefined || e.timestamp !== undefined || e.kind !== "") {
      extras.set(seq, { bindings: b, timestamp: e.timestamp, kind: e.kind, details: e.details });
    }
    this.#total = seq + 1;
  }

  #growRing(): void {
    const cap = Math.min(this.#max, Math.max(64, this.#ringCap * 2));
    const n = new Float64Array(cap * RING_STRIDE);
    n.set(this.#ring);
    this.#ring = n;
    this.#ringCap = cap;
  }

  /** Runs the recorder's rules on its reports still waiting for this log. */
  #settleSource(): void {
    const s = this.#source;
    if (s !== null && s.log === this.log) s.settle();
  }

  /** Number of records kept. */
  get size(): number {
    this.#settleSource();
    return this.#max === Infinity ? this.log.rowTop : Math.min(this.#total, this.#max);
  }

  /** The records kept, oldest first (goal texts are formatted on first access). */
  get events(): EventRecord[] {
    this.#settleSource();
    const total = this.#max === Infinity ? this.log.rowTop : this.#total;
    const first = total - this.size;
    if (this.#recBase < first) {
      this.#records = this.#records.slice(Math.min(first - this.#recBase, this.#records.length));
      this.#recBase = first;
    }
    const records = this.#records;
    if (this.#max !== Infinity) {
      for (let seq = this.#recBase + records.length; seq < total; seq++) {
        records.push(this.#ringRecord(seq));
      }
      return records;
    }
    let m = 0;
    const marks = this.#marks;
    for (let row = this.#recBase + records.length; row < total; row++) {
      while (m + 1 < marks.length && marks[m + 1].row <= row) m++;
      records.push(this.#record(row, marks[m]));
    }
    return records;
  }

  #record(row: number, mark: Mark): EventRecord {
    const log = this.log, r = log.rows, k = row * ROW;
    const head = r[k + R_HEAD], port = head & 7, slot = head >>> 4;
    const b = log.boxes, o = slot * BOX;
    const parent = slot === 0 ? 0 : b[o + B_PARENT];
    const run = mark.run;
    const rec: EventRecord = {
      port: PORT_NAMES[port],
      predId: slot === 0 ? "" : functorById(b[o + B_FN])!.indicator,
      goal: "",
      depth: slot === 0 ? 0 : b[o + B_DEPTH],
      choicepoints: r[k + R_CPS],
      goalHeight: r[k + R_HEIGHT],
      writeStamp: r[k + R_STAMP],
      stepId: row + mark.sid0 + 1,
      runId: run.runId,
      queryId: run.queryId,
      invocationId: slot === 0 ? 0 : b[o + B_ID],
      parentId: slot === 0 ? 0 : parent !== 0 ? b[parent * BOX + B_ID] : b[o + B_PBID],
      det: port === 1 && (head & R_FLAG) !== 0,
    };
    const x = this.#extras.size === 0 ? undefined : this.#extras.get(row);
    if (x === undefined || x.kind === "") {
      const pos = r[k + R_POS];
      if (pos < 0) {
        const snap = this.#frozen.get(row);
        rec.goal = snap === undefined ? "" : snap.text;
      } else if (slot !== 0 && mark.history !== null) {
        // Call, and the ports that show the goal as at the call (fail,
        // exception, a redo into its own clauses; see `TraceEvent.asCalled`).
        const atPos = slot < log.pos.length ? log.pos[slot] : 0; // copied boxes keep none
        const atCall = pos === atPos &&
          (port === 0 || port === 3 || port === 4 || (port === 2 && (head & R_FLAG) !== 0));
        const text = atCall && port !== 0 ? this.#callTexts[slot] : undefined;
        if (text !== undefined) rec.goal = text;
        else {
          const reader = mark.reader ??= new HistoryReader(mark.history);
          reader.seek(pos);
          rec.goal = new GoalSnapshot(boxGoal(log, slot), run.context, reader).text;
          if (atCall) this.#callTexts[slot] = rec.goal;
        }
      }
    }
    if (x !== undefined) addExtra(rec, x);
    return rec;
  }

  #ringRecord(seq: number): EventRecord {
    const row = seq % this.#ringCap;
    const n = this.#ring, o = row * RING_STRIDE;
    const portDet = n[o + RING_PORT_DET];
    const run = this.#ringRuns[row];
    const rec: EventRecord = {
      port: PORT_NAMES[portDet & 7],
      predId: this.#ringPreds[row],
      goal: "",
      depth: n[o + RING_DEPTH],
      choicepoints: n[o + RING_CPS],
      goalHeight: n[o + RING_HEIGHT],
      writeStamp: n[o + RING_STAMP],
      stepId: n[o + RING_STEP],
      runId: run === null ? "" : run.runId,
      queryId: n[o + RING_QID],
      invocationId: n[o + RING_BID],
      parentId: n[o + RING_PBID],
      det: portDet >= 8,
    };
    const x = this.#extras.get(seq);
    if (x === undefined || x.kind === "") {
      const snap = this.#ringGoals[row];
      rec.goal = snap === null ? "" : snap.text;
    }
    if (x !== undefined) addExtra(rec, x);
    return rec;
  }

  /**
   * Formats the goals of the records kept so far (a term is about to change
   * in place, or the tracer starts a new binding history), then lets go of
   * the histories they were read from.
   */
  settle(): void {
    void this.events;
    const marks = this.#marks;
    for (const mark of marks) {
      mark.history = null;
      mark.reader = null;
    }
    if (this.#direct && marks.length > 0) {
      // The machine goes on writing the run here: its next rows read the history from here on.
      const last = marks[marks.length - 1];
      marks.push(new Mark(this.log.rowTop, last.sid0, last.run, last.run.history));
    }
  }

  /** Forgets all records (and the drop count). */
  clear(): void {
    const log = this.log;
    const source = this.#source;
    if (source !== null && source.log === log) {
      // Reports of a finished run are dropped unread; a running one goes on from them.
      if (this.#direct) source.settle();
      else source.discard();
    }
    if (this.#direct) {
      // The machine is writing a run here: its boxes stay, the rows go.
      const top = log.rowTop;
      log.rowTop = 0;
      const last = this.#marks[this.#marks.length - 1];
      this.#marks = [new Mark(0, last.sid0 + top, last.run, last.history)];
    } else {
      log.clear();
      if (this.#marks.length > 0) this.#marks = [];
    }
    if (this.#extras.size > 0) this.#extras.clear();
    if (this.#frozen.size > 0) this.#frozen.clear();
    if (this.#callTexts.length > 0) this.#callTexts = [];
    if (this.#ringCap > 1 << 16) {
      this.#ring = new Float64Array(0);
      this.#ringCap = 0;
      this.#ringPreds = [];
      this.#ringRuns = [];
      this.#ringGoals = [];
    } // else rows are overwritten in place: clearing often (once per query) makes no garbage.
    this.#total = 0;
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

function addExtra(rec: EventRecord, x: Extra): void {
  if (x.bindings !== undefined) rec.bindings = x.bindings;
  if (x.timestamp !== undefined) rec.timestamp = x.timestamp;
  if (x.kind !== "") {
    rec.kind = x.kind;
    if (x.details !== undefined) rec.details = x.details;
  }
}
