import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";

/** One sample term per kind, as query text. */
const SAMPLES = {
  var: "_",
  atom: "a",
  nil: "[]",
  quoted: "'hello world'",
  int: "-7",
  big: "123456789012345678901234567890",
  float: "1.5",
  string: '"str"',
  compound: "f(x)",
  list: "[a,b]",
  partial: "[a|_]",
  nonground: "f(_)",
  dotted: "[a|b]",
} as const;

type Kind = keyof typeof SAMPLES;

/** For each type test, the sample kinds it accepts; every other kind must fail. */
const ACCEPTS: Record<string, Kind[]> = {
  var: ["var"],
  nonvar: [
    "atom",
    "nil",
    "quoted",
    "int",
    "big",
    "float",
    "string",
    "compound",
    "list",
    "partial",
    "nonground",
    "dotted",
  ],
  atom: ["atom", "nil", "quoted"],
  number: ["int", "big", "float"],
  integer: ["int", "big"],
  float: ["float"],
  atomic: ["atom", "nil", "quoted", "int", "big", "float", "string"],
  compound: ["compound", "list", "partial", "nonground", "dotted"],
  callable: ["atom", "nil", "quoted", "compound", "list", "partial", "nonground", "dotted"],
  is_list: ["nil", "list"],
  rational: ["int", "big"],
  ground: ["atom", "nil", "quoted", "int", "big", "float", "string", "compound", "list", "dotted"],
  string: ["string"],
  acyclic_term: Object.keys(SAMPLES) as Kind[],
  cyclic_term: [],
};

function engine(): Engine {
  const e = new Engine();
  e.machine.flags.doubleQuotes = "string"; // so "str" reads as a string object
  return e;
}

for (const [pred, accepted] of Object.entries(ACCEPTS)) {
  Deno.test(`${pred}/1 accepts exactly its type`, async (t) => {
    const e = engine();
    for (const [kind, text] of Object.entries(SAMPLES) as [Kind, string][]) {
      const want = accepted.includes(kind);
      await t.step(`${pred}(${text}) ${want ? "succeeds" : "fails"}`, () => {
        assert.equal(e.once(`${pred}(${text})`) !== null, want);
      });
    }
  });
}

Deno.test("type tests look through bindings and bind nothing", async (t) => {
  const e = engine();
  const rows: [goal: string, ok: boolean][] = [
    ["X = a, atom(X)", true],
    ["X = Y, Y = 1, integer(X)", true],
    ["X = Y, var(X)", true],
    ["X = Y, Y = f(Z), compound(X)", true],
    ["X = f(Y), ground(X)", false],
    ["X = f(Y), Y = g(1, [a]), ground(X)", true],
    ["L = [a|T], T = [b], is_list(L)", true],
    ["L = [a|T], is_list(L)", false],
    ["var(X), X = 1", true],
    ["callable((a, b))", true],
    ["callable({x})", true],
  ];
  for (const [goal, ok] of rows) {
    await t.step(goal, () => assert.equal(e.once(goal) !== null, ok));
  }
});

Deno.test("is_list/1 and ground/1 handle a 1,000,000-element list", () => {
  const e = engine();
  assert.notEqual(
    e.once("length(_L, 1000000), \\+ ground(_L), is_list(_L), \\+ is_list([a|_])"),
    null,
  );
  assert.notEqual(
    e.once("length(_L, 1000000), is_list(_L), numbervars(_L, 0, _), ground(_L)"),
    null,
  );
});

Deno.test("ground/1 and is_list/1 end on cyclic terms", async (t) => {
  const e = new Engine(`
dag(0, L) :- !, L = leaf(_).
dag(N, f(T, T)) :- N1 is N - 1, dag(N1, T).
`);
  // Cyclic terms are bound to _-variables, which answers leave out. Each row
  // hangs if the walk does not notice the cycle.
  const rows: [goal: string, ok: boolean][] = [
    ["_X = f(_X), ground(_X)", true],
    ["_X = f(_X, _), ground(_X)", false],
    ["_X = f(_X, Z), Z = a, ground(_X)", true],
    ["_X = f(g(_X), [a, b|_X]), ground(_X)", true],
    ["_X = f(g(_X, h(_)), a), ground(_X)", false],
    ["_X = [a|_X], ground(_X)", true],
    ["length(_P, 5000), maplist(=(a), _P), append(_P, _L, _L), ground(_L)", true],
    ["length(_P, 5000), append(_P, _L, _L), ground(_L)", false],
    // 2^200 paths through 200 distinct compounds, with a variable at the end.
    ["dag(200, _T), ground(_T)", false],
    ["dag(200, _T), _T = f(_, _), term_variables(_T, [a]), ground(_T)", true],
    ["_X = [a|_X], is_list(_X)", false],
    ["_X = [a, b, c|_X], is_list([x|_X])", false],
    ["_X = [a, b, c|_X], is_list(_X)", false],
    ["length(_P, 5000), append(_P, _L, _L), is_list(_L)", false],
    ["_X = f(_X), is_list([_X, _X])", true],
  ];
  for (const [goal, ok] of rows) {
    await t.step(goal, () => assert.equal(e.once(goal) !== null, ok));
  }
});

Deno.test("acyclic_term/1 and cyclic_term/1 find cycles made without the occurs check (ISO 8.3.11)", async (t) => {
  const e = new Engine(`
dag(0, a) :- !.
dag(N, f(T, T)) :- N1 is N - 1, dag(N1, T).
`);
  // \+ \+ undoes cyclic and huge bindings, so that no answer text is written.
  const rows: [goal: string, ok: boolean][] = [
    ["acyclic_term(f(_))", true],
    ["acyclic_term(a)", true],
    ["X = f(X), acyclic_term(X)", false],
    ["X = f(X, a), acyclic_term(X)", false],
    ["\\+ \\+ (X = f(X), cyclic_term(X))", true],
    ["\\+ \\+ (X = f(a, g(b, X)), cyclic_term(X))", true],
    ["\\+ \\+ (X = [a, b|X], cyclic_term(X))", true],
    ["\\+ \\+ (X = f(Y), Y = g(X), cyclic_term(h(1, Y)))", true],
    ["X = f(Y, Y), Y = g(Z, Z), Z = h(1), acyclic_term(X)", true],
    ["X = f(Y, Y), Y = g(Z, Z), Z = h(1), cyclic_term(X)", false],
    ["X = f(Y), Y = g(1), acyclic_term(X)", true],
    // A DAG with 2^200 paths: each shared subterm is walked once.
    ["\\+ \\+ (dag(200, T), acyclic_term(T))", true],
    ["\\+ \\+ (length(L, 1000000), acyclic_term(L))", true],
    ["\\+ \\+ (length(L, 100000), append(L, X, X), cyclic_term(X))", true],
  ];
  for (const [goal, ok] of rows) {
    await t.step(goal, () => assert.equal(e.once(goal) !== null, ok));
  }
});
