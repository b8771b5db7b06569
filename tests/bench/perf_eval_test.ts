import assert from "node:assert/strict";
import { type BenchJson, overheadPercent, parseBenchJson } from "../../bench/_perf_lib.ts";
import {
  BELOW_FLOOR,
  type BenchRunner,
  type CategoryResult,
  evaluate,
  evaluateCategory,
  exitCode,
  type PerfOptions,
  runPerf,
} from "../../bench/_perf_eval.ts";
import { formatText } from "../../bench/_perf_report.ts";
import { CATEGORIES, GROUPS, WRITE_FLOOR_FILES } from "../../bench/cases.ts";
import { resolveThresholds } from "../../bench/_perf_lib.ts";
import {
  COUNTS,
  FAILED,
  floorRound,
  meta,
  near,
  ROUND1,
  ROUND2,
  samplesOf,
  scaled,
  stat,
  TARGETS,
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
  await t.step("floor ratio per round: (traced - off) / write_floor, same round", () => {
    for (const c of ["pretty", "jsonl"]) {
      const g = `${c}/medium`;
      const write = (j: string) => stat(j, `${g}/write_floor`) / WRITE_FLOOR_FILES;
      const added = (j: string) => stat(j, `${g}/${c}`) - stat(j, `${g}/off`);
      const m = metric(`${c}_floor`);
      assert.equal(m.kind, "floor");
      assert.equal(m.category, c);
      near(m.value.median, mid(added(ROUND1) / write(ROUND1), added(ROUND2) / write(ROUND2)));
      near(m.added!.median, mid(added(ROUND1), added(ROUND2)));
      near(m.writeFloor!.median, mid(write(ROUND1), write(ROUND2)));
      assert.deepEqual(m.target, thresholds()[`${c}_floor` as "pretty_floor" | "jsonl_floor"]);
      assert.equal(m.verdict, m.value.median <= 2 ? "pass" : "miss");
      assert.equal(m.notEnforced, undefined);
      // The client's percentage is still there, first, judged against its own target.
      const client = results.find((r) => r.category === c)!.metrics[0];
      assert.equal(client.id, c);
      assert.equal(client.notEnforced, BELOW_FLOOR);
      assert.deepEqual(client.target, thresholds()[c as "pretty" | "jsonl"]);
      assert.deepEqual(results.find((r) => r.category === c)!.metrics.map((x) => x.id), [
        c,
        `${c}_floor`,
      ]);
    }
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
  await t.step("category verdict is the worst enforced line", () => {
    for (const r of results) {
      const v = r.metrics.filter((m) => m.notEnforced === undefined).map((m) => m.verdict);
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

Deno.test("floor ratio: the median of per-round ratios", () => {
  // (off, traced, write) per round, ns per query: ratios 9, 45 and 1.5.
  const rounds = [
    floorRound("pretty", 10_000, 100_000, 10_000),
    floorRound("pretty", 20_000, 200_000, 4_000, ROUND2),
    floorRound("pretty", 40_000, 70_000, 20_000),
  ];
  const [r] = evaluate(["pretty"], samplesOf(rounds, ["pretty"]), GROUPS, {
    thresholds: thresholds(),
    counts: {},
  });
  const m = r.metrics[1];
  assert.deepEqual(m.value.values.map((x) => +x.toFixed(9)), [9, 45, 1.5]);
  // Not the ratio of the medians ((100 - 20) / 10 = 8), nor traced / write (median 10).
  near(m.value.median, 9);
  near(m.value.q1, 5.25);
  near(m.value.q3, 27);
  assert.deepEqual(m.added!.values.map((x) => Math.round(x)), [90_000, 180_000, 30_000]);
  assert.deepEqual(m.writeFloor!.values.map((x) => Math.round(x)), [10_000, 4_000, 20_000]);
});

Deno.test("floor verdict: the floor ratio is enforced, the client's percentage is not", async (t) => {
  // off, traced, write per query (ns); the client target is 25 % (pretty) or 35 % (jsonl).
  const rows: [string, "pretty" | "jsonl", number, number, number, string, string][] = [
    // name, category, off, traced, write, client verdict, floor (= category) verdict
    ["both miss", "pretty", 20_000, 90_000, 5_000, "miss", "miss"],
    ["client miss, floor within 2x", "pretty", 20_000, 29_000, 5_000, "miss", "pass"],
    ["floor exactly 2x passes", "pretty", 20_000, 30_000, 5_000, "miss", "pass"],
    ["floor just over 2x misses", "pretty", 20_000, 30_100, 5_000, "miss", "miss"],
    ["client pass, floor miss", "pretty", 20_000, 24_000, 1_000, "pass", "miss"],
    ["both pass", "pretty", 20_000, 21_000, 1_000, "pass", "pass"],
    ["jsonl: client miss, floor pass", "jsonl", 20_000, 40_000, 12_000, "miss", "pass"],
    ["jsonl: client pass (35 %), floor miss", "jsonl", 20_000, 26_000, 2_000, "pass", "miss"],
    ["jsonl: both miss", "jsonl", 20_000, 220_000, 12_000, "miss", "miss"],
  ];
  for (const [name, c, off, traced, write, client, floor] of rows) {
    await t.step(name, () => {
      const r = evaluateCategory(
        c,
        samplesOf([floorRound(c, off, traced, write)], [c]),
        GROUPS,
        { thresholds: thresholds(), counts: {} },
      );
      const [pct, ratio] = r.metrics;
      near(pct.value.median, (traced / off - 1) * 100, 1e-6);
      near(ratio.value.median, (traced - off) / write, 1e-6);
      assert.equal(pct.verdict, client, "client verdict");
      assert.equal(pct.notEnforced, BELOW_FLOOR);
      assert.equal(ratio.verdict, floor, "floor verdict");
      assert.equal(r.verdict, floor, "category verdict");
      const run = { results: [r] };
      assert.equal(exitCode(run.results, true), floor === "miss" ? 1 : 0);
      assert.equal(exitCode(run.results, false), 0);
    });
  }
  await t.step("PERF_PRETTY_FLOOR_MAX raises the enforced bound only", () => {
    const th = resolveThresholds(TARGETS, (n) => n === "PERF_PRETTY_FLOOR_MAX" ? "5" : undefined);
    const r = evaluateCategory(
      "pretty",
      samplesOf([floorRound("pretty", 20_000, 40_000, 5_000)], ["pretty"]),
      GROUPS,
      { thresholds: th, counts: {} },
    );
    assert.equal(r.metrics[1].target!.source, "PERF_PRETTY_FLOOR_MAX");
    assert.equal(r.metrics[1].verdict, "pass"); // 4x <= 5x
    assert.equal(r.metrics[0].verdict, "miss"); // 100 % > 25 %, still reported
    assert.equal(r.verdict, "pass");
  });
  await t.step("PERF_JSONL_FLOOR_MAX applies to jsonl, not pretty", () => {
    const th = resolveThresholds(TARGETS, (n) => n === "PERF_JSONL_FLOOR_MAX" ? "0.5" : undefined);
    const samples = samplesOf([
      (() => {
        const j = floorRound("jsonl", 20_000, 30_000, 10_000); // 1x
        return floorRound("pretty", 20_000, 30_000, 10_000, JSON.stringify(j)); // 1x
      })(),
    ], ["pretty", "jsonl"]);
    const [p, j] = evaluate(["pretty", "jsonl"], samples, GROUPS, { thresholds: th, counts: {} });
    assert.equal(p.verdict, "pass");
    assert.equal(j.verdict, "miss");
  });
  await t.step("write_floor samples are required", () => {
    const j = floorRound("pretty", 20_000, 30_000, 5_000);
    const samples = samplesOf([j], ["pretty"]);
    samples.delete("pretty/medium/write_floor");
    assert.throws(
      () => evaluateCategory("pretty", samples, GROUPS, { thresholds: thresholds(), counts: {} }),
      /pretty\/medium\/write_floor: no samples/,
    );
  });
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
  await t.step(
    "enforced: pretty floor miss then pass -> exit 0, both measurements shown",
    async () => {
      // Both measurements miss the client's 25 %; only the floor ratio decides.
      const { calls, runner } = recorder(
        () => floorRound("pretty", 20_000, 90_000, 5_000), // 14x
        () => floorRound("pretty", 20_000, 29_000, 5_000), // 1.8x
      );
      const run = await runPerf({ ...opts(true), categories: ["pretty"] }, runner);
      assert.deepEqual(calls, [
        "pretty#1",
        "pretty#2",
        "pretty#3",
        "pretty#1",
        "pretty#2",
        "pretty#3",
      ]);
      const r = run.results[0];
      assert.equal(r.verdict, "miss");
      assert.equal(r.remeasured?.verdict, "pass");
      near(r.metrics[1].value.median, 14, 1e-6);
      near(r.remeasured!.metrics[1].value.median, 1.8, 1e-6);
      assert.equal(r.remeasured!.metrics[0].verdict, "miss");
      assert.equal(exitCode(run.results, true), 0);
      assert.match(
        formatText(run, meta(run, true)),
        /Pretty floor ratio: 14\.00x .*\| MISS\n {2}re-measured pretty \(now within target\):\n {2}Pretty tracing overhead: 45\.0% .*\| MISS \(client target, not enforced: below the write floor\)\n {2}Pretty floor ratio: 1\.80x .*\| PASS/,
      );
    },
  );
  await t.step("enforced: jsonl floor misses twice -> exit 1", async () => {
    const miss = () => floorRound("jsonl", 20_000, 220_000, 12_000);
    const { calls, runner } = recorder(miss, miss);
    const run = await runPerf({ ...opts(true), categories: ["jsonl"] }, runner);
    assert.equal(calls.length, 6);
    assert.equal(run.results[0].remeasured?.verdict, "miss");
    assert.equal(exitCode(run.results, true), 1);
  });
  await t.step("enforced: client % missed, floor met -> no re-measure, exit 0", async () => {
    const ok = () => floorRound("pretty", 20_000, 29_000, 5_000);
    const { calls, runner } = recorder(ok, ok);
    const run = await runPerf({ ...opts(true), categories: ["pretty"] }, runner);
    assert.equal(calls.length, 3);
    assert.equal(run.results[0].metrics[0].verdict, "miss");
    assert.equal(run.results[0].remeasured, undefined);
    assert.equal(exitCode(run.results, true), 0);
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
