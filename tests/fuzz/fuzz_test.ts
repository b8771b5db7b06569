/**
 * The CI fuzz run: a few thousand seeded inputs (see `_fuzz.ts`); a failing
 * input is saved under `.fuzz/` with its seed and index for
 * `deno task fuzz --replay FILE`. `deno task fuzz --count N --seed S` runs
 * longer.
 */
import assert from "node:assert/strict";
import { feed, fuzz, type FuzzFailure, inputOf, saveFailure, TARGETS } from "./_fuzz.ts";

/** Inputs per CI run (each target gets a sixth). */
const COUNT = 5000;
const SEED = 20261207;

Deno.test(`fuzz: ${COUNT} mutated inputs, no crash and no hang`, () => {
  const failures: string[] = [];
  const n = fuzz(SEED, COUNT, (f: FuzzFailure) => {
    failures.push(`${saveFailure(".fuzz", f)}: ${f.problem.split("\n")[0]}`);
  });
  assert.equal(
    n,
    0,
    `failing inputs (replay with deno task fuzz --replay FILE):\n${failures.join("\n")}`,
  );
});

Deno.test("fuzz: inputs are reproducible from seed and index, and cover every target", () => {
  assert.deepEqual(inputOf(7, 42), inputOf(7, 42));
  assert.notDeepEqual(inputOf(7, 42), inputOf(7, 43));
  const seen = new Set(Array.from({ length: 12 }, (_, i) => inputOf(1, i).target));
  assert.deepEqual([...seen].sort(), [...TARGETS].sort());
});

Deno.test("fuzz: a JS error escaping the engine is a failure; Prolog errors are not", () => {
  const failures: FuzzFailure[] = [];
  // A feed that crashes on every third input: those, and only those, fail.
  const n = fuzz(SEED, 9, (f) => failures.push(f), (target, input) => {
    if (inputOf(SEED, 2).input === input || inputOf(SEED, 5).input === input) {
      throw new TypeError(`simulated crash in ${target}`);
    }
    feed(target, input);
  });
  assert.equal(n, 2);
  assert.deepEqual(failures.map((f) => f.index), [2, 5]);
  assert.match(failures[0].problem, /^TypeError: simulated crash/);
  // Errors the engine raises as Prolog errors are the expected outcome.
  feed("query", "atom_length(1, 2, 3)");
  feed("query", "X is foo + 1");
  feed("consult", "p( :- .");
});
