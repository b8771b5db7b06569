/**
 * The sink contract: a synchronous `accept`, plus `flush` and an async
 * `close` (also reachable through `await using`).
 *
 * @module
 */
import type { TraceEvent } from "../events.ts";

/**
 * Receives trace events. `accept` must copy whatever it keeps: the event
 * object is reused by the tracer.
 *
 * @example
 * ```ts
 * import type { TraceSink } from "./sink.ts";
 * const counter: TraceSink & { n: number } = {
 *   n: 0,
 *   accept() { this.n++; },
 *   flush() {},
 *   async close() {},
 * };
 * ```
 */
export interface TraceSink {
  /** Takes one event. Throws if the sink has failed (e.g. a write error). */
  accept(event: TraceEvent): void;
  /** Writes out buffered data. */
  flush(): void | Promise<void>;
  /** Flushes and releases resources; everything accepted before is written. */
  close(): Promise<void>;
  /** True while the sink holds more unwritten output than it wants; the async query path then awaits {@linkcode TraceSink.drain}. */
  readonly needsDrain?: boolean;
  /** Resolves when the backlog is written. */
  drain?(): Promise<void>;
  /**
   * True when the sink reads goals later through the run's binding history
   * (`event.history`); read at the start of each run. The tracer then keeps
   * one for the run.
   */
  readonly usesHistory?: boolean;
  /**
   * False when the sink never reads an event's goal (`goal`, `goalText`,
   * `goalCanonical`, `snapshot()`, `bindings`): a sink that counts or
   * times events. While no sink (and no custom filter) reads goals, the
   * tracer keeps nothing to show them: a pending box then costs a few
   * dozen bytes. Read at the start of each run; default true. (A sink
   * that reads goals, added during such a run, sees empty goals for the
   * boxes made before it came.)
   */
  readonly readsGoals?: boolean;
  /**
   * True when the sink reads goals only through `goalText`,
   * `goalCanonical`, `bindings` and `snapshot()`, and reads at every call
   * port it gets whichever of them it reads later. At fail, exception and
   * redo into its own clauses the tracer then answers from what was read
   * at the call, and the machine keeps conditional trailing. Otherwise
   * (the default) every binding is trailed while tracing, so that
   * backtracking restores each goal exactly as it was at its call.
   */
  readonly readsAtCall?: boolean;
  /**
   * True when the sink reads an event's goal only as `goalText` (never
   * `goal`, `goalCanonical` or `snapshot()`). While every sink does so, no
   * custom filter is set and no bindings are shown, a box whose goal can
   * no longer change keeps its text instead of the call's arguments: a
   * long chain of pending boxes costs a short string each. Read at the
   * start of each run; default false.
   */
  readonly readsTextOnly?: boolean;
  /**
   * Called before a term is changed in place (`setarg/3`), which neither a
   * binding history nor a goal snapshot (it shares compound parts) records:
   * a sink that formats goals later must format the ones it keeps now.
   */
  settle?(): void;
  /**
   * Events accepted so far that reached the target (the text sinks count
   * their lines). When the sink fails, the tracer counts the events it did
   * not write from this; without it, each event whose `accept` returned
   * counts as written.
   */
  readonly eventsWritten?: number;
}
