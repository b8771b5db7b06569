import assert from "node:assert/strict";
import {
  bind,
  type Bindings,
  occursIn,
  undoTo,
  unify,
  unifyOccursCheck,
} from "../../engine/unify.ts";
import {
  deref,
  Float,
  mkAtom,
  mkInt,
  mkInteger,
  mkList,
  mkStruct,
  nextVarSerial,
  NIL,
  PString,
  type Struct,
  type Term,
  Var,
} from "../../engine/term.ts";
import { Engine } from "../../mod.ts";

/** Bindings that trail every variable. */
function trailAll(): Bindings {
  return { trail: [], varMark: Infinity, binds: 0 };
}

const a = mkAtom("a"), b = mkAtom("b");
function f(...args: Term[]): Struct {
  return mkStruct("f", args);
}

Deno.test("bind() sets the reference, counts and trails conditionally", async (t) => {
  await t.step("binds the variable and counts the binding", () => {
    const bs = trailAll();
    const v = new Var();
    bind(v, a, bs);
    assert.equal(v.ref, a);
    assert.equal(bs.binds, 1);
  });
  await t.step("trails a variable older than varMark", () => {
    const v = new Var();
    const bs: Bindings = { trail: [], varMark: nextVarSerial(), binds: 0 };
    bind(v, a, bs);
    assert.deepEqual(bs.trail, [v]);
  });
  await t.step("does not trail a variable created after varMark", () => {
    const bs: Bindings = { trail: [], varMark: nextVarSerial(), binds: 0 };
    const v = new Var();
    bind(v, a, bs);
    assert.equal(v.ref, a);
    assert.deepEqual(bs.trail, []);
    assert.equal(bs.binds, 1, "untrailed bindings still count");
  });
});

Deno.test("undoTo() resets bindings made after the mark", async (t) => {
  await t.step("resets only the entries above the mark", () => {
    const bs = trailAll();
    const x = new Var(), y = new Var(), z = new Var();
    bind(x, a, bs);
    const mark = bs.trail.length;
    bind(y, b, bs);
    bind(z, b, bs);
    undoTo(bs, mark);
    assert.equal(x.ref, a);
    assert.equal(y.ref, null);
    assert.equal(z.ref, null);
    assert.deepEqual(bs.trail, [x]);
  });
  await t.step("undoing to the current length changes nothing", () => {
    const bs = trailAll();
    const x = new Var();
    bind(x, a, bs);
    undoTo(bs, 1);
    assert.equal(x.ref, a);
  });
  await t.step("undoes a failed unification's partial bindings", () => {
    const bs = trailAll();
    const x = new Var();
    // The last argument pair is unified first, so X is bound before a/b fails.
    assert.equal(unify(f(a, x), f(b, b), bs), false);
    undoTo(bs, 0);
    assert.equal(x.ref, null);
  });
  await t.step("binds stays monotonic after undo", () => {
    const bs = trailAll();
    bind(new Var(), a, bs);
    undoTo(bs, 0);
    assert.equal(bs.binds, 1);
  });
});

Deno.test("unify() binds in the documented direction", async (t) => {
  await t.step("variable on the left is bound to the right term", () => {
    const x = new Var();
    assert.ok(unify(x, a, trailAll()));
    assert.equal(x.ref, a);
  });
  await t.step("variable on the right is bound to the left term", () => {
    const x = new Var();
    assert.ok(unify(a, x, trailAll()));
    assert.equal(x.ref, a);
  });
  await t.step("two variables: the left one is bound to the right one", () => {
    const x = new Var(), y = new Var();
    assert.ok(unify(x, y, trailAll()));
    assert.equal(x.ref, y);
    assert.equal(y.ref, null);
  });
  await t.step("a variable with itself makes no binding", () => {
    const x = new Var();
    const bs = trailAll();
    assert.ok(unify(x, x, bs));
    assert.equal(x.ref, null);
    assert.equal(bs.binds, 0);
  });
  await t.step("bound variables are dereferenced first", () => {
    const x = new Var(), y = new Var();
    x.ref = a;
    assert.ok(unify(x, y, trailAll()));
    assert.equal(y.ref, a);
  });
});

Deno.test("unify() trails only variables older than varMark", () => {
  const old = new Var();
  const bs: Bindings = { trail: [], varMark: nextVarSerial(), binds: 0 };
  const young = new Var();
  assert.ok(unify(f(old, young), f(a, b), bs));
  assert.deepEqual(bs.trail, [old]);
  assert.equal(bs.binds, 2);
  undoTo(bs, 0);
  assert.equal(old.ref, null);
  assert.equal(young.ref, b, "an untrailed young binding survives undo");
});

Deno.test("unify() compares constants and compounds", async (t) => {
  const big = 2n ** 70n;
  const rows: [string, Term, Term, boolean][] = [
    ["same atom", a, mkAtom("a"), true],
    ["different atoms", a, b, false],
    ["equal small integers", mkInt(5), mkInt(5), true],
    ["equal unshared integers", mkInt(123456789), mkInt(123456789), true],
    ["different integers", mkInt(1), mkInt(2), false],
    ["integer and float of the same value", mkInt(1), new Float(1), false],
    ["equal floats", new Float(1.5), new Float(1.5), true],
    ["different floats", new Float(1.5), new Float(2.5), false],
    ["NaN with NaN (as implemented: equal)", new Float(NaN), new Float(NaN), true],
    ["NaN with a number", new Float(NaN), new Float(0), false],
    ["equal bigints in different objects", mkInteger(big), mkInteger(big), true],
    ["different bigints", mkInteger(big), mkInteger(big + 1n), false],
    ["bigint with a small integer", mkInteger(big), mkInt(1), false],
    ["equal strings", new PString("s"), new PString("s"), true],
    ["different strings", new PString("s"), new PString("t"), false],
    ["string with the atom of the same text", new PString("a"), a, false],
    ["same compound shape", f(a, mkInt(1)), f(a, mkInt(1)), true],
    ["different functor names", f(a), mkStruct("g", [a]), false],
    ["different arities", f(a), f(a, a), false],
    ["compound with atom", f(a), a, false],
    ["[] with '[]' atom", NIL, mkAtom("[]"), true],
    ["lists of different lengths", mkList([a, b]), mkList([a]), false],
  ];
  for (const [name, x, y, expected] of rows) {
    await t.step(name, () => assert.equal(unify(x, y, trailAll()), expected));
  }
});

Deno.test("unify() gives 0.0 and -0.0 the same answer as ==/2 and compare/3", () => {
  // ISO 7.3: two floats unify only when they are identical; SWI-Prolog
  // answers false to both `0.0 = -0.0` and `0.0 == -0.0`.
  const e = new Engine();
  const eq = e.once("0.0 == -0.0") !== null;
  const order = e.once("compare(O, 0.0, -0.0)")?.text.O;
  assert.equal(eq, false);
  assert.notEqual(order, "=");
  assert.equal(unify(new Float(0), new Float(-0), trailAll()), eq);
  assert.equal(e.once("0.0 = -0.0") !== null, eq);
});

Deno.test("unify() binds shared variables consistently", async (t) => {
  await t.step("f(X, X) = f(a, a)", () => {
    const x = new Var();
    assert.ok(unify(f(x, x), f(a, a), trailAll()));
  });
  await t.step("f(X, X) = f(a, b) fails", () => {
    const x = new Var();
    assert.equal(unify(f(x, x), f(a, b), trailAll()), false);
  });
  await t.step("f(X, Y, X) = f(Y, a, Z) binds all to a", () => {
    const x = new Var(), y = new Var(), z = new Var();
    assert.ok(unify(f(x, y, x), f(y, a, z), trailAll()));
    assert.equal(deref(x), a);
    assert.equal(deref(y), a);
    assert.equal(deref(z), a);
  });
});

Deno.test("unify() resets its work stack after a failure", () => {
  // The failing pair leaves queued argument pairs behind; they must not
  // leak into the next unification.
  const x = new Var();
  assert.equal(unify(f(x, a, a, a), f(b, b, b, b), trailAll()), false);
  const y = new Var();
  assert.ok(unify(y, a, trailAll()));
  assert.equal(y.ref, a);
  assert.ok(unify(f(a, a, a), f(a, a, a), trailAll()));
});

Deno.test("unify() handles very large terms iteratively", async (t) => {
  const N = 1_000_000;
  await t.step("two 1,000,000-element lists, variables against integers", () => {
    const vars: Var[] = [];
    for (let i = 0; i < N; i++) vars.push(new Var());
    const ints: Term[] = [];
    for (let i = 0; i < N; i++) ints.push(mkInt(i & 1023));
    assert.ok(unify(mkList(vars), mkList(ints), trailAll()));
    assert.equal(deref(vars[N - 1]), mkInt((N - 1) & 1023));
  });
  await t.step("two equal 1,000,000-element ground lists", () => {
    const items = new Array<Term>(N).fill(a);
    assert.ok(unify(mkList(items), mkList(items.slice()), trailAll()));
  });
  await t.step("lists differing only in the last element", () => {
    const xs = new Array<Term>(N).fill(a), ys = xs.slice();
    ys[N - 1] = b;
    assert.equal(unify(mkList(xs), mkList(ys), trailAll()), false);
  });
  await t.step("1,000,000-deep nesting in the first argument", () => {
    let l: Term = a, r: Term = a;
    for (let i = 0; i < N; i++) {
      l = f(l, b);
      r = f(r, b);
    }
    assert.ok(unify(l, r, trailAll()));
  });
});

Deno.test("occursIn() finds a variable inside a term", async (t) => {
  const x = new Var();
  const bound = new Var();
  bound.ref = f(x);
  const rows: [string, Term, boolean][] = [
    ["the variable itself", x, true],
    ["an argument", f(a, x), true],
    ["deep inside", f(f(f(mkList([a, x])))), true],
    ["through a bound variable", mkStruct("g", [bound]), true],
    ["absent", f(a, new Var()), false],
    ["an atom", a, false],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.equal(occursIn(x, term), expected));
  }
  await t.step("at the end of a 1,000,000-element list", () => {
    const items = new Array<Term>(1_000_000).fill(a);
    items[items.length - 1] = x;
    assert.ok(occursIn(x, mkList(items)));
  });
});

Deno.test("unifyOccursCheck() never builds a cyclic term", async (t) => {
  await t.step("X = f(X) fails and leaves X unbound", () => {
    const x = new Var();
    assert.equal(unifyOccursCheck(x, f(x), trailAll()), false);
    assert.equal(x.ref, null);
  });
  await t.step("f(X) = X fails (variable on the right)", () => {
    const x = new Var();
    assert.equal(unifyOccursCheck(f(x), x, trailAll()), false);
  });
  await t.step("f(X, Y) = f(Y, g(X)) fails through a chain", () => {
    const x = new Var(), y = new Var();
    assert.equal(unifyOccursCheck(f(x, y), f(y, mkStruct("g", [x])), trailAll()), false);
  });
  await t.step("X = X succeeds without binding", () => {
    const x = new Var();
    const bs = trailAll();
    assert.ok(unifyOccursCheck(x, x, bs));
    assert.equal(bs.binds, 0);
  });
  await t.step("an acyclic unification succeeds with the same bindings as unify()", () => {
    const x = new Var(), y = new Var();
    assert.ok(unifyOccursCheck(f(x, y), f(mkStruct("g", [y]), a), trailAll()));
    assert.equal(deref(y), a);
    assert.equal((deref(x) as Struct).fn.indicator, "g/1");
  });
  await t.step("two variables: the left one is bound to the right one", () => {
    const x = new Var(), y = new Var();
    assert.ok(unifyOccursCheck(x, y, trailAll()));
    assert.equal(x.ref, y);
  });
  await t.step("constants compare as in unify()", () => {
    assert.equal(unifyOccursCheck(mkInt(1), new Float(1), trailAll()), false);
    assert.ok(unifyOccursCheck(mkInteger(2n ** 64n), mkInteger(2n ** 64n), trailAll()));
    assert.equal(unifyOccursCheck(f(a), f(b), trailAll()), false);
  });
  await t.step("1,000,000-element lists", () => {
    const vars: Var[] = [];
    for (let i = 0; i < 1_000_000; i++) vars.push(new Var());
    const items = new Array<Term>(1_000_000).fill(a);
    assert.ok(unifyOccursCheck(mkList(vars), mkList(items), trailAll()));
  });
  await t.step("trails through the same Bindings record", () => {
    const old = new Var();
    const bs: Bindings = { trail: [], varMark: nextVarSerial(), binds: 0 };
    assert.ok(unifyOccursCheck(old, a, bs));
    assert.deepEqual(bs.trail, [old]);
  });
});

Deno.test("unify() without occurs check binds X = f(X) (ISO leaves it undefined)", () => {
  const x = new Var();
  assert.ok(unify(x, f(x), trailAll()));
  assert.equal((x.ref as Struct).args[0], x);
});

Deno.test("unify() ends on cyclic terms (rational trees)", async (t) => {
  // [goal, succeeds]; each would go round its cycles forever as plain trees.
  const rows: [string, boolean][] = [
    ["X = f(X), Y = f(Y), X = Y", true],
    ["X = f(X), Y = f(f(Y)), X = Y", true],
    ["X = f(X, a), Y = f(Y, b), X = Y", false],
    ["X = [a|X], Y = [a,a|Y], X = Y", true],
    ["X = [a|X], Y = [a,b|Y], X = Y", false],
    ["X = f(X), Y = f(Y), X \\= Y", false],
    ["X = f(X), unify_with_occurs_check(X, f(X))", true],
    ["X = f(X), unify_with_occurs_check(X, Y)", true],
    ["X = f(X), unify_with_occurs_check(Y, g(Y, X))", false],
  ];
  const e = new Engine("");
  for (const [goal, ok] of rows) {
    await t.step(goal, () => assert.equal(e.once(goal) !== null, ok));
  }
});
