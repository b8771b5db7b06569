import assert from "node:assert/strict";
import { CollectorSink, Engine } from "../../mod.ts";
import { QueryAborted } from "../../engine/machine.ts";

// A backstop for the tests that wait for a timer: without the feature the
// query would run forever; with it, the step limit (a different message)
// fails the test instead of hanging it.
const BACKSTOP = 200_000_000;

const LOOPS = `
loop(N) :- M is N + 1, loop(M).
count(N, N) :- !.
count(I, N) :- I1 is I + 1, count(I1, N).
`;

Deno.test("timeLimit stops a synchronous query", async (t) => {
  const e = new Engine(LOOPS);
  for (const goal of ["repeat, fail", "loop(0)", "between(1, inf, _), fail"]) {
    await t.step(goal, () => {
      assert.throws(
        () => e.once(goal, { timeLimit: 50, maxSteps: BACKSTOP }),
        (x: unknown) => x instanceof QueryAborted && /time limit of 50 ms/.test(x.message),
      );
    });
  }
  await t.step("the engine-wide default applies, and the engine stays usable", () => {
    const d = new Engine(LOOPS, { timeLimit: 50 });
    assert.throws(() => d.once("repeat, fail"), QueryAborted);
    assert.equal(d.once("count(0, 1000)") !== null, true);
  });
  await t.step("a query within its limit is unaffected", () => {
    assert.equal(e.once("count(0, 100000)", { timeLimit: 60_000 }) !== null, true);
  });
});

Deno.test("timeLimit counts solver time only, not the time between two answers", async () => {
  const e = new Engine();
  const it = e.query("between(1, 3, X)", { timeLimit: 40 });
  assert.equal(it.next().value?.bindings.X, 1);
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(it.next().value?.bindings.X, 2);
  it.return?.();
});

Deno.test("queryAsync lets timers run: a timer-driven abort stops a running query", async (t) => {
  const e = new Engine(LOOPS);
  for (const goal of ["repeat, fail", "loop(0)"]) {
    await t.step(`AbortSignal.timeout, ${goal}`, async () => {
      await assert.rejects(
        async () => {
          const opts = { signal: AbortSignal.timeout(50), maxSteps: BACKSTOP };
          for await (const _ of e.queryAsync(goal, opts)) { /* none */ }
        },
        (x: unknown) => x instanceof QueryAborted && /TimeoutError/.test(x.message),
      );
    });
    await t.step(`AbortController.abort from setTimeout, ${goal}`, async () => {
      const c = new AbortController();
      setTimeout(() => c.abort("stopped by the host"), 50);
      await assert.rejects(
        async () => {
          for await (const _ of e.queryAsync(goal, { signal: c.signal, maxSteps: BACKSTOP })) {
            /* none */
          }
        },
        (x: unknown) => x instanceof QueryAborted && /stopped by the host/.test(x.message),
      );
    });
  }
});

Deno.test("queryAsync's pauses (at calls and on the way into backtracking) change no answer and no event", async () => {
  // Long enough to pause many times (every few ms of solver time).
  const src = LOOPS + `
gen(X) :- between(1, 20000, X).
odd_sum(S) :- findall(X, (gen(X), X mod 2 =:= 1), L), sum_list(L, S).
r(X) :- between(1, 20000, X), X mod 5000 =:= 0.
`;
  for (const goal of ["odd_sum(S)", "r(X)"]) {
    const sync = new Engine(src, { trace: { runId: "fixed" } });
    const async_ = new Engine(src, { trace: { runId: "fixed" } });
    const a = new CollectorSink(), b = new CollectorSink();
    sync.tracer!.addSink(a);
    async_.tracer!.addSink(b);
    const want = [...sync.query(goal)].map((s) => s.text);
    const got = [];
    for await (const s of async_.queryAsync(goal)) got.push(s.text);
    assert.deepEqual(got, want);
    assert.equal(b.events.length, a.events.length);
    assert.deepEqual(b.events.slice(-50), a.events.slice(-50));
  }
});

Deno.test("call_with_time_limit/2 (SWI-Prolog)", async (t) => {
  const e = new Engine(LOOPS);
  const caught = (goal: string) => e.once(`catch(${goal}, E, true)`, { maxSteps: BACKSTOP });
  for (const goal of ["loop(0)", "(repeat, fail)", "(between(1, inf, _), fail)"]) {
    await t.step(`a runaway ${goal} raises time_limit_exceeded, catchable`, () => {
      assert.equal(caught(`call_with_time_limit(0.05, ${goal})`)?.text.E, "time_limit_exceeded");
    });
  }
  await t.step("a goal within its limit runs as once/1", () => {
    const s = e.once("call_with_time_limit(60, member(X, [a, b]))");
    assert.equal(s?.bindings.X, "a");
    assert.equal(s?.deterministic, true);
  });
  await t.step("failure and exceptions of the goal pass through", () => {
    assert.equal(e.once("call_with_time_limit(60, fail)"), null);
    assert.equal(caught("call_with_time_limit(60, throw(mine))")?.text.E, "mine");
  });
  await t.step("the limit ends with the goal: later work is not cut short", () => {
    // After the sleep the first limit's deadline has passed; it must be gone.
    const s = e.once(
      "call_with_time_limit(0.05, true), sleep(0.1), catch((count(0, 20000), X = done), E, X = E)",
      { maxSteps: BACKSTOP },
    );
    assert.equal(s?.bindings.X, "done");
  });
  await t.step("nested limits: the inner one fires first, the outer one still holds", () => {
    const s = e.once(
      "catch(call_with_time_limit(0.1, (catch(call_with_time_limit(0.05, loop(0)), I, true), nb_setval(inner, I), loop(0))), O, true), nb_getval(inner, I)",
      { maxSteps: BACKSTOP },
    );
    assert.equal(s?.text.I, "time_limit_exceeded");
    assert.equal(s?.text.O, "time_limit_exceeded");
  });
  await t.step("errors: Time unbound, not a number; zero or less raises at once", () => {
    assert.match(caught("call_with_time_limit(_, true)")!.text.E, /^error\(instantiation_error/);
    assert.match(caught("call_with_time_limit(a, true)")!.text.E, /^error\(type_error\(number,a\)/);
    assert.equal(caught("call_with_time_limit(0, true)")?.text.E, "time_limit_exceeded");
    assert.equal(caught("call_with_time_limit(-1, true)")?.text.E, "time_limit_exceeded");
  });
});

Deno.test("call_with_inference_limit/3 (SWI-Prolog)", async (t) => {
  const e = new Engine(LOOPS + "inf :- inf.\n");
  const text = (goal: string, v: string) => e.once(goal, { maxSteps: BACKSTOP })?.text[v];
  await t.step("Result: ! without a choicepoint, true with one", () => {
    const s = e.once("call_with_inference_limit(count(0, 100), 10000, R)");
    assert.equal(s?.text.R, "!");
    assert.equal(s?.deterministic, true);
    assert.equal(
      text("findall(X-R, call_with_inference_limit(member(X, [a, b, c]), 1000, R), L)", "L"),
      "[a-true,b-true,c-!]",
    );
  });
  for (
    const goal of [
      "inf",
      "loop(0)",
      "(repeat, fail)",
      "(between(1, inf, _), fail)",
      "count(0, 5000)",
    ]
  ) {
    await t.step(`${goal} past the limit: Result = inference_limit_exceeded, deterministic`, () => {
      const s = e.once(`call_with_inference_limit(${goal}, 1000, R)`, { maxSteps: BACKSTOP });
      assert.equal(s?.text.R, "inference_limit_exceeded");
      assert.equal(s?.deterministic, true);
    });
  }
  await t.step("the limit is per solution: it starts afresh on backtracking into Goal", () => {
    // count(0, X) costs more for a larger X; 100 inferences cover each of the five,
    // not all five together, and 12 stop the third.
    assert.equal(
      text(
        "findall(X-R, call_with_inference_limit((between(1, 5, X), count(0, X)), 100, R), L)",
        "L",
      ),
      "[1-true,2-true,3-true,4-true,5-!]",
    );
    assert.match(
      text(
        "findall(X-R, call_with_inference_limit((between(1, 5, X), count(0, X)), 12, R), L)",
        "L",
      )!,
      /^\[1-true,2-true,_G\d+-inference_limit_exceeded\]$/,
    );
  });
  await t.step("failure and other exceptions pass through; the limit ends with Goal", () => {
    assert.equal(e.once("call_with_inference_limit(fail, 1000, _)"), null);
    assert.equal(
      text("catch(call_with_inference_limit(throw(mine), 1000, _), E, true)", "E"),
      "mine",
    );
    assert.equal(
      text("call_with_inference_limit(true, 10, _), count(0, 10000), X = done", "X"),
      "done",
    );
  });
  await t.step("an inner limit cannot extend an outer one", () => {
    assert.equal(
      text("call_with_inference_limit(call_with_inference_limit(inf, 1000000, _), 500, R)", "R"),
      "inference_limit_exceeded",
    );
    assert.equal(
      text(
        "call_with_inference_limit((call_with_inference_limit(inf, 100, I), I == inference_limit_exceeded), 100000, R)",
        "R",
      ),
      "!",
    );
  });
  await t.step("errors: Limit unbound, not an integer, negative", () => {
    const err = (g: string) => text(`catch(${g}, E, true)`, "E")!;
    assert.match(err("call_with_inference_limit(true, _, _)"), /^error\(instantiation_error/);
    assert.match(err("call_with_inference_limit(true, a, _)"), /^error\(type_error\(integer,a\)/);
    assert.match(
      err("call_with_inference_limit(true, -1, _)"),
      /^error\(domain_error\(not_less_than_zero,-1\)/,
    );
  });
});
