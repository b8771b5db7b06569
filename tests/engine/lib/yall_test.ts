import assert from "node:assert/strict";
import { CollectorSink, Engine } from "../../../mod.ts";
import { table } from "./_table.ts";

// Several rows are adapted from SWI-Prolog's test_yall.pl.
const SRC = `
f(x, y).
p(1, a).
p(2, b).
country(portugal, euro). country(spain, euro). country(england, pound). country(iraq, dinar).
add_postfix(Postfix, In, Out) :- maplist({Postfix}/[I, O]>>atom_concat(I, Postfix, O), In, Out).
`;

Deno.test(">> is the standard operator (400 yfx), so lambdas need no new operators", (t) =>
  table(t, [
    { goal: "current_op(P, T, >>)", text: { P: "400", T: "yfx" } },
    { goal: "X = {A}/[B]>>g(A, B), X = (F/Ps)>>Body, F == {A}, Ps == [B]" },
  ]));

Deno.test("Params>>Lambda with call/N", (t) =>
  table(t, [
    { goal: "call([X, Y]>>(Y is X * X), 5, R)", text: { R: "25" }, det: true },
    { goal: "call([Z]>>(call([X, Y]>>(Y is X * X), 5, R), Z is R * R), T)", text: { T: "625" } },
    { goal: "call([X]>>f(X), x, Y)", text: { Y: "y" } },
    { goal: "call([X, Y]>>f(X, Y), x, Y)", text: { Y: "y" } },
    { goal: "call([X]>>({X}/[Y]>>f(X, Y)), x, Y)", text: { Y: "y" } },
    { goal: "call([X, Y, Z]>>plus(X, Y, Z), 1, 2, R)", text: { R: "3" } },
    { goal: "call([X]>>plus(X), 1, 2, R)", text: { R: "3" } },
    { goal: "call([]>>plus, 1, 2, R)", text: { R: "3" } },
    { goal: "call([]>>true)" },
    { goal: "call({}/true)" },
    { goal: "call({}/[]>>true)" },
    { goal: "call({_}/true)" },
    {
      goal: "maplist([X]>>(X = 1 ; X = 2), [A, B]), R = A-B",
      all: ["R", ["1-1", "1-2", "2-1", "2-2"]],
    },
    { goal: "maplist([X, Y]>>(X = A-B, Y = B-A), [1-a, 2-b], Zs)", text: { Zs: "[a-1,b-2]" } },
    { goal: "maplist([X, B-A]>>(X = A-B), [1-a, 2-b], Zs)", text: { Zs: "[a-1,b-2]" } },
    { goal: "maplist([A-B, B-A]>>true, [1-a, 2-b], Zs)", text: { Zs: "[a-1,b-2]" } },
    { goal: "maplist([A-B]>>([B-A]>>true), [1-a, 2-b], Zs)", text: { Zs: "[a-1,b-2]" } },
    { goal: "maplist([X, [X]]>>true, Xs, [[1], [2]])", text: { Xs: "[1,2]" } },
    {
      goal: "maplist(maplist(maplist([X, Y]>>(Y is X + 3))), [[[1, 2], [4]], [[5]]], Ys)",
      text: { Ys: "[[[4,5],[7]],[[8]]]" },
    },
    { goal: "include([a(_)]>>true, [b(2), a(1)], R)", text: { R: "[a(1)]" } },
    {
      goal: "foldl([A, B, C]>>(A mod 2 =:= 1 -> C is B + A ; C = B), [1, 2, 3, 4, 5], 0, R)",
      text: { R: "9" },
    },
    { goal: "phrase(call([[], []]>>true), [], [])" },
    { goal: "phrase(call({I, R}/[I, R]>>true), [1, 2, 3], [2, 3])" },
    { goal: "phrase(call({E}/[[E|_], _]>>true), [1, 2, 3], [2, 3])", text: { E: "1" } },
  ], SRC));

Deno.test("lambdas are copied before each call unless variables are declared free", (t) =>
  table(t, [
    { goal: "G = [X]>>(X = Y), call(G, 1), var(Y), var(X)", det: true },
    { goal: "maplist([X]>>(Y = X), [1, 2])" },
    { goal: "maplist({Y}/[X]>>(Y = X), [1, 2])", fails: true },
    { goal: "maplist({Y}/[X]>>(Y = X), [1, 1])", text: { Y: "1" } },
    {
      goal: "maplist([N, M]>>(length(L, N), length([_|L], M)), [9, 3], R)",
      text: { R: "[10,4]" },
    },
    { goal: "add_postfix('_p', [a, b], L)", text: { L: "[a_p,b_p]" } },
    { goal: "{X}/p(X, _)", all: ["X", ["1", "2"]] },
    { goal: "{X}/p(X, Y), var(Y)", text: { X: "1" } },
    {
      goal: "setof(C, {C}/country(_, C), Cs)",
      text: { Cs: "[dinar,euro,pound]" },
    },
  ], SRC));

Deno.test("\\X^Body lambdas", (t) =>
  table(t, [
    { goal: "maplist(\\X^Y^(Y is X + 1), [1, 2], L)", text: { L: "[2,3]" }, det: true },
    { goal: "G = \\X^(X > 1), call(G, 2), call(G, 3)" },
    { goal: "call(\\X^member(c, X), [a, b])", fails: true },
    { goal: "call(\\X^member(a, X), [a, b])" },
    { goal: "call(\\X^Y^Z^(Z is X * Y), 3, 4, R)", text: { R: "12" } },
    { goal: "G = \\X^(X = Y), call(G, 1), var(Y)" },
    { goal: "N = 5, maplist({N}/ \\X^Y^(Y is X + N), [1, 2], L)", text: { L: "[6,7]" } },
    { goal: "maplist({Y}/ \\X^(X = Y), [1, 1])", text: { Y: "1" } },
    { goal: "call(\\X^foo, 1, 2)", error: "error(existence_error(procedure,foo/1)" },
    { goal: "call(\\X^Y^foo, 1)", error: "error(existence_error(lambda_parameter,_G" },
    { goal: "call(\\X^true)", error: "error(existence_error(lambda_parameter," },
  ], SRC));

Deno.test("lambda errors are SWI's", (t) =>
  table(t, [
    { goal: "call([X, Y]>>true, 1)", error: "error(domain_error(lambda_parameters,[_G" },
    { goal: "call(_>>true, 1)", error: "error(instantiation_error" },
    { goal: "call([X|_]>>true, 1)", error: "error(instantiation_error" },
    { goal: "call(foo>>true, 1)", error: "error(type_error(list,foo)" },
    { goal: "call(foo/[X]>>true, 1)", error: "error(type_error(lambda_free,foo)" },
    { goal: "call(_/[X]>>true, 1)", error: "error(instantiation_error" },
    { goal: "call(foo/true)", error: "error(type_error(lambda_free,foo)" },
    { goal: "call([X]>>_, 1)", error: "error(instantiation_error" },
  ]));

Deno.test("a lambda's body shows as an ordinary call in the trace", () => {
  const e = new Engine("p(1). p(2).", { trace: { runId: "y" } });
  const sink = new CollectorSink();
  e.tracer!.addSink(sink);
  assert.ok(e.once("maplist([X]>>p(X), [1, 2])") !== null);
  const calls = sink.events.filter((ev) => ev.port === "call").map((ev) => ev.predId);
  assert.deepEqual(calls, ["maplist/2", ">>/3", "p/1", ">>/3", "p/1"]);
});
