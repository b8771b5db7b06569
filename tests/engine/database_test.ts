import assert from "node:assert/strict";
import { type Clause, compileClause, type IndexKey } from "../../engine/compile.ts";
import {
  Database,
  keyMatches,
  LAST,
  MORE,
  P_CONTROL,
  P_DET,
  P_NONDET,
  P_USER,
  Pred,
} from "../../engine/database.ts";
import { Operators } from "../../engine/operators.ts";
import { readTerm } from "../../engine/parser.ts";
import { Float, mkAtom, mkFunctor, mkInt, mkStruct, type Term, Var } from "../../engine/term.ts";
import { Engine } from "../../mod.ts";

const ops = new Operators();

/** A predicate p/1 holding the given clauses, in order. */
function pred(...texts: string[]): Pred {
  const p = new Pred(mkFunctor("p", 1), P_USER);
  for (const t of texts) p.add(compileClause(readTerm(t, { ops }).term), true);
  return p;
}

/** The clause numbers (1-based positions in `p.clauses` at creation) of a candidate list. */
function positions(all: Clause[], list: Clause[]): number[] {
  return list.map((c) => all.indexOf(c) + 1);
}

function term(text: string): Term {
  return readTerm(text, { ops }).term;
}

Deno.test("predicate kinds and yield codes are distinct", () => {
  assert.equal(new Set([P_USER, P_DET, P_NONDET, P_CONTROL]).size, 4);
  assert.notEqual(LAST, MORE);
});

Deno.test("Pred starts empty with default properties", () => {
  const p = new Pred(mkFunctor("h13_new", 2), P_USER);
  assert.equal(p.fn, mkFunctor("h13_new", 2));
  assert.equal(p.kind, P_USER);
  assert.deepEqual(p.clauses, []);
  assert.equal(p.dynamic, false);
  assert.equal(p.library, false);
  assert.equal(p.defined, false);
  assert.equal(p.shared, false);
  assert.equal(p.det, null);
  assert.equal(p.gen, null);
});

Deno.test("Pred.isBuiltin is true for system predicates only", async (t) => {
  const rows: [string, number, boolean, boolean, boolean][] = [
    // name, kind, library, dynamic, expected
    ["user predicate", P_USER, false, false, false],
    ["deterministic builtin", P_DET, false, false, true],
    ["nondeterministic builtin", P_NONDET, false, false, true],
    ["control construct", P_CONTROL, false, false, true],
    ["static library predicate", P_USER, true, false, true],
    ["dynamic library predicate", P_USER, true, true, false],
    ["dynamic user predicate", P_USER, false, true, false],
  ];
  for (const [name, kind, library, dynamic, expected] of rows) {
    await t.step(name, () => {
      const p = new Pred(mkFunctor("h13_b", 0), kind);
      p.library = library;
      p.dynamic = dynamic;
      assert.equal(p.isBuiltin, expected);
    });
  }
});

Deno.test("Pred.candidates() scans small predicates", async (t) => {
  const p = pred("p(a).", "p(b).", "p(X).", "p(f(Y)).");
  await t.step("arity 0 (no first argument) gives every clause", () => {
    assert.equal(p.candidates(undefined), p.clauses);
  });
  await t.step("fewer than 8 clauses give the whole list, whatever the key", () => {
    assert.equal(p.candidates(mkAtom("a")), p.clauses);
    assert.equal(p.candidates(mkAtom("zzz")), p.clauses);
  });
});

Deno.test("Pred.candidates() hashes on the first argument from 8 clauses", async (t) => {
  const p = pred(
    "p(a).",
    "p(b).",
    "p(X).",
    "p(a).",
    "p(1).",
    "p(f(1)).",
    "p(f(2)).",
    "p(Y).",
    "p(2.5).",
    "p(g(Z, Z)).",
  );
  const all = p.clauses.slice();
  const rows: [string, Term, number[]][] = [
    ["an atom gets its clauses and the variable clauses, in order", mkAtom("a"), [1, 3, 4, 8]],
    ["another atom", mkAtom("b"), [2, 3, 8]],
    ["an integer", mkInt(1), [3, 5, 8]],
    ["a compound matches on name/arity", term("f(9)"), [3, 6, 7, 8]],
    ["a float", new Float(2.5), [3, 8, 9]],
    ["a key no clause has gets only the variable clauses", mkAtom("nope"), [3, 8]],
    ["an integer no clause has", mkInt(77), [3, 8]],
    ["a different arity is a different key", term("f(1, 2)"), [3, 8]],
    ["a compound with a variable", term("g(_, _)"), [3, 8, 10]],
  ];
  for (const [name, first, expected] of rows) {
    await t.step(name, () => assert.deepEqual(positions(all, p.candidates(first)), expected));
  }
  await t.step("an unbound first argument gives every clause", () => {
    assert.equal(p.candidates(new Var()), p.clauses);
  });
  await t.step("a bound variable is dereferenced", () => {
    const v = new Var();
    v.ref = mkAtom("b");
    assert.deepEqual(positions(all, p.candidates(v)), [2, 3, 8]);
  });
  await t.step("exactly 8 clauses already use the index", () => {
    const q = pred("p(a).", "p(b).", "p(c).", "p(d).", "p(e).", "p(f).", "p(g).", "p(h).");
    assert.deepEqual(positions(q.clauses, q.candidates(mkAtom("e"))), [5]);
  });
  await t.step("a predicate with only variable clauses gives them all for any key", () => {
    const q = pred(...new Array(9).fill("p(X)."));
    assert.equal(q.candidates(mkAtom("k")).length, 9);
  });
});

Deno.test("Pred.add() appends or prepends and refreshes the index", async (t) => {
  await t.step("assertz order", () => {
    const p = pred("p(1).", "p(2).");
    const c = compileClause(term("p(3)."));
    p.add(c, true);
    assert.equal(p.clauses[2], c);
    assert.equal(p.defined, true);
  });
  await t.step("asserta order", () => {
    const p = pred("p(1).", "p(2).");
    const c = compileClause(term("p(0)."));
    p.add(c, false);
    assert.equal(p.clauses[0], c);
    assert.equal(p.clauses.length, 3);
  });
  await t.step("a clause added after indexing is found by the index", () => {
    const p = pred(...Array.from({ length: 9 }, (_, i) => `p(${i}).`));
    assert.equal(p.candidates(mkInt(3)).length, 1);
    const c = compileClause(term("p(3)."));
    p.add(c, true);
    assert.equal(p.candidates(mkInt(3)).length, 2);
    assert.equal(p.candidates(mkInt(3))[1], c);
    const v = compileClause(term("p(_)."));
    p.add(v, false);
    assert.equal(p.candidates(mkInt(5))[0], v, "a prepended variable clause comes first");
  });
});

Deno.test("Pred.candidates() gives a logical update view (ISO 7.5.4)", async (t) => {
  await t.step("a shared small list is unaffected by add", () => {
    const p = pred("p(1).", "p(2).");
    const held = p.candidates(mkInt(1));
    p.shared = true; // what the machine does while a call holds the list
    p.add(compileClause(term("p(3).")), true);
    p.add(compileClause(term("p(0).")), false);
    assert.equal(held.length, 2);
    assert.equal(p.clauses.length, 4);
    assert.notEqual(p.clauses, held);
  });
  await t.step("a small list held by a call is unaffected by remove", () => {
    const p = pred("p(1).", "p(2).", "p(3).");
    const held = p.candidates(mkInt(2));
    p.shared = true; // what the machine (and retract/1, clause/2) do while holding it
    const victim = held[1];
    p.remove(victim);
    assert.equal(held.length, 3);
    assert.equal(held[1], victim);
    assert.equal(p.clauses.length, 2);
    assert.equal(victim.erased, true);
  });
  await t.step("an indexed list is unaffected by add and remove", () => {
    const p = pred(...Array.from({ length: 10 }, (_, i) => `p(${i % 2 === 0 ? "a" : "b"}).`));
    const held = p.candidates(mkAtom("a"));
    const snapshot = held.slice();
    p.add(compileClause(term("p(a).")), true);
    p.add(compileClause(term("p(X).")), false);
    p.remove(held[0]);
    assert.deepEqual(held, snapshot);
    assert.equal(p.candidates(mkAtom("a")).length, 6, "new calls see the update");
  });
  await t.step("an iteration over the clause list survives clear", () => {
    const p = pred("p(1).", "p(2).");
    const held = p.candidates(undefined);
    p.clear();
    assert.equal(held.length, 2);
    assert.ok(held.every((c) => c.erased));
    assert.deepEqual(p.clauses, []);
  });
  await t.step("removing a clause that is not there changes nothing", () => {
    const p = pred("p(1).");
    const other = compileClause(term("p(2)."));
    const before = p.clauses;
    p.remove(other);
    assert.equal(p.clauses, before);
    assert.equal(other.erased, false);
  });
});

Deno.test("the engine's clause iteration follows the logical update view", async (t) => {
  const src = ":- dynamic(q/1).\nq(1).\nq(2).\nq(3).";
  const rows: [string, string, string, string][] = [
    // name, goal, L of the goal, clauses afterwards
    [
      "clauses asserted during an iteration are not seen by it",
      "findall(X, (q(X), assertz(q(new))), L)",
      "[1,2,3]",
      "[1,2,3,new,new,new]",
    ],
    [
      "clauses retracted during an iteration are still seen by it",
      "findall(X, (q(X), retractall(q(_))), L)",
      "[1,2,3]",
      "[]",
    ],
    [
      "a clause retracted ahead of the iteration is still visited",
      "findall(X, (q(X), (X == 1 -> retract(q(3)) ; true)), L)",
      "[1,2,3]",
      "[1,2]",
    ],
    [
      "an inner call started after the update sees it",
      "findall(X-Y, (q(X), (X == 1 -> retract(q(2)) ; true), q(Y)), L)",
      "[1-1,1-3,2-1,2-3,3-1,3-3]",
      "[1,3]",
    ],
  ];
  for (const [name, goal, expected, after] of rows) {
    await t.step(name, () => {
      const e = new Engine(src);
      assert.equal(e.once(goal, { maxSteps: 100_000 })?.text.L, expected);
      assert.equal(e.once("findall(X, q(X), L)")?.text.L, after);
    });
  }
  await t.step("the indexed path behaves the same", () => {
    const e = new Engine(":- dynamic(r/1).\n" + "r(a).\nr(b).\n".repeat(6));
    const s = e.once("findall(x, (r(a), assertz(r(a))), L), length(L, N)", { maxSteps: 100_000 });
    assert.equal(s?.text.N, "6");
    assert.equal(e.once("findall(x, r(a), L), length(L, N)")?.text.N, "12");
  });
});

Deno.test("keyMatches() treats null as a wildcard", async (t) => {
  const a = mkAtom("a"), f1 = mkFunctor("f", 1);
  const rows: [string, IndexKey, IndexKey, boolean][] = [
    ["variable clause matches any call", null, a, true],
    ["variable call matches any clause", a, null, true],
    ["both variables", null, null, true],
    ["same atom", a, mkAtom("a"), true],
    ["different atoms", a, mkAtom("b"), false],
    ["same integer", 3, 3, true],
    ["different integers", 3, 4, false],
    ["same functor", f1, mkFunctor("f", 1), true],
    ["functor and atom of the same name", f1, mkAtom("f"), false],
    ["same float key", "f1.5", "f1.5", true],
    ["integer and float keys", 1, "f1", false],
  ];
  for (const [name, clauseKey, callKey, expected] of rows) {
    await t.step(name, () => assert.equal(keyMatches(clauseKey, callKey), expected));
  }
});

Deno.test("Database.get() and ensure() find predicates by functor", async (t) => {
  await t.step("get() of an unknown functor is undefined", () => {
    assert.equal(new Database().get(mkFunctor("h13_unknown", 3)), undefined);
  });
  await t.step("ensure() creates a user predicate once", () => {
    const db = new Database();
    const fn = mkFunctor("h13_made", 1);
    const p = db.ensure(fn);
    assert.equal(p.kind, P_USER);
    assert.equal(p.fn, fn);
    assert.equal(db.ensure(fn), p);
    assert.equal(db.get(fn), p);
    assert.deepEqual(db.all, [p]);
  });
  await t.step("predicates with the same name and different arity are separate", () => {
    const db = new Database();
    const p1 = db.ensure(mkFunctor("h13_n", 1)), p2 = db.ensure(mkFunctor("h13_n", 2));
    assert.notEqual(p1, p2);
    assert.equal(db.all.length, 2);
  });
  await t.step("databases are independent", () => {
    const d1 = new Database(), d2 = new Database();
    d1.ensure(mkFunctor("h13_only_d1", 0));
    assert.equal(d2.get(mkFunctor("h13_only_d1", 0)), undefined);
  });
  await t.step("a clause added through the predicate is visible through get()", () => {
    const db = new Database();
    const p = db.ensure(mkFunctor("p", 1));
    p.add(compileClause(mkStruct("p", [mkAtom("x")])), true);
    assert.equal(db.get(mkFunctor("p", 1))?.clauses.length, 1);
  });
});

Deno.test("Pred.add() keeps a built index current for keyed assertz", () => {
  const e = new Engine(`:- dynamic(memo/2).
    fill(N, N) :- !.
    fill(I, N) :- assertz(memo(I, v(I))), memo(I, _), I1 is I + 1, fill(I1, N).`);
  assert.ok(e.once("fill(0, 300)"));
  // Every keyed lookup finds exactly its clause.
  assert.equal(
    e.once("findall(I, (between(0, 299, I), memo(I, v(I))), L), length(L, N)")?.text.N,
    "300",
  );
  // A clause with a variable key joins every key's candidates.
  assert.ok(e.once("assertz(memo(_, any))"));
  assert.equal(e.once("findall(V, memo(7, V), L)")?.text.L, "[v(7),any]");
  assert.equal(e.once("findall(V, memo(400, V), L)")?.text.L, "[any]");
  // Retracting by key updates the index too.
  assert.ok(e.once("retract(memo(7, v(7)))"));
  assert.equal(e.once("findall(V, memo(7, V), L)")?.text.L, "[any]");
});
