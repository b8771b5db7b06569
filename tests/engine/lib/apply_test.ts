import { table } from "./_table.ts";

const SRC = `
add4(A, B, C, D, S0, S) :- S is S0 + A * B * C * D.
add5(A, B, C, D, S) :- S is A + B + C + D.
sum(X, S0, S) :- S is S0 + X.
sum2(X, Y, S0, S) :- S is S0 + X + Y.
sum3(X, Y, Z, S0, S) :- S is S0 + X + Y + Z.
sum4(X, Y, Z, W, S0, S) :- S is S0 + X + Y + Z + W.
half(X, Y) :- X mod 2 =:= 0, Y is X // 2.
`;

Deno.test("foldl/7 folds over four lists", (t) =>
  table(t, [
    {
      goal: "foldl(add4, [1, 2], [3, 4], [5, 6], [7, 8], 0, S)",
      text: { S: "489" },
      det: true,
    },
    { goal: "foldl(add4, [], [], [], [], 0, S)", text: { S: "0" } },
    { goal: "foldl(add4, [1], [], [], [], 0, S)", fails: true },
  ], SRC));

Deno.test("scanl/4..7 list the states of a fold", (t) =>
  table(t, [
    { goal: "scanl(sum, [1, 2, 3], 0, L)", text: { L: "[0,1,3,6]" }, det: true },
    { goal: "scanl(sum, [], 0, L)", text: { L: "[0]" } },
    { goal: "scanl(sum2, [1, 2], [10, 20], 0, L)", text: { L: "[0,11,33]" } },
    { goal: "scanl(sum3, [1], [2], [3], 0, L)", text: { L: "[0,6]" } },
    { goal: "scanl(sum4, [1], [2], [3], [4], 0, L)", text: { L: "[0,10]" } },
    { goal: "scanl(sum2, [1], [], 0, L)", fails: true },
    { goal: "scanl(nope, [1], 0, L)", error: "error(existence_error(procedure,nope/3)" },
  ], SRC));

Deno.test("convlist/3 maps and drops the failures", (t) =>
  table(t, [
    { goal: "convlist(half, [1, 2, 3, 4, 6], L)", text: { L: "[1,2,3]" }, det: true },
    { goal: "convlist(half, [], L)", text: { L: "[]" } },
    { goal: "convlist(half, [1, 3], L)", text: { L: "[]" } },
    { goal: "convlist(half, [a], L)", error: "error(type_error(evaluable,a/0)" },
  ], SRC));

Deno.test("the moved apply predicates still work", (t) =>
  table(t, [
    { goal: "foldl(sum, [1, 2, 3], 0, S)", text: { S: "6" }, det: true },
    { goal: "maplist(sum, [1, 2], [0, 0], L)", text: { L: "[1,2]" } },
    { goal: "include(integer, [a, 1, b, 2], L)", text: { L: "[1,2]" } },
    { goal: "exclude(integer, [a, 1, b, 2], L)", text: { L: "[a,b]" } },
    { goal: "partition(integer, [a, 1, b], I, E)", text: { I: "[1]", E: "[a,b]" } },
  ], SRC));
