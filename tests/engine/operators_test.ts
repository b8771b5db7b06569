import assert from "node:assert/strict";
import {
  type OpDef,
  Operators,
  type OpType,
  ROLE_INFIX,
  ROLE_POSTFIX,
  ROLE_PREFIX,
} from "../../engine/operators.ts";
import { mkAtom } from "../../engine/term.ts";
import { Engine } from "../../mod.ts";

Deno.test("Operators() starts with the ISO table (6.3.4.4) and SWI extras", async (t) => {
  const ops = new Operators();
  const rows: [string, "prefix" | "infix" | "postfix", OpDef][] = [
    [":-", "infix", { priority: 1200, type: "xfx" }],
    ["-->", "infix", { priority: 1200, type: "xfx" }],
    [":-", "prefix", { priority: 1200, type: "fx" }],
    ["?-", "prefix", { priority: 1200, type: "fx" }],
    [";", "infix", { priority: 1100, type: "xfy" }],
    ["|", "infix", { priority: 1100, type: "xfy" }],
    ["->", "infix", { priority: 1050, type: "xfy" }],
    ["*->", "infix", { priority: 1050, type: "xfy" }],
    [",", "infix", { priority: 1000, type: "xfy" }],
    ["\\+", "prefix", { priority: 900, type: "fy" }],
    ["=", "infix", { priority: 700, type: "xfx" }],
    ["\\=", "infix", { priority: 700, type: "xfx" }],
    ["==", "infix", { priority: 700, type: "xfx" }],
    ["@<", "infix", { priority: 700, type: "xfx" }],
    ["=..", "infix", { priority: 700, type: "xfx" }],
    ["is", "infix", { priority: 700, type: "xfx" }],
    ["=:=", "infix", { priority: 700, type: "xfx" }],
    ["=<", "infix", { priority: 700, type: "xfx" }],
    [":", "infix", { priority: 600, type: "xfy" }],
    ["+", "infix", { priority: 500, type: "yfx" }],
    ["-", "infix", { priority: 500, type: "yfx" }],
    ["/\\", "infix", { priority: 500, type: "yfx" }],
    ["xor", "infix", { priority: 500, type: "yfx" }],
    ["*", "infix", { priority: 400, type: "yfx" }],
    ["//", "infix", { priority: 400, type: "yfx" }],
    ["rem", "infix", { priority: 400, type: "yfx" }],
    ["mod", "infix", { priority: 400, type: "yfx" }],
    ["div", "infix", { priority: 400, type: "yfx" }],
    ["<<", "infix", { priority: 400, type: "yfx" }],
    ["**", "infix", { priority: 200, type: "xfx" }],
    ["^", "infix", { priority: 200, type: "xfy" }],
    ["-", "prefix", { priority: 200, type: "fy" }],
    ["+", "prefix", { priority: 200, type: "fy" }],
    ["\\", "prefix", { priority: 200, type: "fy" }],
    ["dynamic", "prefix", { priority: 1150, type: "fx" }],
    ["discontiguous", "prefix", { priority: 1150, type: "fx" }],
    ["initialization", "prefix", { priority: 1150, type: "fx" }],
    ["multifile", "prefix", { priority: 1150, type: "fx" }],
  ];
  for (const [name, kind, expected] of rows) {
    await t.step(`${kind} ${name}`, () => assert.deepEqual(ops[kind](name), expected));
  }
  await t.step("no postfix operators by default", () => {
    assert.ok(ops.all().every(([, type]) => type !== "xf" && type !== "yf"));
  });
  await t.step("an ordinary name is not an operator", () => {
    assert.equal(ops.isOp("foo"), false);
    assert.equal(ops.infix("foo"), undefined);
  });
});

Deno.test("Operators.add() defines, redefines and removes", async (t) => {
  await t.step("an infix definition", () => {
    const ops = new Operators();
    ops.add(700, "xfx", "===>");
    assert.deepEqual(ops.infix("===>"), { priority: 700, type: "xfx" });
    assert.equal(ops.prefix("===>"), undefined);
    assert.equal(ops.isOp("===>"), true);
  });
  await t.step("a postfix definition", () => {
    const ops = new Operators();
    ops.add(200, "xf", "!!");
    assert.deepEqual(ops.postfix("!!"), { priority: 200, type: "xf" });
    assert.equal(ops.infix("!!"), undefined);
  });
  await t.step("yf is postfix and fx/fy prefix", () => {
    const ops = new Operators();
    const kinds: [OpType, "prefix" | "infix" | "postfix"][] = [
      ["yf", "postfix"],
      ["fx", "prefix"],
      ["fy", "prefix"],
      ["xfy", "infix"],
      ["yfx", "infix"],
    ];
    for (const [type, kind] of kinds) {
      ops.add(100, type, `h13_${type}`);
      assert.equal(ops[kind](`h13_${type}`)?.type, type, type);
    }
  });
  await t.step("redefining replaces the priority and type", () => {
    const ops = new Operators();
    ops.add(300, "yfx", "+");
    assert.deepEqual(ops.infix("+"), { priority: 300, type: "yfx" });
    assert.deepEqual(ops.prefix("+"), { priority: 200, type: "fy" }, "the prefix role is kept");
  });
  await t.step("priority 0 removes only that role", () => {
    const ops = new Operators();
    ops.add(0, "yfx", "-");
    assert.equal(ops.infix("-"), undefined);
    assert.deepEqual(ops.prefix("-"), { priority: 200, type: "fy" });
    assert.equal(ops.isOp("-"), true);
  });
  await t.step("removing the last role makes it a plain name", () => {
    const ops = new Operators();
    ops.add(0, "xfx", "is");
    assert.equal(ops.isOp("is"), false);
  });
  await t.step("removing an unknown operator is harmless", () => {
    const ops = new Operators();
    ops.add(0, "xfx", "h13_never");
    assert.equal(ops.isOp("h13_never"), false);
  });
});

Deno.test("Operators.roles() tells an atom's roles and follows every change", async (t) => {
  const ops = new Operators();
  await t.step("the initial table", () => {
    assert.equal(ops.roles(mkAtom("-")), ROLE_PREFIX | ROLE_INFIX);
    assert.equal(ops.roles(mkAtom("is")), ROLE_INFIX);
    assert.equal(ops.roles(mkAtom("dynamic")), ROLE_PREFIX);
    assert.equal(ops.roles(mkAtom("foo")), 0);
    assert.equal(ops.roles(mkAtom("foo")), 0, "a cached 'no role' stays 0");
  });
  await t.step("defining and removing after a lookup", () => {
    const foo = mkAtom("foo");
    ops.add(700, "xfx", "foo");
    assert.equal(ops.roles(foo), ROLE_INFIX);
    ops.add(200, "xf", "foo");
    assert.equal(ops.roles(foo), ROLE_INFIX | ROLE_POSTFIX);
    ops.add(0, "xfx", "foo");
    ops.add(0, "xf", "foo");
    assert.equal(ops.roles(foo), 0);
    ops.add(0, "xfy", "is");
    assert.equal(ops.roles(mkAtom("is")), 0);
  });
  await t.step("the writer sees op/3 changes made after it wrote the name", () => {
    const e = new Engine("");
    const text = (g: string) => e.once(`with_output_to(string(S), (${g}))`)?.text.S;
    assert.equal(text("writeq(foo(a, b))"), '"foo(a,b)"');
    e.once("op(700, xfx, foo)");
    assert.equal(text("writeq(foo(a, b))"), '"a foo b"');
    e.once("op(0, xfx, foo)");
    assert.equal(text("writeq(foo(a, b))"), '"foo(a,b)"');
  });
});

Deno.test("Operators.all() lists every definition", async (t) => {
  const ops = new Operators();
  await t.step("includes prefix and infix roles of one name", () => {
    const minus = ops.all().filter(([, , n]) => n === "-");
    assert.deepEqual(minus.sort(), [[200, "fy", "-"], [500, "yfx", "-"]]);
  });
  await t.step("reflects additions and removals", () => {
    ops.add(100, "xf", "h13_post");
    ops.add(0, "xfx", "=..");
    const all = ops.all();
    assert.ok(all.some(([p, ty, n]) => p === 100 && ty === "xf" && n === "h13_post"));
    assert.ok(!all.some(([, , n]) => n === "=.."));
  });
  await t.step("priorities are within 1..1200", () => {
    assert.ok(ops.all().every(([p]) => p >= 1 && p <= 1200));
  });
});

Deno.test("Operators tables are independent per engine", async (t) => {
  await t.step("two tables do not share definitions", () => {
    const a = new Operators(), b = new Operators();
    a.add(700, "xfx", "h13_only_a");
    assert.equal(b.isOp("h13_only_a"), false);
  });
  await t.step("op/3 in one engine does not change parsing in another", () => {
    const e1 = new Engine(":- op(700, xfx, ===>).\nr(a ===> b).");
    const e2 = new Engine();
    assert.deepEqual(e1.loadIssues, []);
    assert.equal(e1.once("X = (a ===> b)")?.text.X, "a===>b");
    assert.equal(e2.machine.ops.isOp("===>"), false);
    assert.equal(e2.consult("r(a ===> b).").length, 1, "the other engine cannot read it");
  });
  await t.step("removing a standard operator in one engine leaves others alone", () => {
    const e1 = new Engine(":- op(0, yfx, +).");
    const e2 = new Engine();
    assert.equal(e1.machine.ops.infix("+"), undefined);
    assert.equal(e2.once("X is 1 + 2")?.text.X, "3");
  });
});
