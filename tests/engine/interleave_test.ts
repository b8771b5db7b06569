/**
 * Open queries interleave: each has its own machine over the engine's
 * database, flags and global variables; none ends another, and each sees
 * the clauses as they were when it started (logical update view).
 */
import assert from "node:assert/strict";
import { CollectorSink, Engine, PrologError, QueryAborted, type Solution } from "../../mod.ts";

const values = (it: Iterable<Solution>, name: string) => [...it].map((s) => s.bindings[name]);

Deno.test("nested for…of over two queries gives every pair", () => {
  const e = new Engine();
  const pairs: string[] = [];
  for (const a of e.query("member(X, [1,2])")) {
    for (const b of e.query("member(Y, [a,b,c])")) pairs.push(`${a.bindings.X}${b.bindings.Y}`);
  }
  assert.deepEqual(pairs, ["1a", "1b", "1c", "2a", "2b", "2c"]);
});

Deno.test("iterators advanced alternately keep their own state", () => {
  const e = new Engine("n(1). n(2). n(3).");
  const a = e.query("n(X)"), b = e.query("n(Y), Y > 1"), c = e.query("between(10, 12, Z)");
  const got: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    for (const [it, name] of [[a, "X"], [b, "Y"], [c, "Z"]] as const) {
      const r = it.next();
      got.push(r.done ? "done" : r.value.bindings[name]);
    }
  }
  assert.deepEqual(got, [1, 2, 10, 2, 3, 11, 3, "done", 12]);
  assert.equal(a.next().done, true);
  assert.equal(c.next().done, true);
});

Deno.test("an abandoned query stays resumable; others run meanwhile", () => {
  const e = new Engine("n(1). n(2).");
  const a = e.query("n(X)");
  assert.equal(a.next().value?.bindings.X, 1);
  // a is neither closed nor finished: other queries run and finish.
  assert.deepEqual(values(e.query("n(Y)"), "Y"), [1, 2]);
  assert.equal(e.once("Z is 2 + 2")?.bindings.Z, 4);
  assert.equal(a.next().value?.bindings.X, 2);
  assert.equal(a.next().done, true);
});

Deno.test("break out of for…of closes the query; the next one is traced again", () => {
  const e = new Engine("n(1). n(2). n(3).", { trace: true });
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  for (const s of e.query("n(X)")) if (s.bindings.X === 2) break;
  sink.clear();
  e.once("n(3)");
  assert.equal(e.tracer!.untracedQueries, 0);
  assert.deepEqual(sink.events.map((r) => `${r.port} ${r.goal}`), ["call n(3)", "exit n(3)"]);
});

Deno.test("a query started by JS code that a running query called", () => {
  const inner: unknown[] = [];
  const e: Engine = new Engine("n(1). n(2).", {
    output: (text) => {
      if (text === "go") inner.push(...values(e.query("n(Y)"), "Y"));
    },
  });
  const outer = values(e.query("n(X), write(go)"), "X");
  assert.deepEqual(outer, [1, 2]);
  assert.deepEqual(inner, [1, 2, 1, 2]);
});

Deno.test("each open query sees the clauses as they were when it started", () => {
  const e = new Engine(":- dynamic(q/1).\nq(1). q(2).");
  const a = e.query("q(X)");
  assert.equal(a.next().value?.bindings.X, 1);
  assert.notEqual(e.once("assertz(q(3)), retract(q(2))"), null);
  e.consult("r(1).");
  assert.equal(a.next().value?.bindings.X, 2); // retracted after a started: still seen
  assert.equal(a.next().done, true); // asserted after a started: not seen
  assert.deepEqual(values(e.query("q(X)"), "X"), [1, 3]);
  assert.deepEqual(values(e.query("r(X)"), "X"), [1]);
});

Deno.test("open queries share global variables and flags", () => {
  const e = new Engine();
  const a = e.query("nb_setval(k, 1), member(X, [1,2]), nb_getval(k, V)");
  assert.equal(a.next().value?.bindings.V, 1);
  assert.notEqual(e.once("nb_setval(k, 2), set_prolog_flag(double_quotes, atom)"), null);
  assert.equal(a.next().value?.bindings.V, 2);
  assert.equal(e.once('X = "abc"')?.bindings.X, "abc");
  assert.equal(e.once("current_prolog_flag(double_quotes, F)")?.bindings.F, "atom");
});

Deno.test("an error or a limit in one query leaves the other open queries going", () => {
  const e = new Engine("n(1). n(2). loop :- loop.");
  const a = e.query("n(X)");
  assert.equal(a.next().value?.bindings.X, 1);
  assert.throws(() => e.once("atom_length(1, _, _)"), PrologError);
  assert.throws(() => e.once("X is foo + 1"), PrologError);
  assert.throws(() => e.once("loop", { maxSteps: 10_000 }), QueryAborted);
  assert.equal(a.next().value?.bindings.X, 2);
});

Deno.test("tracing follows the first open query; the others run untraced and are counted", () => {
  const e = new Engine("n(1). n(2).", { trace: true });
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  const pairs: string[] = [];
  for (const a of e.query("n(X)")) {
    for (const b of e.query("n(Y)")) pairs.push(`${a.bindings.X}${b.bindings.Y}`);
  }
  assert.deepEqual(pairs, ["11", "12", "21", "22"]);
  assert.equal(e.tracer!.untracedQueries, 2);
  // The outer query's own events, complete and in order.
  assert.deepEqual(sink.events.map((r) => `${r.port} ${r.goal}`), [
    "call n(_G1)",
    "exit n(1)",
    "redo n(_G1)",
    "exit n(2)",
  ]);
});

Deno.test("queryAsync queries interleave with synchronous ones", async () => {
  const e = new Engine("n(1). n(2). n(3).");
  const got: string[] = [];
  for await (const a of e.queryAsync("n(X)")) {
    got.push(
      `${a.bindings.X}:${
        values(e.query("n(Y), Y < X".replace("X", String(a.bindings.X))), "Y").join("")
      }`,
    );
  }
  assert.deepEqual(got, ["1:", "2:1", "3:12"]);
});

Deno.test("closing a query drops its run's frames, choicepoints and trail", () => {
  const e = new Engine("n(1). n(2). n(3).");
  const it = e.query("n(X), length(L, 3), n(Y)");
  it.next();
  const m = e.machine;
  assert.ok(m.cpTop > 1 && m.trail.length > 0);
  it.return!();
  assert.equal(m.cpTop, 0);
  assert.equal(m.trail.length, 0);
  assert.equal(m.frame.parent, null);
});
