import assert from "node:assert/strict";
import {
  addRound,
  type BenchJson,
  eventRate,
  isBenchJson,
  overheadPercent,
  parseBenchJson,
  parseCategories,
  parseEnforce,
  quantile,
  resolveThresholds,
  type Samples,
  scalingFactor,
  selectGroups,
  summarize,
  type Thresholds,
} from "../../bench/_perf_lib.ts";
import {
  type BenchRunner,
  type CategoryResult,
  evaluate,
  exitCode,
  type PerfOptions,
  runPerf,
} from "../../bench/_perf_eval.ts";
import {
  formatLine,
  formatMarkdown,
  formatText,
  historyEntry,
  jsonReport,
} from "../../bench/_perf_report.ts";
import { CATEGORIES, type Category, GROUPS } from "../../bench/cases.ts";

// Fixtures: real `deno bench --json` output of bench/ (see testdata/README.md).
const dir = new URL("./testdata/", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, dir));
const ROUND1 = read("round1.json");
const ROUND2 = read("round2.json");
const FAILED = read("failed.json");
const BATCHED = read("batched.json");
const TARGETS = JSON.parse(
  Deno.readTextFileSync(new URL("../../bench/targets.json", import.meta.url)),
);
const noEnv = () => undefined;
const thresholds = (): Thresholds => resolveThresholds(TARGETS, noEnv);
const COUNTS = { event_rate: { solutions: 100, inferences: 2, events: 400 } };

/** The raw stat of one bench in a fixture. */
function stat(json: string, name: string, key: "min" | "p75" | "avg" = "min"): number {
  const b = (JSON.parse(json) as BenchJson).benches.find((x) => x.name === name)!;
  const r = b.results[0];
  if (!("ok" in r)) throw new Error(`${name} failed in the fixture`);
  return r.ok[key];
}

/** A copy of a fixture with some benches' times multiplied (to build passing or failing variants). */
function scaled(json: string, factors: Record<string, number>): BenchJson {
  const j = parseBenchJson(json);
  for (const b of j.benches) {
    const f = factors[b.name];
    if (f === undefined || !("ok" in b.results[0])) continue;
    const ok = b.results[0].ok;
    for (const k of ["min", "max", "avg", "p75", "p99", "p995", "p999"] as const) ok[k] *= f;
  }
  return j;
}

function samplesOf(rounds: BenchJson[], categories: readonly Category[] = CATEGORIES): Samples {
  const s: Samples = new Map();
  for (const r of rounds) addRound(s, r, selectGroups(categories, false), "min");
  return s;
}

const near = (a: number, b: number, eps = 1e-9) =>
  assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

Deno.test("parseBenchJson", async (t) => {
  await t.step("accepts recorded output", () => {
    const j = parseBenchJson(ROUND1);
    assert.equal(j.version, 1);
    assert.equal(j.benches.length, GROUPS.reduce((n, g) => n + g.variants.length, 0));
    assert.ok(isBenchJson(j));
  });
  await t.step("accepts a failed bench", () => {
    const j = parseBenchJson(FAILED);
    assert.ok("failed" in j.benches[1].results[0]);
  });
  const bad: [string, string, RegExp][] = [
    ["not JSON", "{", /not JSON/],
    ["an array", "[]", /not a JSON object/],
    [
      "wrong version",
      JSON.stringify({ version: 2, runtime: "", cpu: "", benches: [] }),
      /version 2/,
    ],
    ["no benches", JSON.stringify({ version: 1, runtime: "", cpu: "" }), /benches/],
    [
      "no results",
      JSON.stringify({
        version: 1,
        runtime: "",
        cpu: "",
        benches: [{ origin: "o", name: "n", group: null, baseline: false, results: [] }],
      }),
      /no results/,
    ],
    ["a stat missing", ROUND1.replace('"p75"', '"p76"'), /bad p75/],
    ["a negative time", ROUND1.replace(/"min": [\d.]+/, '"min": -1'), /bad min/],
    [
      "timer flags missing",
      ROUND1.replace('"usedExplicitTimers"', '"explicit"'),
      /highPrecision\/usedExplicitTimers/,
    ],
  ];
  for (const [name, text, re] of bad) {
    await t.step(`rejects ${name}`, () => {
      assert.throws(() => parseBenchJson(text), re);
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch { /* not JSON */ }
      assert.equal(isBenchJson(parsed), false);
    });
  }
});

Deno.test("statistics", async (t) => {
  const rows: [string, number[], number, number, number][] = [
    // values, q1, median, q3 (linear interpolation)
    ["odd count", [5, 1, 3, 2, 4], 2, 3, 4],
    ["even count", [1, 2, 3, 4], 1.75, 2.5, 3.25],
    ["one value", [7], 7, 7, 7],
    ["outlier does not move the median", [10, 11, 12, 13, 1000], 11, 12, 13],
  ];
  for (const [name, v, q1, med, q3] of rows) {
    await t.step(name, () => {
      const s = summarize(v);
      assert.deepEqual([s.q1, s.median, s.q3, s.iqr], [q1, med, q3, q3 - q1]);
      assert.deepEqual(s.values, v);
    });
  }
  await t.step("no values", () => assert.ok(Number.isNaN(quantile([], 0.5))));
  await t.step("overhead", () => {
    near(overheadPercent(105, 100), 5);
    near(overheadPercent(52, 50), 4);
    near(overheadPercent(90, 100), -10);
  });
  await t.step("scaling factor: equal slowdowns give 1", () => near(scalingFactor(40, 40), 1));
  await t.step("scaling factor: defined when the small overhead is ~0", () => {
    near(scalingFactor(10, 0), 1.1);
    near(scalingFactor(10, -0.5), 1.1 / 0.995);
    assert.ok(Number.isFinite(scalingFactor(300, 0)));
  });
  await t.step("scaling factor: slowdown ratio", () => near(scalingFactor(300, 100), 2)); // 4x vs 2x
  await t.step("event rate", () => near(eventRate(400, 200_000), 2_000_000));
});

Deno.test("parseEnforce", async (t) => {
  const rows: [string | undefined, boolean | "error"][] = [
    ["1", true],
    ["true", true],
    ["TRUE", true],
    ["Yes", true],
    ["on", true],
    [" on ", true],
    [undefined, false],
    ["", false],
    ["0", false],
    ["false", false],
    ["No", false],
    ["OFF", false],
    ["2", "error"],
    ["enforce", "error"],
    ["ture", "error"],
  ];
  for (const [v, want] of rows) {
    await t.step(String(v), () => {
      if (want === "error") assert.throws(() => parseEnforce(v), /CI_ENFORCE_PERF/);
      else assert.equal(parseEnforce(v), want);
    });
  }
});

Deno.test("resolveThresholds", async (t) => {
  await t.step("targets.json defaults", () => {
    const th = thresholds();
    const got = Object.fromEntries(
      Object.entries(th).map(([k, v]) => [k, `${v.bound} ${v.value}`]),
    );
    assert.deepEqual(got, {
      infrastructure: "max 5",
      pretty: "max 25",
      jsonl: "max 35",
      collector: "max 15",
      backtracking: "max 45",
      scaling: "max 3",
      first_event: "max 5",
      event_rate: "min 1000",
      filtering: "max 0.8",
    });
    assert.equal(th.pretty.source, "targets.json");
  });
  const envs: [string, string, string, number][] = [
    ["PERF_INFRASTRUCTURE_MAX", "7.5", "infrastructure", 7.5],
    ["PERF_PRETTY_MAX", "30", "pretty", 30],
    ["PERF_JSONL_MAX", "40", "jsonl", 40],
    ["PERF_COLLECTOR_MAX", " 20 ", "collector", 20],
    ["PERF_BACKTRACKING_MAX", "50", "backtracking", 50],
    ["PERF_SCALING_MAX", "4", "scaling", 4],
    ["PERF_FIRST_EVENT_MAX", "6", "first_event", 6],
    ["PERF_EVENT_RATE_MIN", "1e6", "event_rate", 1e6],
  ];
  for (const [name, raw, key, want] of envs) {
    await t.step(`${name} overrides`, () => {
      const th = resolveThresholds(TARGETS, (n) => n === name ? raw : undefined);
      assert.equal(th[key as keyof Thresholds].value, want);
      assert.equal(th[key as keyof Thresholds].source, name);
    });
  }
  for (const raw of ["abc", "", "5%", "-1", "NaN", "Infinity"]) {
    await t.step(`PERF_PRETTY_MAX=${JSON.stringify(raw)} is an error`, () => {
      assert.throws(
        () => resolveThresholds(TARGETS, (n) => n === "PERF_PRETTY_MAX" ? raw : undefined),
        /PERF_PRETTY_MAX=.* is not a non-negative number/,
      );
    });
  }
  await t.step("a missing target is an error", () => {
    const { collector: _, ...rest } = TARGETS;
    assert.throws(() => resolveThresholds(rest, noEnv), /missing target "collector"/);
  });
  await t.step("an unknown target is an error", () => {
    assert.throws(
      () => resolveThresholds({ ...TARGETS, speed: { max: 1, unit: "%" } }, noEnv),
      /unknown target "speed"/,
    );
  });
  await t.step("a bound of the wrong kind is an error", () => {
    assert.throws(
      () => resolveThresholds({ ...TARGETS, event_rate: { max: 1000, unit: "events/s" } }, noEnv),
      /"event_rate" needs a numeric "min"/,
    );
  });
});

Deno.test("addRound", async (t) => {
  await t.step("takes the stat per query (divided by repeat)", () => {
    const s = samplesOf([parseBenchJson(ROUND1)]);
    assert.deepEqual(s.get("collector/medium/off"), [stat(ROUND1, "collector/medium/off")]);
    assert.deepEqual(s.get("first_event/trivial/off"), [
      stat(ROUND1, "first_event/trivial/off") / 100,
    ]);
    assert.deepEqual(s.get("scaling/small/collector"), [
      stat(ROUND1, "scaling/small/collector") / 10,
    ]);
  });
  await t.step("p75 and avg on request", () => {
    for (const k of ["p75", "avg"] as const) {
      const s: Samples = new Map();
      addRound(s, parseBenchJson(ROUND1), selectGroups(["collector"], false), k);
      assert.deepEqual(s.get("collector/medium/collector"), [
        stat(ROUND1, "collector/medium/collector", k),
      ]);
    }
  });
  await t.step("one value per round", () => {
    const s = samplesOf([parseBenchJson(ROUND1), parseBenchJson(ROUND2)]);
    assert.deepEqual(s.get("pretty/medium/pretty"), [
      stat(ROUND1, "pretty/medium/pretty"),
      stat(ROUND2, "pretty/medium/pretty"),
    ]);
  });
  await t.step("a failed bench gives no number", () => {
    assert.throws(
      () => addRound(new Map(), parseBenchJson(FAILED), selectGroups(["collector"], false), "min"),
      /collector\/medium\/collector: the bench failed, no number is produced: .*I_ARITH is not defined/,
    );
  });
  await t.step("batched timing (explicit timers ignored) is an error", () => {
    assert.throws(
      () =>
        addRound(new Map(), parseBenchJson(BATCHED), selectGroups(["first_event"], false), "min"),
      /first_event\/trivial\/off: an iteration averaged <= 10 us, so Deno batched calls and ignored b.start\(\)\/b.end\(\)/,
    );
  });
  await t.step("a bench without explicit timers is an error", () => {
    const j = parseBenchJson(ROUND1);
    (j.benches[0].results[0] as { ok: { usedExplicitTimers: boolean } }).ok.usedExplicitTimers =
      false;
    assert.throws(() => samplesOf([j]), /did not time itself/);
  });
  await t.step("a missing bench is an error", () => {
    const j = parseBenchJson(ROUND1);
    j.benches = j.benches.filter((b) => b.name !== "jsonl/medium/jsonl");
    assert.throws(() => samplesOf([j]), /jsonl\/medium\/jsonl: missing/);
  });
  await t.step("quick skips slow groups", () => {
    const j = parseBenchJson(ROUND1);
    j.benches = j.benches.filter((b) => !b.name.startsWith("backtracking/backtracking_heavy/"));
    const s: Samples = new Map();
    addRound(s, j, selectGroups(["backtracking"], true), "min");
    assert.deepEqual([...s.keys()], [
      "backtracking/backtracking/off",
      "backtracking/backtracking/collector",
    ]);
  });
});

Deno.test("evaluate on recorded rounds", async (t) => {
  const rounds = [parseBenchJson(ROUND1), parseBenchJson(ROUND2)];
  const results = evaluate(CATEGORIES, samplesOf(rounds), GROUPS, {
    thresholds: thresholds(),
    counts: COUNTS,
  });
  const metric = (id: string) => results.flatMap((r) => r.metrics).find((m) => m.id === id)!;
  const ov = (json: string, g: string, v: string) =>
    overheadPercent(stat(json, `${g}/${v}`), stat(json, `${g}/off`));
  const mid = (a: number, b: number) => (a + b) / 2;
  const cases: [string, string, string][] = [
    ["infrastructure", "infrastructure/medium", "reject_all"],
    ["pretty", "pretty/medium", "pretty"],
    ["jsonl", "jsonl/medium", "jsonl"],
    ["collector", "collector/medium", "collector"],
    ["backtracking", "backtracking/backtracking", "collector"],
    ["backtracking_heavy", "backtracking/backtracking_heavy", "collector"],
    ["compare_jsonl", "sink_comparison/medium", "jsonl"],
    ["filtering_filtered", "filtering/medium", "filtered"],
  ];
  for (const [id, g, v] of cases) {
    await t.step(`${id}: median of per-round overheads`, () => {
      const m = metric(id);
      near(m.value.median, mid(ov(ROUND1, g, v), ov(ROUND2, g, v)));
      const repeat = GROUPS.find((x) => `${x.category}/${x.workload}` === g)!.repeat;
      near(m.traced!.median, mid(stat(ROUND1, `${g}/${v}`), stat(ROUND2, `${g}/${v}`)) / repeat);
      near(m.baseline!.median, mid(stat(ROUND1, `${g}/off`), stat(ROUND2, `${g}/off`)) / repeat);
    });
  }
  await t.step("cost per event: the added time over the workload's events", () => {
    const withCounts = evaluate(CATEGORIES, samplesOf(rounds), GROUPS, {
      thresholds: thresholds(),
      counts: { ...COUNTS, medium: { solutions: 50, inferences: 202, events: 500 } },
    });
    const m = (id: string) => withCounts.flatMap((r) => r.metrics).find((x) => x.id === id)!;
    const per = (json: string, g: string, v: string) => {
      const repeat = GROUPS.find((x) => `${x.category}/${x.workload}` === g)!.repeat;
      return (stat(json, `${g}/${v}`) - stat(json, `${g}/off`)) / repeat / 500;
    };
    for (
      const [id, g, v] of [["collector", "collector/medium", "collector"], [
        "pretty",
        "pretty/medium",
        "pretty",
      ]]
    ) {
      near(m(id).perEvent!.median, mid(per(ROUND1, g, v), per(ROUND2, g, v)));
    }
    // Variants that do not report every event, and workloads without counts, get none.
    assert.equal(m("infrastructure").perEvent, undefined);
    assert.equal(m("filtering_filtered").perEvent, undefined);
    assert.notEqual(m("filtering_full").perEvent, undefined);
    assert.equal(m("backtracking").perEvent, undefined);
    assert.equal(metric("collector").perEvent, undefined);
  });
  await t.step("verdicts follow the thresholds", () => {
    for (
      const id of [
        "infrastructure",
        "pretty",
        "jsonl",
        "collector",
        "backtracking",
        "backtracking_heavy",
      ]
    ) {
      const m = metric(id);
      assert.equal(m.verdict, m.value.median <= m.target!.value ? "pass" : "miss", id);
    }
    assert.equal(metric("compare_pretty").verdict, "info");
    assert.equal(metric("event_rate_null").verdict, "info");
  });
  await t.step("scaling factor per round", () => {
    const f = (j: string) =>
      (stat(j, "scaling/large/collector") / stat(j, "scaling/large/off")) /
      (stat(j, "scaling/small/collector") / stat(j, "scaling/small/off"));
    near(metric("scaling_factor").value.median, mid(f(ROUND1), f(ROUND2)));
  });
  await t.step("first event ratio", () => {
    const r = (j: string) =>
      stat(j, "first_event/trivial/collector") / stat(j, "first_event/trivial/off");
    near(metric("first_event").value.median, mid(r(ROUND1), r(ROUND2)));
  });
  await t.step("event rate", () => {
    const r = (j: string) => 400 / (stat(j, "event_rate/event_rate/collector") / 1e9);
    const m = metric("event_rate");
    near(m.value.median, mid(r(ROUND1), r(ROUND2)));
    assert.equal(m.verdict, m.value.median >= 1000 ? "pass" : "miss");
  });
  await t.step("category verdict is the worst line", () => {
    for (const r of results) {
      const v = r.metrics.map((m) => m.verdict);
      assert.equal(
        r.verdict,
        v.includes("miss") ? "miss" : v.includes("pass") ? "pass" : "info",
        r.category,
      );
    }
  });
  await t.step("event rate needs the event count", () => {
    assert.throws(
      () =>
        evaluate(["event_rate"], samplesOf(rounds), GROUPS, {
          thresholds: thresholds(),
          counts: {},
        }),
      /event count is missing/,
    );
  });
});

Deno.test("filtering verdict", async (t) => {
  const g = "filtering/medium";
  const base = stat(ROUND1, `${g}/off`);
  // Build rounds where off = base, full = base * (1 + full%), filtered = base * (1 + filtered%).
  const with_ = (fullPct: number, filteredPct: number) => {
    const j = scaled(ROUND1, {
      [`${g}/collector`]: base * (1 + fullPct / 100) / stat(ROUND1, `${g}/collector`),
      [`${g}/filtered`]: base * (1 + filteredPct / 100) / stat(ROUND1, `${g}/filtered`),
    });
    const [r] = evaluate(["filtering"], samplesOf([j], ["filtering"]), GROUPS, {
      thresholds: thresholds(),
      counts: {},
    });
    return r;
  };
  const rows: [string, number, number, "pass" | "miss"][] = [
    ["well below 0.8 x full", 100, 20, "pass"],
    ["just below", 100, 79, "pass"],
    ["at 0.8 x full", 100, 80, "miss"],
    ["above", 100, 90, "miss"],
    ["slower than full", 10, 12, "miss"],
    // Noise can make both overheads negative: -9 % is below 0.8 x -10 % but slower than full.
    ["below the bound but slower than full", -10, -9, "miss"],
    ["below the bound and faster than full", -10, -12, "pass"],
  ];
  for (const [name, full, filtered, want] of rows) {
    await t.step(name, () => {
      const r = with_(full, filtered);
      assert.equal(r.metrics[1].verdict, want);
      assert.equal(r.verdict, want);
      assert.equal(r.metrics[0].verdict, "info");
    });
  }
});

Deno.test("exitCode", async (t) => {
  const r = (verdict: "pass" | "miss" | "info", again?: "pass" | "miss"): CategoryResult => ({
    category: "collector",
    metrics: [],
    verdict,
    remeasured: again === undefined
      ? undefined
      : { category: "collector", metrics: [], verdict: again },
  });
  const rows: [string, CategoryResult[], boolean, number][] = [
    ["all pass, enforced", [r("pass"), r("info")], true, 0],
    ["miss, not enforced", [r("miss")], false, 0],
    ["miss, enforced", [r("pass"), r("miss")], true, 1],
    ["miss then pass, enforced", [r("miss", "pass")], true, 0],
    ["miss twice, enforced", [r("miss", "miss")], true, 1],
  ];
  for (const [name, results, enforce, want] of rows) {
    await t.step(name, () => assert.equal(exitCode(results, enforce), want));
  }
});

Deno.test("runPerf re-measures a missed category once", async (t) => {
  const good = parseBenchJson(ROUND1);
  // The collector overhead made to pass (5 %) and to miss (100 %) on the recorded baseline.
  const off = stat(ROUND1, "collector/medium/off");
  const passing = () =>
    scaled(ROUND1, {
      "collector/medium/collector": off * 1.05 / stat(ROUND1, "collector/medium/collector"),
    });
  const missing = () =>
    scaled(ROUND1, {
      "collector/medium/collector": off * 2 / stat(ROUND1, "collector/medium/collector"),
    });
  const opts = (enforce: boolean): PerfOptions => ({
    categories: ["collector", "first_event"],
    quick: true,
    rounds: 3,
    stat: "min",
    enforce,
    thresholds: thresholds(),
    counts: COUNTS,
  });
  const recorder = (first: () => BenchJson, second: () => BenchJson) => {
    const calls: string[] = [];
    const runner: BenchRunner = (cats, round) => {
      calls.push(`${cats.join(",")}#${round}`);
      return Promise.resolve(calls.length <= 3 ? first() : second());
    };
    return { calls, runner };
  };
  await t.step("enforced: miss then pass -> exit 0, both shown", async () => {
    const { calls, runner } = recorder(missing, passing);
    const lines: string[] = [];
    const run = await runPerf(opts(true), runner, (l) => lines.push(l));
    assert.deepEqual(calls, [
      "collector,first_event#1",
      "collector,first_event#2",
      "collector,first_event#3",
      "collector#1",
      "collector#2",
      "collector#3",
    ]);
    const c = run.results[0];
    assert.equal(c.verdict, "miss");
    assert.equal(c.remeasured?.verdict, "pass");
    near(c.metrics[0].value.median, 100, 1e-6);
    near(c.remeasured!.metrics[0].value.median, 5, 1e-6);
    assert.equal(exitCode(run.results, true), 0);
    assert.ok(lines.some((l) => l.startsWith("re-measuring collector")));
    const text = formatText(run, meta(run, true));
    assert.match(
      text,
      /CollectorSink overhead: 100\.0% .*\| MISS\n {2}re-measured collector \(now within target\):\n {2}CollectorSink overhead: 5\.0% .*\| PASS/,
    );
  });
  await t.step("enforced: miss twice -> exit 1", async () => {
    const { calls, runner } = recorder(missing, missing);
    const run = await runPerf(opts(true), runner);
    assert.equal(calls.length, 6);
    assert.equal(run.results[0].remeasured?.verdict, "miss");
    assert.equal(exitCode(run.results, true), 1);
  });
  await t.step("enforced: pass -> no re-measure", async () => {
    const { calls, runner } = recorder(passing, missing);
    const run = await runPerf(opts(true), runner);
    assert.equal(calls.length, 3);
    assert.equal(run.results[0].remeasured, undefined);
    assert.equal(exitCode(run.results, true), 0);
  });
  await t.step("not enforced: miss -> no re-measure, exit 0", async () => {
    const { calls, runner } = recorder(missing, passing);
    const run = await runPerf(opts(false), runner);
    assert.equal(calls.length, 3);
    assert.equal(exitCode(run.results, false), 0);
    assert.match(
      formatText(run, meta(run, false)),
      /CollectorSink overhead: 100\.0% .*MISS \(not enforced\)/,
    );
  });
  await t.step("a broken round stops the run", async () => {
    const runner: BenchRunner = () => Promise.resolve(parseBenchJson(FAILED));
    await assert.rejects(
      runPerf({ ...opts(true), categories: ["collector"] }, runner),
      /the bench failed/,
    );
  });
  await t.step("rounds must be positive", async () => {
    await assert.rejects(
      runPerf({ ...opts(false), rounds: 0 }, () => Promise.resolve(good)),
      /rounds/,
    );
  });
});

function meta(run: { results: CategoryResult[] }, enforce: boolean) {
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

Deno.test("report formats", async (t) => {
  const rounds = [parseBenchJson(ROUND1), parseBenchJson(ROUND2)];
  const samples = samplesOf(rounds);
  const results = evaluate(CATEGORIES, samples, GROUPS, {
    thresholds: thresholds(),
    counts: COUNTS,
  });
  const run = { results, samples, runtime: rounds[0].runtime, cpu: rounds[0].cpu };
  await t.step("line in the client's format plus IQR, target and verdict", () => {
    const line = formatLine(results[0].metrics[0], true);
    assert.match(
      line,
      /^Trace infrastructure overhead: -?\d+\.\d% \(median: [\d.]+ms vs [\d.]+ms\) IQR -?\d+\.\d%\.\.-?\d+\.\d% \| target <= 5\.0% \| (PASS|MISS)$/,
    );
  });
  await t.step("a sink's line shows its cost per event", () => {
    const withCounts = evaluate(["collector", "infrastructure"], samples, GROUPS, {
      thresholds: thresholds(),
      counts: { medium: { solutions: 50, inferences: 202, events: 502 } },
    });
    const [collector, infrastructure] = withCounts.map((r) => r.metrics[0]);
    assert.match(
      formatLine(collector, false),
      /^CollectorSink overhead: -?\d+\.\d% \(median: [\d.]+ms vs [\d.]+ms, [+-]\d+\.\d ns\/event\) IQR /,
    );
    assert.doesNotMatch(formatLine(infrastructure, false), /ns\/event/);
    const md = formatMarkdown({ ...run, results: withCounts }, meta(run, false));
    assert.match(md, /\| Cost per event \|/);
    assert.match(md, /\| CollectorSink overhead \|.*\| [+-]\d+\.\d ns\/event \|/);
  });
  await t.step("env-sourced target is named", () => {
    const th = resolveThresholds(TARGETS, (n) => n === "PERF_INFRASTRUCTURE_MAX" ? "8" : undefined);
    const [r] = evaluate(["infrastructure"], samples, GROUPS, { thresholds: th, counts: {} });
    assert.match(formatLine(r.metrics[0], true), /target <= 8\.0% \(PERF_INFRASTRUCTURE_MAX\)/);
  });
  await t.step("rate line", () => {
    const m = results.find((r) => r.category === "event_rate")!.metrics[0];
    assert.match(
      formatLine(m, true),
      /^Event creation rate \(CollectorSink\): [\d,]+ events\/s \(median: [\d.]+ms per query\) .*target >= 1,000 events\/s/,
    );
  });
  await t.step("every metric appears in text and Markdown", () => {
    const text = formatText(run, meta(run, false));
    const md = formatMarkdown(run, meta(run, false));
    for (const m of results.flatMap((r) => r.metrics)) {
      assert.ok(text.includes(`${m.label}:`), m.label);
      assert.ok(md.includes(`| ${m.label} |`), m.label);
    }
    assert.match(md, /\| medium \| 50 \| 102 \| 502 \|/);
  });
  await t.step("JSON report round-trips and keeps samples", () => {
    const j = JSON.parse(JSON.stringify(jsonReport(run, meta(run, true))));
    assert.equal(j.version, 1);
    assert.equal(j.results.length, CATEGORIES.length);
    assert.deepEqual(
      j.samplesNsPerQuery["collector/medium/off"],
      samples.get("collector/medium/off"),
    );
    const h = historyEntry(run, meta(run, true));
    assert.equal(
      (h.medians as Record<string, number>).collector,
      results[3].metrics[0].value.median,
    );
  });
});

Deno.test("parseCategories", async (t) => {
  await t.step("known names in report order", () => {
    assert.deepEqual(parseCategories("scaling, collector"), ["collector", "scaling"]);
  });
  await t.step(
    "unknown name",
    () => assert.throws(() => parseCategories("colector"), /unknown category "colector"/),
  );
  await t.step("empty", () => assert.throws(() => parseCategories(" , "), /at least one/));
});
