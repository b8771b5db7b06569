/**
 * Report formatting for the perf wrapper: the text lines (in the client
 * document's format, `Trace infrastructure overhead: 3.2% (median: 0.052ms
 * vs 0.050ms)`, plus IQR, target and verdict), the Markdown table and the
 * JSON report written to `.perf/`. Pure: no I/O.
 *
 * @module
 */
import type { RoundStat, Thresholds } from "./_perf_lib.ts";
import {
  type CategoryResult,
  type Counts,
  finalVerdict,
  type Metric,
  type PerfRun,
} from "./_perf_eval.ts";

/**
 * Formats nanoseconds as milliseconds with three significant digits.
 *
 * @param ns Nanoseconds.
 * @returns E.g. `0.0520ms`.
 */
export function formatMs(ns: number): string {
  return `${(ns / 1e6).toPrecision(3)}ms`;
}

/**
 * Formats the tracing cost per event.
 *
 * @param ns Nanoseconds per event.
 * @returns E.g. `+38.2 ns/event`.
 */
export function formatPerEvent(ns: number): string {
  return `${ns < 0 ? "" : "+"}${ns.toFixed(1)} ns/event`;
}

/**
 * Formats a metric value in its unit.
 *
 * @param kind The metric kind.
 * @param v The value.
 * @returns E.g. `3.2%`, `1.05x`, `1,750,000 events/s`.
 */
export function formatValue(kind: Metric["kind"], v: number): string {
  switch (kind) {
    case "overhead":
      return `${v.toFixed(1)}%`;
    case "ratio":
    case "factor":
    case "floor":
      return `${v.toFixed(2)}x`;
    case "rate":
      return `${Math.round(v).toLocaleString("en-US")} events/s`;
  }
}

function targetText(m: Metric): string {
  if (m.target === null) return "informational";
  const from = m.target.source === "targets.json" ? "" : ` (${m.target.source})`;
  if (m.targetText !== undefined) return `${m.targetText}${from}`;
  const op = m.target.bound === "max" ? "<=" : ">=";
  return `${op} ${formatValue(m.kind, m.target.value)}${from}`;
}

function verdictText(m: Metric, enforce: boolean): string {
  const v = m.verdict;
  if (m.notEnforced !== undefined && v !== "info") {
    return `${v === "pass" ? "PASS" : "MISS"} (${m.notEnforced})`;
  }
  if (v === "pass") return "PASS";
  if (v === "info") return "info";
  return enforce ? "MISS" : "MISS (not enforced)";
}

/**
 * One report line.
 *
 * @param m The metric.
 * @param enforce Whether targets are enforced (shown on misses).
 * @returns E.g. `Trace infrastructure overhead: 3.2% (median: 0.0520ms vs 0.0500ms) IQR 2.9%..3.6% | target <= 5.0% | PASS`;
 *   a sink's line adds its cost per event after the times (`, +38.2 ns/event`); a
 *   floor line reads `Pretty floor ratio: 14.20x write floor (median: traced - off
 *   0.100ms vs write 0.00700ms) IQR 13.10x..15.00x | target <= 2.00x | MISS`; a line
 *   reported but not enforced says so after its verdict (`MISS (client target, not
 *   enforced: below the write floor)`).
 */
export function formatLine(m: Metric, enforce: boolean): string {
  let s = `${m.label}: ${formatValue(m.kind, m.value.median)}`;
  if (m.kind === "floor" && m.added !== undefined && m.writeFloor !== undefined) {
    s += ` write floor (median: traced - off ${formatMs(m.added.median)} vs write ${
      formatMs(m.writeFloor.median)
    })`;
  } else if (m.kind === "rate" && m.traced !== undefined) {
    s += ` (median: ${formatMs(m.traced.median)} per query)`;
  } else if (m.traced !== undefined && m.baseline !== undefined) {
    const perEvent = m.perEvent === undefined ? "" : `, ${formatPerEvent(m.perEvent.median)}`;
    s += ` (median: ${formatMs(m.traced.median)} vs ${formatMs(m.baseline.median)}${perEvent})`;
  }
  s += ` IQR ${formatValue(m.kind, m.value.q1)}..${formatValue(m.kind, m.value.q3)}`;
  return `${s} | target ${targetText(m)} | ${verdictText(m, enforce)}`;
}

/** Describes the run for the report header. */
export interface ReportMeta {
  /** ISO date of the run. */
  date: string;
  /** Rounds. */
  rounds: number;
  /** Per-round statistic. */
  stat: RoundStat;
  /** Slow groups skipped. */
  quick: boolean;
  /** Targets enforced. */
  enforce: boolean;
  /** The wrapper's exit code. */
  exitCode: number;
  /** Thresholds in force. */
  thresholds: Thresholds;
  /** Counts per workload. */
  counts: Record<string, Counts>;
}

function header(run: PerfRun, meta: ReportMeta): string {
  return `${run.runtime} on ${run.cpu}; ${meta.rounds} round(s), per-round value: Deno's ${meta.stat}` +
    `${meta.quick ? ", quick (slow groups skipped)" : ""}; enforcement ${
      meta.enforce ? "ON" : "off"
    }`;
}

function summaryLine(results: readonly CategoryResult[], meta: ReportMeta): string {
  const missed = results.filter((r) => finalVerdict(r) === "miss").map((r) => r.category);
  // Lines reported with a target but never enforced (the client's pretty and
  // JSONL percentages), from the measurement that decides.
  const advisory = results.flatMap((r) =>
    (r.remeasured ?? r).metrics.filter((m) => m.notEnforced !== undefined && m.verdict === "miss")
  ).map((m) => m.id);
  const note = advisory.length === 0
    ? ""
    : ` Client targets missed, reported but not enforced (below the write floor): ${
      advisory.join(", ")
    }.`;
  if (missed.length === 0) {
    return note === "" ? "All targets met." : `All enforced targets met.${note}`;
  }
  const list = missed.join(", ");
  return (meta.enforce
    ? `Targets missed after re-measurement: ${list} (exit ${meta.exitCode}).`
    : `Targets missed: ${list} (not enforced: set CI_ENFORCE_PERF=1 to fail on them).`) + note;
}

/**
 * The human-readable report.
 *
 * @param run The measurements.
 * @param meta Run description.
 * @returns Text, one line per metric, re-measurements indented below the first measurement.
 */
export function formatText(run: PerfRun, meta: ReportMeta): string {
  const out = [`Tracing overhead (${header(run, meta)})`, ""];
  for (const r of run.results) {
    for (const m of r.metrics) out.push(formatLine(m, meta.enforce));
    if (r.remeasured !== undefined) {
      out.push(
        `  re-measured ${r.category} (${
          r.remeasured.verdict === "pass" ? "now within target" : "missed again"
        }):`,
      );
      for (const m of r.remeasured.metrics) out.push(`  ${formatLine(m, meta.enforce)}`);
    }
  }
  out.push("", summaryLine(run.results, meta));
  return out.join("\n");
}

function mdRow(m: Metric, enforce: boolean, again: boolean): string {
  const cells = [
    `${m.label}${again ? " (re-measured)" : ""}`,
    formatValue(m.kind, m.value.median),
    `${formatValue(m.kind, m.value.q1)} .. ${formatValue(m.kind, m.value.q3)}`,
    ...(m.kind === "floor" && m.added !== undefined && m.writeFloor !== undefined
      ? [`+${formatMs(m.added.median)} (traced - off)`, `${formatMs(m.writeFloor.median)} (write)`]
      : [
        m.traced === undefined ? "" : formatMs(m.traced.median),
        m.baseline === undefined ? "" : formatMs(m.baseline.median),
      ]),
    m.perEvent === undefined ? "" : formatPerEvent(m.perEvent.median),
    targetText(m),
    verdictText(m, enforce),
  ];
  return `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
}

/**
 * The Markdown report (`.perf/last.md`).
 *
 * @param run The measurements.
 * @param meta Run description.
 * @returns Markdown text.
 */
export function formatMarkdown(run: PerfRun, meta: ReportMeta): string {
  const out = [
    "# Tracing overhead",
    "",
    `${meta.date}: ${header(run, meta)}.`,
    "",
    "| Metric | Median | IQR | Traced (median per query) | Baseline | Cost per event | Target | Verdict |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of run.results) {
    for (const m of r.metrics) out.push(mdRow(m, meta.enforce, false));
    for (const m of r.remeasured?.metrics ?? []) out.push(mdRow(m, meta.enforce, true));
  }
  out.push(
    "",
    summaryLine(run.results, meta),
    "",
    "| Workload | Solutions | Inferences | Trace events |",
  );
  out.push("| --- | --- | --- | --- |");
  for (const [w, c] of Object.entries(meta.counts)) {
    out.push(`| ${w} | ${c.solutions} | ${c.inferences} | ${c.events} |`);
  }
  return out.join("\n") + "\n";
}

/**
 * The machine-readable report (`.perf/last.json`, and `--json`).
 *
 * @param run The measurements.
 * @param meta Run description.
 * @returns A JSON-serialisable object.
 */
export function jsonReport(run: PerfRun, meta: ReportMeta): Record<string, unknown> {
  return {
    version: 1,
    ...meta,
    runtime: run.runtime,
    cpu: run.cpu,
    results: run.results,
    samplesNsPerQuery: Object.fromEntries(run.samples),
  };
}

/**
 * One line of `.perf/history.jsonl` (trend tracking): every metric's median.
 *
 * @param run The measurements.
 * @param meta Run description.
 * @returns A JSON-serialisable object.
 */
export function historyEntry(run: PerfRun, meta: ReportMeta): Record<string, unknown> {
  const medians: Record<string, number> = {};
  for (const r of run.results) {
    for (const m of (r.remeasured ?? r).metrics) medians[m.id] = m.value.median;
  }
  return {
    date: meta.date,
    runtime: run.runtime,
    stat: meta.stat,
    rounds: meta.rounds,
    quick: meta.quick,
    enforce: meta.enforce,
    exitCode: meta.exitCode,
    medians,
  };
}
