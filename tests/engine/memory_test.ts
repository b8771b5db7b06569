/**
 * The memory limit (`memoryLimit`, the `stack_limit` flag): runaway
 * programs get `resource_error(memory)`, catchable by `catch/3`, instead of
 * taking the process down, and the engine stays usable; programs within the
 * limit are not stopped. The gauge's decisions are checked on made-up heap
 * counts.
 */
import assert from "node:assert/strict";
import { Engine, PrologError } from "../../mod.ts";
import { DEFAULT_MEMORY_LIMIT, MemoryGauge } from "../../engine/_memory.ts";

const MiB = 2 ** 20;

const PROGRAM = `
inf(N) :- M is N + 1, inf(M), M > 0.
grow(A) :- atom_concat(A, A, B), atom_length(B, _), grow(B).
grow_string(S) :- string_concat(S, S, T), grow_string(T).
mk(N, [N|T]) :- N1 is N + 1, mk(N1, T).
churn(0) :- !.
churn(N) :- numlist(1, 200, L), sum_list(L, _), atom_codes(_, L), N1 is N - 1, churn(N1).
`;

function engine(limit = 64 * MiB): Engine {
  return new Engine(PROGRAM, { memoryLimit: limit, output: () => {}, errorOutput: () => {} });
}

function assertMemoryError(e: Engine, goal: string): void {
  assert.throws(
    () => e.once(goal),
    (err: unknown) =>
      err instanceof PrologError && /^error\(resource_error\(memory\)/.test(err.message),
    goal,
  );
}

const RUNAWAYS = [
  ["unbounded recursion", "inf(0)"],
  ["length/2 with both unbound, no solution cut", "length(L, N), fail"],
  ["findall/3 over an infinite generator", "findall(X, between(1, inf, X), _)"],
  ["atom_length/2 of an ever-growing atom_concat/3", "grow(a)"],
  ["an ever-growing string_concat/3", 'grow_string("ab")'],
  ["a huge numlist/3", "numlist(1, 100000000, _)"],
  ["a list built by a last-call recursion", "mk(0, _)"],
  ["length/2 of a huge given length", "length(_, 10000000)"],
  ["format/2 column padding", 'format(atom(_), "~a~t~200000000|", [x])'],
  ["format/2 repeated characters", 'format(atom(_), "~200000000c", [0\'x])'],
  ["tab/1", "tab(300000000)"],
];

for (const [what, goal] of RUNAWAYS) {
  Deno.test(`memory limit: ${what} raises resource_error(memory); the engine stays usable`, () => {
    const e = engine();
    assertMemoryError(e, goal);
    assert.equal(e.once("X is 6 * 7")?.bindings.X, 42);
  });
}

Deno.test("memory limit: catch/3 catches it, and a second runaway is stopped too", () => {
  const e = engine();
  const s = e.once(
    "catch(inf(0), error(resource_error(R), _), true), catch(mk(0, _), error(resource_error(R2), _), true)",
  );
  assert.equal(s?.bindings.R, "memory");
  assert.equal(s?.bindings.R2, "memory");
  // And in the next query.
  assertMemoryError(e, "inf(0)");
});

Deno.test("memory limit: programs that stay within it run to the end", () => {
  const e = engine();
  // Lots of garbage (each iteration's lists and atoms), little live data.
  assert.notEqual(e.once("churn(5000)"), null);
  // Live data well under the limit.
  assert.equal(e.once("findall(X, between(1, 200000, X), L), length(L, N)")?.bindings.N, 200000);
  assert.equal(e.once("numlist(1, 100000, L), sum_list(L, S)")?.bindings.S, 5000050000);
});

Deno.test("stack_limit flag: default 1 GiB, set by memoryLimit and set_prolog_flag/2", () => {
  const plain = new Engine();
  assert.equal(plain.once("current_prolog_flag(stack_limit, X)")?.bindings.X, DEFAULT_MEMORY_LIMIT);
  assert.equal(DEFAULT_MEMORY_LIMIT, 1073741824);
  const e = engine(32 * MiB);
  assert.equal(e.once("current_prolog_flag(stack_limit, X)")?.bindings.X, 32 * MiB);
  assert.notEqual(e.once("set_prolog_flag(stack_limit, 67108864)"), null);
  assert.equal(e.once("current_prolog_flag(stack_limit, X)")?.bindings.X, 64 * MiB);
  for (const bad of ["foo", "-1", "1000", "1.5e9"]) {
    assert.notEqual(
      e.once(
        `catch(set_prolog_flag(stack_limit, ${bad}), error(domain_error(flag_value, _), _), true)`,
      ),
      null,
      bad,
    );
    assert.equal(e.once("current_prolog_flag(stack_limit, X)")?.bindings.X, 64 * MiB);
  }
  assert.throws(() => e.once("set_prolog_flag(stack_limit, _)"), /instantiation_error/);
  for (const bad of [0, 1000, 1.5, NaN, Infinity]) {
    assert.throws(() => new Engine("", { memoryLimit: bad }), RangeError, String(bad));
  }
});

Deno.test("memory limit: a lowered flag applies to the next query", () => {
  const e = engine(1024 * MiB);
  e.once("set_prolog_flag(stack_limit, 33554432)");
  assertMemoryError(e, "mk(0, _)");
});

/**
 * Feeds heap counts to a gauge with a 100-byte limit, run by run (a new
 * array starts a new run), and checks each decision.
 */
function gauge(runs: [count: number, stops: boolean][][]): void {
  const g = new MemoryGauge();
  for (const counts of runs) {
    g.startRun();
    for (const [count, stops] of counts) assert.equal(g.exceeded(100, count), stops, `at ${count}`);
  }
}

Deno.test("MemoryGauge: growth is measured from the run's lowest count", () => {
  // 950 after a collection is the baseline: +100 is allowed, +101 is not.
  gauge([[[1000, false], [950, false], [1050, false], [1051, true]]]);
});

Deno.test("MemoryGauge: after a raise, the unwound run's garbage does not count", () => {
  gauge([[
    [1000, false],
    [1200, true],
    // The handler runs while the garbage is still counted: no second
    // raise until the count grows by the limit again ...
    [1250, false],
    [1301, true],
    // ... and once a collection frees it, growth counts from the floor again.
    [1010, false],
    [1101, true],
  ]]);
});

Deno.test("MemoryGauge: the next run keeps the baseline once the garbage is collected", () => {
  gauge([
    [[1000, false], [1150, true]], // stopped by the limit
    // The new run starts with the old run's garbage counted: not an error by
    // itself; a collection frees it, and the old baseline applies again.
    [[1150, false], [1240, false], [1060, false], [1101, true]],
  ]);
});

Deno.test("MemoryGauge: a run that stayed small does not carry its baseline", () => {
  gauge([
    [[1000, false], [1020, false]],
    // The host's own data grew meanwhile: the new run measures from its own start.
    [[5000, false], [5001, false], [5101, true]],
  ]);
});
