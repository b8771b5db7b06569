/**
 * The tracer's list of sinks, and what happens when one fails.
 *
 * By default (`onSinkError: "detach"`) a sink that throws, from `accept`
 * or from `flush`, `drain` or `close` (a text sink's write failure comes out
 * of one of these: see `sinks/_output.ts`), is detached and the query goes
 * on; the failure is kept as a {@linkcode SinkFailure} with the exact number
 * of events the sink lost, and `flush()` / `close()` reject with it. With
 * `onSinkError: "abort"` the error propagates as it is (out of the query,
 * `flush`, `drain` or `close`). An error thrown by the tracer while it
 * computes an event's lazy parts for a sink (goal text, bindings) is not
 * the sink's: it propagates under both policies.
 *
 * @module
 */
import type { EventSource, TraceEvent } from "./events.ts";
import type { TraceSink } from "./sinks/sink.ts";

/**
 * What the tracer does when a sink throws: `"detach"` (default) detaches the
 * sink and goes on; `"abort"` lets the error propagate (out of the query).
 *
 * @example
 * ```ts
 * import type { SinkErrorPolicy } from "./_sink_set.ts";
 * const p: SinkErrorPolicy = "abort";
 * ```
 */
export type SinkErrorPolicy = "detach" | "abort";

/** Where a sink failed. */
export type SinkFailurePhase = "accept" | "drain" | "flush" | "close";

/**
 * A sink that failed and was detached (see `Tracer.errors`).
 *
 * Counts, for the events the tracer emitted from the sink's `addSink` until
 * the tracer's `close()`:
 * - `given`: the events handed to the sink before it failed (its `accept`
 *   was called), including the one whose `accept` threw;
 * - `lost`: every one of those events the sink did not write: the ones it
 *   was given but did not write (accepted but still buffered, or whose
 *   `accept` threw), plus every event emitted after it was detached. It
 *   grows while queries run and is final once the tracer is closed (or the
 *   sink is added again). A sink's written events are its
 *   {@linkcode TraceSink.eventsWritten} (the text sinks report it); for a
 *   sink without it, every event whose `accept` returned counts as written.
 *   So `given + (events emitted after the failure) = written + lost`.
 *
 * @example
 * ```ts
 * import { CollectorSink, Engine, type SinkFailure, type TraceSink } from "../mod.ts";
 * const e = new Engine("p(1). p(2).", { trace: true });
 * let n = 0;
 * const flaky: TraceSink = {
 *   accept() {
 *     if (++n === 2) throw new Error("boom");
 *   },
 *   flush() {},
 *   async close() {},
 * };
 * e.tracer!.addSink(flaky);
 * e.tracer!.addSink(new CollectorSink());
 * console.log([...e.query("p(X)")].length); // 2: the query goes on
 * const f: SinkFailure = e.tracer!.errors[0];
 * console.log(f.given, f.lost); // 2 3: four events in all, one written
 * await e.tracer!.close().catch((err) => console.log(err.message));
 * ```
 */
export interface SinkFailure {
  /** The sink (no longer attached). */
  readonly sink: TraceSink;
  /** The sink's class name (`JsonlSink`, ...; `TraceSink` for a plain object). */
  readonly sinkName: string;
  /** What the sink threw. */
  readonly error: unknown;
  /** Where it failed. */
  readonly phase: SinkFailurePhase;
  /** Events handed to the sink, including one whose `accept` threw. */
  readonly given: number;
  /** Events the sink did not write (see above): exact, final after `close()`. */
  readonly lost: number;
  /** `trace sink JsonlSink failed after N events and was detached: ...; M events were not written`. */
  readonly message: string;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

function nameOf(sink: TraceSink): string {
  const name = (Object.getPrototypeOf(sink) as { constructor?: { name?: unknown } } | null)
    ?.constructor?.name;
  return typeof name === "string" && name !== "" && name !== "Object" ? name : "TraceSink";
}

function written(sink: TraceSink): number | undefined {
  const n = sink.eventsWritten;
  return typeof n === "number" ? n : undefined;
}

/** The record behind a {@linkcode SinkFailure}. */
class Failure implements SinkFailure {
  readonly sink: TraceSink;
  readonly sinkName: string;
  readonly error: unknown;
  readonly phase: SinkFailurePhase;
  readonly given: number;
  /** Tracer events at the sink's `addSink`. */
  readonly #since: number;
  /** Its `eventsWritten` then (undefined: it does not report it). */
  readonly #writtenBase: number | undefined;
  readonly #emitted: () => number;
  /** Tracer events when counting stopped (close), or -1. */
  #end = -1;
  /** Events written, once final. */
  #written = -1;

  constructor(
    sink: TraceSink,
    error: unknown,
    phase: SinkFailurePhase,
    since: number,
    writtenBase: number | undefined,
    emitted: () => number,
  ) {
    this.sink = sink;
    this.sinkName = nameOf(sink);
    this.error = error;
    this.phase = phase;
    this.#since = since;
    this.#writtenBase = writtenBase;
    this.#emitted = emitted;
    this.given = emitted() - since;
  }

  get #writtenNow(): number {
    if (this.#written >= 0) return this.#written;
    const now = this.#writtenBase === undefined ? undefined : written(this.sink);
    if (now === undefined) return this.phase === "accept" ? this.given - 1 : this.given;
    return Math.min(this.given, Math.max(0, now - this.#writtenBase!));
  }

  get lost(): number {
    const end = this.#end >= 0 ? this.#end : this.#emitted();
    return end - this.#since - this.#writtenNow;
  }

  /** Stops counting: events emitted from now on are not this sink's. */
  freeze(): void {
    if (this.#end >= 0) return;
    this.#written = this.#writtenNow;
    this.#end = this.#emitted();
  }

  get message(): string {
    const why = this.error instanceof Error ? this.error.message : String(this.error);
    return `trace sink ${this.sinkName} failed after ${plural(this.given, "event")} and was ` +
      `detached: ${why}; ${plural(this.lost, "event")} ${
        this.lost === 1 ? "was" : "were"
      } not written`;
  }
}

/**
 * The last error thrown while the tracer computed a lazy part of an event
 * (goal text, bindings, ...) for a sink: the tracer's failure, not the
 * sink's, so it is not a reason to detach the sink.
 */
const NO_ERROR: unknown = Symbol("no error");
let eventError: unknown = NO_ERROR;

function marked(x: unknown): unknown {
  eventError = x;
  return x;
}

/** The error `flush()` / `close()` reject with, for the failures given. */
function failureError(failures: readonly SinkFailure[]): Error {
  const one = (f: SinkFailure) =>
    new Error(f.message.charAt(0).toUpperCase() + f.message.slice(1), { cause: f.error });
  if (failures.length === 1) return one(failures[0]);
  const lost = failures.reduce((n, f) => n + f.lost, 0);
  return new AggregateError(
    failures.map(one),
    `${failures.length} trace sinks failed and were detached (` +
      failures.map((f) => f.sinkName).join(", ") +
      `); ${plural(lost, "event")} in all were not written`,
  );
}

/**
 * The tracer's sinks: attaching, dispatching events, flushing, draining and
 * closing them under a {@linkcode SinkErrorPolicy}. Private to the tracer.
 *
 * @example
 * ```ts
 * import { SinkSet } from "./_sink_set.ts";
 * import { CollectorSink } from "./sinks/collector.ts";
 * let emitted = 0;
 * const set = new SinkSet(undefined, () => emitted);
 * set.add(new CollectorSink());
 * console.log(set.list.length, set.failures.length); // 1 0
 * ```
 */
export class SinkSet {
  /** The attached sinks. The array is never replaced: the tracer keeps it. */
  readonly list: TraceSink[] = [];
  /** Whether some sink has a backlog to report (`needsDrain`): else it is not asked per event. */
  drains = false;
  /** The detached failing sinks, oldest first. */
  readonly failures: SinkFailure[] = [];
  readonly #abort: boolean;
  readonly #emitted: () => number;
  /** Per attached sink: tracer events at its `addSink`. */
  readonly #since: number[] = [];
  /** Per attached sink: its `eventsWritten` then. */
  readonly #writtenBase: (number | undefined)[] = [];
  /** Failures before this index were reported by `flush()`; by `close()`. */
  #flushReported = 0;
  #closeReported = 0;

  /**
   * Creates the set.
   *
   * @param policy What to do when a sink throws (default `"detach"`).
   * @param emitted The tracer's count of emitted events.
   * @throws {TypeError} for a policy other than `"detach"` or `"abort"`.
   */
  constructor(policy: SinkErrorPolicy | undefined, emitted: () => number) {
    if (policy !== undefined && policy !== "detach" && policy !== "abort") {
      throw new TypeError(`Invalid onSinkError "${policy}": expected detach or abort`);
    }
    this.#abort = policy === "abort";
    this.#emitted = emitted;
  }

  /**
   * Wraps the tracer's event source (policy `"detach"`) so that an error
   * thrown while computing an event's lazy parts is known as the tracer's:
   * it propagates out of the query as before instead of detaching the
   * sink that asked for the part.
   *
   * @param source The event source.
   * @returns The source to give the event.
   */
  guard(source: EventSource): EventSource {
    if (this.#abort) return source;
    return {
      bindingsOn: source.bindingsOn,
      goalText(e) {
        try {
          return source.goalText(e);
        } catch (x) {
          throw marked(x);
        }
      },
      goalCanonical(e) {
        try {
          return source.goalCanonical(e);
        } catch (x) {
          throw marked(x);
        }
      },
      bindings(e) {
        try {
          return source.bindings(e);
        } catch (x) {
          throw marked(x);
        }
      },
      snapshot(e) {
        try {
          return source.snapshot(e);
        } catch (x) {
          throw marked(x);
        }
      },
    };
  }

  /**
   * Attaches a sink.
   *
   * @param sink The sink.
   */
  add(sink: TraceSink): void {
    this.list.push(sink);
    this.#since.push(this.#emitted());
    this.#writtenBase.push(written(sink));
    this.drains ||= "needsDrain" in sink;
    // A failed sink added again: its earlier failure stops counting.
    for (const f of this.failures) if (f.sink === sink) (f as Failure).freeze();
  }

  /**
   * Detaches a sink (it is not closed).
   *
   * @param sink The sink.
   * @returns Whether it was attached.
   */
  remove(sink: TraceSink): boolean {
    const i = this.list.indexOf(sink);
    if (i < 0) return false;
    this.#removeAt(i);
    return true;
  }

  #removeAt(i: number): void {
    this.list.splice(i, 1);
    this.#since.splice(i, 1);
    this.#writtenBase.splice(i, 1);
    this.drains = this.list.some((s) => "needsDrain" in s);
  }

  /** Detaches the sink at `i` and records its failure. */
  #fail(i: number, error: unknown, phase: SinkFailurePhase): void {
    const sink = this.list[i];
    const f = new Failure(sink, error, phase, this.#since[i], this.#writtenBase[i], this.#emitted);
    this.#removeAt(i);
    this.failures.push(f);
  }

  /**
   * Hands the event to every sink; a sink that throws is detached (policy
   * `"detach"`) and the others still get the event.
   *
   * @param e The event.
   * @returns True when some sink now wants its backlog drained.
   */
  accept(e: TraceEvent): boolean {
    const sinks = this.list;
    // One try around each loop (not one per sink): the loops stay as cheap
    // as without it; after a failure the loop resumes at the next sink.
    let i = 0;
    if (!this.drains) {
      for (;;) {
        try {
          for (; i < sinks.length; i++) sinks[i].accept(e);
          return false;
        } catch (err) {
          this.#failed(i, err);
        }
      }
    }
    let pause = false;
    for (;;) {
      try {
        for (; i < sinks.length; i++) {
          const sink = sinks[i];
          sink.accept(e);
          if (sink.needsDrain === true) pause = true;
        }
        return pause;
      } catch (err) {
        this.#failed(i, err);
      }
    }
  }

  /** The sink at `i` threw from `accept`: detach it, or rethrow (policy "abort", or the tracer's error). */
  #failed(i: number, err: unknown): void {
    const mine = eventError === err;
    eventError = NO_ERROR;
    if (this.#abort || mine) throw err;
    this.#fail(i, err, "accept");
  }

  /**
   * Waits until every sink's backlog is written; a sink whose drain fails is
   * detached (policy `"detach"`: this then resolves).
   */
  async drain(): Promise<void> {
    for (let i = 0; i < this.list.length; i++) {
      const sink = this.list[i];
      if (!sink.drain) continue;
      if (this.#abort) {
        await sink.drain();
        continue;
      }
      try {
        await sink.drain();
      } catch (err) {
        const at = this.list.indexOf(sink);
        if (at >= 0) this.#fail(at, err, "drain");
        if (at <= i) i--;
      }
    }
  }

  /**
   * Flushes every sink. Policy `"detach"`: a sink that fails is detached and
   * the others are flushed; then rejects if some sink failed since the last
   * `flush()` (whenever it failed).
   *
   * @throws {Error} the failure (an `AggregateError` for several).
   */
  async flush(): Promise<void> {
    if (this.#abort) {
      for (const s of this.list) await s.flush();
      return;
    }
    for (const sink of [...this.list]) {
      try {
        await sink.flush();
      } catch (err) {
        const at = this.list.indexOf(sink);
        if (at >= 0) this.#fail(at, err, "flush");
      }
    }
    const fresh = this.failures.slice(this.#flushReported);
    this.#flushReported = this.failures.length;
    if (fresh.length > 0) throw failureError(fresh);
  }

  /**
   * Detaches every sink now, then closes them (and the failed ones, whose
   * errors are already recorded). Policy `"detach"`: rejects when a sink
   * failed since the last `close()`, after closing all the others; the
   * failures' counts are final from here.
   *
   * @throws {Error} the failure (an `AggregateError` for several).
   */
  async close(): Promise<void> {
    const sinks = this.list.slice();
    const since = this.#since.slice(), bases = this.#writtenBase.slice();
    this.list.length = this.#since.length = this.#writtenBase.length = 0;
    this.drains = false;
    if (this.#abort) {
      let first: unknown = null;
      for (const s of sinks) {
        try {
          await s.close();
        } catch (e) {
          first ??= e;
        }
      }
      if (first !== null) throw first;
      return;
    }
    const failed = this.failures.slice(this.#closeReported) as Failure[];
    for (const f of failed) {
      try {
        await f.sink.close();
      } catch { /* its failure is recorded */ }
      f.freeze();
    }
    for (let i = 0; i < sinks.length; i++) {
      try {
        await sinks[i].close();
      } catch (err) {
        const f = new Failure(sinks[i], err, "close", since[i], bases[i], this.#emitted);
        f.freeze();
        this.failures.push(f);
      }
    }
    const fresh = this.failures.slice(this.#closeReported);
    this.#closeReported = this.#flushReported = this.failures.length;
    if (fresh.length > 0) throw failureError(fresh);
  }
}
