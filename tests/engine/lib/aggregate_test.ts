import { table } from "./_table.ts";

const SRC = `
age(peter, 7).
age(ann, 11).
age(pat, 8).
age(tom, 5).
age(mike, 11).
sale(north, apples, 3).
sale(south, apples, 5).
sale(north, pears, 2).
sale(north, apples, 4).
`;

Deno.test("aggregate_all/3 with compound templates", (t) =>
  table(t, [
    {
      goal: "aggregate_all(r(count, sum(A), max(A), min(A)), age(_, A), R)",
      text: { R: "r(5,42,11,5)" },
      det: true,
    },
    { goal: "aggregate_all(r(count, bag(P)), age(P, 11), R)", text: { R: "r(2,[ann,mike])" } },
    { goal: "aggregate_all(r(count, set(A)), age(_, A), R)", text: { R: "r(5,[5,7,8,11])" } },
    { goal: "aggregate_all(r(max(A, P)), age(P, A), R)", text: { R: "r(max(11,ann))" } },
    { goal: "aggregate_all(r(count, sum(X)), fail, R)", text: { R: "r(0,0)" } },
    { goal: "aggregate_all(r(count, max(X)), fail, R)", fails: true },
    { goal: "aggregate_all(sum(A*2), age(_, A), S)", text: { S: "84" } },
    { goal: "aggregate_all(r(sum(A*2)), age(_, A), S)", text: { S: "r(84)" } },
    { goal: "aggregate_all(r(count), P^age(P, _), C)", text: { C: "r(5)" } },
    { goal: "aggregate_all(r(foo), true, R)", error: "error(domain_error(aggregate_template,foo)" },
    { goal: "aggregate_all(r(1), true, R)", error: "error(type_error(aggregate_template,1)" },
  ], SRC));

Deno.test("aggregate_all/4 counts distinct discriminators", (t) =>
  table(t, [
    { goal: "aggregate_all(count, A, age(_, A), C)", text: { C: "4" }, det: true },
    { goal: "aggregate_all(sum(A), A, age(_, A), S)", text: { S: "31" } },
    { goal: "aggregate_all(bag(P), A, age(P, A), B)", text: { B: "[tom,peter,pat,ann,mike]" } },
    { goal: "aggregate_all(count, x, age(_, _), C)", text: { C: "1" } },
    { goal: "aggregate_all(count, X, fail, C)", text: { C: "0" } },
    { goal: "aggregate_all(max(X), X, fail, M)", fails: true },
    { goal: "aggregate_all(_, X, true, C)", error: "error(instantiation_error" },
  ], SRC));

Deno.test("aggregate/3 groups by the free variables, as bagof/3", (t) =>
  table(t, [
    {
      goal: "aggregate(sum(N), F^sale(R, F, N), S), T = R-S",
      all: ["T", ["north-9", "south-5"]],
    },
    {
      goal: "aggregate(count, R^N^sale(R, F, N), C), T = F-C",
      all: ["T", ["apples-3", "pears-1"]],
    },
    { goal: "aggregate(count, P^A^age(P, A), C)", text: { C: "5" } },
    { goal: "aggregate(max(A, P), age(P, A), M)", text: { M: "max(11,ann)" } },
    { goal: "aggregate(bag(P), age(P, 11), B)", text: { B: "[ann,mike]" } },
    { goal: "aggregate(set(A), P^age(P, A), S)", text: { S: "[5,7,8,11]" } },
    { goal: "aggregate(r(count, sum(A)), P^age(P, A), R)", text: { R: "r(5,42)" } },
    { goal: "aggregate(sum(N*2), R^F^sale(R, F, N), S)", text: { S: "28" } },
    { goal: "aggregate(count, fail, C)", fails: true },
    { goal: "aggregate(foo, true, C)", error: "error(domain_error(aggregate_template,foo)" },
  ], SRC));

Deno.test("aggregate/4 counts distinct discriminators per group", (t) =>
  table(t, [
    {
      goal: "aggregate(count, F, N^sale(R, F, N), C), T = R-C",
      all: ["T", ["north-2", "south-1"]],
    },
    { goal: "aggregate(count, A, P^age(P, A), C)", text: { C: "4" } },
    { goal: "aggregate(count, X, fail, C)", fails: true },
  ], SRC));

Deno.test("foldall/4 folds over solutions", (t) =>
  table(t, [
    { goal: "foldall(plus(A), age(_, A), 0, S)", text: { S: "42" }, det: true },
    { goal: "foldall(plus(A), fail, 0, S)", text: { S: "0" } },
    { goal: "foldall(nope(A), age(_, A), 0, S)", error: "error(existence_error(procedure,nope/3)" },
  ], SRC));

Deno.test("foreach/2 proves the conjunction of the goal's instances (SWI-Prolog)", (t) =>
  table(t, [
    { goal: "foreach(member(X, [1,2]), nth1(X, L, X)), L = [A, B]", text: { A: "1", B: "2" } },
    { goal: "foreach(age(_, A), A > 4)", text: {} },
    { goal: "foreach(age(_, A), A > 5)", fails: true },
    { goal: "foreach(fail, fail)", text: {} },
    // Shared variables: every instance constrains the same list.
    { goal: "foreach(age(P, 11), memberchk(P, L)), L = [X, Y|_]", text: { X: "ann", Y: "mike" } },
    // N is not in the generator: one N for every instance, which disagree.
    { goal: "foreach(age(P, _), atom_length(P, N))", fails: true },
    { goal: "foreach(age(P, 11), atom_length(P, N))", fails: true },
    { goal: "foreach(age(P, 7), atom_length(P, N))", text: { N: "5" } },
    // Unlike forall/2, bindings of shared variables stay.
    { goal: "forall(member(X, [1]), Y = X), var(Y)", text: {} },
    { goal: "foreach(member(X, [1]), Y = X)", text: { Y: "1" } },
    { goal: "foreach(member(X, [1, 2]), Y = X)", fails: true },
    { goal: "foreach(_, true)", error: "error(instantiation_error" },
  ], SRC));
