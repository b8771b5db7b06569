/**
 * Prolog flags (ISO 7.11) held by one engine. The machine reads them once per
 * query, never per inference.
 *
 * @module
 */

import { DEFAULT_MEMORY_LIMIT } from "./_memory.ts";

/** How `"text"` is read (ISO 7.11.2.5, plus SWI's `string`). */
export type DoubleQuotes = "codes" | "chars" | "atom" | "string";

/** What happens when an unknown procedure is called (ISO 7.11.2.4). */
export type UnknownMode = "error" | "fail" | "warning";

/**
 * The changeable flags of one engine.
 *
 * @example
 * ```ts
 * import { Flags } from "./flags.ts";
 * const f = new Flags();
 * console.log(f.doubleQuotes); // "codes"
 * ```
 */
export class Flags {
  /** `double_quotes`. */
  doubleQuotes: DoubleQuotes = "codes";
  /** `unknown`. */
  unknown: UnknownMode = "error";
  /** `occurs_check`: `false`, `true` or `error`. */
  occursCheck: "false" | "true" | "error" = "false";
  /** `char_conversion`. */
  charConversion: boolean = false;
  /** `debug`. */
  debug: boolean = false;
  /**
   * `stack_limit` (SWI-Prolog): how many bytes the heap may grow while one
   * query runs before it gets `resource_error(memory)` (see `_memory.ts`).
   */
  stackLimit: number = DEFAULT_MEMORY_LIMIT;
  /** Any other flag set by `set_prolog_flag/2` or `create_prolog_flag/3`. */
  readonly extra: Map<string, unknown> = new Map();
}
