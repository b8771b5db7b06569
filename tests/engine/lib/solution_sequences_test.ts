import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { table } from "./_table.ts";

const SRC = `
p(1, a). p(2, b). p(3, a). p(4, c). p(5, b).
q(X) :- member(X, [c, a, b, a, c]).
counter :- nb_setval(calls, 0).
tick(X) :- member(X, [1, 2, 3, 4, 5, 6]), nb_getval(calls, N), N1 is N + 1, nb_setval(calls, N1).
`;

Deno.test("limit/2 keeps the first solutions and cuts the goal", (t) =>
  table(t, [
    { goal: "limit(2, p(X, _))", all: ["X", ["1", "2"]], detLast: true },
    { goal: "limit(10, p(X, _))", all: ["X", ["1", "2", "3", "4", "5"]] },
    { goal: "limit(infinite, p(X, _))", all: ["X", ["1", "2", "3", "4", "5"]] },
    { goal: "limit(1, fail)", fails: true },
    { goal: "limit(0, p(X, _))", fails: true },
    { goal: "counter, limit(2, tick(X)), fail ; nb_getval(calls, N)", text: { N: "2" } },
    { goal: "limit(_, true)", error: "error(instantiation_error" },
    { goal: "limit(a, true)", error: "error(type_error(evaluable,a/0)" },
  ], SRC));

Deno.test("offset/2 skips the first solutions", (t) =>
  table(t, [
    { goal: "offset(3, p(X, _))", all: ["X", ["4", "5"]] },
    { goal: "offset(0, p(X, _))", all: ["X", ["1", "2", "3", "4", "5"]] },
    { goal: "offset(9, p(X, _))", fails: true },
    { goal: "limit(2, offset(1, p(X, _)))", all: ["X", ["2", "3"]] },
    { goal: "offset(-1, true)", error: "error(domain_error(not_less_than_zero,-1)" },
    { goal: "offset(_, true)", error: "error(instantiation_error" },
  ], SRC));

Deno.test("call_nth/2 counts solutions", (t) =>
  table(t, [
    { goal: "call_nth(p(X, _), N), R = X-N", all: ["R", ["1-1", "2-2", "3-3", "4-4", "5-5"]] },
    { goal: "call_nth(p(X, _), 3)", text: { X: "3" }, det: true },
    { goal: "call_nth(p(X, _), 9)", fails: true },
    { goal: "call_nth(p(X, a), 2)", text: { X: "3" } },
    { goal: "call_nth(true, 0)", error: "error(domain_error(not_less_than_one,0)" },
    { goal: "call_nth(true, a)", error: "error(type_error(integer,a)" },
  ], SRC));

Deno.test("distinct/1,2 drop repeated (variant) solutions", (t) =>
  table(t, [
    { goal: "distinct(q(X))", all: ["X", ["c", "a", "b"]] },
    { goal: "distinct(Y, p(_, Y))", all: ["Y", ["a", "b", "c"]] },
    {
      goal: "findall(X, distinct(X, member(X, [f(A), f(B), g(A), f(A)])), L), L = [f(P), g(Q)]",
      text: {},
    },
    { goal: "findall(X, distinct(X, member(X, [f(A, B), f(B, A), f(A, A)])), L), length(L, 2)" },
    { goal: "distinct(X, member(X, [1, 1.0, 1]))", all: ["X", ["1", "1.0"]] },
    { goal: "distinct(fail)", fails: true },
    {
      goal: "distinct(X, (member(X, [a, b]), member(_, [1, 2])))",
      all: ["X", ["a", "b"]],
    },
    { goal: "distinct(X, foo(X))", error: "error(existence_error(procedure,foo/1)" },
  ], SRC));

Deno.test("order_by/2 sorts the solutions", (t) =>
  table(t, [
    {
      goal: "order_by([asc(Y)], p(X, Y)), R = Y-X",
      all: ["R", ["a-1", "a-3", "b-2", "b-5", "c-4"]],
    },
    {
      goal: "order_by([desc(Y), asc(X)], p(X, Y)), R = Y-X",
      all: ["R", ["c-4", "b-2", "b-5", "a-1", "a-3"]],
    },
    {
      goal: "order_by([desc(Y), desc(X)], p(X, Y)), R = Y-X",
      all: ["R", ["c-4", "b-5", "b-2", "a-3", "a-1"]],
    },
    { goal: "order_by([desc(X)], p(X, _))", all: ["X", ["5", "4", "3", "2", "1"]] },
    { goal: "order_by([asc(X)], fail)", fails: true },
    { goal: "order_by([], true)", error: "error(domain_error(non_empty_list,[])" },
    { goal: "order_by([up(X)], p(X, _))", error: "error(domain_error(order_specifier,up(" },
    { goal: "order_by([_], true)", error: "error(instantiation_error" },
    { goal: "order_by(asc(X), true)", error: "error(type_error(list,asc(" },
  ], SRC));

Deno.test("group_by/4 collects per group", (t) =>
  table(t, [
    { goal: "group_by(Y, X, p(X, Y), B), R = Y-B", all: ["R", ["a-[1,3]", "b-[2,5]", "c-[4]"]] },
    { goal: "group_by(Y, X, fail, B)", fails: true },
  ], SRC));

Deno.test("findnsols/4,5 collect in chunks", (t) =>
  table(t, [
    { goal: "findnsols(2, X, p(X, _), L)", all: ["L", ["[1,2]", "[3,4]", "[5]"]], detLast: true },
    { goal: "findnsols(2, X, between(1, 4, X), L)", all: ["L", ["[1,2]", "[3,4]"]], detLast: true },
    { goal: "findnsols(5, X, p(X, _), L)", all: ["L", ["[1,2,3,4,5]"]], detLast: true },
    { goal: "findnsols(2, X, member(X, [a, b, c, d]), L)", all: ["L", ["[a,b]", "[c,d]"]] },
    { goal: "findnsols(2, X, (member(X, [a, b]) ; fail), L)", all: ["L", ["[a,b]", "[]"]] },
    { goal: "findnsols(3, X, fail, L)", all: ["L", ["[]"]] },
    { goal: "findnsols(0, X, p(X, _), L)", all: ["L", ["[]"]] },
    { goal: "findnsols(2, X, p(X, _), L, T), L = [1, 2|R], R == T" },
    { goal: "findnsols(2, X, p(X, _), L, [z]), L = [5|_]", text: { L: "[5,z]" } },
    { goal: "findnsols(1, X, p(X, _), L), X == 1", fails: true },
    { goal: "findnsols(count(2), X, p(X, _), L)", all: ["L", ["[1,2]", "[3,4]", "[5]"]] },
    { goal: "findnsols(_, X, true, L)", error: "error(type_error(integer,_" },
    { goal: "findnsols(a, X, true, L)", error: "error(type_error(integer,a)" },
    { goal: "findnsols(-1, X, true, L)", error: "error(domain_error(not_less_than_zero,-1)" },
  ], SRC));

Deno.test("findnsols/4 with count(N) reads a changed chunk size", () => {
  const e = new Engine(SRC);
  const chunks = [...e.query("C = count(1), findnsols(C, X, p(X, _), L), nb_setarg(1, C, 2)")]
    .map((s) => s.text.L);
  assert.deepEqual(chunks, ["[1]", "[2,3]", "[4,5]"]);
});
