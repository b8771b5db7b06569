/**
 * One conformance suite run against every sink (hono's shared router suite
 * is the model): the same events reach each sink, and `close()` writes all.
 */
import assert from "node:assert/strict";
import {
  CollectorSink,
  Engine,
  JsonlSink,
  NullSink,
  PrettySink,
  type TraceSink,
} from "../../../mod.ts";

const PROGRAM = Deno.readTextFileSync(new URL("../testdata/golden.pl", import.meta.url));

interface Subject {
  sink: TraceSink & AsyncDisposable;
  /** Events the sink has recorded (lines on disk for file sinks). */
  count(): number;
  /** The recorded goal texts, or null when the sink keeps none. */
  goals(): string[] | null;
}

function fileLines(path: string): string[] {
  const text = Deno.readTextFileSync(path);
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

const SINKS: Record<string, () => Subject> = {
  PrettySink() {
    const path = Deno.makeTempFileSync();
    return {
      sink: new PrettySink(path),
      count: () => fileLines(path).length,
      goals: () => fileLines(path).map((l) => l.replace(/^ *\[\d+\] [A-Z]+ [^:]+: /, "")),
    };
  },
  JsonlSink() {
    const path = Deno.makeTempFileSync();
    return {
      sink: new JsonlSink(path),
      count: () => fileLines(path).length,
      goals: () => fileLines(path).map((l) => JSON.parse(l).g),
    };
  },
  CollectorSink() {
    const sink = new CollectorSink();
    return { sink, count: () => sink.events.length, goals: () => sink.events.map((r) => r.goal) };
  },
  NullSink() {
    const sink = new NullSink();
    return { sink, count: () => sink.count, goals: () => null };
  },
};

/**
 * Cases that do not apply to a sink, with the reason: they are not
 * registered for it (an ignored step would read as a hidden failure).
 * The null sink keeps no goals; every other case runs against it.
 */
const NOT_APPLICABLE: Record<string, Record<string, string>> = {
  NullSink: { "keeps a snapshot of each goal": "the null sink keeps nothing" },
};

function engine(): Engine {
  return new Engine(PROGRAM, { trace: { runId: "conf" }, output: () => {} });
}

function exhaust(e: Engine, goal: string): void {
  try {
    for (const _ of e.query(goal)) { /* all solutions */ }
  } catch { /* an uncaught exception ends the run */ }
}

const GOALS = ["app([1,2],[3],X)", "mem(X,[1,2,3])", "p", "t(X)", "small(5)", "count(5)"];

const CASES: Record<string, (make: () => Subject) => Promise<void>> = {
  async "receives every emitted event, over several queries"(make) {
    const e = engine();
    const s = make();
    e.tracer!.addSink(s.sink);
    for (const g of GOALS) exhaust(e, g);
    await s.sink.close();
    assert.equal(e.tracer!.emitted, 76);
    assert.equal(s.count(), e.tracer!.emitted);
  },
  async "sees exactly the events that pass the filters"(make) {
    const e = engine();
    const s = make();
    e.tracer!.addSink(s.sink);
    e.tracer!.setFilters({ ports: ["exit", "fail"], exclude: ["is/2"] });
    for (const g of GOALS) exhaust(e, g);
    await s.sink.close();
    assert.ok(e.tracer!.emitted > 0 && e.tracer!.emitted < 76);
    assert.equal(s.count(), e.tracer!.emitted);
  },
  async "flush() makes everything accepted so far visible"(make) {
    const e = engine();
    const s = make();
    e.tracer!.addSink(s.sink);
    exhaust(e, "count(5)");
    await s.sink.flush();
    assert.equal(s.count(), 32);
    exhaust(e, "p");
    await e.tracer!.flush();
    assert.equal(s.count(), 38);
    await s.sink.close();
  },
  async "close() writes everything and a second close() is harmless"(make) {
    const e = engine();
    const s = make();
    e.tracer!.addSink(s.sink);
    exhaust(e, "mem(X,[1,2,3])");
    await e.tracer!.close();
    assert.equal(e.tracer!.sinks.length, 0);
    assert.equal(s.count(), 20);
    await s.sink.close();
    assert.equal(s.count(), 20);
  },
  async "await using closes the sink"(make) {
    const e = engine();
    let s: Subject;
    {
      s = make();
      await using sink = s.sink;
      e.tracer!.addSink(sink);
      exhaust(e, "app([1,2],[3],X)");
    }
    assert.equal(s.count(), 6);
  },
  async "keeps a snapshot of each goal"(make) {
    const e = engine();
    const s = make();
    e.tracer!.addSink(s.sink);
    exhaust(e, "mem(X,[1,2])");
    await s.sink.close();
    // Bindings are undone on backtracking; each record shows the goal as of its event.
    assert.deepEqual(s.goals()!.slice(0, 3), ["mem(_G1,[1,2])", "mem(1,[1,2])", "mem(_G1,[1,2])"]);
  },
  async "needsDrain is false after drain()"(make) {
    const e = engine();
    const s = make();
    e.tracer!.addSink(s.sink);
    exhaust(e, "count(5)");
    await e.tracer!.drain();
    assert.equal(s.sink.needsDrain ?? false, false);
    assert.equal(e.tracer!.needsDrain, false);
    await s.sink.close();
  },
};

for (const [name, make] of Object.entries(SINKS)) {
  Deno.test(`${name} conforms to the sink contract`, async (t) => {
    for (const [title, run] of Object.entries(CASES)) {
      if (NOT_APPLICABLE[name]?.[title] !== undefined) continue;
      await t.step(title, () => run(make));
    }
  });
}
