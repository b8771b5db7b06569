import assert from "node:assert/strict";
import { formatTerm, formatTermGeneral, type WriteOptions } from "../../engine/writer.ts";
import { Operators } from "../../engine/operators.ts";
import { fastFormat } from "../../engine/_write_fast.ts";
import { mkAtom, mkInt, mkInteger, mkList, mkStruct, type Term, Var } from "../../engine/term.ts";

const ops = new Operators();
const ATOMS = [
  "a",
  "foo",
  "[]",
  "{}",
  "-",
  "+",
  "mod",
  ":-",
  "A",
  "hello world",
  "'",
  "\\",
  "!",
  ";",
  ",",
];
const FUNCTORS: [string, number][] = [
  ["f", 1],
  ["g", 2],
  ["h", 3],
  ["+", 2],
  ["-", 2],
  ["*", 2],
  ["-", 1],
  ["\\+", 1],
  ["=:=", 2],
  ["<", 2],
  ["mod", 2],
  ["rem", 2],
  [",", 2],
  [";", 2],
  ["->", 2],
  [":-", 2],
  ["=", 2],
  ["^", 2],
  ["**", 2],
  ["is", 2],
  ["{}", 1],
  [".", 2],
  ["$VAR", 1],
  ["dynamic", 1],
];

// xorshift32: deterministic and well spread over small ranges.
let seed = 2463534242;
function rnd(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

const vars = [new Var(), new Var(), new Var()];
function term(depth: number): Term {
  // Mostly shallow terms, so that many take the fast path.
  const k = rnd(depth > 1 ? 4 : 8);
  switch (k) {
    case 0:
      return mkAtom(ATOMS[rnd(ATOMS.length)]);
    case 1:
      return mkInt(rnd(21) - 10);
    case 2:
      return vars[rnd(vars.length)];
    case 3:
      return rnd(2) === 0 ? mkInteger(2n ** 70n) : mkInt(rnd(1000));
    case 4:
    case 5: {
      const items = Array.from({ length: rnd(5) }, () => term(depth + 1));
      return mkList(items, rnd(4) === 0 ? term(depth + 1) : undefined);
    }
    default: {
      const [name, arity] = FUNCTORS[rnd(FUNCTORS.length)];
      return mkStruct(name, Array.from({ length: arity }, () => term(depth + 1)));
    }
  }
}

Deno.test("formatTerm() fast path agrees with the general writer", () => {
  const option: WriteOptions[] = [
    { ops, quoted: true },
    { ops, quoted: false },
    { ops, quoted: true, maxDepth: 3, maxListItems: 2, listDepth: false },
    { ops, quoted: true, priority: 999 },
  ];
  let fast = 0;
  for (let i = 0; i < 20000; i++) {
    const t = term(0);
    for (const o of option) {
      const expected = formatTermGeneral(t, o);
      assert.equal(formatTerm(t, o), expected, `for ${expected}`);
      const f = fastFormat(t, {
        ops,
        quoted: o.quoted ?? false,
        maxDepth: o.maxDepth ?? 0,
        maxItems: o.maxListItems ?? 0,
        varName: (v) => `_G${v.serial}`,
      }, o.priority ?? 1200);
      if (f !== null) fast++;
    }
  }
  // The comparison means something only if the fast path is taken often.
  assert.ok(fast > 20000, `fast path taken ${fast} times`);
});

Deno.test("formatTerm() writes common goals through the fast path", () => {
  // Same output as before, whichever path produces it.
  const o: WriteOptions = { ops, quoted: true };
  const rows: [Term, string][] = [
    [mkStruct("num", [mkInt(42)]), "num(42)"],
    [mkStruct("=:=", [mkStruct("mod", [mkInt(42), mkInt(2)]), mkInt(0)]), "42 mod 2=:=0"],
    [
      mkStruct("app", [mkList([mkInt(1), mkInt(2)]), mkAtom("[]"), mkAtom("x y")]),
      "app([1,2],[],'x y')",
    ],
    [mkStruct("-", [mkInt(1), mkInt(-1)]), "1- -1"],
  ];
  for (const [t, text] of rows) assert.equal(formatTerm(t, o), text);
});

Deno.test("formatTerm() fast path quotes atoms however many atoms exist", () => {
  // Texts are cached per atom id up to a bound; later atoms are formatted uncached.
  const o: WriteOptions = { ops, quoted: true };
  for (let i = 0; i < 70_000; i++) mkAtom(`write_fast_test_${i}`);
  const rows: [Term, string][] = [
    [mkStruct("Late functor", [mkAtom("late atom"), mkInt(1)]), "'Late functor'('late atom',1)"],
    [mkStruct("late_ok", [mkAtom("x")]), "late_ok(x)"],
    [mkStruct("rem", [mkInt(7), mkStruct("mod", [mkInt(5), mkInt(2)])]), "7 rem (5 mod 2)"],
  ];
  for (const [t, text] of rows) {
    assert.equal(formatTerm(t, o), text);
    assert.equal(formatTerm(t, o), text, "again, from the cache if any");
    assert.equal(formatTermGeneral(t, o), text);
  }
});

Deno.test("fastFormat() writes integers as String() does, small ones from a cache", () => {
  const opts = { ops, quoted: true, maxDepth: 0, maxItems: 0, varName: () => "_" };
  // Out of order, so that the cache grows past numbers asked for later.
  const rows = [700, 3, 0, -0, 1023, 1024, 5000, -1, -1023, 2 ** 40, 1, 700];
  for (const n of rows) {
    assert.equal(fastFormat(mkInt(n), opts, 1200), String(n), `for ${n}`);
    assert.equal(fastFormat(mkStruct("f", [mkInt(n)]), opts, 1200), `f(${n})`, `for f(${n})`);
  }
});
