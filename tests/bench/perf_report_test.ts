import assert from "node:assert/strict";
import { parseBenchJson, resolveThresholds } from "../../bench/_perf_lib.ts";
import { evaluate } from "../../bench/_perf_eval.ts";
import {
  formatLine,
  formatMarkdown,
  formatText,
  historyEntry,
  jsonReport,
} from "../../bench/_perf_report.ts";
import { CATEGORIES, GROUPS } from "../../bench/cases.ts";
import { COUNTS, meta, ROUND1, ROUND2, samplesOf, TARGETS, thresholds } from "./_perf_fixtures.ts";

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
