/**
 * Declarative trace filters: validated once at configuration time and
 * compiled to a per-predicate port bit mask, so rejecting an event costs a
 * bit test, not an allocation.
 *
 * @module
 */
import { type PortName, portOf } from "./events.ts";

/**
 * Declarative filters for {@linkcode Tracer.setFilters}.
 *
 * @example
 * ```ts
 * import type { TraceFilters } from "./filters.ts";
 * const f: TraceFilters = { ports: ["call", "exit"], include: ["append/3"], maxDepth: 5 };
 * ```
 */
export interface TraceFilters {
  /** Ports to report (default: all five). `[]` rejects everything. */
  ports?: PortName[];
  /** Only these predicates (`"name/arity"` or `"name"`). */
  include?: string[];
  /** Never these predicates. */
  exclude?: string[];
  /** Only invocations at least this deep. */
  minDepth?: number;
  /** Only invocations at most this deep. */
  maxDepth?: number;
  /** Keep every Nth event (a number), or `{ every, seed }` to shift which ones. */
  sample?: number | { every: number; seed?: number };
  /** Trace builtins and library predicates (default true). */
  builtins?: boolean;
}

/**
 * Filters after validation, in the form the tracer tests quickly.
 *
 * @example
 * ```ts
 * import { compileFilters } from "./filters.ts";
 * console.log(compileFilters({ ports: ["call"] }).portMask); // 1
 * ```
 */
export interface CompiledFilters {
  /** Bit `1 << port` set for each reported port. */
  portMask: number;
  /** Included predicate keys, or `null` for all. */
  include: Set<string> | null;
  /** Excluded predicate keys. */
  exclude: Set<string>;
  /** Depth range. */
  minDepth: number;
  /** Depth range. */
  maxDepth: number;
  /** Sampling period (1 = every event). */
  every: number;
  /** Sampling phase. */
  seed: number;
  /** Whether builtins and library predicates are traced. */
  builtins: boolean | undefined;
}

/** All five ports. */
export const ALL_PORTS = 0b11111;

function checkDepth(name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0) {
    throw new RangeError(`Invalid ${name}: expected a non-negative integer, got ${v}`);
  }
  return v;
}

function checkPredicates(name: string, list: string[] | undefined): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`Invalid ${name}: expected an array of strings`);
  for (const p of list) {
    if (
      typeof p !== "string" || p.length === 0 ||
      /\/(?!\d+$)/.test(p) && p.includes("/") && !/\/\d+$/.test(p)
    ) {
      throw new TypeError(`Invalid predicate in ${name}: "${p}" (expected "name/arity" or "name")`);
    }
  }
  return list;
}

/**
 * Validates and compiles filters. Bad configuration throws here, never
 * during a run.
 *
 * @param f The filters.
 * @returns The compiled form.
 * @throws {TypeError | RangeError} for an unknown port, a negative depth, min > max, a bad sample.
 * @example
 * ```ts
 * import { compileFilters } from "./filters.ts";
 * try { compileFilters({ minDepth: 3, maxDepth: 1 }); } catch (e) { console.log((e as Error).message); }
 * ```
 */
export function compileFilters(f: TraceFilters): CompiledFilters {
  let portMask = ALL_PORTS;
  if (f.ports !== undefined) {
    if (!Array.isArray(f.ports)) {
      throw new TypeError("Invalid ports: expected an array of port names");
    }
    portMask = 0;
    for (const p of f.ports) portMask |= 1 << portOf(p);
  }
  const minDepth = checkDepth("minDepth", f.minDepth) ?? 0;
  const maxDepth = checkDepth("maxDepth", f.maxDepth) ?? Infinity;
  if (minDepth > maxDepth) {
    throw new RangeError(
      `Invalid depth range: minDepth ${minDepth} is greater than maxDepth ${maxDepth}`,
    );
  }
  let every = 1, seed = 0;
  if (f.sample !== undefined) {
    const s = typeof f.sample === "number" ? { every: f.sample } : f.sample;
    if (!Number.isInteger(s.every) || s.every < 1) {
      throw new RangeError(`Invalid sample period: expected an integer >= 1, got ${s.every}`);
    }
    every = s.every;
    seed = s.seed ?? 0;
    if (!Number.isInteger(seed) || seed < 0) {
      throw new RangeError(`Invalid sample seed: expected a non-negative integer, got ${seed}`);
    }
  }
  const include = checkPredicates("include", f.include);
  const exclude = checkPredicates("exclude", f.exclude);
  if (f.builtins !== undefined && typeof f.builtins !== "boolean") {
    throw new TypeError("Invalid builtins: expected a boolean");
  }
  return {
    portMask,
    include: f.include === undefined ? null : new Set(include),
    exclude: new Set(exclude),
    minDepth,
    maxDepth,
    every,
    seed: seed % every,
    builtins: f.builtins,
  };
}
