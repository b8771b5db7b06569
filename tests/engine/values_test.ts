import assert from "node:assert/strict";
import { type JsValue, toJs } from "../../engine/values.ts";
import {
  Float,
  mkAtom,
  mkInt,
  mkInteger,
  mkList,
  mkStruct,
  NIL,
  PString,
  type Term,
  Var,
} from "../../engine/term.ts";
import { Engine } from "../../mod.ts";

Deno.test("toJs() maps each kind of term", async (t) => {
  const tail = new Var();
  const rows: [string, Term, JsValue][] = [
    ["an atom is its name", mkAtom("hello"), "hello"],
    ["a quoted atom is its text", mkAtom("Hello World"), "Hello World"],
    ["[] is the empty array", NIL, []],
    ["a small integer is a number", mkInt(42), 42],
    ["a negative integer", mkInt(-7), -7],
    [
      "the largest safe integer is a number",
      mkInt(Number.MAX_SAFE_INTEGER),
      Number.MAX_SAFE_INTEGER,
    ],
    ["an integer beyond 2^53 is a bigint", mkInteger(2n ** 53n), 2n ** 53n],
    ["a negative big integer is a bigint", mkInteger(-(2n ** 80n)), -(2n ** 80n)],
    ["a float is a number", new Float(1.5), 1.5],
    ["an integral float is a number", new Float(2), 2],
    ["a string is a JS string", new PString("text"), "text"],
    ["a proper list is an array", mkList([mkInt(1), mkAtom("b")]), [1, "b"]],
    ["nested lists are nested arrays", mkList([mkList([mkInt(1)]), NIL]), [[1], []]],
    ["a compound is functor and args", mkStruct("point", [mkInt(1), mkInt(2)]), {
      functor: "point",
      args: [1, 2],
    }],
    ["a compound inside a list", mkList([mkStruct("-", [mkAtom("k"), mkInt(1)])]), [{
      functor: "-",
      args: ["k", 1],
    }]],
    ["an unbound variable is null", new Var(), null],
    [
      "a partial list is a '.' compound of the first element and the rest",
      mkList(
        [mkInt(1), mkInt(2)],
        tail,
      ),
      { functor: ".", args: [1, { functor: ".", args: [2, null] }] },
    ],
    ["a list ending in an atom is a '.' compound", mkList([mkInt(1)], mkAtom("x")), {
      functor: ".",
      args: [1, "x"],
    }],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.deepEqual(toJs(term), expected));
  }
  await t.step("-0.0 keeps its sign", () => {
    assert.ok(Object.is(toJs(new Float(-0)), -0));
  });
  await t.step("NaN stays NaN", () => assert.ok(Number.isNaN(toJs(new Float(NaN)))));
  await t.step("bound variables are followed", () => {
    const v = new Var(), w = new Var();
    v.ref = w;
    w.ref = mkList([mkAtom("a")]);
    assert.deepEqual(toJs(v), ["a"]);
  });
  await t.step("a list whose tail is a bound variable is a proper array", () => {
    const t0 = new Var();
    const l = mkList([mkInt(1)], t0);
    t0.ref = mkList([mkInt(2)]);
    assert.deepEqual(toJs(l), [1, 2]);
  });
  await t.step("a 1,000,000-element list converts without stack overflow", () => {
    const l = mkList(new Array<Term>(1_000_000).fill(mkInt(0)));
    assert.equal((toJs(l) as JsValue[]).length, 1_000_000);
  });
  await t.step("a 20,000-element partial list converts without stack overflow", () => {
    let v = toJs(mkList(new Array<Term>(20_000).fill(mkInt(0)), new Var()));
    let n = 0;
    while (v !== null) {
      v = (v as { args: JsValue[] }).args[1];
      n++;
    }
    assert.equal(n, 20_000);
  });
  await t.step("a compound nested 100,000 deep converts without stack overflow", () => {
    let t0: Term = mkInt(0);
    for (let i = 0; i < 100_000; i++) t0 = mkStruct("s", [t0]);
    let v = toJs(t0);
    let depth = 0;
    while (typeof v === "object" && v !== null && !Array.isArray(v) && typeof v !== "bigint") {
      v = v.args[0];
      depth++;
    }
    assert.equal(depth, 100_000);
  });
});

Deno.test("toJs() is what Solution.bindings reports", async (t) => {
  const e = new Engine();
  const rows: [string, string, JsValue][] = [
    ["atom", "X = abc", "abc"],
    ["integer", "X is 6 * 7", 42],
    ["bigint", "X is 2 ** 70", 2n ** 70n],
    ["float", "X is 1 / 4", 0.25],
    ["codes under the default flag", 'X = "hi"', [104, 105]],
    ["list", "X = [a, [b], 1]", ["a", ["b"], 1]],
    ["compound", "X = f(a, g(1))", { functor: "f", args: ["a", { functor: "g", args: [1] }] }],
    ["operator term", "X = 1 + 2", { functor: "+", args: [1, 2] }],
    ["unbound", "X = _", null],
  ];
  for (const [name, goal, expected] of rows) {
    await t.step(name, () => assert.deepEqual(e.once(goal)?.bindings.X, expected));
  }
});
