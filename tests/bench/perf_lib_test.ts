import assert from "node:assert/strict";
import {
  addRound,
  eventRate,
  floorRatio,
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
import { GROUPS, WRITE_FLOOR_FILES } from "../../bench/cases.ts";
import {
  BATCHED,
  FAILED,
  near,
  noEnv,
  ROUND1,
  ROUND2,
  samplesOf,
  stat,
  TARGETS,
  thresholds,
} from "./_perf_fixtures.ts";

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
  await t.step("floor ratio: what tracing adds over the bare write", () => {
    near(floorRatio(110, 10, 50), 2); // adds 100, the write takes 50
    near(floorRatio(30_000, 20_000, 5_000), 2);
    near(floorRatio(90_000, 20_000, 5_000), 14);
    near(floorRatio(20_000, 20_000, 5_000), 0); // tracing adds nothing
    near(floorRatio(19_000, 20_000, 5_000), -0.2); // noise: keeps its sign
    // Not the traced time over the write, nor the overhead over it.
    assert.notEqual(floorRatio(110, 10, 50), 110 / 50);
  });
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
      pretty_floor: "max 2",
      jsonl_floor: "max 2",
    });
    assert.equal(th.pretty.source, "targets.json");
    for (const k of ["pretty_floor", "jsonl_floor"] as const) {
      assert.equal(th[k].unit, "x write floor");
      assert.equal(th[k].source, "targets.json");
    }
    assert.equal(TARGETS.pretty_floor.env, "PERF_PRETTY_FLOOR_MAX");
    assert.equal(TARGETS.jsonl_floor.env, "PERF_JSONL_FLOOR_MAX");
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
    ["PERF_PRETTY_FLOOR_MAX", "3", "pretty_floor", 3],
    ["PERF_JSONL_FLOOR_MAX", " 2.5 ", "jsonl_floor", 2.5],
    ["PERF_PRETTY_FLOOR_MAX", "0", "pretty_floor", 0],
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
  for (const name of ["PERF_PRETTY_FLOOR_MAX", "PERF_JSONL_FLOOR_MAX"]) {
    for (const raw of ["abc", "", " ", "2x", "-0.5", "NaN", "Infinity", "-Infinity"]) {
      await t.step(`${name}=${JSON.stringify(raw)} is an error, not the default`, () => {
        assert.throws(
          () => resolveThresholds(TARGETS, (n) => n === name ? raw : undefined),
          new RegExp(
            `^Error: ${name}=.* is not a non-negative number \\(expected e\\.g\\. ${name}=2, in x write floor\\)$`,
          ),
        );
      });
    }
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
  await t.step("write_floor: per write (divided by the files written per iteration)", () => {
    const s = samplesOf([parseBenchJson(ROUND1)]);
    for (const c of ["pretty", "jsonl"]) {
      const name = `${c}/medium/write_floor`;
      assert.deepEqual(s.get(name), [stat(ROUND1, name) / WRITE_FLOOR_FILES]);
      // The group's traced variant is still one query per iteration.
      assert.deepEqual(s.get(`${c}/medium/${c}`), [stat(ROUND1, `${c}/medium/${c}`)]);
    }
  });
  await t.step("a missing write_floor is an error", () => {
    const j = parseBenchJson(ROUND1);
    j.benches = j.benches.filter((b) => b.name !== "pretty/medium/write_floor");
    assert.throws(() => samplesOf([j]), /pretty\/medium\/write_floor: missing/);
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
