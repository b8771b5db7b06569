/**
 * The nested limits of `call_with_time_limit/2` and
 * `call_with_inference_limit/3`: a stack of thresholds (a deadline in ms
 * or a step count), outermost first, and the nearest of them. An inner
 * limit cannot extend an outer one: the nearest always applies.
 *
 * @module
 */

/**
 * A stack of limits and the nearest of them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LimitStack } from "./_limits.ts";
 * const s = new LimitStack();
 * const outer = s.push(100);
 * s.push(50);
 * assert.equal(s.nearest, 50);
 * s.pop(outer);
 * assert.equal(s.nearest, Infinity);
 * ```
 */
export class LimitStack {
  /** The nearest threshold (`Infinity`: none). */
  nearest = Infinity;
  #at: number[] = [];

  /**
   * Starts a limit.
   *
   * @param at Its threshold.
   * @returns A mark for {@linkcode LimitStack.pop}.
   */
  push(at: number): number {
    const mark = this.#at.length;
    this.#at.push(at);
    if (at < this.nearest) this.nearest = at;
    return mark;
  }

  /**
   * Ends the limit `mark` and every limit started inside it.
   *
   * @param mark What {@linkcode LimitStack.push} returned.
   */
  pop(mark: number): void {
    const l = this.#at;
    if (mark < l.length) l.length = mark;
    let at = Infinity;
    for (const x of l) if (x < at) at = x;
    this.nearest = at;
  }

  /** Ends every limit. */
  clear(): void {
    this.#at.length = 0;
    this.nearest = Infinity;
  }
}
