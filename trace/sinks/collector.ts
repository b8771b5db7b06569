/**
 * An in-memory sink: keeps plain records, optionally as a ring buffer.
 *
 * @module
 */
import { type EventRecord, toRecord, type TraceEvent } from "../events.ts";
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
 * Collects events as plain, serialisable records (goal as text, as of the
 * event).
 *
 * @example
 * ```ts
 * import { Engine, CollectorSink } from "../../mod.ts";
 * const e = new Engine("p(1). p(2).", { trace: true });
 * const sink = new CollectorSink();
 * e.tracer!.addSink(sink);
 * [...e.query("p(X)")];
 * console.log(sink.events[0].port, sink.events[0].goal); // call p(_G1)
 * ```
 */
export class CollectorSink implements TraceSink {
  #buf: EventRecord[] = [];
  #start = 0;
  #max: number;
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

  /** Takes one event. */
  accept(event: TraceEvent): void {
    const r = toRecord(event);
    if (this.#buf.length - this.#start < this.#max) {
      this.#buf.push(r);
      return;
    }
    // Ring buffer full: drop the oldest. Compact occasionally so memory stays bounded.
    this.#start++;
    this.dropped++;
    this.#buf.push(r);
    if (this.#start >= this.#max) {
      this.#buf = this.#buf.slice(this.#start);
      this.#start = 0;
    }
  }

  /** The records kept, oldest first. */
  get events(): EventRecord[] {
    if (this.#start > 0) {
      this.#buf = this.#buf.slice(this.#start);
      this.#start = 0;
    }
    return this.#buf;
  }

  /** Forgets all records (and the drop count). */
  clear(): void {
    this.#buf = [];
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
