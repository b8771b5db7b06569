/**
 * A sink that discards events (to measure the tracer's own cost).
 *
 * @module
 */
import type { TraceEvent } from "../events.ts";
import type { TraceSink } from "./sink.ts";

/**
 * Discards every event, counting them.
 *
 * @example
 * ```ts
 * import { NullSink } from "./null.ts";
 * const s = new NullSink();
 * console.log(s.count); // 0
 * ```
 */
export class NullSink implements TraceSink {
  /** Events accepted. */
  count = 0;
  /** The sink never reads goals (see {@linkcode TraceSink.readsGoals}). */
  readonly readsGoals = false;
  /** Takes one event. */
  accept(_event: TraceEvent): void {
    this.count++;
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
