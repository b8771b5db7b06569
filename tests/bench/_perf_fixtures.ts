/**
 * Shared fixtures of the perf wrapper's tests: recorded `deno bench --json`
 * rounds (see testdata/README.md), the targets, and helpers that read them.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  addRound,
  type BenchJson,
  parseBenchJson,
  resolveThresholds,
  type Samples,
  selectGroups,
  type Thresholds,
} from "../../bench/_perf_lib.ts";
import { type CategoryResult, exitCode } from "../../bench/_perf_eval.ts";
import { CATEGORIES, type Category, WRITE_FLOOR_FILES } from "../../bench/cases.ts";

// Fixtures: real `deno bench --json` output of bench/ (see testdata/README.md).
const dir = new URL("./testdata/", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, dir));
export const ROUND1 = read("round1.json");
export const ROUND2 = read("round2.json");
export const FAILED = read("failed.json");
export const BATCHED = read("batched.json");
export const TARGETS = JSON.parse(
  Deno.readTextFileSync(new URL("../../bench/targets.json", import.meta.url)),
);
export const noEnv = () => undefined;
export const thresholds = (): Thresholds => resolveThresholds(TARGETS, noEnv);
export const COUNTS = { event_rate: { solutions: 100, inferences: 2, events: 400 } };

/** The raw stat of one bench in a fixture. */
export function stat(json: string, name: string, key: "min" | "p75" | "avg" = "min"): number {
  const b = (JSON.parse(json) as BenchJson).benches.find((x) => x.name === name)!;
  const r = b.results[0];
  if (!("ok" in r)) throw new Error(`${name} failed in the fixture`);
  return r.ok[key];
}

/** A copy of a fixture with some benches' times multiplied (to build passing or failing variants). */
export function scaled(json: string, factors: Record<string, number>): BenchJson {
  const j = parseBenchJson(json);
  for (const b of j.benches) {
    const f = factors[b.name];
    if (f === undefined || !("ok" in b.results[0])) continue;
    const ok = b.results[0].ok;
    for (const k of ["min", "max", "avg", "p75", "p99", "p995", "p999"] as const) ok[k] *= f;
  }
  return j;
}

/**
 * A copy of a fixture with some benches' per-iteration `min` set to exact
 * values (their other statistics scaled alike).
 */
export function withMin(json: string, mins: Record<string, number>): BenchJson {
  return scaled(
    json,
    Object.fromEntries(Object.entries(mins).map(([name, v]) => [name, v / stat(json, name)])),
  );
}

/**
 * A round whose `category/medium` group (pretty or jsonl) has exactly these
 * per-query times in ns: untraced, traced, and one bare write of the trace.
 */
export function floorRound(
  category: "pretty" | "jsonl",
  off: number,
  traced: number,
  write: number,
  json = ROUND1,
): BenchJson {
  const g = `${category}/medium`;
  return withMin(json, {
    [`${g}/off`]: off,
    [`${g}/${category}`]: traced,
    // The write_floor bench writes one query's trace to each of its files per iteration.
    [`${g}/write_floor`]: write * WRITE_FLOOR_FILES,
  });
}

export function samplesOf(
  rounds: BenchJson[],
  categories: readonly Category[] = CATEGORIES,
): Samples {
  const s: Samples = new Map();
  for (const r of rounds) addRound(s, r, selectGroups(categories, false), "min");
  return s;
}

export const near = (a: number, b: number, eps = 1e-9) =>
  assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

/** Report metadata for a run, as perf.ts builds it. */
export function meta(run: { results: CategoryResult[] }, enforce: boolean) {
  return {
    date: "2025-01-01T00:00:00.000Z",
    rounds: 3,
    stat: "min" as const,
    quick: true,
    enforce,
    exitCode: exitCode(run.results, enforce),
    thresholds: thresholds(),
    counts: { medium: { solutions: 50, inferences: 102, events: 502 } },
  };
}
