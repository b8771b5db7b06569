import assert from "node:assert/strict";
import { type BenchJson, overheadPercent, parseBenchJson } from "../../bench/_perf_lib.ts";
import {
  type BenchRunner,
  type CategoryResult,
  evaluate,
  exitCode,
  type PerfOptions,
  runPerf,
} from "../../bench/_perf_eval.ts";
import { formatText } from "../../bench/_perf_report.ts";
import { CATEGORIES, GROUPS } from "../../bench/cases.ts";
import {
  COUNTS,
  FAILED,
  meta,
  near,
  ROUND1,
  ROUND2,
  samplesOf,
  scaled,
  stat,
  thresholds,
} from "./_perf_fixtures.ts";

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
