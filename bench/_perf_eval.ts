/**
 * The perf wrapper's pure logic, part 2: the metrics of each category
 * (each traced case paired with its group's baseline, per round), verdicts
 * against the thresholds, the exit code, and the measuring loop with its
 * single re-measurement of a missed category (the bench runner is injected,
 * so tests drive it with recorded `deno bench --json` output).
 *
 * @module
 */
import {
  type BenchGroup,
  benchName,
  type Category,
  type VariantName,
  type WorkloadName,
} from "./cases.ts";
import {
  addRound,
  type BenchJson,
  eventRate,
  floorRatio,
  overheadPercent,
  type RoundStat,
  type Samples,
  scalingFactor,
  selectGroups,
  summarize,
  type Summary,
  type Threshold,
  type Thresholds,
} from "./_perf_lib.ts";

// ---------------------------------------------------------------- metrics

/** Deterministic counts of one workload run (see `_harness.ts` `workloadCounts`). */
export interface Counts {
  /** Solutions of one run. */
  solutions: number;
  /** Machine steps (body calls) of one untraced run. */
  inferences: number;
  /** Trace events of one fully traced run. */
  events: number;
}

/** A verdict: within target, target missed, or informational (no target). */
export type Verdict = "pass" | "miss" | "info";

/** One reported line. */
export interface Metric {
  /** Category. */
  category: Category;
  /** Stable id, e.g. `backtracking_heavy`. */
  id: string;
  /** Label, e.g. `Trace infrastructure overhead`. */
  label: string;
  /**
   * `overhead` in %, `ratio`/`factor` as x, `rate` in events/s, `floor` as x
   * the write floor (what tracing adds over a bare write of its output).
   */
  kind: "overhead" | "ratio" | "factor" | "rate" | "floor";
  /** The value per round, with median and IQR. */
  value: Summary;
  /** Traced ns per query, per round. */
  traced?: Summary;
  /** Baseline ns per query, per round. */
  baseline?: Summary;
  /**
   * What tracing adds per trace event, in ns, per round: (traced - baseline)
   * / the workload's events (informational: the unit the targets come down
   * to, see bench/README.md). Only for variants that report every event.
   */
  perEvent?: Summary;
  /** `floor` lines: what tracing adds (traced - baseline), ns per query, per round. */
  added?: Summary;
  /** `floor` lines: one bare write of a query's trace (`write_floor`), ns, per round. */
  writeFloor?: Summary;
  /** The threshold checked, or `null` for an informational line. */
  target: Threshold | null;
  /** Target text when it is not a plain bound (filtering). */
  targetText?: string;
  /** Verdict. */
  verdict: Verdict;
  /**
   * Set on a line that has a target and a verdict, both reported, but that
   * is not enforced (its verdict does not count for the category): why. The
   * client's pretty and JSONL percentages, which are below the write floor;
   * the floor ratio is enforced in their place.
   */
  notEnforced?: string;
}

/** The result of one category. */
export interface CategoryResult {
  /** Category. */
  category: Category;
  /** Its lines. */
  metrics: Metric[];
  /**
   * `miss` if any enforced line missed, else `pass` (or `info` without
   * enforced targets). Lines marked `notEnforced` do not count.
   */
  verdict: Verdict;
  /** The second measurement, when a missed target was re-measured. */
  remeasured?: CategoryResult;
}

/** Inputs of {@linkcode evaluate}. */
export interface EvalContext {
  /** Thresholds. */
  thresholds: Thresholds;
  /** Counts per workload (the event rate needs `events`). */
  counts: Partial<Record<WorkloadName, Counts>>;
}

function series(samples: Samples, g: BenchGroup, v: VariantName): number[] {
  const s = samples.get(benchName(g, v));
  if (s === undefined || s.length === 0) throw new Error(`${benchName(g, v)}: no samples`);
  return s;
}

function perRound(a: number[], b: number[], f: (x: number, y: number) => number): number[] {
  if (a.length !== b.length) throw new Error("paired series of different lengths");
  return a.map((x, i) => f(x, b[i]));
}

function judge(value: number, t: Threshold | null): Verdict {
  if (t === null) return "info";
  return (t.bound === "max" ? value <= t.value : value >= t.value) ? "pass" : "miss";
}

/** Variants whose every event reaches the sink (the workload's event count applies). */
const FULL_TRACE: ReadonlySet<VariantName> = new Set(["pretty", "jsonl", "collector", "null"]);

function overheadMetric(
  samples: Samples,
  g: BenchGroup,
  v: VariantName,
  id: string,
  label: string,
  target: Threshold | null,
  counts: EvalContext["counts"],
): Metric {
  const traced = series(samples, g, v);
  const base = series(samples, g, "off");
  const value = summarize(perRound(traced, base, overheadPercent));
  const m: Metric = {
    category: g.category,
    id,
    label,
    kind: "overhead",
    value,
    traced: summarize(traced),
    baseline: summarize(base),
    target,
    verdict: judge(value.median, target),
  };
  const events = counts[g.workload]?.events;
  if (FULL_TRACE.has(v) && events !== undefined && events > 0) {
    m.perEvent = summarize(perRound(traced, base, (a, b) => (a - b) / events));
  }
  return m;
}

/** Why the client's pretty and JSONL percentages are reported but not enforced. */
export const BELOW_FLOOR = "client target, not enforced: below the write floor";

function floorMetric(
  samples: Samples,
  g: BenchGroup,
  v: "pretty" | "jsonl",
  label: string,
  target: Threshold,
): Metric {
  const traced = series(samples, g, v);
  const base = series(samples, g, "off");
  const floor = series(samples, g, "write_floor");
  if (floor.length !== traced.length) throw new Error("paired series of different lengths");
  const added = perRound(traced, base, (a, b) => a - b);
  // Per round: traced, baseline and write floor all come from the same deno bench run.
  const value = summarize(traced.map((x, i) => floorRatio(x, base[i], floor[i])));
  return {
    category: g.category,
    id: `${g.category}_floor`,
    label,
    kind: "floor",
    value,
    traced: summarize(traced),
    baseline: summarize(base),
    added: summarize(added),
    writeFloor: summarize(floor),
    target,
    verdict: judge(value.median, target),
  };
}

function find(groups: readonly BenchGroup[], c: Category, w: WorkloadName): BenchGroup | undefined {
  return groups.find((g) => g.category === c && g.workload === w);
}

const SINK_LABELS: Partial<Record<VariantName, string>> = {
  pretty: "Pretty tracing overhead",
  jsonl: "JSONL tracing overhead",
  collector: "CollectorSink overhead",
};

const FLOOR_LABELS = {
  pretty: "Pretty floor ratio",
  jsonl: "JSONL floor ratio",
} as const;

/**
 * Computes one category's lines from the samples.
 *
 * @param category The category.
 * @param samples Per-round samples.
 * @param groups The groups measured (slow ones may be absent).
 * @param ctx Thresholds and counts.
 * @returns The category result.
 * @throws {Error} when samples or counts it needs are missing.
 */
export function evaluateCategory(
  category: Category,
  samples: Samples,
  groups: readonly BenchGroup[],
  ctx: EvalContext,
): CategoryResult {
  const t = ctx.thresholds;
  const metrics: Metric[] = [];
  const mine = groups.filter((g) => g.category === category);
  const one = (w: WorkloadName) => {
    const g = find(mine, category, w);
    if (g === undefined) throw new Error(`${category}/${w}: not measured`);
    return g;
  };
  switch (category) {
    case "infrastructure":
      metrics.push(
        overheadMetric(
          samples,
          one("medium"),
          "reject_all",
          category,
          "Trace infrastructure overhead",
          t.infrastructure,
          ctx.counts,
        ),
      );
      break;
    case "pretty":
    case "jsonl": {
      // The client's percentage, reported with its target and verdict but not
      // enforced (the file write alone costs more than it allows), then the
      // floor ratio, which is enforced instead (bench/README.md).
      const g = one("medium");
      const client = overheadMetric(
        samples,
        g,
        category,
        category,
        SINK_LABELS[category]!,
        t[category],
        ctx.counts,
      );
      client.notEnforced = BELOW_FLOOR;
      const floorTarget = category === "pretty" ? t.pretty_floor : t.jsonl_floor;
      metrics.push(
        client,
        floorMetric(samples, g, category, FLOOR_LABELS[category], floorTarget),
      );
      break;
    }
    case "collector":
      metrics.push(
        overheadMetric(
          samples,
          one("medium"),
          category,
          category,
          SINK_LABELS[category]!,
          t[category],
          ctx.counts,
        ),
      );
      break;
    case "backtracking":
      for (const g of mine) {
        const label = g.workload === "backtracking"
          ? "Backtracking overhead (first 10)"
          : "Heavy backtracking overhead (all solutions)";
        metrics.push(
          overheadMetric(samples, g, "collector", g.workload, label, t.backtracking, ctx.counts),
        );
      }
      break;
    case "scaling": {
      const small = overheadMetric(
        samples,
        one("small"),
        "collector",
        "scaling_small",
        "CollectorSink overhead, small",
        null,
        ctx.counts,
      );
      const medium = overheadMetric(
        samples,
        one("medium"),
        "collector",
        "scaling_medium",
        "CollectorSink overhead, medium",
        null,
        ctx.counts,
      );
      const large = overheadMetric(
        samples,
        one("large"),
        "collector",
        "scaling_large",
        "CollectorSink overhead, large",
        null,
        ctx.counts,
      );
      const value = summarize(perRound(large.value.values, small.value.values, scalingFactor));
      metrics.push(small, medium, large, {
        category,
        id: "scaling_factor",
        label: "Scaling factor (large vs small)",
        kind: "factor",
        value,
        target: t.scaling,
        verdict: judge(value.median, t.scaling),
      });
      break;
    }
    case "first_event": {
      const g = one("trivial");
      const traced = series(samples, g, "collector");
      const base = series(samples, g, "off");
      const value = summarize(perRound(traced, base, (a, b) => a / b));
      metrics.push({
        category,
        id: category,
        label: "Time to first event",
        kind: "ratio",
        value,
        traced: summarize(traced),
        baseline: summarize(base),
        target: t.first_event,
        verdict: judge(value.median, t.first_event),
      });
      break;
    }
    case "event_rate": {
      const g = one("event_rate");
      const events = ctx.counts.event_rate?.events;
      if (events === undefined || !(events > 0)) {
        throw new Error("event_rate: the event count is missing");
      }
      for (const v of ["collector", "null"] as const) {
        const traced = series(samples, g, v);
        const value = summarize(traced.map((ns) => eventRate(events, ns)));
        const target = v === "collector" ? t.event_rate : null;
        metrics.push({
          category,
          id: v === "collector" ? category : "event_rate_null",
          label: v === "collector"
            ? "Event creation rate (CollectorSink)"
            : "Event creation rate (NullSink)",
          kind: "rate",
          value,
          traced: summarize(traced),
          baseline: summarize(series(samples, g, "off")),
          target,
          verdict: judge(value.median, target),
        });
      }
      break;
    }
    case "sink_comparison":
      for (const v of ["pretty", "jsonl", "collector"] as const) {
        metrics.push(
          overheadMetric(
            samples,
            one("medium"),
            v,
            `compare_${v}`,
            `${SINK_LABELS[v]} (comparison)`,
            null,
            ctx.counts,
          ),
        );
      }
      break;
    case "filtering": {
      const g = one("medium");
      const full = overheadMetric(
        samples,
        g,
        "collector",
        "filtering_full",
        "Full tracing overhead",
        null,
        ctx.counts,
      );
      const filtered = overheadMetric(
        samples,
        g,
        "filtered",
        "filtering_filtered",
        "Filtered tracing overhead (even/1)",
        null,
        ctx.counts,
      );
      const k = t.filtering.value;
      const bound = k * full.value.median;
      const faster = filtered.traced!.median < full.traced!.median;
      filtered.target = t.filtering;
      filtered.targetText = `< ${k} x full (${bound.toFixed(1)}%) and faster than full`;
      filtered.verdict = faster && filtered.value.median < bound ? "pass" : "miss";
      metrics.push(full, filtered);
      break;
    }
  }
  const verdicts = metrics.filter((m) => m.notEnforced === undefined).map((m) => m.verdict);
  const verdict: Verdict = verdicts.includes("miss")
    ? "miss"
    : verdicts.includes("pass")
    ? "pass"
    : "info";
  return { category, metrics, verdict };
}

/**
 * Computes every selected category.
 *
 * @param categories The categories.
 * @param samples Per-round samples.
 * @param groups The groups measured.
 * @param ctx Thresholds and counts.
 * @returns One result per category.
 */
export function evaluate(
  categories: readonly Category[],
  samples: Samples,
  groups: readonly BenchGroup[],
  ctx: EvalContext,
): CategoryResult[] {
  return categories.map((c) => evaluateCategory(c, samples, groups, ctx));
}

/**
 * The verdict that counts: the re-measurement's when there is one.
 *
 * @param r A category result.
 * @returns Its final verdict.
 */
export function finalVerdict(r: CategoryResult): Verdict {
  return r.remeasured?.verdict ?? r.verdict;
}

/**
 * The wrapper's exit code: 0 when not enforcing or when every target is met
 * (after re-measurement), 1 when enforcing and a target is missed.
 *
 * @param results The results.
 * @param enforce Whether targets are enforced.
 * @returns The exit code.
 */
export function exitCode(results: readonly CategoryResult[], enforce: boolean): 0 | 1 {
  return enforce && results.some((r) => finalVerdict(r) === "miss") ? 1 : 0;
}

// ------------------------------------------------------------ orchestration

/** Runs `deno bench --json` on some categories' files (round numbers start at 1). */
export type BenchRunner = (categories: readonly Category[], round: number) => Promise<BenchJson>;

/** Options of {@linkcode runPerf}. */
export interface PerfOptions extends EvalContext {
  /** Categories to measure. */
  categories: readonly Category[];
  /** Skip slow groups. */
  quick: boolean;
  /** Rounds (separate `deno bench` runs). */
  rounds: number;
  /** Per-round statistic. */
  stat: RoundStat;
  /** Enforce targets (re-measure missed ones once). */
  enforce: boolean;
}

/** What {@linkcode runPerf} measured. */
export interface PerfRun {
  /** Results per category (with re-measurements attached). */
  results: CategoryResult[];
  /** Samples of the first measurement. */
  samples: Samples;
  /** Runtime and CPU, from the first round. */
  runtime: string;
  /** CPU. */
  cpu: string;
}

async function measure(
  categories: readonly Category[],
  opts: PerfOptions,
  runner: BenchRunner,
  log: (line: string) => void,
  what: string,
): Promise<{ samples: Samples; groups: BenchGroup[]; runtime: string; cpu: string }> {
  const groups = selectGroups(categories, opts.quick);
  const samples: Samples = new Map();
  let runtime = "", cpu = "";
  for (let round = 1; round <= opts.rounds; round++) {
    log(`${what}: round ${round}/${opts.rounds} (${categories.join(", ")})`);
    const json = await runner(categories, round);
    runtime ||= json.runtime;
    cpu ||= json.cpu;
    addRound(samples, json, groups, opts.stat);
  }
  return { samples, groups, runtime, cpu };
}

/**
 * Measures the selected categories over several rounds and evaluates them;
 * when enforcing, each category with a missed target is measured once more
 * on its own (same number of rounds) and that second result decides.
 *
 * @param opts Options.
 * @param runner Runs one round of `deno bench --json`.
 * @param log Progress lines.
 * @returns The run.
 * @throws {Error} for invalid options or a broken benchmark.
 */
export async function runPerf(
  opts: PerfOptions,
  runner: BenchRunner,
  log: (line: string) => void = () => {},
): Promise<PerfRun> {
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) {
    throw new Error(`rounds must be a positive integer`);
  }
  if (opts.categories.length === 0) throw new Error("no categories selected");
  const first = await measure(opts.categories, opts, runner, log, "measuring");
  const results = evaluate(opts.categories, first.samples, first.groups, opts);
  if (opts.enforce) {
    for (const r of results) {
      if (r.verdict !== "miss") continue;
      const again = await measure(
        [r.category],
        opts,
        runner,
        log,
        `re-measuring ${r.category} (target missed)`,
      );
      r.remeasured = evaluateCategory(r.category, again.samples, again.groups, opts);
    }
  }
  return { results, samples: first.samples, runtime: first.runtime, cpu: first.cpu };
}

/**
 * The workloads that the selected groups use (to count their events).
 *
 * @param categories The categories.
 * @param quick Whether slow groups are skipped.
 * @returns Workload names.
 */
export function workloadsOf(categories: readonly Category[], quick: boolean): WorkloadName[] {
  return [...new Set(selectGroups(categories, quick).map((g) => g.workload))];
}
