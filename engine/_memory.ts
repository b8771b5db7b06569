/**
 * The memory limit of a run (the `stack_limit` flag, SWI-Prolog's name):
 * how much the JS heap may grow while a query runs before the query gets
 * `resource_error(memory)`.
 *
 * Everything a run builds (frames, choicepoints, trail entries, terms,
 * findall/assert copies, atom text) lives on V8's heap, and terms reachable
 * from the query's variables are live data no stack height can count (a
 * list built by a last-call recursion keeps no frame). So the gauge reads
 * V8's own count of heap bytes (`node:v8` `getHeapStatistics`, ~1 us: a
 * counter read, not an OS poll) every {@linkcode HEAP_CHECK_EVERY}-th limit
 * check of the machine, and compares the growth since the run started with
 * the limit. V8's count includes garbage not yet collected, so the baseline
 * is the lowest count seen, and after a raise the count at the raise is the
 * baseline until a collection brings the count well below it: the garbage
 * of the unwound run does not count against the code that handles the
 * error.
 *
 * Independently of the limit, a run stops when the heap passes
 * {@linkcode HEAP_DANGER} of V8's own heap limit, past which the process
 * would die of out-of-memory (the host application with it).
 *
 * @module
 */
import { getHeapStatistics } from "node:v8";

/** The machine's limit checks (one per 4096 inferences) between two heap reads. */
export const HEAP_CHECK_EVERY = 4;

/** The fraction of V8's heap limit at which any run stops. */
export const HEAP_DANGER = 0.9;

/** The smallest memory limit accepted (1 MiB). */
export const MIN_MEMORY_LIMIT: number = 2 ** 20;

/** The default memory limit of a run: 1 GiB, as SWI-Prolog's `stack_limit`. */
export const DEFAULT_MEMORY_LIMIT: number = 2 ** 30;

/**
 * The heap bytes in use now (V8's heap and the memory of array buffers).
 *
 * @returns Bytes.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heapInUse } from "./_memory.ts";
 * assert.ok(heapInUse() > 0);
 * ```
 */
export function heapInUse(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

/**
 * Watches one machine's runs against a byte limit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MemoryGauge } from "./_memory.ts";
 * const g = new MemoryGauge();
 * g.startRun();
 * assert.equal(g.exceeded(2 ** 40, 1000), false); // the first read sets the baseline
 * assert.equal(g.exceeded(2 ** 40, 2000), false);
 * assert.equal(g.exceeded(500, 2000), true); // grew by 1000 bytes, over a 500-byte limit
 * ```
 */
export class MemoryGauge {
  /** The lowest heap count seen in this run (-1: none read yet). */
  #floor = -1;
  /** The highest heap count seen in this run. */
  #peak = 0;
  /** The baseline carried over from the previous run (-1: none). */
  #carried = -1;
  /** Whether a collection that freed more than half the limit was seen in this run. */
  #collected = false;
  /** The count at the last raise, while it is the baseline (-1: not raised). */
  #raisedAt = -1;
  /** The run's baseline and peak, kept for the next run. */
  #low = -1;
  #lastLow = -1;
  #lastPeak = 0;
  #countdown = HEAP_CHECK_EVERY;

  /** A run starts: the next read sets the baseline. */
  startRun(): void {
    if (this.#floor >= 0) {
      this.#lastLow = this.#low;
      this.#lastPeak = this.#peak;
    }
    this.#floor = this.#raisedAt = -1;
    this.#peak = 0;
    this.#countdown = 1;
  }

  /**
   * Called at each limit check of the machine; reads the heap every
   * {@linkcode HEAP_CHECK_EVERY}-th call.
   *
   * @param limit The run's limit in bytes.
   * @returns True when the run must stop with `resource_error(memory)`.
   */
  check(limit: number): boolean {
    if (--this.#countdown > 0) return false;
    this.#countdown = HEAP_CHECK_EVERY;
    const h = getHeapStatistics();
    const used = h.used_heap_size + h.external_memory;
    if (this.exceeded(limit, used)) return true;
    if (used > h.heap_size_limit * HEAP_DANGER) {
      this.#raisedAt = used;
      return true;
    }
    return false;
  }

  /**
   * The decision for a heap count `used` (exposed for tests).
   *
   * @param limit The limit in bytes.
   * @param used The heap bytes in use.
   * @returns Whether the run has grown past the limit (the count becomes the new base).
   */
  exceeded(limit: number, used: number): boolean {
    const half = limit / 2;
    if (this.#floor < 0) {
      this.#floor = used;
      // After a run that grew by more than half the limit (one stopped by
      // it, typically), the count is mostly that run's garbage: its
      // baseline applies once a collection has freed it.
      this.#carried = this.#lastLow >= 0 && this.#lastPeak - this.#lastLow > half
        ? this.#lastLow
        : -1;
      this.#collected = false;
    } else if (used < this.#floor) {
      this.#floor = used;
    }
    if (used < this.#peak - half) this.#collected = true;
    if (used > this.#peak) this.#peak = used;
    const low = this.#low = this.#carried >= 0 && this.#collected
      ? Math.min(this.#carried, this.#floor)
      : this.#floor;
    // After a raise the count at the raise is the baseline, until a
    // collection frees the unwound run's garbage (about `limit` bytes).
    if (this.#raisedAt >= 0 && used < this.#raisedAt - half) this.#raisedAt = -1;
    const base = this.#raisedAt >= 0 ? this.#raisedAt : low;
    if (used - base <= limit) return false;
    this.#raisedAt = used;
    return true;
  }
}
