import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { table } from "./_table.ts";

const NO_RULE = "error(existence_error(matching_rule,assoc:";

Deno.test("empty_assoc/1, list_to_assoc/2 and ord_list_to_assoc/2 build SWI's AVL terms", (t) =>
  table(t, [
    { goal: "empty_assoc(A)", text: { A: "t" } },
    { goal: "list_to_assoc([], A)", text: { A: "t" } },
    { goal: "list_to_assoc([a-1], A)", text: { A: "t(a,1,-,t,t)" } },
    { goal: "list_to_assoc([b-2, a-1], A)", text: { A: "t(b,2,<,t(a,1,-,t,t),t)" } },
    {
      goal: "list_to_assoc([c-3, a-1, b-2], A)",
      text: { A: "t(b,2,-,t(a,1,-,t,t),t(c,3,-,t,t))" },
      det: true,
    },
    {
      goal: "list_to_assoc([a-1, b-2, c-3, d-4], A)",
      text: { A: "t(c,3,<,t(b,2,<,t(a,1,-,t,t),t),t(d,4,-,t,t))" },
    },
    {
      goal: "list_to_assoc([a-1, a-2], A)",
      error: "error(domain_error(unique_key_pairs,[a-1,a-2])",
    },
    { goal: "list_to_assoc([a], A)", error: "error(type_error(pair,a)" },
    { goal: "list_to_assoc(L, A)", error: "error(instantiation_error" },
    { goal: "ord_list_to_assoc([a-1, b-2], A)", text: { A: "t(b,2,<,t(a,1,-,t,t),t)" } },
    { goal: "ord_list_to_assoc([], A)", text: { A: "t" } },
    {
      goal: "ord_list_to_assoc([b-1, a-2], A)",
      error: "error(domain_error(key_ordered_pairs,[b-1,a-2])",
    },
    { goal: "ord_list_to_assoc([a-1, a-2], A)", error: "error(domain_error(key_ordered_pairs" },
  ]));

Deno.test("get_assoc/3,5, put_assoc/4 and the listings", (t) =>
  table(t, [
    { goal: "list_to_assoc([a-1, b-2, c-3], A), get_assoc(b, A, V)", text: { V: "2" }, det: true },
    { goal: "list_to_assoc([a-1, b-2, c-3], A), get_assoc(d, A, V)", fails: true },
    { goal: "get_assoc(a, t, V)", fails: true },
    { goal: "get_assoc(a, foo, V)", error: "error(type_error(btree,foo)" },
    { goal: "get_assoc(a, _, V)", error: "error(type_error(btree,_" },
    {
      goal: "list_to_assoc([a-1, b-2], A), get_assoc(a, A, Old, A2, new), get_assoc(a, A2, V)",
      text: { Old: "1", V: "new" },
    },
    { goal: "get_assoc(x, t, _, _, _)", fails: true },
    { goal: "get_assoc(x, foo, _, _, _)", error: `${NO_RULE}get_assoc(x,foo,` },
    { goal: "empty_assoc(E), put_assoc(k, E, v, A)", text: { A: "t(k,v,-,t,t)" }, det: true },
    {
      goal:
        "empty_assoc(E), put_assoc(a, E, 1, A1), put_assoc(b, A1, 2, A2), put_assoc(c, A2, 3, A)",
      text: { A: "t(b,2,-,t(a,1,-,t,t),t(c,3,-,t,t))" },
    },
    {
      goal: "list_to_assoc([a-1], A0), put_assoc(a, A0, 9, A)",
      text: { A: "t(a,9,-,t,t)" },
    },
    { goal: "put_assoc(k, foo, v, A)", error: `${NO_RULE}insert(foo,k,v,` },
    { goal: "put_assoc(k, _, v, A)", error: `${NO_RULE}insert(_` },
    {
      goal: "list_to_assoc([b-2, a-1, c-3], A), assoc_to_list(A, L), assoc_to_keys(A, K), " +
        "assoc_to_values(A, V)",
      text: { L: "[a-1,b-2,c-3]", K: "[a,b,c]", V: "[1,2,3]" },
      det: true,
    },
    { goal: "assoc_to_list(t, L)", text: { L: "[]" } },
    { goal: "assoc_to_keys(foo, L)", fails: true },
  ]));

Deno.test("gen_assoc/3, max_assoc/3, min_assoc/3 and map_assoc/2,3", (t) =>
  table(t, [
    {
      goal: "list_to_assoc([b-2, a-1, c-3], A), gen_assoc(K, A, V)",
      all: ["K", ["a", "b", "c"]],
    },
    { goal: "list_to_assoc([b-2, a-1], A), gen_assoc(b, A, V)", text: { V: "2" } },
    { goal: "gen_assoc(K, t, V)", fails: true },
    { goal: "gen_assoc(K, foo, V)", error: `${NO_RULE}gen_assoc_(` },
    { goal: "list_to_assoc([b-2, a-1, c-3], A), max_assoc(A, K, V)", text: { K: "c", V: "3" } },
    { goal: "list_to_assoc([b-2, a-1, c-3], A), min_assoc(A, K, V)", text: { K: "a", V: "1" } },
    { goal: "max_assoc(t, K, V)", fails: true },
    { goal: "min_assoc(foo, K, V)", error: `${NO_RULE}min_assoc(foo,` },
    { goal: "list_to_assoc([a-1, b-2], A), map_assoc(integer, A)" },
    { goal: "list_to_assoc([a-1, b-x], A), map_assoc(integer, A)", fails: true },
    {
      goal: "list_to_assoc([a-1, b-2], A), map_assoc(succ, A, B), assoc_to_list(B, L)",
      text: { L: "[a-2,b-3]" },
    },
    { goal: "map_assoc(integer, foo)", error: `${NO_RULE}map_assoc_(foo,` },
  ]));

Deno.test("del_assoc/4, del_min_assoc/4 and del_max_assoc/4", (t) =>
  table(t, [
    {
      goal: "list_to_assoc([a-1, b-2, c-3], A), del_assoc(b, A, V, A2), assoc_to_list(A2, L)",
      text: { V: "2", L: "[a-1,c-3]" },
    },
    {
      goal: "list_to_assoc([a-1, b-2, c-3], A), del_assoc(a, A, V, A2)",
      text: { V: "1", A2: "t(b,2,>,t,t(c,3,-,t,t))" },
    },
    { goal: "list_to_assoc([a-1], A), del_assoc(a, A, 2, A2)", fails: true },
    { goal: "list_to_assoc([a-1], A), del_assoc(z, A, V, A2)", fails: true },
    { goal: "del_assoc(a, t, V, A)", fails: true },
    { goal: "del_assoc(a, foo, V, A)", error: `${NO_RULE}delete(foo,a,` },
    {
      goal: "list_to_assoc([a-1, b-2, c-3], A), del_min_assoc(A, K, V, A2), assoc_to_keys(A2, L)",
      text: { K: "a", V: "1", L: "[b,c]" },
    },
    {
      goal: "list_to_assoc([a-1, b-2, c-3], A), del_max_assoc(A, K, V, A2), assoc_to_keys(A2, L)",
      text: { K: "c", V: "3", L: "[a,b]" },
    },
    { goal: "del_min_assoc(t, K, V, A)", fails: true },
  ]));

Deno.test("is_assoc/1 checks order and balance", (t) =>
  table(t, [
    { goal: "is_assoc(t)" },
    { goal: "list_to_assoc([a-1, b-2, c-3, d-4, e-5], A), is_assoc(A)" },
    { goal: "is_assoc(t(a, 1, <, t, t))", fails: true },
    { goal: "is_assoc(t(b, 1, -, t(c, 2, -, t, t), t(a, 3, -, t, t)))", fails: true },
    { goal: "is_assoc(_)", fails: true },
    { goal: "is_assoc(foo)", fails: true },
  ]));

Deno.test("insertions and deletions in any order keep a valid AVL tree", () => {
  const e = new Engine(`
    build([], A, A).
    build([K|Ks], A0, A) :- put_assoc(K, A0, v(K), A1), is_assoc(A1), build(Ks, A1, A).
    drop([], A, A).
    drop([K|Ks], A0, A) :- del_assoc(K, A0, v(K), A1), is_assoc(A1), drop(Ks, A1, A).
    run(N, Keys, Left) :-
        numlist(1, N, Ns), random_permutation(Ns, Ks),
        empty_assoc(E), build(Ks, E, A),
        assoc_to_keys(A, Keys),
        random_permutation(Ks, Ds), length(Del, 60), append(Del, _, Ds),
        drop(Del, A, A2), assoc_to_keys(A2, Left0), length(Left0, Left).
  `);
  assert.deepEqual(e.loadIssues, []);
  for (let seed = 1; seed <= 5; seed++) {
    const s = e.once(`set_random(seed(${seed})), run(100, Keys, Left), numlist(1, 100, Keys)`);
    assert.ok(s !== null, `seed ${seed}`);
    assert.equal(s.text.Left, "40");
  }
});
