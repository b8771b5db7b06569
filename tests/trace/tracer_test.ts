import assert from "node:assert/strict";
import {
  CollectorSink,
  Engine,
  type EventRecord,
  JsonlSink,
  PrettySink,
  type TraceEvent,
} from "../../mod.ts";
import type { TraceSink } from "../../trace/mod.ts";
import { sequenceProblem } from "./_sequence.ts";

const PROGRAMS = `
app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).
nrev([], []).
nrev([H|T], R) :- nrev(T, RT), app(RT, [H], R).
mem(X, [X|_]).
mem(X, [_|T]) :- mem(X, T).
sel(X, [X|T], T).
sel(X, [H|T], [H|R]) :- sel(X, T, R).
perm([], []).
perm(L, [H|T]) :- sel(H, L, R), perm(R, T).
safe([]).
safe([Q|Qs]) :- noattack(Q, Qs, 1), safe(Qs).
noattack(_, [], _).
noattack(Q, [Q1|Qs], D) :- Q =\\= Q1 + D, Q =\\= Q1 - D, D1 is D + 1, noattack(Q, Qs, D1).
queens(N, Qs) :- numlist(1, N, L), perm(L, Qs), safe(Qs).
count(0) :- !.
count(N) :- N1 is N - 1, count(N1).
p :- q, !, r.
q. q.
r.
t(X) :- catch(u(X), E, X = caught(E)).
u(_) :- throw(oops).
choice(0). choice(1). choice(2). choice(3).
test(A, B, C) :- choice(A), choice(B), choice(C), A < B, B < C.
d(X) :- X > 1, X < 3 ; X = 7.
lib(L) :- maplist(succ, [1,2], L).
`;

function traced(opts: Record<string, unknown> = {}): { e: Engine; sink: CollectorSink } {
  const e = new Engine(PROGRAMS, {
    trace: { runId: "run", ...opts },
    output: () => {},
    errorOutput: () => {},
  });
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  return { e, sink };
}

function runAll(e: Engine, goal: string): void {
  try {
    for (const _ of e.query(goal)) { /* exhaust */ }
  } catch { /* exceptions end the run; the events are still checked */ }
}

/** Queries over PROGRAMS: fixed ones, then random ones (a fixed seed). */
function sampleGoals(): string[] {
  const goals = [
    "app(X, Y, [1,2,3])",
    "nrev([1,2,3,4,5], R)",
    "mem(X, [a,b,c])",
    "perm([1,2,3], P)",
    "queens(5, Qs)",
    "count(20)",
    "p",
    "t(X)",
    "test(A, B, C)",
    "d(X)",
    "lib(L)",
    "findall(X, mem(X, [1,2]), L)",
    "\\+ mem(z, [a,b])",
    "(mem(X, [1,2,3]), X > 1 -> true ; fail)",
    "catch((mem(X, [1,2]), X > 1, throw(got(X))), got(Y), true)",
    "forall(mem(X, [1,2]), X > 0)",
    "atom_length(abc, N)",
    "mem(X, [1,2,3]), X > 5",
  ];
  // Random queries over the same predicates.
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let i = 0; i < 30; i++) {
    const items = Array.from({ length: rnd(5) }, () => rnd(4));
    const pick = rnd(4);
    goals.push(
      [
        `mem(X, [${items}]), X >= ${rnd(3)}`,
        `app(A, B, [${items}]), length(A, ${rnd(3)})`,
        `sel(X, [${items}], R), mem(X, R)`,
        `test(A, B, C), A + B + C =:= ${rnd(7)}`,
      ][pick],
    );
  }
  return goals;
}

Deno.test("tracer events obey the Byrd-box sequence rules", async (t) => {
  for (const goal of sampleGoals()) {
    await t.step(goal, () => {
      const { e, sink } = traced();
      runAll(e, goal);
      assert.ok(sink.events.length > 0, "no events");
      assert.equal(sequenceProblem(sink.events), null);
    });
  }
});

Deno.test("goal text made at each event equals the goal read later through the history", async (t) => {
  // The text sinks' path (`goalText`, which reuses the call's text where the
  // goal is unchanged) against the collector's (a binding history replayed).
  const extra = ["tt(A, B)", "ww(Y)", "tt(A, B), B == b", "ww(Y), Y == b"];
  for (const goal of [...sampleGoals(), ...extra]) {
    await t.step(goal, () => {
      const { e, sink } = traced();
      e.consult("tt(X, Y) :- X = 1, mem(Y, [a, b]).\nww(Y) :- mem(Y, [a, b]).");
      const texts: string[] = [];
      e.tracer!.addSink({
        accept: (ev: TraceEvent) => void texts.push(`${ev.port} ${ev.goalText}`),
        flush: () => {},
        close: () => Promise.resolve(),
      });
      runAll(e, goal);
      const names = ["call", "exit", "redo", "fail", "exception"];
      const fromHistory = sink.events.map((r) => `${names.indexOf(r.port)} ${r.goal}`);
      assert.deepEqual(texts, fromHistory);
    });
  }
  await t.step("a redo shows bindings made before the choicepoint", () => {
    const { e, sink } = traced();
    e.consult("tt(X, Y) :- X = 1, mem(Y, [a, b]).\nww(Y) :- mem(Y, [a, b]).");
    const texts: string[] = [];
    e.tracer!.addSink({
      accept: (ev: TraceEvent) => {
        if (ev.depth === 0) texts.push(`${ev.port} ${ev.goalText}`);
      },
      flush: () => {},
      close: () => Promise.resolve(),
    });
    runAll(e, "tt(A, B)");
    runAll(e, "ww(Y)");
    assert.deepEqual(texts, [
      "0 tt(_G1,_G2)",
      "1 tt(1,a)",
      "2 tt(1,_G2)",
      "1 tt(1,b)",
      "2 tt(1,_G2)",
      "3 tt(_G1,_G2)",
      "0 ww(_G1)",
      "1 ww(a)",
      "2 ww(_G1)",
      "1 ww(b)",
      "2 ww(_G1)",
      "3 ww(_G1)",
    ]);
    assert.ok(sink.events.length > 0);
  });
});

Deno.test("tracer marks deterministic exits", () => {
  const { e, sink } = traced();
  runAll(e, "app([1], [2], X)");
  const exits = sink.events.filter((r) => r.port === "exit");
  assert.ok(exits.length === 2 && exits.every((r) => r.det));
  sink.clear();
  runAll(e, "mem(X, [1,2])");
  assert.equal(sink.events.find((r) => r.port === "exit")!.det, false);
});

Deno.test("tracer hides library internals but shows user callbacks", () => {
  const { e, sink } = traced();
  e.consult("double(X, Y) :- Y is X * 2.");
  runAll(e, "maplist(double, [1,2], L)");
  const preds = new Set(sink.events.map((r) => r.predId));
  assert.ok(preds.has("maplist/3"));
  assert.ok(preds.has("double/2"));
  const maplist = sink.events.filter((r) => r.predId === "maplist/3");
  assert.equal(maplist.filter((r) => r.port === "call").length, 1, "one box for maplist");
  const dbl = sink.events.find((r) => r.predId === "double/2")!;
  assert.equal(dbl.parentId, maplist[0].invocationId);
});

Deno.test("tracer filters", async (t) => {
  await t.step("ports", () => {
    const { e, sink } = traced();
    e.tracer!.setFilters({ ports: ["call"] });
    runAll(e, "app([1,2], [3], X)");
    assert.ok(sink.events.every((r) => r.port === "call"));
    assert.equal(sink.events.length, 3);
    assert.deepEqual(sink.events.map((r) => r.stepId), [1, 2, 3]);
  });
  await t.step("include and exclude", () => {
    const { e, sink } = traced();
    e.tracer!.setFilters({ include: ["app/3"] });
    runAll(e, "nrev([1,2], R)");
    assert.ok(sink.events.length > 0 && sink.events.every((r) => r.predId === "app/3"));
    sink.clear();
    e.tracer!.setFilters({ exclude: ["app"] });
    runAll(e, "nrev([1,2], R)");
    assert.ok(sink.events.length > 0 && sink.events.every((r) => r.predId !== "app/3"));
  });
  await t.step("depth range", () => {
    const { e, sink } = traced();
    e.tracer!.setFilters({ minDepth: 1, maxDepth: 1 });
    runAll(e, "app([1,2,3], [4], X)");
    assert.ok(sink.events.length > 0 && sink.events.every((r) => r.depth === 1));
  });
  await t.step("builtins off", () => {
    const { e, sink } = traced();
    e.tracer!.setFilters({ builtins: false });
    runAll(e, "count(3)");
    assert.deepEqual([...new Set(sink.events.map((r) => r.predId))], ["count/1"]);
  });
  await t.step("sampling keeps every Nth event, shifted by the seed", () => {
    const full = traced();
    runAll(full.e, "nrev([1,2,3], R)");
    const n = full.sink.events.length;
    const { e, sink } = traced();
    e.tracer!.setFilters({ sample: { every: 3, seed: 1 } });
    runAll(e, "nrev([1,2,3], R)");
    assert.equal(sink.events.length, Math.floor((n - 1) / 3) + 1);
    const key = (r: EventRecord) => `${r.port} ${r.predId} ${r.invocationId}`;
    assert.deepEqual(
      sink.events.map(key),
      full.sink.events.filter((_, i) => i % 3 === 1).map(key),
    );
  });
  await t.step("custom filter: rejected events get no step id", () => {
    const { e, sink } = traced();
    e.tracer!.setFilter((ev: TraceEvent) => ev.port === 1);
    runAll(e, "app([1,2], [3], X)");
    assert.deepEqual(sink.events.map((r) => `${r.stepId}:${r.port}`), [
      "1:exit",
      "2:exit",
      "3:exit",
    ]);
  });
  await t.step("invalid configuration throws at configuration time", () => {
    const { e } = traced();
    assert.throws(
      () => e.tracer!.setFilters({ ports: ["call", "jump" as "call"] }),
      /Unknown port "jump"/,
    );
    assert.throws(() => e.tracer!.setFilters({ minDepth: -1 }), /minDepth/);
    assert.throws(
      () => e.tracer!.setFilters({ minDepth: 4, maxDepth: 2 }),
      /greater than maxDepth/,
    );
    assert.throws(() => e.tracer!.setFilters({ sample: 0 }), /sample period/);
  });
});

Deno.test("tracer spypoints", () => {
  const { e, sink } = traced();
  e.tracer!.spy("app/3");
  runAll(e, "nrev([1,2], R)");
  assert.ok(sink.events.length > 0 && sink.events.every((r) => r.predId === "app/3"));
  e.tracer!.spy("nrev");
  sink.clear();
  runAll(e, "nrev([1,2], R)");
  assert.deepEqual([...new Set(sink.events.map((r) => r.predId))].sort(), ["app/3", "nrev/2"]);
  e.tracer!.nospy("app/3");
  sink.clear();
  runAll(e, "nrev([1,2], R)");
  assert.deepEqual([...new Set(sink.events.map((r) => r.predId))], ["nrev/2"]);
  e.tracer!.nospyall();
  sink.clear();
  runAll(e, "nrev([1,2], R)");
  assert.deepEqual([...new Set(sink.events.map((r) => r.predId))].sort(), ["app/3", "nrev/2"]);
  assert.equal(e.tracer!.spypoints.length, 0);
});

Deno.test("tracer records goals as of each event", () => {
  const { e, sink } = traced();
  runAll(e, "mem(X, [a,b])");
  assert.deepEqual(
    sink.events.filter((r) => r.depth === 0).map((r) => `${r.port} ${r.goal}`),
    [
      "call mem(_G1,[a,b])",
      "exit mem(a,[a,b])",
      "redo mem(_G1,[a,b])",
      "exit mem(b,[a,b])",
      "redo mem(_G1,[a,b])",
      "fail mem(_G1,[a,b])",
    ],
  );
});

Deno.test("traced arithmetic comparisons show their goal at every port", async (t) => {
  // Comparisons run in place while traced; their goal is built from the
  // clause's slots when first shown, so it must read as it was at the port.
  const src = "cmp(X, Y) :- X + 1 > Y.\nbad :- X > 1, X = 2.\nsum(X, Y) :- Y is X + 1.";
  const expected = [
    "call cmp(1,1)",
    "call 1+1>1",
    "exit 1+1>1",
    "exit cmp(1,1)",
    "call cmp(1,5)",
    "call 1+1>5",
    "fail 1+1>5",
    "fail cmp(1,5)",
    "call bad",
    "call _G1>1",
    "exception _G1>1",
    "exception bad",
  ];
  for (const maxEvents of [undefined, 100]) {
    await t.step(maxEvents === undefined ? "unbounded collector" : "ring buffer", () => {
      const e = new Engine(src, { trace: { runId: "r" } });
      const sink = new CollectorSink({ maxEvents });
      e.tracer!.addSink(sink);
      runAll(e, "cmp(1, 1)");
      runAll(e, "cmp(1, 5)");
      runAll(e, "bad");
      assert.deepEqual(sink.events.map((r) => `${r.port} ${r.goal}`), expected);
      assert.equal(sequenceProblem(sink.events.slice(0, 4)), null);
    });
  }
  await t.step("counted as inferences like untraced ones", () => {
    const plain = new Engine(src);
    const traced = new Engine(src, { trace: true });
    traced.tracer!.addSink(new CollectorSink());
    for (const e of [plain, traced]) runAll(e, "cmp(1, 1), sum(1, _)");
    assert.equal(traced.machine.steps, plain.machine.steps);
  });
});

Deno.test("tracer caps goal text", () => {
  const { e, sink } = traced({ maxListItems: 3, maxTermDepth: 3 });
  runAll(e, "app([1,2,3,4,5], [], X)");
  assert.equal(sink.events[0].goal, "app([1,2,3|...],[],_G1)");
  sink.clear();
  runAll(e, "mem(X, [f(g(h(i)))])");
  // The list is one level, so with depth 3 only f's argument is elided.
  assert.equal(sink.events[0].goal, "mem(_G1,[f(...)])");
});

Deno.test("tracer bindings policies", async (t) => {
  await t.step("namesValues", () => {
    const { e, sink } = traced({ bindings: "namesValues" });
    runAll(e, "app(X, [2], [1,2])");
    assert.deepEqual(sink.events[0].bindings, { X: "_G1" });
    const inner = sink.events.find((r) => r.depth === 1 && r.port === "call")!;
    assert.deepEqual(Object.keys(inner.bindings!).sort(), ["L", "R", "T"]);
  });
  await t.step("namesValues: a clause variable not created yet when its goal runs in place", () => {
    // `W` first occurs in a comparison, which runs in place: its frame slot
    // does not exist at the call (this used to crash with a JS TypeError).
    const e = new Engine("r :- W < 1.\n", { trace: { bindings: "namesValues" } });
    const sink = new CollectorSink();
    e.tracer!.addSink(sink);
    assert.match(e.once("catch(r, E, true)")!.text.E, /^error\(instantiation_error/);
    const lt = sink.events.filter((r) => r.goal.endsWith("<1"));
    assert.deepEqual(lt.map((r) => r.port), ["call", "exception"]);
    for (const r of lt) assert.deepEqual(r.bindings, { W: r.goal.slice(0, -2) });
  });
  await t.step("names", () => {
    const { e, sink } = traced({ bindings: "names" });
    runAll(e, "app(X, [2], [1,2])");
    assert.deepEqual(sink.events[0].bindings, { X: null });
  });
  await t.step("none", () => {
    const { e, sink } = traced();
    runAll(e, "app(X, [2], [1,2])");
    assert.equal(sink.events[0].bindings, undefined);
  });
});

Deno.test("tracer output is deterministic with a fixed run id", () => {
  const render = () => {
    const { e, sink } = traced();
    runAll(e, "queens(4, Qs)");
    return JSON.stringify(sink.events);
  };
  assert.equal(render(), render());
});

Deno.test("tracer assigns one run id and query id per query", () => {
  const e = new Engine("p(1).", { trace: true, output: () => {} });
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  e.once("p(X)");
  e.once("p(X)");
  const runs = [...new Set(sink.events.map((r) => r.runId))];
  assert.equal(runs.length, 2);
  assert.match(runs[0], /^[0-9a-f-]{36}$/);
  assert.deepEqual([...new Set(sink.events.map((r) => r.queryId))], [1, 2]);
});

Deno.test("CollectorSink ring buffer counts what it dropped", () => {
  const e = new Engine("n(1). n(2). n(3). n(4).", { trace: { runId: "r" }, output: () => {} });
  const sink = new CollectorSink({ maxEvents: 3 });
  e.tracer!.addSink(sink);
  runAll(e, "n(X)");
  assert.equal(sink.events.length, 3);
  assert.equal(sink.dropped, 8 - 3);
  assert.equal(sink.events[2].port, "exit");
  assert.deepEqual(sink.events.map((r) => r.stepId), [6, 7, 8]);
});

Deno.test("tracer internal events are off by default and report choicepoints, cuts and catches", () => {
  const program = "p(1). p(2). t :- catch(p(X), _, true), X > 1, !.";
  const quiet = new Engine(program, { trace: { runId: "r" }, output: () => {} });
  const qs = new CollectorSink();
  quiet.tracer!.addSink(qs);
  quiet.once("t");
  assert.ok(qs.events.every((r) => r.kind === undefined && r.port !== "internal"));

  const e = new Engine(program, { trace: { runId: "r", internalEvents: true }, output: () => {} });
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  e.once("t");
  const kinds = sink.events.filter((r) => r.port === "internal").map((r) => r.kind);
  for (const k of ["cp_push", "cp_pop", "catch_enter", "catch_exit"]) {
    assert.ok(kinds.includes(k), `missing ${k}`);
  }
  const enter = sink.events.find((r) => r.kind === "catch_enter")!;
  assert.equal(enter.predId, "t/0");
  assert.deepEqual(Object.keys(enter.details!), ["height"]);
  // Ports keep their step ids interleaved with internal events.
  assert.deepEqual(sink.events.map((r) => r.stepId), sink.events.map((_, i) => i + 1));
  const cut = new Engine("q(1). q(2). c :- q(_), !.", {
    trace: { runId: "r", internalEvents: true },
    output: () => {},
  });
  const cs = new CollectorSink();
  cut.tracer!.addSink(cs);
  cut.once("c");
  assert.ok(cs.events.some((r) => r.kind === "cut"));
});

Deno.test("tracer with every port filtered out runs queries on the untraced path", () => {
  const { e, sink } = traced();
  e.tracer!.setFilters({ ports: [] });
  for (const _ of e.query("mem(X, [a,b])")) assert.equal(e.machine.ports, null);
  assert.equal(sink.events.length, 0);
  e.tracer!.setFilters({});
  for (const _ of e.query("mem(X, [a,b])")) assert.equal(e.machine.ports, e.tracer!.ports);
  assert.equal(sink.events[0].goal, "mem(_G1,[a,b])");
});

Deno.test("goals run inside all-solutions predicates keep their parent and depth", async (t) => {
  const src = `
q(1). q(2).
w_findall(L) :- findall(X, q(X), L).
w_bagof(L) :- bagof(X, q(X), L).
w_setof(L) :- setof(X, q(X), L).
w_aggregate(N) :- aggregate_all(count, q(_), N).
w_forall :- forall(q(X), X > 0).
w_nested(L) :- findall(Y, (q(Y), findall(Z, q(Z), _)), L).
`;
  // [goal, predicate whose box must be q/1's parent]
  const cases: [string, string][] = [
    ["w_findall(L)", "w_findall/1"],
    ["w_bagof(L)", "bagof/3"],
    ["w_setof(L)", "setof/3"],
    ["w_aggregate(N)", "aggregate_all/3"],
    ["w_forall", "forall/2"],
  ];
  for (const [goal, owner] of cases) {
    await t.step(goal, () => {
      const e = new Engine(src, { trace: { runId: "r" } });
      const sink = new CollectorSink();
      e.tracer!.addSink(sink);
      assert.ok(e.once(goal) !== null);
      const byId = new Map(sink.events.map((r) => [r.invocationId, r]));
      const qs = sink.events.filter((r) => r.predId === "q/1");
      assert.ok(qs.length >= 4, `q/1 traced: ${qs.length}`);
      for (const r of qs) {
        const parent = byId.get(r.parentId);
        assert.ok(parent !== undefined, `${r.port} q/1 has parent ${r.parentId}`);
        assert.equal(parent.predId, owner);
        assert.equal(r.depth, parent.depth + 1);
      }
    });
  }
  await t.step("nested findall", () => {
    const e = new Engine(src, { trace: { runId: "r" } });
    const sink = new CollectorSink();
    e.tracer!.addSink(sink);
    assert.ok(e.once("w_nested(L)") !== null);
    const qs = sink.events.filter((r) => r.predId === "q/1" && r.port === "call");
    // The outer q(Y) and, per solution, the inner q(Z): all children of w_nested/1.
    assert.equal(qs.length, 3);
    for (const r of qs) assert.deepEqual([r.parentId, r.depth], [1, 1]);
  });
});

/** A JSONL or pretty trace of `goal` (all solutions), lines in order. */
function traceLines(
  src: string,
  goal: string,
  kind: "jsonl" | "pretty",
  filters: Record<string, unknown> = {},
): string[] {
  const chunks: Uint8Array[] = [];
  const writer = {
    writeSync(b: Uint8Array): number {
      chunks.push(b.slice());
      return b.length;
    },
  };
  const e = new Engine(src, { trace: { runId: "r", bindings: "namesValues" } });
  e.tracer!.addSink(
    kind === "jsonl"
      ? new JsonlSink(writer, { canonical: true })
      : new PrettySink(writer, { color: false }),
  );
  if (Object.keys(filters).length > 0) e.tracer!.setFilters(filters);
  for (const _ of e.query(goal)) { /* all */ }
  e.tracer!.flush();
  return new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c]))).split("\n")
    .filter((l) => l !== "");
}

Deno.test("fail, exception and redo show goal, canonical goal and bindings as at the call", async (t) => {
  // X is bound between member/2's choicepoint and the call of =:=/2: when
  // =:=/2 fails, backtracking has undone X, but its fail port shows the
  // goal as called, so its bindings must agree with it.
  const src = `
even(X) :- member(X, [1,2,3]), X mod 2 =:= 0.
boom(X) :- member(X, [1]), atom_length(X, _).
`;
  await t.step("JSONL: g, gc and b at fail/exception equal the call's", () => {
    for (const goal of ["even(X)", "catch(boom(_), _, true)"]) {
      const calls = new Map<number, Record<string, unknown>>();
      let checked = 0;
      for (const line of traceLines(src, goal, "jsonl")) {
        const ev = JSON.parse(line);
        if (ev.p === 0) calls.set(ev.bid, ev);
        if (ev.p === 3 || ev.p === 4) {
          const c = calls.get(ev.bid)!;
          assert.deepEqual([ev.g, ev.gc, ev.b], [c.g, c.gc, c.b], line);
          checked++;
        }
      }
      assert.ok(checked >= 2, `${goal}: ${checked} fail/exception lines`);
    }
  });
  await t.step("pretty: the bindings of a failed test show the value it was called with", () => {
    const fails = traceLines(src, "even(X)", "pretty").filter((l) => l.includes("FAIL =:=/2"));
    assert.deepEqual(fails.map((l) => l.trim()), [
      "[5] FAIL =:=/2: 1 mod 2=:=0 {X=1}",
      "[15] FAIL =:=/2: 3 mod 2=:=0 {X=3}",
    ]);
  });
  await t.step("with the call port filtered out, fail still shows the goal as called", () => {
    const lines = traceLines(src, "even(X)", "jsonl", { ports: ["fail"] })
      .map((l) => JSON.parse(l)).filter((ev) => ev.pid === "=:=/2");
    assert.deepEqual(lines.map((ev) => [ev.g, ev.gc, ev.b]), [
      ["1 mod 2=:=0", "=:=(mod(1,2),0)", { X: "1" }],
      ["3 mod 2=:=0", "=:=(mod(3,2),0)", { X: "3" }],
    ]);
  });
  await t.step("the exception port shows the culprit as raised", () => {
    // T=[1] is undone when the error unwinds to catch/3: the ball is a copy.
    const ex = traceLines(src, "catch((T = [1], atom_length([2|T], _)), _, true)", "jsonl")
      .map((l) => JSON.parse(l)).filter((ev) => ev.p === 4);
    assert.deepEqual(ex.map((ev) => [ev.pid, ev.x]), [
      ["atom_length/2", "error(type_error(atom,[2,1]),_)"],
    ]);
  });
});

Deno.test("tracing to the built-in sinks keeps conditional trailing: the trail stays short", async (t) => {
  // A choicepoint below a long deterministic loop: untraced, the loop's
  // bindings (of variables newer than the choicepoint) are not trailed.
  const src = `
count(0) :- !.
count(N) :- N1 is N - 1, count(N1).
go :- between(1, 2, _), count(2000), done.
done.
`;
  const trailAt = (sink: TraceSink): number => {
    const e = new Engine(src, { trace: true });
    let len = -1;
    // A filter function does not make the machine trail everything.
    e.tracer!.setFilter((ev) => {
      if (ev.predId === "done/0" && ev.port === 0) len = e.machine.trail.length;
      return true;
    });
    e.tracer!.addSink(sink);
    assert.ok(e.once("go") !== null);
    assert.ok(len >= 0, "done/0 was called");
    return len;
  };
  for (
    const [name, make] of [
      ["ring collector", () => new CollectorSink({ maxEvents: 100 })],
      ["collector", () => new CollectorSink()],
      ["pretty", () => new PrettySink({ writeSync: (b: Uint8Array) => b.length })],
      ["jsonl", () => new JsonlSink({ writeSync: (b: Uint8Array) => b.length })],
    ] as const
  ) {
    await t.step(name, () => {
      const n = trailAt(make());
      assert.ok(n <= 20, `${name}: trail ${n} entries after 2000 iterations`);
    });
  }
  await t.step("a custom sink still gets every binding trailed", () => {
    const n = trailAt({ accept: () => {}, flush: () => {}, close: () => Promise.resolve() });
    assert.ok(n >= 2000, `custom sink: trail ${n}`);
  });
});
