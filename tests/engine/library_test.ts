import assert from "node:assert/strict";
import { installAll, LIBRARY_PARTS, LIBRARY_SOURCE, loadLibrary } from "../../engine/library.ts";
import { Database, P_USER } from "../../engine/database.ts";
import { Flags } from "../../engine/flags.ts";
import { Machine } from "../../engine/machine.ts";
import { Operators } from "../../engine/operators.ts";
import { Reader } from "../../engine/parser.ts";
import { StreamTable } from "../../engine/stream.ts";
import {
  type Atom,
  deref,
  type Functor,
  functorOf,
  mkFunctor,
  STRUCT,
  type Struct,
} from "../../engine/term.ts";
import { source as aggregateLib } from "../../engine/lib/aggregate.ts";
import { source as applyLib } from "../../engine/lib/apply.ts";
import { source as assocLib } from "../../engine/lib/assoc.ts";
import { source as controlLib } from "../../engine/lib/control.ts";
import { source as dcgLib } from "../../engine/lib/dcg.ts";
import { source as errorLib } from "../../engine/lib/error.ts";
import { source as listsLib } from "../../engine/lib/lists.ts";
import { source as miscLib } from "../../engine/lib/misc.ts";
import { source as ordsetsLib } from "../../engine/lib/ordsets.ts";
import { source as pairsLib } from "../../engine/lib/pairs.ts";
import { source as randomLib } from "../../engine/lib/random.ts";
import { source as solutionSequencesLib } from "../../engine/lib/solution_sequences.ts";
import { source as sortingLib } from "../../engine/lib/sorting.ts";
import { source as yallLib } from "../../engine/lib/yall.ts";
import { Engine, PrologError } from "../../mod.ts";

function bareMachine(): Machine {
  return new Machine(
    new Database(),
    new Flags(),
    new Operators(),
    new StreamTable(() => {}, () => {}),
  );
}

/** The functor of every clause head (and DCG rule head) in the library source. */
function libraryFunctors(): Functor[] {
  const reader = new Reader(LIBRARY_SOURCE, { ops: new Operators() });
  const seen = new Set<Functor>();
  for (;;) {
    const r = reader.next();
    if (r === null) break;
    let t = deref(r.term);
    let extra = 0;
    if (t.tag === STRUCT) {
      const name = (t as Struct).fn.indicator;
      if (name === ":-/1" || name === "?-/1") continue;
      if (name === ":-/2") t = deref((t as Struct).args[0]);
      else if (name === "-->/2") {
        t = deref((t as Struct).args[0]);
        if (t.tag === STRUCT && (t as Struct).fn.indicator === ",/2") {
          t = deref((t as Struct).args[0]);
        }
        extra = 2;
      }
    }
    const fn = functorOf(t as Atom | Struct);
    seen.add(extra === 0 ? fn : mkFunctor(fn.name, fn.arity + extra));
  }
  return [...seen];
}

/** A most general goal text for a functor, e.g. `append(_,_,_)`. */
function generalGoal(e: Engine, fn: Functor): string {
  const name = e.format(fn.name);
  return fn.arity === 0 ? name : `${name}(${new Array(fn.arity).fill("_").join(",")})`;
}

Deno.test("LIBRARY_SOURCE joins every library file in load order", () => {
  let at = -1;
  const parts = [
    controlLib,
    listsLib,
    applyLib,
    pairsLib,
    sortingLib,
    dcgLib,
    miscLib,
    errorLib,
    ordsetsLib,
    assocLib,
    aggregateLib,
    solutionSequencesLib,
    yallLib,
    randomLib,
  ];
  assert.equal(LIBRARY_PARTS.length, parts.length, "every part is listed");
  for (const part of parts) {
    const i = LIBRARY_SOURCE.indexOf(part);
    assert.ok(i > at, "each part appears after the previous one");
    at = i;
  }
  assert.ok(LIBRARY_SOURCE.includes("append([], L, L)."));
});

Deno.test("installAll() installs the builtin tables", async (t) => {
  const m = bareMachine();
  installAll(m);
  const rows: string[] = ["atom/1", "call/1", "is/2", "atom_length/2", "assertz/1", "write/1"];
  for (const pi of rows) {
    await t.step(pi, () => {
      const [name, arity] = [
        pi.slice(0, pi.lastIndexOf("/")),
        Number(pi.slice(pi.lastIndexOf("/") + 1)),
      ];
      const p = m.db.get(mkFunctor(name, arity));
      assert.ok(p !== undefined, `${pi} is installed`);
      assert.notEqual(p.kind, P_USER);
      assert.equal(p.defined, true);
      assert.equal(p.isBuiltin, true);
    });
  }
  await t.step("library predicates are not installed by installAll()", () => {
    assert.equal(m.db.get(mkFunctor("append", 3)), undefined);
  });
});

Deno.test("loadLibrary() loads the Prolog library without issues", () => {
  const m = bareMachine();
  installAll(m);
  loadLibrary(m);
  const p = m.db.get(mkFunctor("append", 3))!;
  assert.equal(p.kind, P_USER);
  assert.equal(p.library, true);
  assert.equal(p.clauses.length, 2);
  assert.equal(m.ext.get("loadingLibrary"), undefined);
});

Deno.test("engines share the library compiled once, and one engine's changes stay its own", async (t) => {
  const a = new Engine(), b = new Engine();
  const fn = mkFunctor("append", 3);
  await t.step("both engines hold the same compiled clauses", () => {
    assert.equal(a.machine.db.get(fn)!.clauses, b.machine.db.get(fn)!.clauses);
  });
  await t.step("a user redefinition in one engine leaves the other's library", () => {
    a.consult("append(_, _, mine).");
    assert.equal(a.once("append([x], [y], L)")?.bindings.L, "mine");
    assert.deepEqual(b.once("append([x], [y], L)")?.bindings.L, ["x", "y"]);
    const c = new Engine();
    assert.deepEqual(c.once("append([x], [y], L)")?.bindings.L, ["x", "y"]);
    assert.ok(b.machine.db.get(fn)!.clauses.every((cl) => !cl.erased));
  });
  await t.step("loading the library twice into one machine is an engine bug, reported", () => {
    assert.throws(() => loadLibrary(b.machine), /already defined/);
  });
});

Deno.test("every library predicate is a library built-in", async (t) => {
  const e = new Engine();
  const fns = libraryFunctors();
  await t.step(
    "the library defines predicates",
    () => assert.ok(fns.length > 20, String(fns.length)),
  );
  for (const fn of fns) {
    await t.step(fn.indicator, () => {
      const p = e.machine.db.get(fn);
      assert.ok(p !== undefined, "defined");
      assert.equal(p.library, true, "flagged library");
      assert.equal(p.isBuiltin, true, "built-in for the system");
      const goal = generalGoal(e, fn);
      assert.ok(e.once(`predicate_property(${goal}, built_in)`), "predicate_property built_in");
      assert.ok(e.once(`predicate_property(${goal}, static)`), "predicate_property static");
    });
  }
});

Deno.test("library predicates behave as built-ins for the user", async (t) => {
  await t.step("assertz/1 cannot add to a library predicate", () => {
    const e = new Engine();
    assert.throws(
      () => e.once("assertz(append(a, b, c))"),
      (err) =>
        err instanceof PrologError &&
        e.format(err.term).startsWith("error(permission_error(modify,static_procedure,append/3)"),
    );
  });
  await t.step("retract/1 cannot remove a library clause", () => {
    const e = new Engine();
    assert.throws(
      () => e.once("retract(append([], L, L))"),
      (err) => err instanceof PrologError && e.format(err.term).includes("permission_error"),
    );
  });
  await t.step("library predicates are not listed by current_predicate/1", () => {
    const e = new Engine();
    assert.equal(e.once("current_predicate(append/3)"), null);
  });
  await t.step("a consulted definition replaces the library one", () => {
    const e = new Engine("append(x, y, z).");
    assert.deepEqual(e.loadIssues, []);
    assert.equal([...e.query("append(A, B, C)")].length, 1);
    assert.equal(e.once("predicate_property(append(_,_,_), built_in)"), null);
    assert.ok(e.once("current_predicate(append/3)"));
  });
  await t.step("redefining one library predicate leaves the others", () => {
    const e = new Engine("member(nope, nope).");
    assert.equal(e.once("reverse([1,2], L)")?.text.L, "[2,1]");
    assert.equal(e.once("member(1, [1])"), null);
  });
  await t.step("builtins are shared code but each engine has its own library state", () => {
    const e1 = new Engine("append(x, y, z).");
    const e2 = new Engine();
    assert.equal(e2.once("append([a], [b], L)")?.text.L, "[a,b]");
    assert.equal(e1.once("append([a], [b], L)"), null);
  });
});
