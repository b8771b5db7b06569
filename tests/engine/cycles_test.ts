import assert from "node:assert/strict";
import { isAcyclic, nextWalkBudget, WALK_BUDGET } from "../../engine/cycles.ts";
import {
  mkAtom,
  mkList,
  mkStruct,
  NIL,
  skipList,
  STRUCT,
  type Term,
  Var,
} from "../../engine/term.ts";

const A = mkAtom("a");

/** `[a, a, ...]` with `prefix` cells before a cycle of `cycle` cells. */
function lasso(prefix: number, cycle: number): Term {
  const loop = new Var();
  const ring = mkList(new Array(cycle).fill(A), loop);
  loop.ref = ring;
  return mkList(new Array(prefix).fill(A), ring);
}

/** A list of `n` atoms. */
function list(n: number): Term {
  return mkList(new Array(n).fill(A));
}

// skipList() lives in term.ts (its own list walks use it); it is tested here
// with the other cycle checks and their lasso-shaped lists.
Deno.test("skipList() finds where a list ends", async (t) => {
  const partial = new Var();
  const rows: [title: string, term: Term, length: number, tail: Term][] = [
    ["[]", NIL, 0, NIL],
    ["[a, a, a]", list(3), 3, NIL],
    ["[a, a|T]", mkList([A, A], partial), 2, partial],
    ["[a|b]", mkList([A], mkAtom("b")), 1, mkAtom("b")],
    ["f(a)", mkStruct("f", [A]), 0, mkStruct("f", [A])],
  ];
  for (const [title, term, length, tail] of rows) {
    await t.step(title, () => {
      const r = skipList(term);
      assert.equal(r.length, length);
      if (tail.tag === STRUCT) assert.equal(r.tail.tag, STRUCT);
      else assert.equal(r.tail, tail);
    });
  }
  await t.step("a list of 1,000,000 cells", () => assert.equal(skipList(list(1e6)).length, 1e6));
});

Deno.test("skipList() stops on a cyclic list after walking every cell", async (t) => {
  for (
    const [prefix, cycle] of [[0, 1], [0, 2], [1, 1], [3, 5], [100, 1], [1, 100], [1000, 3333]]
  ) {
    await t.step(`${prefix} cells, then a cycle of ${cycle}`, () => {
      const r = skipList(lasso(prefix, cycle));
      // The tail is a list cell, and walking `length` cells visits them all.
      assert.equal(r.tail.tag, STRUCT);
      assert.ok(r.length >= prefix + cycle, `length ${r.length}`);
      assert.ok(r.length <= 4 * (prefix + cycle), `length ${r.length}`);
    });
  }
});

Deno.test("nextWalkBudget() lets a walk go on over a big acyclic term", () => {
  const big = list(1e6);
  assert.equal(isAcyclic(big), true);
  assert.equal(nextWalkBudget(big, WALK_BUDGET), 3 * WALK_BUDGET);
  assert.equal(nextWalkBudget(big, 4 * WALK_BUDGET), 12 * WALK_BUDGET);
});

Deno.test("nextWalkBudget() stops a walk over a cyclic or much-shared term", async (t) => {
  const x = new Var();
  x.ref = mkStruct("f", [x, new Var()]);
  let dag: Term = A;
  for (let i = 0; i < 100; i++) dag = mkStruct("f", [dag, dag]);
  const rows: [title: string, term: Term, spent: number][] = [
    ["X = f(X, _)", x, WALK_BUDGET],
    ["a list with a cycle of 3", lasso(0, 3), WALK_BUDGET],
    ["2^100 paths through 100 compounds", dag, WALK_BUDGET],
    // Too far in for the first check, found by a later one.
    ["a list with a cycle after 100,000 cells", lasso(100_000, 7), 512 * WALK_BUDGET],
  ];
  for (const [title, term, spent] of rows) {
    await t.step(title, () => assert.equal(nextWalkBudget(term, spent), 0));
  }
  await t.step("a cycle after 100,000 cells is not decided by the first check", () => {
    assert.equal(nextWalkBudget(lasso(100_000, 7), WALK_BUDGET), 3 * WALK_BUDGET);
  });
});
