import { table } from "./_table.ts";

const SRC = `
shorter(A, B) :- atom_length(A, LA), atom_length(B, LB), LA =< LB.
`;

Deno.test("prefix/2 enumerates prefixes", (t) =>
  table(t, [
    { goal: "prefix(P, [a, b])", all: ["P", ["[]", "[a]", "[a,b]"]] },
    { goal: "prefix([a], [a, b])", det: true },
    { goal: "prefix([b], [a, b])", fails: true },
    { goal: "prefix([a, b, c], [a, b])", fails: true },
  ]));

Deno.test("selectchk/4 replaces the first match", (t) =>
  table(t, [
    { goal: "selectchk(b, [a, b, b], x, L)", text: { L: "[a,x,b]" }, det: true },
    { goal: "selectchk(c, [a, b], x, L)", fails: true },
  ]));

Deno.test("same_length/2", (t) =>
  table(t, [
    { goal: "same_length([a, b], L), L = [X, Y], var(X), var(Y)", det: true },
    { goal: "same_length([a], [b, c])", fails: true },
    { goal: "same_length(A, B), A = [_]", text: {} },
  ]));

Deno.test("proper_length/2 fails on partial and cyclic lists", (t) =>
  table(t, [
    { goal: "proper_length([a, b, c], N)", text: { N: "3" }, det: true },
    { goal: "proper_length([], N)", text: { N: "0" } },
    { goal: "proper_length([a|_], N)", fails: true },
    { goal: "proper_length([a|b], N)", fails: true },
    { goal: "L = [a|L], proper_length(L, N)", fails: true },
    { goal: "proper_length(foo, N)", fails: true },
  ]));

Deno.test("subset/2 checks membership with unification", (t) =>
  table(t, [
    { goal: "subset([a, c], [c, b, a])", det: true },
    { goal: "subset([], [a])" },
    { goal: "subset([d], [a])", fails: true },
    { goal: "subset([X], [a])", text: { X: "a" } },
  ]));

Deno.test("subseq/3 splits a list into a subsequence and its complement", (t) =>
  table(t, [
    {
      goal: "subseq([a, b], S, C), R = S/C",
      all: ["R", ["[]/[a,b]", "[b]/[a]", "[a]/[b]", "[a,b]/[]"]],
    },
    { goal: "subseq(L, [a], [b]), R = L", all: ["R", ["[b,a]", "[a,b]"]] },
    { goal: "subseq([a, b, c], [a, c], C)", text: { C: "[b]" } },
    { goal: "subseq(L, S, C)", error: "error(instantiation_error" },
    { goal: "subseq(foo, S, C)", error: "error(type_error(list,foo)" },
  ]));

Deno.test("clumped/2 counts runs of equal items", (t) =>
  table(t, [
    { goal: "clumped([a, a, b, a, c, c, c], P)", text: { P: "[a-2,b-1,a-1,c-3]" }, det: true },
    { goal: "clumped([], P)", text: { P: "[]" } },
    { goal: "clumped([X, Y, X], P), P == [X-1, Y-1, X-1]" },
  ]));

Deno.test("max_member/3 and min_member/3 use the given order", (t) =>
  table(t, [
    { goal: "max_member(shorter, M, [ab, abcd, abc])", text: { M: "abcd" }, det: true },
    { goal: "min_member(shorter, M, [ab, abcd, a])", text: { M: "a" } },
    { goal: "max_member(@=<, M, [b, c, a])", text: { M: "c" } },
    { goal: "min_member(@=<, M, [b, c, a])", text: { M: "a" } },
    { goal: "max_member(@=<, M, [])", fails: true },
    { goal: "max_member(nope, M, [a, b])", error: "error(existence_error(procedure,nope/2)" },
  ], SRC));
