/**
 * The perf wrapper's pure logic, part 1: validating `deno bench --json`
 * output, statistics, `CI_ENFORCE_PERF` and the thresholds with their
 * environment overrides, and the per-round samples of each bench case.
 * Part 2, `_perf_eval.ts`, pairs cases with their baselines into metrics,
 * verdicts, the re-measure path and the exit code. Report formatting is in
 * `_perf_report.ts`; the process work (running `deno bench`, files) is in
 * `perf.ts`.
 *
 * Units: Deno reports nanoseconds per iteration. A group that repeats its
 * query `repeat` times per iteration is divided back to one query, and a
 * `write_floor` variant back to one write of a query's trace (`repeatOf`).
 *
 * @module
 */
import {
  type BenchGroup,
  benchName,
  CATEGORIES,
  type Category,
  GROUPS,
  repeatOf,
} from "./cases.ts";

// ------------------------------------------------------- deno bench --json

/** One measurement of `deno bench --json` (format version 1; times in ns). */
export interface BenchStats {
  /** Samples taken (a minimum is `n`; batched samples count once). */
  n: number;
  /** Fastest sample. */
  min: number;
  /** Slowest sample. */
  max: number;
  /** Mean of the samples. */
  avg: number;
  /** 75th percentile. */
  p75: number;
  /** 99th percentile. */
  p99: number;
  /** 99.5th percentile. */
  p995: number;
  /** 99.9th percentile. */
  p999: number;
  /** False when an iteration averaged <= 10 us: Deno then batched calls and ignored `b.start()`/`b.end()`. */
  highPrecision: boolean;
  /** The bench called `b.start()`/`b.end()`. */
  usedExplicitTimers: boolean;
}

/** A bench's outcome: measured, or failed with Deno's error description. */
export type BenchResult = { ok: BenchStats } | { failed: unknown };

/** One bench in the report. */
export interface BenchEntry {
  /** Module URL. */
  origin: string;
  /** `Deno.bench` group (`null` outside a group). */
  group: string | null;
  /** `Deno.bench` name. */
  name: string;
  /** Marked `baseline: true`. */
  baseline: boolean;
  /** Results (one per bench). */
  results: BenchResult[];
}

/** The whole `deno bench --json` output. */
export interface BenchJson {
  /** Format version; 1 since denoland/deno PR #17888. */
  version: 1;
  /** E.g. `Deno/2.9.6 x86_64-unknown-linux-gnu`. */
  runtime: string;
  /** CPU name. */
  cpu: string;
  /** The benches, in run order. */
  benches: BenchEntry[];
}

const STAT_KEYS = ["n", "min", "max", "avg", "p75", "p99", "p995", "p999"] as const;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Why a value is not a `deno bench --json` report, or `null` if it is one.
 *
 * @param x The parsed JSON.
 * @returns A description of the first problem, or `null`.
 */
export function benchJsonProblem(x: unknown): string | null {
  if (!isObject(x)) return "not a JSON object";
  if (x.version !== 1) {
    return `unsupported format version ${JSON.stringify(x.version)} (expected 1)`;
  }
  if (typeof x.runtime !== "string" || typeof x.cpu !== "string") return "missing runtime or cpu";
  if (!Array.isArray(x.benches)) return "missing benches array";
  for (const [i, b] of x.benches.entries()) {
    const at = `benches[${i}]`;
    if (!isObject(b)) return `${at} is not an object`;
    if (typeof b.origin !== "string" || typeof b.name !== "string") {
      return `${at}: missing origin or name`;
    }
    if (b.group !== null && b.group !== undefined && typeof b.group !== "string") {
      return `${at}: bad group`;
    }
    if (typeof b.baseline !== "boolean") return `${at} (${b.name}): missing baseline flag`;
    if (!Array.isArray(b.results) || b.results.length === 0) return `${at} (${b.name}): no results`;
    for (const r of b.results) {
      if (!isObject(r)) return `${at} (${b.name}): bad result`;
      if ("failed" in r) continue;
      if (!isObject(r.ok)) return `${at} (${b.name}): result is neither ok nor failed`;
      for (const k of STAT_KEYS) {
        const v = r.ok[k];
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
          return `${at} (${b.name}): bad ${k}`;
        }
      }
      if (typeof r.ok.highPrecision !== "boolean" || typeof r.ok.usedExplicitTimers !== "boolean") {
        return `${at} (${b.name}): missing highPrecision/usedExplicitTimers`;
      }
    }
  }
  return null;
}

/**
 * Type guard for a `deno bench --json` report.
 *
 * @param x The parsed JSON.
 * @returns Whether `x` has the expected shape.
 */
export function isBenchJson(x: unknown): x is BenchJson {
  return benchJsonProblem(x) === null;
}

/**
 * Parses and validates `deno bench --json` output.
 *
 * @param text The standard output of `deno bench --json`.
 * @returns The report (a missing `group` becomes `null`).
 * @throws {Error} when the text is not JSON or not the expected shape.
 */
export function parseBenchJson(text: string): BenchJson {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new Error(`deno bench output is not JSON: ${(e as Error).message}`);
  }
  const problem = benchJsonProblem(x);
  if (problem !== null) throw new Error(`unexpected deno bench --json output: ${problem}`);
  const json = x as BenchJson;
  for (const b of json.benches) b.group ??= null;
  return json;
}

// ---------------------------------------------------------------- statistics

/**
 * The q-quantile of numbers (linear interpolation between order
 * statistics, as R's default and numpy's `linear`).
 *
 * @param values The numbers (not modified).
 * @param q Between 0 and 1.
 * @returns The quantile (`NaN` for no values).
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Median and interquartile range of a set of per-round values. */
export interface Summary {
  /** The per-round values, in round order. */
  values: number[];
  /** Their median. */
  median: number;
  /** First quartile. */
  q1: number;
  /** Third quartile. */
  q3: number;
  /** `q3 - q1`. */
  iqr: number;
}

/**
 * Summarises per-round values.
 *
 * @param values The values.
 * @returns Median, quartiles and IQR.
 */
export function summarize(values: readonly number[]): Summary {
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  return { values: [...values], median: quantile(values, 0.5), q1, q3, iqr: q3 - q1 };
}

/**
 * Overhead in percent of a traced time over its baseline.
 *
 * @param traced Traced time.
 * @param baseline Untraced time.
 * @returns `(traced / baseline - 1) * 100`.
 */
export function overheadPercent(traced: number, baseline: number): number {
  return (traced / baseline - 1) * 100;
}

/**
 * The scaling factor: how much worse tracing gets from the small to the
 * large workload, as the ratio of their slowdowns:
 * `(1 + overhead_large) / (1 + overhead_small)` with overheads as fractions,
 * i.e. `(traced_large / base_large) / (traced_small / base_small)`. It is 1
 * when tracing costs the same share of the run at both sizes, stays finite
 * and meaningful when the small overhead is near zero (where
 * `overhead_large / overhead_small` would explode or change sign), and
 * exceeds 1 when tracing cost grows faster than the work.
 *
 * @param overheadLargePct Overhead on the large workload, in percent.
 * @param overheadSmallPct Overhead on the small workload, in percent.
 * @returns The factor.
 */
export function scalingFactor(overheadLargePct: number, overheadSmallPct: number): number {
  return (1 + overheadLargePct / 100) / (1 + overheadSmallPct / 100);
}

/**
 * The floor ratio of a file sink: what tracing adds to a query, over the
 * time of a bare write of the bytes that query's trace puts in the file.
 * 1 would mean the sink costs no more than writing its output; the rest is
 * the tracer, formatting and encoding.
 *
 * @param traced Traced time per query (the sink writing its temp file).
 * @param baseline Untraced time per query.
 * @param writeFloor Time of one bare write of one query's trace (`write_floor`).
 * @returns `(traced - baseline) / writeFloor`.
 */
export function floorRatio(traced: number, baseline: number, writeFloor: number): number {
  return (traced - baseline) / writeFloor;
}

/**
 * Events per second.
 *
 * @param events Events of one query.
 * @param nsPerQuery Nanoseconds per query.
 * @returns The rate.
 */
export function eventRate(events: number, nsPerQuery: number): number {
  return events / (nsPerQuery / 1e9);
}

// ------------------------------------------------------------ environment

const TRUE_WORDS = new Set(["1", "true", "yes", "on"]);
const FALSE_WORDS = new Set(["", "0", "false", "no", "off"]);

/**
 * Parses `CI_ENFORCE_PERF`: `1`, `true`, `yes`, `on` (any case) enforce;
 * unset, empty, `0`, `false`, `no`, `off` do not. Anything else is an error,
 * so a typo cannot silently switch the gate off.
 *
 * @param value The variable's value.
 * @returns Whether to enforce.
 * @throws {Error} for an unrecognised value.
 */
export function parseEnforce(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  throw new Error(
    `CI_ENFORCE_PERF=${
      JSON.stringify(value)
    } is not understood: use 1/true/yes/on to enforce, 0/false/no/off (or unset) not to`,
  );
}

/** The target names, as in `bench/targets.json`. */
export type TargetName =
  | "infrastructure"
  | "pretty"
  | "pretty_floor"
  | "jsonl"
  | "jsonl_floor"
  | "collector"
  | "backtracking"
  | "scaling"
  | "first_event"
  | "event_rate"
  | "filtering";

const TARGET_BOUNDS: Record<TargetName, "max" | "min"> = {
  infrastructure: "max",
  pretty: "max",
  pretty_floor: "max",
  jsonl: "max",
  jsonl_floor: "max",
  collector: "max",
  backtracking: "max",
  scaling: "max",
  first_event: "max",
  event_rate: "min",
  filtering: "max",
};

/** One entry of `bench/targets.json`. */
export interface TargetSpec {
  /** What is measured. */
  description: string;
  /** Upper bound (for overheads, factors, ratios). */
  max?: number;
  /** Lower bound (for rates). */
  min?: number;
  /** Unit shown in reports. */
  unit: string;
  /** Environment variable that overrides the bound. */
  env?: string;
}

/** A threshold after environment overrides. */
export interface Threshold {
  /** `max`: the value must be <= `value`; `min`: >= `value`. */
  bound: "max" | "min";
  /** The bound. */
  value: number;
  /** Unit. */
  unit: string;
  /** `targets.json`, or the environment variable that set it. */
  source: string;
}

/** All thresholds. */
export type Thresholds = Record<TargetName, Threshold>;

/**
 * Validates `bench/targets.json` and applies the `PERF_*` environment
 * overrides.
 *
 * @param spec The parsed `targets.json`.
 * @param getEnv Reads an environment variable.
 * @returns The thresholds.
 * @throws {Error} for a malformed file, or an override that is not a non-negative number.
 */
export function resolveThresholds(
  spec: unknown,
  getEnv: (name: string) => string | undefined,
): Thresholds {
  if (!isObject(spec)) throw new Error("targets.json: expected an object");
  const out = {} as Thresholds;
  for (const name of Object.keys(TARGET_BOUNDS) as TargetName[]) {
    const t = spec[name];
    const bound = TARGET_BOUNDS[name];
    if (!isObject(t)) throw new Error(`targets.json: missing target "${name}"`);
    const v = t[bound];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new Error(`targets.json: target "${name}" needs a numeric "${bound}"`);
    }
    if (typeof t.unit !== "string") {
      throw new Error(`targets.json: target "${name}" needs a "unit"`);
    }
    if (t.env !== undefined && typeof t.env !== "string") {
      throw new Error(`targets.json: bad env of "${name}"`);
    }
    let value = v;
    let source = "targets.json";
    const env = t.env as string | undefined;
    const raw = env === undefined ? undefined : getEnv(env);
    if (env !== undefined && raw !== undefined) {
      const n = raw.trim() === "" ? NaN : Number(raw);
      if (!Number.isFinite(n) || n < 0) {
        throw new Error(
          `${env}=${
            JSON.stringify(raw)
          } is not a non-negative number (expected e.g. ${env}=${v}, in ${t.unit})`,
        );
      }
      value = n;
      source = env;
    }
    out[name] = { bound, value, unit: t.unit, source };
  }
  for (const k of Object.keys(spec)) {
    if (!(k in TARGET_BOUNDS)) throw new Error(`targets.json: unknown target "${k}"`);
  }
  return out;
}

// ---------------------------------------------------------------- samples

/** Which of Deno's per-bench statistics is taken as one round's value. */
export type RoundStat = "min" | "p75" | "avg";

/**
 * The per-round statistic used by default. See bench/README.md
 * ("Methodology"): Deno reports no median; `p75` is the closest robust
 * statistic, but on a loaded machine it mostly measures preemption of the
 * longer (traced) iterations; `min` is the cost of an undisturbed iteration.
 */
export const DEFAULT_STAT: RoundStat = "min";

/** Per-query times of every bench case, one value per round, in ns. */
export type Samples = Map<string, number[]>;

/**
 * The groups a run measures.
 *
 * @param categories The selected categories.
 * @param quick Whether slow groups are skipped.
 * @returns The groups.
 */
export function selectGroups(categories: readonly Category[], quick: boolean): BenchGroup[] {
  return GROUPS.filter((g) => categories.includes(g.category) && !(quick && g.slow));
}

/**
 * Parses the `--filter` value: comma-separated category names.
 *
 * @param value E.g. `"collector,scaling"`.
 * @returns The categories, in report order.
 * @throws {Error} for an unknown name.
 */
export function parseCategories(value: string): Category[] {
  const names = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new Error("--filter needs at least one category");
  for (const n of names) {
    if (!(CATEGORIES as readonly string[]).includes(n)) {
      throw new Error(`unknown category "${n}" (known: ${CATEGORIES.join(", ")})`);
    }
  }
  return CATEGORIES.filter((c) => names.includes(c));
}

/**
 * Adds one round's results to the samples: for each expected bench, the
 * chosen statistic divided by the variant's repeat count ({@linkcode repeatOf}).
 *
 * @param samples Accumulated samples (modified).
 * @param json One round's `deno bench --json`.
 * @param groups The groups this round measured.
 * @param stat The statistic.
 * @throws {Error} when a bench failed (a wrong answer gives no number), is
 * missing, did not use explicit timers, or was batched by Deno so that its
 * `b.start()`/`b.end()` were ignored.
 */
export function addRound(
  samples: Samples,
  json: BenchJson,
  groups: readonly BenchGroup[],
  stat: RoundStat,
): void {
  const byName = new Map<string, BenchEntry>();
  for (const b of json.benches) byName.set(b.name, b);
  for (const g of groups) {
    for (const v of g.variants) {
      const name = benchName(g, v);
      const b = byName.get(name);
      if (b === undefined) throw new Error(`${name}: missing from the deno bench output`);
      const r = b.results[0];
      if (!("ok" in r)) {
        const f = (r as { failed: unknown }).failed;
        const msg = isObject(f) && typeof f.message === "string" ? f.message : JSON.stringify(f);
        throw new Error(`${name}: the bench failed, no number is produced: ${msg}`);
      }
      const s = r.ok;
      if (!s.usedExplicitTimers) {
        throw new Error(`${name}: did not time itself with b.start()/b.end()`);
      }
      if (!s.highPrecision) {
        throw new Error(
          `${name}: an iteration averaged <= 10 us, so Deno batched calls and ignored b.start()/b.end() ` +
            `(setup was timed). Raise the group's repeat in bench/cases.ts.`,
        );
      }
      const list = samples.get(name) ?? [];
      list.push(s[stat] / repeatOf(g, v));
      samples.set(name, list);
    }
  }
}
