import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { table } from "./_table.ts";

/** The first solution's text of `name`, after seeding. */
function seeded(e: Engine, seed: number, goal: string, name: string): string {
  const s = e.once(`set_random(seed(${seed})), ${goal}`);
  assert.ok(s !== null, goal);
  return s.text[name];
}

Deno.test("set_random(seed(N)) makes every random predicate reproducible", () => {
  const e = new Engine();
  const goals: [string, string][] = [
    ["random(X)", "X"],
    ["X is random(1000000)", "X"],
    ["X is random_float", "X"],
    ["random_between(1, 1000000, X)", "X"],
    ["numlist(1, 20, L), random_permutation(L, X)", "X"],
    ["numlist(1, 20, L), random_member(X, L)", "X"],
    ["randset(5, 100, X)", "X"],
    ["X is random(10 ** 30)", "X"],
  ];
  for (const [goal, name] of goals) {
    const a = seeded(e, 42, goal, name);
    assert.equal(seeded(new Engine(), 42, goal, name), a, `${goal} repeats`);
    assert.notEqual(seeded(e, 43, goal, name), a, `${goal} depends on the seed`);
  }
});

Deno.test("random_property(state(S)) and set_random(state(S)) save and restore", () => {
  const e = new Engine();
  const s = e.once(
    "random_property(state(S)), random(A), set_random(state(S)), random(B), A == B",
  );
  assert.ok(s !== null);
  assert.ok(e.once("getrand(S), random(A), setrand(S), random(B), A == B") !== null);
});

Deno.test("the random predicates stay in range", () => {
  const e = new Engine();
  assert.ok(
    e.once(`set_random(seed(7)),
      forall(between(1, 300, _), (random(X), X > 0.0, X < 1.0)),
      forall(between(1, 300, _), (random_between(-2, 2, Y), Y >= -2, Y =< 2)),
      findall(Z, (between(1, 300, _), random_between(1, 3, Z)), Zs), sort(Zs, [1, 2, 3]),
      forall(between(1, 300, _), (random(5, 8, W), integer(W), W >= 5, W < 8)),
      forall(between(1, 100, _), (random(1.0, 2.0, F), F >= 1.0, F < 2.0)),
      forall(between(1, 100, _), (randseq(4, 6, S), length(S, 4), sort(S, SS), length(SS, 4))),
      forall(between(1, 50, _), (randset(3, 5, R), length(R, 3), sort(R, R))),
      numlist(1, 10, L), random_permutation(L, P), msort(P, L),
      random_permutation(Q, [a, b, c]), msort(Q, [a, b, c]),
      random_select(E, [a, b, c], Rest), length(Rest, 2), \\+ memberchk(E, Rest),
      random_select(x, Ins, [a, b]), length(Ins, 3), memberchk(x, Ins),
      random_subseq([a, b, c, d], Sub, Comp), append(Sub, Comp, All), msort(All, [a, b, c, d]),
      random_numlist(0.5, 1, 20, N), subtract(N, L, _),
      random_perm2(a, b, P1, P2), msort([P1, P2], [a, b])`) !== null,
  );
});

Deno.test("random library errors and edge cases", (t) =>
  table(t, [
    { goal: "random_between(3, 1, X)", fails: true },
    { goal: "random_between(1, 1, X)", text: { X: "1" } },
    { goal: "random_between(a, 1, X)", error: "error(type_error(integer,a)" },
    { goal: "random_between(1, _, X)", error: "error(instantiation_error" },
    { goal: "random(a, 1, X)", error: "error(type_error(number,a)" },
    { goal: "random_member(X, [])", fails: true },
    { goal: "random_member(X, [a])", text: { X: "a" } },
    { goal: "random_member(X, foo)", error: "error(type_error(list,foo)" },
    { goal: "random_member(X, _)", error: "error(instantiation_error" },
    { goal: "random_select(X, [], R)", fails: true },
    { goal: "random_select(X, L, R)", error: "error(instantiation_error" },
    { goal: "random_select(X, foo, R)", error: "error(type_error(list,foo)" },
    { goal: "random_permutation(A, B)", error: "error(instantiation_error" },
    { goal: "random_permutation(foo, B)", error: "error(type_error(list,foo)" },
    { goal: "randset(3, 2, S)", fails: true },
    { goal: "randset(-1, 2, S)", error: "error(type_error(nonneg,-1)" },
    { goal: "maybe(0.0)", fails: true },
    { goal: "maybe(1.0)" },
    { goal: "maybe(2.0)", error: "error(type_error(between(0.0,1.0),2.0)" },
    { goal: "maybe(0, 5)", fails: true },
    { goal: "maybe(5, 5)" },
    { goal: "maybe(6, 5)", error: "error(domain_error(not_less_than_zero,5-6)" },
    { goal: "set_random(seed(random))" },
    { goal: "set_random(seed(123456789012345678901234567890))" },
    { goal: "set_random(seed(-5))" },
    { goal: "set_random(seed(a))", error: "error(type_error(seed,a)" },
    { goal: "set_random(seed(1.5))", error: "error(type_error(seed,1.5)" },
    { goal: "set_random(foo(1))", error: "error(domain_error(random_option,foo(1))" },
    { goal: "set_random(foo)", error: "error(type_error(random_option,foo)" },
    { goal: "set_random(_)", error: "error(type_error(random_option,_" },
    { goal: "set_random(state(0))", error: "error(domain_error(random_state,0)" },
    { goal: "set_random(state(a))", error: "error(type_error(state,a)" },
  ]));
