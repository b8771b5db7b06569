/**
 * An in-memory sink: keeps plain records, optionally as a ring buffer.
 *
 * During a run it stores each event's numbers and a frozen copy of its goal
 * (a {@linkcode GoalSnapshot}); the goal text is formatted when `events` is
 * read, so collecting costs a copy per event, not a formatting.
 *
 * @module
 */
import {
  type EventBindings,
  type EventRecord,
  type GoalSnapshot,
  PORT_NAMES,
  type TraceEvent,
} from "../events.ts";
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

/** One collected event before its text is formatted. */
class Entry {
  readonly port: number;
  readonly predId: string;
  readonly snap: GoalSnapshot | null;
  readonly kind: string;
  readonly details: Record<string, number | string> | undefined;
  readonly depth: number;
  readonly choicepoints: number;
  readonly goalHeight: number;
  readonly writeStamp: number;
  readonly stepId: number;
  readonly runId: string;
  readonly queryId: number;
  readonly invocationId: number;
  readonly parentId: number;
  readonly det: boolean;
  readonly bindings: EventBindings | undefined;
  readonly timestamp: number | undefined;
  constructor(e: TraceEvent) {
    this.port = e.port;
    this.predId = e.predId;
    this.kind = e.kind;
    this.details = e.details;
    this.snap = e.kind === "" ? e.snapshot() : null;
    this.depth = e.depth;
    this.choicepoints = e.choicepoints;
    this.goalHeight = e.goalHeight;
    this.writeStamp = e.writeStamp;
    this.stepId = e.stepId;
    this.runId = e.runId;
    this.queryId = e.queryId;
    this.invocationId = e.invocationId;
    this.parentId = e.parentId;
    this.det = e.det;
    this.bindings = e.bindings;
    this.timestamp = e.timestamp;
  }

  record(): EventRecord {
    const r: EventRecord = {
      port: PORT_NAMES[this.port],
      predId: this.predId,
      goal: this.snap === null ? "" : this.snap.text,
      depth: this.depth,
      choicepoints: this.choicepoints,
      goalHeight: this.goalHeight,
      writeStamp: this.writeStamp,
      stepId: this.stepId,
      runId: this.runId,
      queryId: this.queryId,
      invocationId: this.invocationId,
      parentId: this.parentId,
      det: this.det,
    };
    if (this.bindings !== undefined) r.bindings = this.bindings;
    if (this.timestamp !== undefined) r.timestamp = this.timestamp;
    if (this.kind !== "") {
      r.kind = this.kind;
      if (this.details !== undefined) r.details = this.details;
    }
    return r;
  }
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
  #entries: Entry[] = [];
  #start = 0;
  #max: number;
  #records: EventRecord[] = [];
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

  /** Takes one event: stores its numbers and a frozen copy of its goal. */
  accept(event: TraceEvent): void {
    const entry = new Entry(event);
    const entries = this.#entries;
    if (entries.length - this.#start >= this.#max) {
      // Ring buffer full: drop the oldest; compact once per `max` drops so
      // memory stays bounded.
      this.#start++;
      this.dropped++;
      if (this.#start >= this.#max) {
        this.#entries = entries.slice(this.#start);
        this.#records = this.#records.slice(Math.min(this.#start, this.#records.length));
        this.#start = 0;
      }
    }
    this.#entries.push(entry);
  }

  /** The records kept, oldest first (goal texts are formatted on first access). */
  get events(): EventRecord[] {
    if (this.#start > 0) {
      this.#entries = this.#entries.slice(this.#start);
      this.#records = this.#records.slice(Math.min(this.#start, this.#records.length));
      this.#start = 0;
    }
    const entries = this.#entries, records = this.#records;
    for (let i = records.length; i < entries.length; i++) records.push(entries[i].record());
    return records;
  }

  /** Number of records kept. */
  get size(): number {
    return this.#entries.length - this.#start;
  }

  /** Forgets all records (and the drop count). */
  clear(): void {
    this.#entries = [];
    this.#records = [];
    this.#start = 0;
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
