import assert from "node:assert/strict";
import { copyTerm, rebuild } from "../../engine/copy.ts";
import { Engine } from "../../mod.ts";
import {
  deref,
  listToArray,
  mkAtom,
  mkInt,
  mkList,
  mkStruct,
  NIL,
  type Struct,
  type Term,
  VAR,
  Var,
} from "../../engine/term.ts";

const a = mkAtom("a");

function f(...args: Term[]): Struct {
  return mkStruct("f", args);
}

Deno.test("copyTerm() renames variables and keeps sharing", async (t) => {
  await t.step("an unbound variable becomes a fresh variable", () => {
    const x = new Var();
    const c = copyTerm(x);
    assert.equal(c.tag, VAR);
    assert.notEqual(c, x);
  });
  await t.step("a variable occurring twice is one variable in the copy", () => {
    const x = new Var();
    const c = copyTerm(f(x, x)) as Struct;
    assert.equal(c.args[0], c.args[1]);
    assert.notEqual(c.args[0], x);
  });
  await t.step("distinct variables stay distinct", () => {
    const c = copyTerm(f(new Var(), new Var())) as Struct;
    assert.notEqual(c.args[0], c.args[1]);
  });
  await t.step("binding the copy leaves the original alone", () => {
    const x = new Var();
    const c = copyTerm(f(x)) as Struct;
    (c.args[0] as Var).ref = a;
    assert.equal(x.ref, null);
  });
  await t.step("bound variables are resolved to their values", () => {
    const x = new Var();
    x.ref = mkStruct("g", [mkInt(1)]);
    const c = copyTerm(f(x)) as Struct;
    assert.equal(c.args[0], x.ref, "the ground value itself is shared");
  });
  await t.step("a variable bound to another unbound variable is renamed with it", () => {
    const x = new Var(), y = new Var();
    x.ref = y;
    const c = copyTerm(f(x, y)) as Struct;
    assert.equal(c.args[0], c.args[1]);
    assert.equal(c.args[0].tag, VAR);
    assert.notEqual(c.args[0], y);
  });
});

Deno.test("copyTerm() shares ground subterms", async (t) => {
  await t.step("a ground term is returned as it is", () => {
    const g = f(mkStruct("g", [a]), mkList([mkInt(1), mkInt(2)]));
    assert.equal(copyTerm(g), g);
  });
  await t.step("atomic terms are returned as they are", () => {
    assert.equal(copyTerm(a), a);
    assert.equal(copyTerm(mkInt(5)), mkInt(5));
  });
  await t.step("a ground argument next to a variable is shared", () => {
    const ground = mkStruct("g", [mkList([a, a])]);
    const c = copyTerm(f(ground, new Var())) as Struct;
    assert.equal(c.args[0], ground);
  });
  await t.step("the spine above a variable is new", () => {
    const inner = mkStruct("g", [new Var()]);
    const outer = f(inner);
    const c = copyTerm(outer) as Struct;
    assert.notEqual(c, outer);
    assert.notEqual(c.args[0], inner);
  });
});

Deno.test("copyTerm() with a shared map copies several terms consistently", () => {
  const x = new Var(), y = new Var();
  const map = new Map<Var, Term>();
  const c1 = copyTerm(f(x, y), map) as Struct;
  const c2 = copyTerm(mkStruct("g", [y, x]), map) as Struct;
  assert.equal(c1.args[0], c2.args[1]);
  assert.equal(c1.args[1], c2.args[0]);
  assert.equal(map.size, 2);
  assert.equal(map.get(x), c1.args[0]);
});

Deno.test("copyTerm() handles very large terms iteratively", async (t) => {
  const N = 1_000_000;
  await t.step("a 1,000,000-element list of one shared variable", () => {
    const x = new Var();
    const items = new Array<Term>(N).fill(x);
    const c = listToArray(copyTerm(mkList(items)))!;
    assert.equal(c.length, N);
    assert.equal(c[0], c[N - 1]);
    assert.notEqual(c[0], x);
  });
  await t.step("a 1,000,000-element list with a variable tail", () => {
    const tail = new Var();
    const l = mkList(new Array<Term>(N).fill(a), tail);
    let c = copyTerm(l);
    let n = 0;
    while (c.tag !== VAR) {
      c = (c as Struct).args[1];
      n++;
    }
    assert.equal(n, N);
    assert.notEqual(c, tail);
  });
  await t.step("1,000,000-deep nesting in the first argument", () => {
    const x = new Var();
    let t0: Term = x;
    for (let i = 0; i < N; i++) t0 = f(t0, a);
    let c = copyTerm(t0);
    let depth = 0;
    while (c.tag !== VAR) {
      c = (c as Struct).args[0];
      depth++;
    }
    assert.equal(depth, N);
  });
  await t.step("a ground 1,000,000-element list is shared, not copied", () => {
    const l = mkList(new Array<Term>(N).fill(a));
    assert.equal(copyTerm(l), l);
  });
});

Deno.test("rebuild() replaces each unbound variable through onVar", async (t) => {
  await t.step("variables become what onVar returns", () => {
    const x = new Var(), y = new Var();
    const c = rebuild(f(x, y, x), (v) => v === x ? mkInt(1) : mkInt(2)) as Struct;
    assert.deepEqual(c.args, [mkInt(1), mkInt(2), mkInt(1)]);
  });
  await t.step("onVar is called for every occurrence", () => {
    const x = new Var();
    let calls = 0;
    rebuild(f(x, x, x), (v) => {
      calls++;
      return v;
    });
    assert.equal(calls, 3);
  });
  await t.step("identity onVar on an unbound-only term keeps the term", () => {
    const s = f(new Var(), mkStruct("g", [new Var()]));
    assert.equal(rebuild(s, (v) => v), s);
  });
  await t.step("identity onVar resolves bound variables into a new term", () => {
    const x = new Var();
    x.ref = a;
    const s = f(x);
    const c = rebuild(s, (v) => v) as Struct;
    assert.notEqual(c, s);
    assert.equal(c.args[0], a);
  });
  await t.step("a bound root is dereferenced", () => {
    const x = new Var();
    x.ref = NIL;
    assert.equal(rebuild(x, () => a), NIL);
  });
  await t.step("an unbound root is replaced", () => {
    assert.equal(rebuild(new Var(), () => a), a);
  });
  await t.step("bindings made by onVar's results are visible via deref", () => {
    const x = new Var();
    const c = rebuild(mkList([x]), () => mkInt(7));
    assert.equal(deref(listToArray(c)![0]), mkInt(7));
  });
});

Deno.test("copyTerm() copies a cyclic term, keeping its cycles and variables", () => {
  const e = new Engine("");
  // The copy is cyclic too: its first argument is itself; Z is fresh and shared.
  const s = e.once("X = f(X, Z, Z), copy_term(X, Y), Y = f(A, B, C), A == Y, B == C, B \\== Z");
  assert.notEqual(s, null);
  assert.notEqual(e.once("X = [a|X], findall(X, true, [Y]), Y = [a|T], T == Y"), null);
});
