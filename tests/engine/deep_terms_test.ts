import assert from "node:assert/strict";
import { Engine } from "../../mod.ts";

// The term builtins walk terms with explicit stacks: a 1,000,000-deep term
// (as the reader reads and the writer writes) never overflows the JS stack.
const BUILDERS = `
deep(0, _, T, T) :- !.
deep(N, W, A, T) :- N1 is N - 1, wrap(W, A, B), deep(N1, W, B, T).
wrap(f, A, f(A)).
wrap(left, A, A+a).
wrap(right, A, a+A).
`;

const N = 1_000_000;

/**
 * The goal running `goals` in order, throwing `failed(I, Goal)` at the first
 * that fails. Each runs under double negation, so the copies it makes are
 * garbage as soon as it is done (a million-deep copy is about 100 MB).
 */
function each(goals: string[]): string {
  return goals.map((g, i) =>
    `(\\+ \\+ (${g}) -> true ; throw(failed(${i}, '${
      g.replace(/\\/g, "\\\\").replace(/'/g, "''")
    }')))`
  )
    .join(", ");
}

Deno.test("term builtins handle 1,000,000-deep terms", async (t) => {
  const e = new Engine(BUILDERS, { output: () => {} });
  // Deep in the first argument (A+a) and in the last (a+A); the terms are
  // built once per shape, which is most of the time taken.
  for (const shape of ["left", "right"]) {
    await t.step(shape, () => {
      const goal = `deep(${N}, ${shape}, X, T), deep(${N}, ${shape}, a, U), ` + each([
        "copy_term(T, C1), C1 \\== T, C1 =@= T, T \\== U",
        "copy_term(U, W0), W0 == U, compare(O0, U, W0), O0 == (=)",
        "compare(O1, T, U), O1 == (<), compare(O2, U, T), O2 == (>), T @< U",
        "term_variables(T, [V]), V == X",
        "copy_term(T, C2), numbervars(C2, 0, End), End == 1, ground(C2)",
        "subsumes_term(T, U), \\+ ground(T), ground(U), acyclic_term(T)",
        "findall(T, true, [F]), F =@= T",
        "assertz(kept(U)), kept(K), K == U, retract(kept(_))",
        "catch(throw(U), B, true), B == U",
        "msort([U, T, U], S), S == [T, U, U]",
        "copy_term(T, C3), \\+ C3 = f(U), unify_with_occurs_check(C3, U)",
        "T = U, X == a",
      ]);
      assert.ok(e.once(goal) !== null);
    });
  }
  await t.step("a 1,000,000-element list", () => {
    const goal = `numlist(1, ${N}, L), length(M, ${N}), ` + each([
      "copy_term(L-X, C-_), C == L",
      `term_variables(M, Vs), length(Vs, ${N})`,
      "copy_term(M, M1), numbervars(M1, 0, End), End == " + N,
      "msort([L, M], [M, L]), compare(O, L, [1, 2]), O == (>)",
      "\\+ M = [a|L], M = L",
    ]);
    assert.ok(e.once(goal) !== null);
  });
});
