import assert from "node:assert/strict";
import { parseBenchJson, resolveThresholds } from "../../bench/_perf_lib.ts";
import { evaluate, exitCode } from "../../bench/_perf_eval.ts";
import {
  formatLine,
  formatMarkdown,
  formatText,
  historyEntry,
  jsonReport,
} from "../../bench/_perf_report.ts";
import { CATEGORIES, GROUPS } from "../../bench/cases.ts";
import {
  COUNTS,
  floorRound,
  meta,
  near,
  ROUND1,
  ROUND2,
  samplesOf,
  TARGETS,
  thresholds,
} from "./_perf_fixtures.ts";

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

Deno.test("report: the client's percentage and the floor ratio", async (t) => {
  // off 20 us, pretty 90 us (350 %), one bare write of its trace 5 us: 14x the write floor.
  // jsonl: off 20 us, traced 26 us (30 %, within 35 %), write 2 us: 3x.
  const round = floorRound(
    "jsonl",
    20_000,
    26_000,
    2_000,
    JSON.stringify(floorRound("pretty", 20_000, 90_000, 5_000)),
  );
  const samples = samplesOf([round], ["pretty", "jsonl"]);
  const evalWith = (th = thresholds()) =>
    evaluate(["pretty", "jsonl"], samples, GROUPS, {
      thresholds: th,
      counts: { medium: { solutions: 50, inferences: 102, events: 500 } },
    });
  const results = evalWith();
  const run = { results, samples, runtime: round.runtime, cpu: round.cpu };
  const [pretty, prettyFloor] = results[0].metrics;
  const [jsonl, jsonlFloor] = results[1].metrics;
  await t.step("client line: its target and verdict, marked not enforced", () => {
    const want =
      "Pretty tracing overhead: 350.0% (median: 0.0900ms vs 0.0200ms, +140.0 ns/event) IQR 350.0%..350.0% | target <= 25.0% | MISS (client target, not enforced: below the write floor)";
    assert.equal(formatLine(pretty, true), want);
    assert.equal(formatLine(pretty, false), want); // the same whether or not enforcing
    assert.match(
      formatLine(jsonl, true),
      /^JSONL tracing overhead: 30\.0% .*\| target <= 35\.0% \| PASS \(client target, not enforced: below the write floor\)$/,
    );
  });
  await t.step("floor line: ratio, what tracing adds and the write, target, verdict", () => {
    assert.equal(
      formatLine(prettyFloor, true),
      "Pretty floor ratio: 14.00x write floor (median: traced - off 0.0700ms vs write 0.00500ms) IQR 14.00x..14.00x | target <= 2.00x | MISS",
    );
    assert.equal(
      formatLine(prettyFloor, false),
      "Pretty floor ratio: 14.00x write floor (median: traced - off 0.0700ms vs write 0.00500ms) IQR 14.00x..14.00x | target <= 2.00x | MISS (not enforced)",
    );
    assert.equal(
      formatLine(jsonlFloor, true),
      "JSONL floor ratio: 3.00x write floor (median: traced - off 0.00600ms vs write 0.00200ms) IQR 3.00x..3.00x | target <= 2.00x | MISS",
    );
  });
  await t.step("an overridden floor target names its variable", () => {
    const th = resolveThresholds(TARGETS, (n) => n === "PERF_JSONL_FLOOR_MAX" ? "3.5" : undefined);
    const m = evalWith(th)[1].metrics[1];
    assert.match(formatLine(m, true), /\| target <= 3\.50x \(PERF_JSONL_FLOOR_MAX\) \| PASS$/);
  });
  await t.step("text: both lines per category, in order, and the summary", () => {
    const text = formatText(run, meta(run, true));
    const lines = text.split("\n");
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    assert.ok(at("Pretty tracing overhead:") > 0);
    assert.equal(at("Pretty floor ratio:"), at("Pretty tracing overhead:") + 1);
    assert.equal(at("JSONL tracing overhead:"), at("Pretty floor ratio:") + 1);
    assert.equal(at("JSONL floor ratio:"), at("JSONL tracing overhead:") + 1);
    assert.equal(exitCode(results, true), 1);
    assert.equal(
      lines.at(-1),
      "Targets missed after re-measurement: pretty, jsonl (exit 1). Client targets missed, reported but not enforced (below the write floor): pretty.",
    );
  });
  await t.step("summary when the floors are met but a client target is not", () => {
    const th = resolveThresholds(
      TARGETS,
      (n) => ({ PERF_PRETTY_FLOOR_MAX: "20", PERF_JSONL_FLOOR_MAX: "20" })[n],
    );
    const r = evalWith(th);
    const ok = { ...run, results: r };
    assert.equal(exitCode(r, true), 0);
    assert.equal(
      formatText(ok, meta(ok, true)).split("\n").at(-1),
      "All enforced targets met. Client targets missed, reported but not enforced (below the write floor): pretty.",
    );
  });
  await t.step("Markdown rows", () => {
    const md = formatMarkdown(run, meta(run, true));
    assert.ok(
      md.includes(
        "| Pretty tracing overhead | 350.0% | 350.0% .. 350.0% | 0.0900ms | 0.0200ms | +140.0 ns/event | <= 25.0% | MISS (client target, not enforced: below the write floor) |",
      ),
      md,
    );
    assert.ok(
      md.includes(
        "| Pretty floor ratio | 14.00x | 14.00x .. 14.00x | +0.0700ms (traced - off) | 0.00500ms (write) |  | <= 2.00x | MISS |",
      ),
      md,
    );
    assert.match(md, /\| JSONL floor ratio \| 3\.00x \|/);
  });
  await t.step("last.json and history carry the floor metrics", () => {
    const j = JSON.parse(JSON.stringify(jsonReport(run, meta(run, true))));
    const floor = j.results[0].metrics[1];
    assert.equal(floor.id, "pretty_floor");
    assert.equal(floor.kind, "floor");
    near(floor.value.median, 14);
    near(floor.added.median, 70_000);
    near(floor.writeFloor.median, 5_000);
    assert.equal(floor.target.value, 2);
    assert.equal(
      j.results[0].metrics[0].notEnforced,
      "client target, not enforced: below the write floor",
    );
    assert.equal(j.samplesNsPerQuery["pretty/medium/write_floor"].length, 1);
    near(j.samplesNsPerQuery["pretty/medium/write_floor"][0], 5_000);
    assert.equal(j.thresholds.jsonl_floor.value, 2);
    const h = historyEntry(run, meta(run, true)).medians as Record<string, number>;
    assert.deepEqual(Object.keys(h), ["pretty", "pretty_floor", "jsonl", "jsonl_floor"]);
    near(h.pretty_floor, 14);
    near(h.jsonl_floor, 3);
    near(h.pretty, 350);
  });
});
