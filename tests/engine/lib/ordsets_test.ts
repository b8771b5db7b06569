import { table } from "./_table.ts";

const NO_RULE = "error(existence_error(matching_rule,ordsets:";

Deno.test("is_ordset/1, ord_empty/1, ord_seteq/2 and list_to_ord_set/2", (t) =>
  table(t, [
    { goal: "is_ordset([a, b, c])", det: true },
    { goal: "is_ordset([])" },
    { goal: "is_ordset([b, a])", fails: true },
    { goal: "is_ordset([a, a])", fails: true },
    { goal: "is_ordset([a|_])", fails: true },
    { goal: "is_ordset(foo)", fails: true },
    { goal: "ord_empty(X)", text: { X: "[]" } },
    { goal: "ord_empty([a])", fails: true },
    { goal: "ord_seteq([a, b], [a, b])" },
    { goal: "ord_seteq([a, b], [a, X])", fails: true },
    { goal: "list_to_ord_set([c, a, b, a], S)", text: { S: "[a,b,c]" }, det: true },
    { goal: "list_to_ord_set([f(X), 1, a, f(X)], S)", text: { S: "[1,a,f(_G1)]" } },
    { goal: "list_to_ord_set(L, S)", error: "error(instantiation_error" },
    { goal: "list_to_ord_set([a|b], S)", error: "error(type_error(list,[a|b])" },
  ]));

Deno.test("ord_memberchk/2, ord_subset/2, ord_intersect/2 and ord_disjoint/2", (t) =>
  table(t, [
    { goal: "ord_memberchk(b, [a, b, c])", det: true },
    { goal: "ord_memberchk(d, [a, b, c])", fails: true },
    { goal: "ord_memberchk(0, [a, b, c])", fails: true },
    { goal: "ord_memberchk(X, [a, b])", fails: true },
    { goal: "ord_memberchk(a, [])", fails: true },
    { goal: "ord_subset([a, c], [a, b, c])", det: true },
    { goal: "ord_subset([], [a])" },
    { goal: "ord_subset([a, d], [a, b, c])", fails: true },
    { goal: "ord_subset([a], [])", fails: true },
    { goal: "ord_intersect([a, c], [b, c])", det: true },
    { goal: "ord_intersect([a, c], [b, d])", fails: true },
    { goal: "ord_intersect([], [a])", fails: true },
    { goal: "ord_disjoint([a, c], [b, d])" },
    { goal: "ord_disjoint([a, c], [c])", fails: true },
  ]));

Deno.test("ord_add_element/3, ord_del_element/3 and ord_selectchk/3", (t) =>
  table(t, [
    { goal: "ord_add_element([a, c], b, S)", text: { S: "[a,b,c]" }, det: true },
    { goal: "ord_add_element([a, c], c, S)", text: { S: "[a,c]" } },
    { goal: "ord_add_element([a, c], d, S)", text: { S: "[a,c,d]" } },
    { goal: "ord_add_element([], a, S)", text: { S: "[a]" } },
    { goal: "ord_del_element([a, b, c], b, S)", text: { S: "[a,c]" }, det: true },
    { goal: "ord_del_element([a, c], b, S)", text: { S: "[a,c]" } },
    { goal: "ord_del_element([], b, S)", text: { S: "[]" } },
    { goal: "ord_selectchk(b, [a, b, c], S)", text: { S: "[a,c]" }, det: true },
    { goal: "ord_selectchk(d, [a, b, c], S)", fails: true },
    { goal: "ord_selectchk(a, [], S)", fails: true },
  ]));

Deno.test("ord_intersection/2,3,4", (t) =>
  table(t, [
    { goal: "ord_intersection([a, b, c], [b, c, d], I)", text: { I: "[b,c]" }, det: true },
    { goal: "ord_intersection([a], [b], I)", text: { I: "[]" } },
    { goal: "ord_intersection([a], [a], [])", fails: true },
    { goal: "ord_intersection([a], [b], [])" },
    { goal: "ord_intersect([a, b], [b], I)", text: { I: "[b]" } },
    { goal: "ord_intersection([a, b, c], [b, d], I, D)", text: { I: "[b]", D: "[d]" }, det: true },
    { goal: "ord_intersection([], [b, d], I, D)", text: { I: "[]", D: "[b,d]" } },
    { goal: "ord_intersection([a], [], I, D)", text: { I: "[]", D: "[]" } },
    { goal: "ord_intersection([[a, b, c], [b, c], [b, c, d]], I)", text: { I: "[b,c]" } },
    { goal: "ord_intersection([[a, b]], I)", text: { I: "[a,b]" } },
    { goal: "ord_intersection([[a], []], I)", text: { I: "[]" } },
    { goal: "ord_intersection([], I)", fails: true },
    { goal: "ord_intersection(P, I)", error: "error(instantiation_error" },
    { goal: "ord_intersection([[a], foo], I)", error: "error(type_error(list,foo)" },
  ]));

Deno.test("ord_union/2,3,4", (t) =>
  table(t, [
    { goal: "ord_union([a, c], [b, c, d], U)", text: { U: "[a,b,c,d]" }, det: true },
    { goal: "ord_union([], [b], U)", text: { U: "[b]" } },
    { goal: "ord_union([a], [], U)", text: { U: "[a]" } },
    { goal: "ord_union([c], [a, b], U)", text: { U: "[a,b,c]" } },
    { goal: "ord_union(S, [a], U)", error: `${NO_RULE}ord_union(_` },
    { goal: "ord_union(foo, [a], U)", error: `${NO_RULE}ord_union(foo,[a],_` },
    { goal: "ord_union([a], foo, U)", error: `${NO_RULE}union2(foo,a,[],_` },
    { goal: "ord_union([a|T], [b], U)", error: `${NO_RULE}union2(_` },
    { goal: "ord_union([[c], [a, b], [], [b, d]], U)", text: { U: "[a,b,c,d]" } },
    { goal: "ord_union([[a]], U)", text: { U: "[a]" } },
    { goal: "ord_union([], U)", text: { U: "[]" } },
    { goal: "ord_union(X, U)", error: `${NO_RULE}ord_union(_` },
    { goal: "ord_union([a, c], [b, c], U, N)", text: { U: "[a,b,c]", N: "[b]" }, det: true },
    { goal: "ord_union([], [b], U, N)", text: { U: "[b]", N: "[b]" } },
    { goal: "ord_union([a], [], U, N)", text: { U: "[a]", N: "[]" } },
  ]));

Deno.test("ord_subtract/3, ord_symdiff/3 and ord_range/4", (t) =>
  table(t, [
    { goal: "ord_subtract([a, b, c, d], [b, d, e], D)", text: { D: "[a,c]" }, det: true },
    { goal: "ord_subtract([a, b], [], D)", text: { D: "[a,b]" } },
    { goal: "ord_subtract([], [a], D)", text: { D: "[]" } },
    { goal: "ord_subtract(X, [], D), X == D", text: {} },
    { goal: "ord_subtract(X, [a], D)", error: `${NO_RULE}ord_subtract(_` },
    { goal: "ord_subtract(foo, [a], D)", error: `${NO_RULE}ord_subtract(foo,[a],_` },
    { goal: "ord_subtract([a], foo, D)", fails: true },
    { goal: "ord_symdiff([1, 2], [2, 3], D)", text: { D: "[1,3]" }, det: true },
    { goal: "ord_symdiff([], [2], D)", text: { D: "[2]" } },
    { goal: "ord_symdiff([1], [], D)", text: { D: "[1]" } },
    { goal: "ord_range([1, 3, 5, 7, 9], 2, 7, R)", text: { R: "[3,5,7]" } },
    { goal: "ord_range([1, 3], 5, 7, R)", text: { R: "[]" } },
    { goal: "ord_range([], 5, 7, R)", text: { R: "[]" } },
    { goal: "ord_range(X, 5, 7, R)", error: `${NO_RULE}ord_range(_` },
  ]));
