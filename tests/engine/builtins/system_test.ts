import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { termKey } from "../../../engine/builtins/system.ts";
import { mkAtom, mkList, mkStruct, Var } from "../../../engine/term.ts";
import { table } from "../lib/_table.ts";

Deno.test("get_time/1 gives the wall time in seconds, as a float", () => {
  const e = new Engine();
  const before = Date.now() / 1000;
  const s = e.once("get_time(T), float(T)");
  assert.ok(s !== null);
  const t = Number(s.text.T);
  assert.ok(t >= before - 1 && t <= Date.now() / 1000 + 1, `${t}`);
});

Deno.test("sleep/1 waits, and checks its argument", async (t) => {
  await t.step("sleep(0.05) takes about 50 ms", () => {
    const e = new Engine();
    const t0 = performance.now();
    assert.ok(e.once("sleep(0.05)") !== null);
    assert.ok(performance.now() - t0 >= 45);
  });
  await table(t, [
    { goal: "sleep(0)" },
    { goal: "sleep(-1)" },
    { goal: "sleep(a)", error: "error(type_error(float,a)" },
    { goal: "sleep(_)", error: "error(instantiation_error" },
  ]);
});

Deno.test("term_hash/2 hashes ground terms stably and leaves others unbound", async (t) => {
  await table(t, [
    { goal: 'term_hash(foo(bar, 1, 2.5, "s"), H), integer(H), H >= 0, H =< 16777215' },
    { goal: "term_hash(f(X), H), var(H)" },
    { goal: "term_hash(a, H1), term_hash(a, H2), H1 == H2" },
    { goal: "term_hash(f(a), H1), term_hash(f(b), H2), H1 \\== H2" },
    { goal: "term_hash(1, H1), term_hash(1.0, H2), H1 \\== H2" },
    { goal: "term_hash('1', H1), term_hash(1, H2), H1 \\== H2" },
    { goal: "X = f(X), term_hash(X, H), integer(H)" },
    { goal: "numlist(1, 100000, L), term_hash(L, H), integer(H)" },
  ]);
  await t.step("the same hash in another engine (stable across runs)", () => {
    const h1 = new Engine().once("term_hash(g([a, 'B', 3]), H)")!.text.H;
    const h2 = new Engine().once("term_hash(g([a, 'B', 3]), H)")!.text.H;
    assert.equal(h1, h2);
    assert.equal(
      h1,
      new Engine().once("atom_to_term('g([a, \\'B\\', 3])', T, _), term_hash(T, H)")!.text.H,
    );
  });
});

Deno.test("term_hash/4 hashes to a depth, into a range", (t) =>
  table(t, [
    { goal: "term_hash(f(X), 1, 100, H), integer(H), H < 100" },
    { goal: "term_hash(f(X), 2, 100, H), var(H)" },
    { goal: "term_hash(f(a, X), 1, 1000, H1), term_hash(f(b, Y), 1, 1000, H2), H1 == H2" },
    { goal: "term_hash(f(a), 0, 100, H), var(H)" },
    { goal: "term_hash(f(a), 2, 1, H)", text: { H: "0" } },
    { goal: "term_hash(a, -1, 10, H)", error: "error(domain_error(not_less_than_zero,-1)" },
    { goal: "term_hash(a, 1, 0, H)", error: "error(domain_error(not_less_than_one,0)" },
    { goal: "term_hash(a, x, 10, H)", error: "error(type_error(integer,x)" },
    { goal: "term_hash(a, _, 10, H)", error: "error(instantiation_error" },
  ]));

Deno.test("termKey() is equal exactly for variants", () => {
  const X = new Var(), Y = new Var();
  const key = (t: Parameters<typeof termKey>[0]) => termKey(t, Infinity, new Map());
  assert.equal(key(mkStruct("f", [X, Y, X])), key(mkStruct("f", [Y, X, Y])));
  assert.notEqual(key(mkStruct("f", [X, Y])), key(mkStruct("f", [X, X])));
  assert.notEqual(key(mkAtom("ab")), key(mkStruct("a", [mkAtom("b")])));
  assert.notEqual(key(mkList([mkAtom("a")])), key(mkAtom("a")));
  assert.equal(termKey(mkStruct("f", [X]), Infinity, null), null);
});

Deno.test("unifiable/3 lists the bindings and makes none", (t) =>
  table(t, [
    { goal: "unifiable(f(X, b), f(a, Y), U), var(X), var(Y), length(U, 2)" },
    {
      goal: "unifiable(f(X, b), f(a, Y), [Y1 = B, X1 = A]), Y1 == Y, X1 == X",
      text: { A: "a", B: "b" },
    },
    { goal: "unifiable(X, Y, U), U = [A = B], A == X, B == Y" },
    { goal: "unifiable(a, X, U), U = [V = a], V == X" },
    { goal: "unifiable(X, X, U)", text: { U: "[]" } },
    { goal: "unifiable(f(a), f(a), U)", text: { U: "[]" } },
    { goal: "unifiable(f(a), f(b), U)", fails: true },
    { goal: "unifiable(f(X, X), f(a, b), U)", fails: true },
    { goal: "unifiable(X, f(X), U), U = [A = B], A == X" },
    { goal: "set_prolog_flag(occurs_check, true), unifiable(X, f(X), U)", fails: true },
    {
      goal: "set_prolog_flag(occurs_check, error), unifiable(g(X), g(f(X)), U)",
      error: "error(occurs_check(",
    },
  ]));
