/**
 * The one table of benchmark workloads and bench groups.
 *
 * A workload is a Prolog program, a goal, how many solutions a run asks for
 * and the answer it must give. Every bench file loops over {@linkcode GROUPS}
 * for its category; `tests/bench/cases_test.ts` and the harness check each
 * workload's answer before anything is timed, so a broken benchmark never
 * produces a number.
 *
 * Never change a named workload or group: add a new name instead, so the
 * numbers in `.perf/history.jsonl` stay comparable.
 *
 * This module is plain data (no engine import): the perf wrapper's pure
 * logic (`_perf_lib.ts`) reads it too.
 *
 * @module
 */

/** The bench categories; each has one `bench/<category>_bench.ts` file. */
export const CATEGORIES = [
  "infrastructure",
  "pretty",
  "jsonl",
  "collector",
  "backtracking",
  "scaling",
  "first_event",
  "event_rate",
  "sink_comparison",
  "filtering",
] as const;

/** A bench category (one bench file, one line group in the report). */
export type Category = (typeof CATEGORIES)[number];

/**
 * One workload: a program, a goal, how far to run it and what it must answer.
 *
 * @example
 * ```ts
 * import { WORKLOADS } from "./cases.ts";
 * console.log(WORKLOADS.medium.goal, WORKLOADS.medium.expected); // even(X) 50
 * ```
 */
export interface Workload {
  /** Name (also the key in {@linkcode WORKLOADS}). */
  readonly name: string;
  /** Program file in `bench/programs/`. */
  readonly program: string;
  /** The query. */
  readonly goal: string;
  /** Solutions a run asks for: `"all"`, or the first N (`maxSolutions`). */
  readonly solutions: "all" | number;
  /** The number of solutions a correct run yields. */
  readonly expected: number;
  /** Bindings (writeq text) of the first solution. */
  readonly first: Readonly<Record<string, string>>;
  /** Bindings (writeq text) of the last solution. */
  readonly last: Readonly<Record<string, string>>;
  /** What it models. */
  readonly description: string;
}

/**
 * The workloads (from the client's benchmark document and issue 4).
 *
 * The solution counts follow from the programs: medium has the 50 even
 * numbers below 100; backtracking_heavy explores 20 x 20 x 20 = 8000
 * combinations and keeps the C(20,3) = 1140 increasing triples.
 */
export const WORKLOADS = {
  small: {
    name: "small",
    program: "small.pl",
    goal: "fact(X)",
    solutions: "all",
    expected: 10,
    first: { X: "0" },
    last: { X: "9" },
    description: "10 facts fact(0..9); all solutions",
  },
  medium: {
    name: "medium",
    program: "medium.pl",
    goal: "even(X)",
    solutions: "all",
    expected: 50,
    first: { X: "0" },
    last: { X: "98" },
    description: "100 facts num(0..99) and even(X) :- num(X), X mod 2 =:= 0; all solutions",
  },
  large: {
    name: "large",
    program: "large.pl",
    goal: "pair(X,Y)",
    solutions: 10,
    expected: 10,
    first: { X: "0", Y: "10" },
    last: { X: "0", Y: "100" },
    description:
      "1000 facts item(0..999) and pair(X,Y) :- item(X), item(Y), X < Y, (X+Y) mod 10 =:= 0; first 10",
  },
  backtracking: {
    name: "backtracking",
    program: "backtracking.pl",
    goal: "test(A,B,C)",
    solutions: 10,
    expected: 10,
    first: { A: "0", B: "1", C: "2" },
    last: { A: "0", B: "1", C: "11" },
    description:
      "20 facts choice(0..19) and test(A,B,C) :- choice(A), choice(B), choice(C), A < B, B < C; first 10",
  },
  backtracking_heavy: {
    name: "backtracking_heavy",
    program: "backtracking.pl",
    goal: "test(A,B,C)",
    solutions: "all",
    expected: 1140,
    first: { A: "0", B: "1", C: "2" },
    last: { A: "17", B: "18", C: "19" },
    description: "the backtracking program, all solutions (8000 combinations explored)",
  },
  trivial: {
    name: "trivial",
    program: "trivial.pl",
    goal: "fact(1)",
    solutions: "all",
    expected: 1,
    first: {},
    last: {},
    description: "one fact fact(1); query fact(1)",
  },
  event_rate: {
    name: "event_rate",
    program: "event_rate.pl",
    goal: "all_tests(X)",
    solutions: "all",
    expected: 100,
    first: { X: "0" },
    last: { X: "99" },
    description: "100 facts test(0..99) and all_tests(X) :- test(X); all solutions",
  },
} as const satisfies Record<string, Workload>;

/** A workload name. */
export type WorkloadName = keyof typeof WORKLOADS;

/**
 * How a variant traces:
 * - `off`: an engine without a tracer (every group's baseline);
 * - `reject_all`: tracer on, `setFilters({ ports: [] })`, a collector that must stay empty;
 * - `collector` / `null`: tracer on with a `CollectorSink` / `NullSink`;
 * - `pretty` / `jsonl`: tracer on with a `PrettySink` / `JsonlSink` writing a temp file;
 * - `filtered`: tracer on, `setFilters({ include: ["even/1"] })`, a collector;
 * - `write_floor`: no tracing and no query: the bytes of one query's trace by
 *   the group's file sink ({@linkcode floorSink}), captured before timing,
 *   written to temp files opened and truncated as the sink's file is (the
 *   bare cost of putting those bytes in a file; see bench/README.md).
 */
export type VariantName =
  | "off"
  | "reject_all"
  | "collector"
  | "null"
  | "pretty"
  | "jsonl"
  | "filtered"
  | "write_floor";

/** Every variant name. */
export const VARIANTS: readonly VariantName[] = [
  "off",
  "reject_all",
  "collector",
  "null",
  "pretty",
  "jsonl",
  "filtered",
  "write_floor",
];

/**
 * Temp files the `write_floor` variant writes per timed iteration, one
 * query's trace to each (each truncated before the iteration, as the sink's
 * file is). One write of a medium query's trace takes 4-10 us, at or under
 * Deno's 10 us threshold below which it batches calls and ignores
 * `b.start()`/`b.end()`; ten writes per iteration stay well above it.
 * Reported times are per write (iteration time / this).
 */
export const WRITE_FLOOR_FILES = 10;

/**
 * One `Deno.bench` group: a workload measured untraced (the baseline) and
 * with some tracing variants.
 *
 * @example
 * ```ts
 * import { GROUPS } from "./cases.ts";
 * console.log(GROUPS.filter((g) => g.category === "scaling").map((g) => g.workload));
 * // ["small", "medium", "large"]
 * ```
 */
export interface BenchGroup {
  /** The category (bench file) it belongs to. */
  readonly category: Category;
  /** The workload. */
  readonly workload: WorkloadName;
  /** Variants, baseline first. The first must be `off`. */
  readonly variants: readonly VariantName[];
  /**
   * Query runs per timed iteration. A run shorter than ~10 us would make
   * Deno batch calls and ignore `b.start()`/`b.end()`, so short workloads
   * repeat; reported times are per run (iteration time / repeat).
   */
  readonly repeat: number;
  /** Skipped by `--quick` (the seed's `slow` marker: an iteration takes far over 10 ms). */
  readonly slow: boolean;
  /** Deno's warm-up iterations (a minimum; Deno also warms up for at least 10 ms). */
  readonly warmup: number;
}

/** The bench groups, in report order. */
export const GROUPS: readonly BenchGroup[] = [
  g("infrastructure", "medium", ["off", "reject_all"], { repeat: 10 }),
  g("pretty", "medium", ["off", "pretty", "write_floor"]),
  g("jsonl", "medium", ["off", "jsonl", "write_floor"]),
  g("collector", "medium", ["off", "collector"]),
  g("backtracking", "backtracking", ["off", "collector"], { repeat: 10 }),
  g("backtracking", "backtracking_heavy", ["off", "collector"], { slow: true, warmup: 2 }),
  g("scaling", "small", ["off", "collector"], { repeat: 10 }),
  g("scaling", "medium", ["off", "collector"]),
  g("scaling", "large", ["off", "collector"]),
  g("first_event", "trivial", ["off", "collector"], { repeat: 100 }),
  g("event_rate", "event_rate", ["off", "collector", "null"]),
  g("sink_comparison", "medium", ["off", "pretty", "jsonl", "collector"]),
  g("filtering", "medium", ["off", "collector", "filtered"]),
];

function g(
  category: Category,
  workload: WorkloadName,
  variants: VariantName[],
  o: { repeat?: number; slow?: boolean; warmup?: number } = {},
): BenchGroup {
  return {
    category,
    workload,
    variants,
    repeat: o.repeat ?? 1,
    slow: o.slow ?? false,
    warmup: o.warmup ?? 50,
  };
}

/**
 * Query runs (or, for `write_floor`, file writes) per timed iteration of one
 * variant: the group's `repeat`, or {@linkcode WRITE_FLOOR_FILES}. Reported
 * times are the iteration time divided by this.
 *
 * @param group The bench group.
 * @param variant The variant.
 * @returns The divisor.
 */
export function repeatOf(group: BenchGroup, variant: VariantName): number {
  return variant === "write_floor" ? WRITE_FLOOR_FILES : group.repeat;
}

/**
 * The file sink whose output a group's `write_floor` variant writes: the
 * group's one `pretty` or `jsonl` variant.
 *
 * @param group The bench group.
 * @returns `"pretty"` or `"jsonl"`.
 * @throws {Error} when the group has none or both.
 */
export function floorSink(group: BenchGroup): "pretty" | "jsonl" {
  const sinks = group.variants.filter((v): v is "pretty" | "jsonl" =>
    v === "pretty" || v === "jsonl"
  );
  if (sinks.length !== 1) {
    throw new Error(
      `${groupName(group)}: write_floor needs exactly one file sink variant (pretty or jsonl)`,
    );
  }
  return sinks[0];
}

/**
 * The `Deno.bench` group name of a bench group: `category/workload`.
 *
 * @param group The bench group.
 * @returns Its group name.
 */
export function groupName(group: BenchGroup): string {
  return `${group.category}/${group.workload}`;
}

/**
 * The `Deno.bench` name of one variant: `category/workload/variant`.
 *
 * @param group The bench group.
 * @param variant The variant.
 * @returns The bench name.
 */
export function benchName(group: BenchGroup, variant: VariantName): string {
  return `${groupName(group)}/${variant}`;
}

/**
 * The bench file of a category, relative to the repository root.
 *
 * @param category The category.
 * @returns E.g. `bench/pretty_bench.ts`.
 */
export function benchFile(category: Category): string {
  return `bench/${category}_bench.ts`;
}
