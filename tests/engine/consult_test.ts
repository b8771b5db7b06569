import assert from "node:assert/strict";
import { addClause, consultText, issueOf, predForHead } from "../../engine/consult.ts";
import { permissionError, PrologThrow, syntaxError, typeError } from "../../engine/errors.ts";
import { type Machine, QueryAborted } from "../../engine/machine.ts";
import { Operators } from "../../engine/operators.ts";
import { readTerm } from "../../engine/parser.ts";
import { mkAtom, mkFunctor, mkInt, mkStruct, type Term, Var } from "../../engine/term.ts";
import { formatTerm } from "../../engine/writer.ts";
import { Engine, PrologError } from "../../mod.ts";

function fresh(): { e: Engine; m: Machine; out: () => string } {
  let text = "";
  const e = new Engine(undefined, { output: (s) => text += s, errorOutput: () => {} });
  return { e, m: e.machine, out: () => text };
}

function term(text: string): Term {
  return readTerm(text, { ops: new Operators() }).term;
}

function all(e: Engine, goal: string, v: string): string[] {
  return [...e.query(goal)].map((s) => s.text[v]);
}

function errorOf(m: Machine, f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof PrologThrow) return formatTerm(err.ball, { ops: m.ops, quoted: true });
    throw err;
  }
  return "no error";
}

Deno.test("consultText() loads good clauses around syntax errors", async (t) => {
  const { e, m } = fresh();
  const issues = consultText(m, "ok(1).\nbad( .\nok(2).\nalso bad ]].\nok(3).");
  await t.step("every good clause is loaded", () => {
    assert.deepEqual(all(e, "ok(X)", "X"), ["1", "2", "3"]);
  });
  await t.step("each bad clause is one issue", () => assert.equal(issues.length, 2));
  await t.step("issues carry the line of the error", () => {
    assert.deepEqual(issues.map((i) => i.line), [2, 4]);
  });
  await t.step("issues carry a 1-based column", () => {
    assert.ok(issues.every((i) => i.column >= 1), JSON.stringify(issues));
  });
  await t.step("issues carry a syntax_error term and a readable message", () => {
    for (const i of issues) {
      assert.ok(i.error !== null);
      assert.match(e.format(i.error), /^error\(syntax_error\(/);
      assert.match(i.message, /^Syntax error: .* at line \d+, column \d+$/);
    }
  });
});

Deno.test("consultText() reports syntax errors in many shapes", async (t) => {
  const rows: [string, string, number[], number][] = [
    // name, text, issue lines, good clauses loaded (ok/1)
    ["unclosed parenthesis", "ok(1).\nok(2\nok(3).", [3], 1],
    ["unterminated quoted atom at the end", "ok(1).\nok('abc", [2], 1],
    ["missing final period", "ok(1).\nok(2)", [2], 1],
    ["operator clash", "ok(1).\nx :- a :- b.\nok(2).", [2], 2],
    ["stray closing bracket", "].\nok(1).", [1], 1],
    ["the bad clause runs to its end token", "ok(1) ]\nok(2).\nok(3).", [1], 1],
    ["error on the first line only", "ok(.\nok(2).", [1], 1],
    ["several errors on one line", "ok(1). ok( . ok(2). ok)( .", [1, 1], 2],
  ];
  for (const [name, text, lines, good] of rows) {
    await t.step(name, () => {
      const { e, m } = fresh();
      const issues = consultText(m, text);
      assert.deepEqual(issues.map((i) => i.line), lines, JSON.stringify(issues));
      assert.equal(all(e, "catch(ok(X), _, fail)", "X").length, good);
    });
  }
});

Deno.test("consultText() runs directives", async (t) => {
  await t.step("dynamic/1 declares a predicate that can be called", () => {
    const { e, m } = fresh();
    assert.deepEqual(consultText(m, ":- dynamic(counter/1)."), []);
    assert.equal(e.once("counter(_)"), null);
  });
  await t.step("op/3 changes how later clauses are read", () => {
    const { e, m } = fresh();
    assert.deepEqual(consultText(m, ":- op(700, xfx, ===>).\nrule(a ===> b)."), []);
    assert.equal(e.once("rule(X)")?.text.X, "a===>b");
  });
  await t.step("initialization/1 runs after the whole text is loaded", () => {
    const { m, out } = fresh();
    const issues = consultText(
      m,
      ":- initialization(main).\nmain :- fact(X), write(X).\nfact(loaded).",
    );
    assert.deepEqual(issues, []);
    assert.equal(out(), "loaded");
  });
  await t.step("initialization goals run in order", () => {
    const { m, out } = fresh();
    consultText(m, ":- initialization(write(a)).\n:- initialization(write(b)).");
    assert.equal(out(), "ab");
  });
  await t.step("initialization/2 is accepted", () => {
    const { m, out } = fresh();
    assert.deepEqual(consultText(m, ":- initialization(write(x), now)."), []);
    assert.equal(out(), "x");
  });
  await t.step("?- directives run too", () => {
    const { m, out } = fresh();
    consultText(m, "?- write(q).");
    assert.equal(out(), "q");
  });
  await t.step("plain directives run in text order", () => {
    const { m, out } = fresh();
    consultText(m, ":- write(1).\np.\n:- write(2).");
    assert.equal(out(), "12");
  });
  await t.step("a failing directive is reported with its line", () => {
    const { m } = fresh();
    const issues = consultText(m, "p.\n:- fail.\nq.");
    assert.equal(issues.length, 1);
    assert.equal(issues[0].line, 2);
    assert.equal(issues[0].message, "Directive failed at line 2, column 1");
    assert.equal(issues[0].error, null);
  });
  await t.step("a directive raising an error is reported with the error term", () => {
    const { e, m } = fresh();
    const issues = consultText(m, "p.\n\n:- atom_length(X, Y).");
    assert.equal(issues.length, 1);
    assert.equal(issues[0].line, 3);
    assert.match(e.format(issues[0].error!), /^error\(instantiation_error/);
    assert.match(issues[0].message, /^Error: instantiation_error at line 3, column 1$/);
  });
  await t.step("an uncaught non-error ball is reported", () => {
    const { m } = fresh();
    const issues = consultText(m, ":- throw(oops).");
    assert.equal(issues[0].message, "Uncaught exception: oops at line 1, column 1");
  });
  await t.step("a failing initialization goal is reported", () => {
    const { m } = fresh();
    const issues = consultText(m, ":- initialization(fail).");
    assert.deepEqual(issues.map((i) => [i.line, i.message]), [
      [1, "Initialization goal failed at line 1, column 1"],
    ]);
  });
  await t.step("an initialization goal raising an error is reported", () => {
    const { e, m } = fresh();
    const issues = consultText(m, ":- initialization(nope_h13).");
    assert.equal(issues.length, 1);
    assert.match(e.format(issues[0].error!), /^error\(existence_error\(procedure,nope_h13\/0\)/);
  });
  await t.step("the rest of the text loads after a bad directive", () => {
    const { e, m } = fresh();
    consultText(m, ":- fail.\nok(1).\n:- throw(x).\nok(2).");
    assert.deepEqual(all(e, "ok(X)", "X"), ["1", "2"]);
  });
});

Deno.test("consultText() translates DCG rules", () => {
  const { e, m } = fresh();
  assert.deepEqual(consultText(m, "greet --> [hello], who.\nwho --> [world]."), []);
  assert.ok(e.once("greet([hello, world], [])"));
  assert.ok(e.once("phrase(greet, [hello, world])"));
});

Deno.test("consultText() reports clauses that cannot be added", async (t) => {
  const rows: [string, string, RegExp][] = [
    [
      "redefining a builtin",
      "atom(x).",
      /^error\(permission_error\(modify,static_procedure,atom\/1\)/,
    ],
    [
      "redefining a control construct",
      "call(x).",
      /^error\(permission_error\(modify,static_procedure,call\/1\)/,
    ],
    ["a number as head", "3 :- true.", /^error\(type_error\(callable,3\)/],
    ["a number as body", "p :- 3.", /^error\(type_error\(callable,3\)/],
    ["a variable as head", "X :- true.", /^error\(instantiation_error/],
  ];
  for (const [name, text, pattern] of rows) {
    await t.step(name, () => {
      const { e, m } = fresh();
      const issues = consultText(m, `ok.\n${text}\nok2.`);
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.equal(issues[0].line, 2);
      assert.match(e.format(issues[0].error!), pattern);
      assert.ok(e.once("ok, ok2"), "the neighbouring clauses still load");
    });
  }
});

Deno.test("consultText() lets user code redefine library predicates", async (t) => {
  await t.step("append/3 is replaced, not extended", () => {
    const { e, m } = fresh();
    assert.deepEqual(consultText(m, "append(mine, b, c)."), []);
    assert.deepEqual(all(e, "append(A, B, C)", "A"), ["mine"]);
  });
  await t.step("every clause of the redefinition is kept", () => {
    const { e, m } = fresh();
    consultText(m, "member(X, only(X)).\nmember(X, also(X)).");
    assert.deepEqual(all(e, "member(1, L)", "L"), ["only(1)", "also(1)"]);
  });
  await t.step("the redefined predicate is no longer a library predicate", () => {
    const { m } = fresh();
    consultText(m, "append(a, b, c).");
    assert.equal(m.db.get(mkFunctor("append", 3))!.library, false);
  });
  await t.step("other engines keep the library definition", () => {
    const { m } = fresh();
    consultText(m, "append(a, b, c).");
    const { e: other } = fresh();
    assert.equal(other.once("append([1], [2], L)")?.text.L, "[1,2]");
  });
});

Deno.test("consultText() with library=true flags predicates as library", () => {
  const { m } = fresh();
  assert.deepEqual(consultText(m, "h13_lib(1).\nh13_lib(2).", { library: true }), []);
  const p = m.db.get(mkFunctor("h13_lib", 1))!;
  assert.equal(p.library, true);
  assert.equal(p.clauses.length, 2, "library clauses accumulate while loading the library");
  assert.equal(m.ext.get("loadingLibrary"), undefined, "the loading mark is cleared");
});

Deno.test("consultText() never throws on bad input", async (t) => {
  const rows: [string, string][] = [
    ["empty text", ""],
    ["only whitespace", "  \n\t \n"],
    ["only a comment", "% nothing\n/* block */"],
    ["unterminated block comment", "p. /* never closed"],
    ["only periods", ". . ."],
    ["control characters", "\u0000\u0001."],
    ["deep nesting", "p(" + "[".repeat(100_000) + "]".repeat(100_000) + ")."],
    ["long operator chain", "p :- " + "a, ".repeat(50_000) + "a."],
  ];
  for (const [name, text] of rows) {
    await t.step(name, () => {
      const { m } = fresh();
      const issues = consultText(m, text);
      assert.ok(Array.isArray(issues));
    });
  }
});

Deno.test("predForHead() checks that a predicate may be modified", async (t) => {
  await t.step("a user predicate is created and returned", () => {
    const { m } = fresh();
    const p = predForHead(m, term("h13_fresh(a)"), false);
    assert.equal(p, m.db.get(mkFunctor("h13_fresh", 1)));
  });
  await t.step("a bound variable head is dereferenced", () => {
    const { m } = fresh();
    const v = new Var();
    v.ref = mkAtom("h13_via_var");
    assert.equal(predForHead(m, v, true).fn, mkFunctor("h13_via_var", 0));
  });
  const errors: [string, () => Term, boolean, RegExp][] = [
    ["a variable head", () => new Var(), true, /^error\(instantiation_error/],
    ["a number head", () => mkInt(1), true, /^error\(type_error\(callable,1\)/],
    [
      "a builtin",
      () => term("atom(_)"),
      true,
      /permission_error\(modify,static_procedure,atom\/1\)/,
    ],
    [
      "a library predicate outside consult",
      () => term("append(_, _, _)"),
      false,
      /permission_error\(modify,static_procedure,append\/3\)/,
    ],
  ];
  for (const [name, head, consulting, pattern] of errors) {
    await t.step(name, () => {
      const { m } = fresh();
      assert.match(errorOf(m, () => predForHead(m, head(), consulting)), pattern);
    });
  }
  await t.step("a library predicate while consulting is cleared for the user", () => {
    const { m } = fresh();
    const p = predForHead(m, term("append(_, _, _)"), true);
    assert.equal(p.library, false);
    assert.equal(p.clauses.length, 0);
  });
});

Deno.test("addClause() adds consulted and asserted clauses", async (t) => {
  await t.step("assertz order and asserta order", () => {
    const { e, m } = fresh();
    addClause(m, term("h13_q(2)"), true, false);
    addClause(m, term("h13_q(3)"), true, false);
    addClause(m, term("h13_q(1)"), false, false);
    assert.deepEqual(all(e, "h13_q(X)", "X"), ["1", "2", "3"]);
  });
  await t.step("asserting a new predicate makes it dynamic", () => {
    const { m } = fresh();
    addClause(m, term("h13_dyn(1)"), true, false);
    assert.equal(m.db.get(mkFunctor("h13_dyn", 1))!.dynamic, true);
  });
  await t.step("asserting to a consulted static predicate is a permission error", () => {
    const { m } = fresh();
    consultText(m, "h13_static(1).");
    assert.match(
      errorOf(m, () => addClause(m, term("h13_static(2)"), true, false)),
      /^error\(permission_error\(modify,static_procedure,h13_static\/1\)/,
    );
  });
  await t.step("consulting adds to a static predicate", () => {
    const { m } = fresh();
    addClause(m, term("h13_s(1)"), true, true);
    addClause(m, term("h13_s(2)"), true, true);
    const p = m.db.get(mkFunctor("h13_s", 1))!;
    assert.equal(p.clauses.length, 2);
    assert.equal(p.dynamic, false);
  });
  await t.step("variable names are kept for the clause", () => {
    const { m } = fresh();
    const r = readTerm("h13_named(Foo)", { ops: m.ops });
    addClause(m, r.term, true, true, new Map(r.varNames.map(([n, v]) => [v, n])));
    const c = m.db.get(mkFunctor("h13_named", 1))!.clauses[0];
    assert.equal((c.args[0] as { name: string }).name, "Foo");
  });
});

Deno.test("issueOf() describes error terms", async (t) => {
  await t.step("a syntax error takes its position from the context", () => {
    const i = issueOf(syntaxError("operator expected", 3, 7).ball, 0, 0);
    assert.equal(i.line, 3);
    assert.equal(i.column, 7);
    assert.equal(i.message, "Syntax error: operator expected at line 3, column 7");
  });
  await t.step("another error uses the fallback position", () => {
    const i = issueOf(typeError("callable", mkInt(1)).ball, 5, 2);
    assert.deepEqual([i.line, i.column], [5, 2]);
    assert.equal(i.message, "Error: type_error(callable, 1) at line 5, column 2");
  });
  await t.step("a compound culprit is described", () => {
    const ball = permissionError(
      "modify",
      "static_procedure",
      mkStruct("/", [
        mkAtom("atom"),
        mkInt(1),
      ]),
    ).ball;
    assert.equal(
      issueOf(ball, 1, 1).message,
      "Error: permission_error(modify, static_procedure, /(atom, 1)) at line 1, column 1",
    );
  });
  await t.step("a non-error ball is an uncaught exception", () => {
    assert.equal(
      issueOf(mkAtom("oops"), 1, 2).message,
      "Uncaught exception: oops at line 1, column 2",
    );
  });
  await t.step("line 0 leaves the position out of the message", () => {
    assert.equal(issueOf(mkAtom("oops"), 0, 0).message, "Uncaught exception: oops");
  });
  await t.step("the ball is kept", () => {
    const ball = mkAtom("kept");
    assert.equal(issueOf(ball, 1, 1).error, ball);
  });
});

Deno.test("addClause() refuses a cyclic clause with representation_error(cyclic_term)", () => {
  const e = new Engine("", { output: () => {} });
  for (const goal of ["X = f(X), assertz(q(X))", "X = f(X), asserta((q(a) :- X))"]) {
    assert.throws(
      () => e.once(goal),
      (err) =>
        err instanceof PrologError &&
        e.format(err.term).startsWith("error(representation_error(cyclic_term)"),
    );
  }
  assert.equal(e.once("current_predicate(q/1)"), null); // nothing was added
});

/** `n` pseudo-random characters with codes 0..255 from `seed` (mulberry32). */
function randomBytes(n: number, seed: number, skip = ""): string {
  let s = seed >>> 0;
  const out: string[] = [];
  while (out.length < n) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const ch = String.fromCharCode(((t ^ (t >>> 14)) >>> 0) & 255);
    if (!skip.includes(ch)) out.push(ch);
  }
  return out.join("");
}

// Hostile megabyte inputs. Recovery from a syntax error must be linear: a
// quadratic path takes tens of minutes here, which the runner will not wait
// for. (No wall-clock threshold: machines are noisy.)
const MB = 1 << 20;

Deno.test("consultText() recovers from a megabyte bad number literal", () => {
  const { e, m } = fresh();
  const issues = consultText(m, `ok(1).\na(${"7".repeat(MB)}.5).\nok(2).\n`);
  assert.deepEqual(issues.map((i) => [i.line, i.column]), [[2, 3]]);
  assert.match(issues[0].message, /^Syntax error: illegal number at line 2, column 3$/);
  assert.deepEqual(all(e, "ok(X)", "X"), ["1", "2"]);
});

Deno.test("consultText() recovers from a megabyte run of illegal characters", () => {
  const { e, m } = fresh();
  const issues = consultText(m, `ok(1).\n  a(${"\u0001\u0080".repeat(MB / 2)}).\nok(2).\n`);
  assert.deepEqual(issues.map((i) => [i.line, i.column]), [[2, 5]]);
  assert.deepEqual(all(e, "ok(X)", "X"), ["1", "2"]);
});

Deno.test("consultText() reports a megabyte of random bytes as positioned syntax errors", () => {
  const { e, m } = fresh();
  const text = randomBytes(MB, 12);
  const lines = text.split("\n").length;
  const issues = consultText(m, text);
  assert.ok(issues.length > 0);
  for (const i of issues) {
    assert.ok(i.error !== null && /^error\(syntax_error\(/.test(e.format(i.error)), i.message);
    assert.ok(i.line >= 1 && i.line <= lines && i.column >= 1, i.message);
  }
  assert.equal(e.once("X = 1")?.text.X, "1");
});

Deno.test("consultText() loads the clause after a megabyte of random junk", () => {
  const { e, m } = fresh();
  // Without quotes and `*`, no unterminated quoted item or block comment
  // swallows the rest: recovery must reach the final clause.
  const junk = randomBytes(MB, 34, "'\"`*");
  const issues = consultText(m, `ok(1).\n${junk}\n.\nok(2).\n`);
  assert.ok(issues.length > 0);
  assert.ok(issues.every((i) => i.line >= 2 && i.column >= 1));
  assert.deepEqual(all(e, "catch(ok(X), _, fail)", "X"), ["1", "2"]);
});

Deno.test("a directive that exceeds the step budget is a load issue, and loading goes on", async (t) => {
  await t.step(
    "Engine.consult: the runaway directive is reported, the clauses after it load",
    () => {
      const e = new Engine(undefined, { maxSteps: 10_000, output: () => {} });
      const issues = e.consult("a(0).\n:- repeat, fail.\np(1).\n:- write(ok).\np(2).");
      assert.deepEqual(issues.map((i) => [i.line, i.column]), [[2, 1]]);
      assert.match(
        issues[0].message,
        /^Directive stopped \(Query aborted: step limit of 10000 exceeded\)/,
      );
      assert.deepEqual([...e.query("p(X)")].map((s) => s.bindings.X), [1, 2]);
    },
  );
  await t.step("each directive gets the budget afresh", () => {
    let out = "";
    const e = new Engine(undefined, { maxSteps: 10_000, output: (s) => (out += s) });
    const issues = e.consult(
      ":- repeat, fail.\n:- repeat, fail.\n:- numlist(1, 1000, L), sum_list(L, S), write(S).",
    );
    assert.deepEqual(issues.map((i) => i.line), [1, 2]);
    assert.equal(out, "500500");
  });
  await t.step("a runaway initialization goal is reported with its line", () => {
    const e = new Engine(undefined, { maxSteps: 10_000 });
    const issues = e.consult("p(1).\n:- initialization((repeat, fail)).\n");
    assert.deepEqual(issues.map((i) => i.line), [2]);
    assert.match(issues[0].message, /^Initialization goal stopped/);
    assert.equal(e.once("p(1)") !== null, true);
  });
  await t.step("consultFile: issues name the file", async () => {
    const path = await Deno.makeTempFile({ suffix: ".pl" });
    try {
      await Deno.writeTextFile(path, ":- fail.\nq(1).\n");
      const e = new Engine();
      const issues = await e.consultFile(path);
      assert.deepEqual(issues.map((i) => [i.file, i.line]), [[path, 1]]);
    } finally {
      await Deno.remove(path);
    }
  });
  await t.step("an aborted signal still stops the load", () => {
    const c = new AbortController();
    c.abort("stop");
    const e = new Engine();
    e.machine.signal = c.signal;
    assert.throws(
      () => consultText(e.machine, ":- repeat, fail.\np(1).", { directiveSteps: Infinity }),
      QueryAborted,
    );
  });
  await t.step("consult/1 inside a query runs under that query's budget", async () => {
    const path = await Deno.makeTempFile({ suffix: ".pl" });
    try {
      await Deno.writeTextFile(path, ":- repeat, fail.\nq(1).\n");
      const e = new Engine(undefined, { errorOutput: () => {} });
      assert.throws(() => e.once(`consult('${path}')`, { maxSteps: 5_000 }), QueryAborted);
    } finally {
      await Deno.remove(path);
    }
  });
});

Deno.test("Engine.consultFile() reloads a file like consult/1 and resolves its relative loads", async () => {
  const dir = await Deno.makeTempDir({ prefix: "byrd-reload-" });
  try {
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/sub/helper.pl`, "h(1).\n");
    await Deno.writeTextFile(`${dir}/main.pl`, ":- ensure_loaded('sub/helper').\np(1).\np(2).\n");
    const e = new Engine();
    // The working directory is not the file's: the relative load must use the file's directory.
    assert.deepEqual(await e.consultFile(`${dir}/main.pl`), []);
    assert.deepEqual(await e.consultFile(`${dir}/main.pl`), []);
    assert.deepEqual([...e.query("p(X)")].map((s) => s.bindings.X), [1, 2]);
    assert.deepEqual([...e.query("h(X)")].map((s) => s.bindings.X), [1]);
    // consult/1 of the same file, and a file URL, are the same file.
    assert.notEqual(e.once(`consult('${dir}/main.pl')`), null);
    await e.consultFile(new URL(`file://${dir}/main.pl`));
    assert.equal([...e.query("p(X)")].length, 2);
    // An edited file replaces what it defined.
    await Deno.writeTextFile(`${dir}/main.pl`, "p(3).\n");
    await e.consultFile(`${dir}/main.pl`);
    assert.deepEqual([...e.query("p(X)")].map((s) => s.bindings.X), [3]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
