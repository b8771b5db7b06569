import { table } from "./_table.ts";

const SRC = `
len(L, N) :- atom_length(L, N).
`;

Deno.test("pairs_keys_values/3 works from any bound list, deterministically", (t) =>
  table(t, [
    { goal: "pairs_keys_values([a-1, b-2], K, V)", text: { K: "[a,b]", V: "[1,2]" }, det: true },
    { goal: "pairs_keys_values(P, [a, b], [1, 2])", text: { P: "[a-1,b-2]" }, det: true },
    { goal: "pairs_keys_values(P, K, [1, 2]), P = [A-1, B-2], K == [A, B]", det: true },
    { goal: "pairs_keys_values(P, [a], [1, 2])", fails: true },
    { goal: "pairs_keys_values([a-1, b], K, V)", fails: true },
    { goal: "pairs_keys_values([], K, V)", text: { K: "[]", V: "[]" } },
  ]));

Deno.test("pairs_keys/2 and pairs_values/2", (t) =>
  table(t, [
    { goal: "pairs_keys([a-1, b-2], K)", text: { K: "[a,b]" }, det: true },
    { goal: "pairs_values([a-1, b-2], V)", text: { V: "[1,2]" }, det: true },
    { goal: "pairs_keys([a], K)", fails: true },
    { goal: "pairs_values([], V)", text: { V: "[]" } },
  ]));

Deno.test("group_pairs_by_key/2 joins adjacent equal keys", (t) =>
  table(t, [
    {
      goal: "group_pairs_by_key([a-1, a-2, b-3, a-4], G)",
      text: { G: "[a-[1,2],b-[3],a-[4]]" },
      det: true,
    },
    { goal: "group_pairs_by_key([], G)", text: { G: "[]" } },
    { goal: "group_pairs_by_key([X-1, Y-2], [A-[1], B-[2]]), A == X, B == Y" },
  ]));

Deno.test("transpose_pairs/2 flips and keysorts", (t) =>
  table(t, [
    { goal: "transpose_pairs([a-2, b-1, c-2], T)", text: { T: "[1-b,2-a,2-c]" } },
    { goal: "transpose_pairs([], T)", text: { T: "[]" } },
    { goal: "transpose_pairs([a], T)", fails: true },
  ]));

Deno.test("map_list_to_pairs/3 keys each element by a function", (t) =>
  table(t, [
    { goal: "map_list_to_pairs(len, [abc, d], P)", text: { P: "[3-abc,1-d]" }, det: true },
    { goal: "map_list_to_pairs(len, [], P)", text: { P: "[]" } },
    { goal: "map_list_to_pairs(len, [1], P)", error: "error(type_error(" },
    { goal: "map_list_to_pairs(nope, [a], P)", error: "error(existence_error(procedure,nope/2)" },
  ], SRC));
