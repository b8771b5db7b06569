import assert from "node:assert/strict";
import { CollectorSink, Engine } from "../../../mod.ts";

// Programs whose goals change between ports: backtracking undoes bindings,
// cuts and exceptions drop choicepoints, setarg/3 changes terms in place.
const PROGRAM = `
mem(X, [X|_]).
mem(X, [_|T]) :- mem(X, T).
app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).
pair(X-Y) :- mem(X, [1,2,3]), mem(Y, [a,b]).
show(_).
bump(T) :- arg(1, T, N), N1 is N + 1, setarg(1, T, N1).
keep(T) :- arg(1, T, N), N1 is N * 10, nb_setarg(1, T, N1).
risky(X) :- mem(X, [1,2,3]), X > 1, throw(found(X)).
`;

const GOALS = [
  "mem(X, [a,b,c])",
  "app(X, Y, [1,2,3])",
  "pair(P), show(P)",
  "findall(X-Y, app(X, Y, [1,2]), L), show(L)",
  "catch(risky(X), found(Y), show(Y))",
  "(mem(X, [1,2,3]), X > 1 -> show(X) ; show(none))",
  "T = c(0), (bump(T), show(T), bump(T), show(T), fail ; show(T))",
  "T = c(1), (keep(T), show(T), fail ; show(T))",
  "\\+ mem(z, [a,b]), show(done)",
  "length(L, 2), app(L, [x], R), show(R)",
];

function engine(): Engine {
  return new Engine(PROGRAM, { trace: { runId: "r" }, output: () => {}, errorOutput: () => {} });
}

function exhaust(e: Engine, goal: string): void {
  for (const _ of e.query(goal)) { /* all solutions */ }
}

Deno.test("CollectorSink: an unbounded collector reads goals through the binding history", () => {
  assert.equal(new CollectorSink().usesHistory, true);
  assert.equal(new CollectorSink({ maxEvents: 10 }).usesHistory, false);
});

Deno.test("CollectorSink: goals read through the history equal goals copied at each event", async (t) => {
  for (const goal of GOALS) {
    await t.step(goal, () => {
      const e = engine();
      const lazy = new CollectorSink();
      const copied = new CollectorSink({ maxEvents: 1e9 });
      e.tracer!.addSink(lazy);
      e.tracer!.addSink(copied);
      exhaust(e, goal);
      const viaHistory = lazy.events;
      assert.ok(viaHistory.length > 0);
      assert.deepEqual(viaHistory, copied.events);
    });
  }
});

Deno.test("CollectorSink: alone, it takes port events as numbers and records the same", async (t) => {
  // A lone unbounded collector is fed without the event object; a custom
  // filter that keeps everything forces the general path.
  for (const internalEvents of [false, true]) {
    for (const goal of GOALS) {
      await t.step(`${goal}${internalEvents ? " (with internal events)" : ""}`, () => {
        const make = () =>
          new Engine(PROGRAM, {
            trace: { runId: "r", internalEvents },
            output: () => {},
            errorOutput: () => {},
          });
        const direct = make(), general = make();
        const a = new CollectorSink(), b = new CollectorSink();
        direct.tracer!.addSink(a);
        general.tracer!.addSink(b);
        general.tracer!.setFilter(() => true);
        exhaust(direct, goal);
        exhaust(general, goal);
        assert.ok(a.events.length > 0);
        assert.deepEqual(a.events, b.events);
        a.clear();
        b.clear();
        exhaust(direct, goal);
        exhaust(general, goal);
        assert.deepEqual(a.events, b.events);
      });
    }
  }
});

Deno.test("CollectorSink: reading between solutions gives what reading at the end gives", () => {
  const e = engine();
  const during = new CollectorSink();
  e.tracer!.addSink(during);
  const seen: string[] = [];
  for (const _ of e.query("pair(P), show(P)")) {
    seen.push(...during.events.slice(seen.length).map((r) => `${r.port} ${r.goal}`));
  }
  const after = engine();
  const end = new CollectorSink();
  after.tracer!.addSink(end);
  exhaust(after, "pair(P), show(P)");
  assert.deepEqual(seen, end.events.slice(0, seen.length).map((r) => `${r.port} ${r.goal}`));
  assert.ok(seen.includes("exit mem(2,[1,2,3])"));
});

Deno.test("CollectorSink: goals show terms as they were before setarg/3 changed them", () => {
  const e = engine();
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  exhaust(e, "T = c(0), (bump(T), show(T), bump(T), show(T), fail ; show(T))");
  const shows = sink.events.filter((r) => r.predId === "show/1" && r.port === "call");
  assert.deepEqual(shows.map((r) => r.goal), ["show(c(1))", "show(c(2))", "show(c(0))"]);
});

Deno.test("CollectorSink: a ring buffer keeps the newest events across many wraps", () => {
  const e = engine();
  const sink = new CollectorSink({ maxEvents: 100 });
  e.tracer!.addSink(sink);
  exhaust(e, "numlist(1, 20, L), app(X, Y, L)");
  const total = sink.size + sink.dropped;
  assert.ok(total > 300, `only ${total} events`);
  assert.equal(sink.events.length, 100);
  assert.deepEqual(
    sink.events.map((r) => r.stepId),
    Array.from({ length: 100 }, (_, i) => total - 99 + i),
  );
  assert.equal(sink.events[99].port, "fail");
});

Deno.test("CollectorSink: clear() forgets records and the next run starts afresh", () => {
  const e = engine();
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  exhaust(e, "mem(X, [a,b])");
  const first = sink.events.map((r) => r.goal);
  sink.clear();
  assert.equal(sink.size, 0);
  assert.equal(sink.events.length, 0);
  exhaust(e, "mem(X, [a,b])");
  assert.deepEqual(sink.events.map((r) => r.goal), first);
  assert.deepEqual(first.slice(0, 2), ["mem(_G1,[a,b])", "mem(a,[a,b])"]);
});

Deno.test("CollectorSink: records keep their own query's ids, also across ring wraps", () => {
  const e = new Engine("n(1). n(2). n(3).", { trace: true, output: () => {} });
  const all = new CollectorSink();
  const ring = new CollectorSink({ maxEvents: 5 });
  e.tracer!.addSink(all);
  e.tracer!.addSink(ring);
  for (let q = 0; q < 4; q++) exhaust(e, "n(X)");
  assert.equal(all.events.length, 4 * 6); // call, exit, (redo, exit) x 2: the last exit is det
  assert.deepEqual([...new Set(all.events.map((r) => r.queryId))], [1, 2, 3, 4]);
  assert.equal(new Set(all.events.map((r) => r.runId)).size, 4);
  // The ring holds the last 5 events: the end of query 4 only.
  assert.deepEqual(ring.events, all.events.slice(-5));
});

Deno.test("CollectorSink: a long run's binding history is restarted, and goals stay right", () => {
  const run = (sinks: CollectorSink[]) => {
    const e = new Engine(
      PROGRAM + "long(_) :- between(1, 6000, X), X < 0.",
      { trace: { runId: "r" }, output: () => {}, errorOutput: () => {} },
    );
    e.machine.historyLimit = 500;
    const tracer = e.tracer!;
    const restart = tracer.historyFull.bind(tracer);
    let restarts = 0;
    tracer.historyFull = () => {
      restarts++;
      restart();
    };
    for (const s of sinks) tracer.addSink(s);
    exhaust(e, "(Y = a ; Y = b), long(Y)");
    assert.ok(restarts >= 2, `${restarts} restarts`);
    assert.ok(e.machine.bindLog!.length < 500 + 5 * 4096, "the last history is bounded");
  };
  // Alone: long/1 was called before the restarts and fails after them, once
  // Y's binding is undone; its fail shows it as called.
  const alone = new CollectorSink();
  run([alone]);
  const fails = alone.events.filter((r) => r.predId === "long/1" && r.port === "fail");
  assert.deepEqual(fails.map((r) => r.goal), ["long(a)", "long(b)"]);
  // Next to a collector that copies every goal: the same records.
  const lazy = new CollectorSink();
  const copied = new CollectorSink({ maxEvents: 1e9 });
  run([lazy, copied]);
  assert.deepEqual(lazy.events, copied.events);
  assert.deepEqual(lazy.events, alone.events);
});

Deno.test("CollectorSink: attached in the middle of a run, it copies goals (no history yet)", () => {
  const e = engine();
  const late = new CollectorSink();
  let n = 0;
  for (const _ of e.query("mem(X, [a,b,c])")) if (n++ === 0) e.tracer!.addSink(late);
  const goals = late.events.map((r) => `${r.port} ${r.goal}`);
  assert.deepEqual(goals.slice(0, 4), [
    "redo mem(_G1,[a,b,c])",
    "call mem(_G1,[b,c])",
    "exit mem(b,[b,c])",
    "exit mem(b,[a,b,c])",
  ]);
  // From the next run on it reads goals through the history.
  late.clear();
  exhaust(e, "mem(X, [a,b])");
  assert.deepEqual(late.events.slice(0, 2).map((r) => r.goal), ["mem(_G1,[a,b])", "mem(a,[a,b])"]);
});

/** Two engines over PROGRAM: a lone collector (deferred rules) and one fed event by event. */
function deferredAndGeneral(
  extra = "",
): { d: Engine; g: Engine; a: CollectorSink; b: CollectorSink } {
  const make = () =>
    new Engine(PROGRAM + extra, { trace: { runId: "r" }, output: () => {}, errorOutput: () => {} });
  const d = make(), g = make();
  const a = new CollectorSink(), b = new CollectorSink();
  d.tracer!.addSink(a);
  g.tracer!.addSink(b);
  // A custom filter that keeps everything: every event goes through the tracer at once.
  g.tracer!.setFilter(() => true);
  return { d, g, a, b };
}

Deno.test("CollectorSink: runs not read yet wait on the recorder; read later, each run's records are right", () => {
  const { d, g, a, b } = deferredAndGeneral();
  for (const goal of GOALS) {
    for (const e of [d, g]) {
      // Filters changed between runs apply to the next run only, also when it is read later.
      e.tracer!.setFilters(goal.startsWith("app") ? { maxDepth: 1 } : {});
      try {
        exhaust(e, goal);
      } catch { /* uncaught errors end a run; its events stay */ }
    }
  }
  assert.ok(a.size > 100);
  assert.deepEqual(a.events, b.events);
  assert.deepEqual([...new Set(a.events.map((r) => r.queryId))].length, GOALS.length);
});

Deno.test("CollectorSink: clear() in the middle of a run keeps the rules' state: later records are right", () => {
  const { d, g, a, b } = deferredAndGeneral();
  const seen: string[][] = [[], []];
  for (const [i, e, s] of [[0, d, a], [1, g, b]] as const) {
    let n = 0;
    for (const _ of e.query("pair(P), show(P)")) {
      if (n++ % 2 === 0) s.clear();
      seen[i].push(...s.events.map((r) => `${r.stepId} ${r.port} ${r.goal} ${r.parentId}`));
      s.clear();
    }
  }
  assert.ok(seen[0].length > 10);
  assert.deepEqual(seen[0], seen[1]);
});

Deno.test("CollectorSink: a run longer than the recorder's tape is settled as it goes", () => {
  const { d, g, a, b } = deferredAndGeneral("count(0) :- !.\ncount(N) :- N1 is N - 1, count(N1).");
  exhaust(d, "count(30000)");
  exhaust(g, "count(30000)");
  // Three reports per step (two calls, an exit): more than the tape holds (65,536 rows).
  assert.ok(a.size > 100_000, `${a.size} events`);
  assert.equal(a.size, b.size);
  assert.deepEqual(a.events.slice(-50), b.events.slice(-50));
  assert.deepEqual(
    a.events.filter((_, i) => i % 997 === 0),
    b.events.filter((_, i) => i % 997 === 0),
  );
});

Deno.test("CollectorSink: tracer.emitted counts the events of reports not yet read", () => {
  const { d, g } = deferredAndGeneral();
  exhaust(d, "pair(P), show(P)");
  exhaust(g, "pair(P), show(P)");
  exhaust(d, "mem(X, [a,b,c])");
  exhaust(g, "mem(X, [a,b,c])");
  assert.ok(g.tracer!.emitted > 20);
  assert.equal(d.tracer!.emitted, g.tracer!.emitted);
});
