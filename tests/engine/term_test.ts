import assert from "node:assert/strict";
import {
  allAtoms,
  ATOM,
  Atom,
  BIG,
  BigInt_,
  COMMA,
  cons,
  CURLY,
  deref,
  DIRECTIVE,
  DOT,
  EOF,
  FAIL,
  Float,
  FLT,
  functorOf,
  INT,
  isAtomic,
  isCallable,
  isCyclicList,
  isInteger,
  listToArray,
  MINUS2,
  mkAtom,
  mkFunctor,
  mkInt,
  mkInteger,
  mkList,
  mkStruct,
  NECK,
  nextVarSerial,
  NIL,
  PString,
  SLOT,
  Slot,
  STR,
  STRUCT,
  Struct,
  takeSerial,
  Template,
  type Term,
  TMPL,
  TRUE,
  VAR,
  Var,
} from "../../engine/term.ts";

Deno.test("tag constants are distinct small integers", () => {
  const tags = [VAR, ATOM, INT, BIG, FLT, STRUCT, STR, SLOT, TMPL];
  assert.equal(new Set(tags).size, tags.length);
  assert.deepEqual(tags, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
});

Deno.test("Var starts unbound with a growing serial", async (t) => {
  await t.step("a fresh variable is unbound and tagged VAR", () => {
    const v = new Var();
    assert.equal(v.tag, VAR);
    assert.equal(v.ref, null);
  });
  await t.step("later variables have larger serials", () => {
    const a = new Var(), b = new Var();
    assert.ok(b.serial > a.serial);
  });
  await t.step("an explicit serial dates the variable", () => {
    const s = takeSerial();
    new Var();
    const v = new Var(s);
    assert.equal(v.serial, s);
  });
});

Deno.test("takeSerial() and nextVarSerial() share the variable counter", () => {
  const next = nextVarSerial();
  const s = takeSerial();
  assert.equal(s, next);
  assert.equal(new Var().serial, s + 1);
  assert.equal(nextVarSerial(), s + 2);
});

Deno.test("mkAtom() interns atoms", async (t) => {
  await t.step("the same name gives the same object", () => {
    assert.equal(mkAtom("h13_same"), mkAtom("h13_same"));
  });
  await t.step("different names give different objects and ids", () => {
    const a = mkAtom("h13_a"), b = mkAtom("h13_b");
    assert.notEqual(a, b);
    assert.notEqual(a.id, b.id);
  });
  await t.step("the atom keeps its text and tag", () => {
    const a = mkAtom("hello world");
    assert.ok(a instanceof Atom);
    assert.equal(a.tag, ATOM);
    assert.equal(a.name, "hello world");
  });
  await t.step("ids are dense indices into allAtoms()", () => {
    const a = mkAtom("h13_dense");
    assert.equal(allAtoms()[a.id], a);
  });
  await t.step("the empty name and non-BMP text are ordinary atoms", () => {
    assert.equal(mkAtom(""), mkAtom(""));
    assert.equal(mkAtom("😀").name, "😀");
  });
});

Deno.test("allAtoms() returns a snapshot of interned atoms", () => {
  const before = allAtoms();
  const a = mkAtom("h13_snapshot_atom");
  assert.ok(!before.includes(a));
  const after = allAtoms();
  assert.ok(after.includes(a));
  after.length = 0;
  assert.ok(allAtoms().includes(a), "mutating the snapshot leaves the table alone");
});

Deno.test("mkInt() shares small integers and normalises -0", async (t) => {
  const rows: [string, number, boolean][] = [
    ["0 is shared", 0, true],
    ["1 is shared", 1, true],
    ["-256 is shared (lower bound)", -256, true],
    ["1024 is shared (upper bound)", 1024, true],
    ["-257 is not shared", -257, false],
    ["1025 is not shared", 1025, false],
    ["2^40 is not shared", 2 ** 40, false],
  ];
  for (const [name, n, shared] of rows) {
    await t.step(name, () => {
      const a = mkInt(n), b = mkInt(n);
      assert.equal(a.tag, INT);
      assert.equal(a.val, n);
      assert.equal(a === b, shared);
    });
  }
  await t.step("-0 becomes +0", () => {
    const z = mkInt(-0);
    assert.equal(z.tag, INT);
    assert.ok(Object.is(z.val, 0));
  });
  await t.step("the largest safe integers are kept exactly", () => {
    assert.equal(mkInt(Number.MAX_SAFE_INTEGER).val, Number.MAX_SAFE_INTEGER);
    assert.equal(mkInt(Number.MIN_SAFE_INTEGER).val, Number.MIN_SAFE_INTEGER);
  });
});

Deno.test("mkInteger() normalises at the safe-integer boundary", async (t) => {
  const max = BigInt(Number.MAX_SAFE_INTEGER); // 2^53 - 1
  const rows: [string, bigint, number][] = [
    ["0n is a small Int", 0n, INT],
    ["5n is a small Int", 5n, INT],
    ["2^53 - 1 is an Int", max, INT],
    ["2^53 is a BigInt_", max + 1n, BIG],
    ["-(2^53 - 1) is an Int", -max, INT],
    ["-2^53 is a BigInt_", -max - 1n, BIG],
    ["2^64 is a BigInt_", 2n ** 64n, BIG],
    ["-(2^100) is a BigInt_", -(2n ** 100n), BIG],
  ];
  for (const [name, n, tag] of rows) {
    await t.step(name, () => {
      const x = mkInteger(n);
      assert.equal(x.tag, tag);
      if (tag === INT) assert.equal(x.val, Number(n));
      else assert.equal(x.val, n);
    });
  }
  await t.step("a small result is the shared Int", () => {
    assert.equal(mkInteger(7n), mkInt(7));
  });
  await t.step("BigInt_ holds the exact value", () => {
    const b = new BigInt_(2n ** 70n + 1n);
    assert.equal(b.val % 10n, (2n ** 70n + 1n) % 10n);
  });
});

Deno.test("Float holds a double with tag FLT", () => {
  const f = new Float(1.5);
  assert.equal(f.tag, FLT);
  assert.equal(f.val, 1.5);
  assert.ok(Object.is(new Float(-0).val, -0), "a float keeps its sign of zero");
});

Deno.test("mkFunctor() interns name/arity pairs", async (t) => {
  await t.step("same name and arity give the same functor", () => {
    assert.equal(mkFunctor("h13_f", 2), mkFunctor("h13_f", 2));
  });
  await t.step("a name given as atom or text is the same functor", () => {
    assert.equal(mkFunctor(mkAtom("h13_f"), 2), mkFunctor("h13_f", 2));
  });
  await t.step("different arities give different functors", () => {
    assert.notEqual(mkFunctor("h13_f", 1), mkFunctor("h13_f", 2));
    assert.notEqual(mkFunctor("h13_f", 1).id, mkFunctor("h13_f", 2).id);
  });
  await t.step("the indicator is name/arity", () => {
    const f = mkFunctor("-", 2);
    assert.equal(f.indicator, "-/2");
    assert.equal(f.name, mkAtom("-"));
    assert.equal(f.arity, 2);
  });
  await t.step("a large arity is supported", () => {
    assert.equal(mkFunctor("h13_big", 10000).arity, 10000);
  });
});

Deno.test("mkStruct() builds a compound with an interned functor", () => {
  const args = [mkAtom("a"), mkInt(1)];
  const s = mkStruct("h13_g", args);
  assert.ok(s instanceof Struct);
  assert.equal(s.tag, STRUCT);
  assert.equal(s.fn, mkFunctor("h13_g", 2));
  assert.equal(s.args, args, "the argument array is used as given");
  assert.equal(mkStruct(mkAtom("h13_g"), [NIL]).fn, mkFunctor("h13_g", 1));
});

Deno.test("PString, Slot and Template carry their tags and fields", async (t) => {
  await t.step("PString", () => {
    const s = new PString("hi");
    assert.equal(s.tag, STR);
    assert.equal(s.val, "hi");
  });
  await t.step("Slot", () => {
    const s = new Slot(3, "X");
    assert.equal(s.tag, SLOT);
    assert.equal(s.index, 3);
    assert.equal(s.name, "X");
  });
  await t.step("Template", () => {
    const tp = new Template(mkFunctor("f", 1), [new Slot(0, "X")]);
    assert.equal(tp.tag, TMPL);
    assert.equal(tp.fn.indicator, "f/1");
    assert.equal(tp.args.length, 1);
  });
});

Deno.test("deref() follows binding chains", async (t) => {
  await t.step("an unbound variable derefs to itself", () => {
    const v = new Var();
    assert.equal(deref(v), v);
  });
  await t.step("a chain of variables ends at the value", () => {
    const a = new Var(), b = new Var(), c = new Var();
    a.ref = b;
    b.ref = c;
    c.ref = mkAtom("end");
    assert.equal(deref(a), mkAtom("end"));
  });
  await t.step("a chain ending in an unbound variable gives that variable", () => {
    const a = new Var(), b = new Var();
    a.ref = b;
    assert.equal(deref(a), b);
  });
  await t.step("a non-variable derefs to itself", () => {
    const s = mkStruct("f", [new Var()]);
    assert.equal(deref(s), s);
  });
  await t.step("a chain of 1,000,000 variables does not overflow", () => {
    const first = new Var();
    let v = first;
    for (let i = 0; i < 1_000_000; i++) {
      const n = new Var();
      v.ref = n;
      v = n;
    }
    v.ref = mkInt(1);
    assert.equal(deref(first), mkInt(1));
  });
});

Deno.test("well-known constants are the interned terms", async (t) => {
  const rows: [string, unknown, unknown][] = [
    ["NIL", NIL, mkAtom("[]")],
    ["TRUE", TRUE, mkAtom("true")],
    ["FAIL", FAIL, mkAtom("fail")],
    ["CURLY", CURLY, mkAtom("{}")],
    ["EOF", EOF, mkAtom("end_of_file")],
    ["DOT", DOT, mkFunctor(".", 2)],
    ["COMMA", COMMA, mkFunctor(",", 2)],
    ["NECK", NECK, mkFunctor(":-", 2)],
    ["DIRECTIVE", DIRECTIVE, mkFunctor(":-", 1)],
    ["MINUS2", MINUS2, mkFunctor("-", 2)],
  ];
  for (const [name, actual, expected] of rows) {
    await t.step(name, () => assert.equal(actual, expected));
  }
});

Deno.test("cons() builds one list cell", () => {
  const c = cons(mkInt(1), NIL);
  assert.equal(c.fn, DOT);
  assert.equal(c.args[0], mkInt(1));
  assert.equal(c.args[1], NIL);
});

Deno.test("mkList() builds proper and partial lists", async (t) => {
  await t.step("no items is []", () => assert.equal(mkList([]), NIL));
  await t.step("no items with a tail is the tail", () => {
    const v = new Var();
    assert.equal(mkList([], v), v);
  });
  await t.step("items in order", () => {
    const l = mkList([mkInt(1), mkInt(2)]) as Struct;
    assert.equal(l.args[0], mkInt(1));
    assert.equal((l.args[1] as Struct).args[0], mkInt(2));
    assert.equal((l.args[1] as Struct).args[1], NIL);
  });
  await t.step("a partial list ends in the given tail", () => {
    const tail = new Var();
    const l = mkList([mkAtom("a")], tail) as Struct;
    assert.equal(l.args[1], tail);
  });
  await t.step("1,000,000 items", () => {
    const items = new Array<Term>(1_000_000).fill(mkInt(0));
    assert.equal(listToArray(mkList(items))?.length, 1_000_000);
  });
});

Deno.test("listToArray() converts proper lists only", async (t) => {
  await t.step("[] is the empty array", () => assert.deepEqual(listToArray(NIL), []));
  await t.step("a proper list gives its elements", () => {
    assert.deepEqual(listToArray(mkList([mkInt(1), mkAtom("b")])), [mkInt(1), mkAtom("b")]);
  });
  await t.step("a partial list gives null", () => {
    assert.equal(listToArray(mkList([mkInt(1)], new Var())), null);
  });
  await t.step("a list ending in a non-list gives null", () => {
    assert.equal(listToArray(mkList([mkInt(1)], mkAtom("x"))), null);
  });
  await t.step("an unbound variable gives null", () => assert.equal(listToArray(new Var()), null));
  await t.step("an atom other than [] gives null", () => {
    assert.equal(listToArray(mkAtom("a")), null);
  });
  await t.step("bound tails are followed", () => {
    const tail = new Var();
    const l = mkList([mkInt(1)], tail);
    tail.ref = mkList([mkInt(2)]);
    assert.deepEqual(listToArray(l), [mkInt(1), mkInt(2)]);
  });
  await t.step("a bound variable standing for the list is followed", () => {
    const v = new Var();
    v.ref = mkList([mkInt(3)]);
    assert.deepEqual(listToArray(v), [mkInt(3)]);
  });
  await t.step("elements are returned without dereferencing", () => {
    const e = new Var();
    e.ref = mkInt(9);
    assert.equal(listToArray(mkList([e]))![0], e);
  });
  await t.step("'.'/3 is not a list cell", () => {
    assert.equal(listToArray(mkStruct(".", [mkInt(1), NIL, NIL])), null);
  });
});

Deno.test("isCallable() accepts atoms and compounds", async (t) => {
  const rows: [string, Term, boolean][] = [
    ["atom", mkAtom("a"), true],
    ["[]", NIL, true],
    ["compound", mkStruct("f", [mkInt(1)]), true],
    ["integer", mkInt(1), false],
    ["float", new Float(1), false],
    ["string", new PString("s"), false],
    ["variable", new Var(), false],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.equal(isCallable(term), expected));
  }
});

Deno.test("isInteger() accepts both integer sizes", async (t) => {
  const rows: [string, Term, boolean][] = [
    ["small", mkInt(3), true],
    ["big", mkInteger(2n ** 80n), true],
    ["float", new Float(3), false],
    ["atom", mkAtom("3"), false],
    ["variable", new Var(), false],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.equal(isInteger(term), expected));
  }
});

Deno.test("isAtomic() accepts atoms, numbers and strings", async (t) => {
  const rows: [string, Term, boolean][] = [
    ["atom", mkAtom("a"), true],
    ["integer", mkInt(1), true],
    ["bigint", mkInteger(2n ** 80n), true],
    ["float", new Float(0.5), true],
    ["string", new PString(""), true],
    ["compound", mkStruct("f", [NIL]), false],
    ["variable", new Var(), false],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.equal(isAtomic(term), expected));
  }
});

Deno.test("functorOf() gives name/arity and caches an atom's functor", async (t) => {
  await t.step("an atom is name/0", () => {
    const f = functorOf(mkAtom("h13_go"));
    assert.equal(f, mkFunctor("h13_go", 0));
  });
  await t.step("the atom caches the functor in fn0", () => {
    const a = mkAtom("h13_cached");
    assert.equal(a.fn0, null);
    const f = functorOf(a);
    assert.equal(a.fn0, f);
    assert.equal(functorOf(a), f);
  });
  await t.step("a compound gives its own functor", () => {
    const s = mkStruct("h13_k", [NIL, NIL]);
    assert.equal(functorOf(s), s.fn);
  });
});

Deno.test("isCyclicList() finds cycles in list spines of any length", async (t) => {
  for (const [prefix, loop] of [[0, 1], [0, 7], [3, 1], [1000, 333], [5, 70000]]) {
    await t.step(`${prefix} cells, then a cycle of ${loop}`, () => {
      // Build the cycle's cells, close it with a variable, then the prefix in front.
      const back = new Var();
      let l: Term = back;
      for (let i = 0; i < loop; i++) l = mkStruct(".", [mkInt(i), l]);
      back.ref = l;
      for (let i = 0; i < prefix; i++) l = mkStruct(".", [mkInt(i), l]);
      assert.equal(isCyclicList(l), true);
    });
  }
  assert.equal(isCyclicList(mkList(Array.from({ length: 100000 }, (_, i) => mkInt(i)))), false);
  assert.equal(isCyclicList(mkStruct(".", [mkInt(1), new Var()])), false);
  assert.equal(isCyclicList(mkAtom("a")), false);
  // A list walk that builds its result gives up instead of growing forever.
  const loop = new Var();
  loop.ref = mkStruct(".", [mkAtom("a"), loop]);
  assert.equal(listToArray(loop), null);
});
