import assert from "node:assert/strict";
import { Engine, Halt, PrologError, QueryAborted, type Solution } from "../../mod.ts";
import { mkAtom, mkInt, mkStruct, Var } from "../../engine/term.ts";

function engine(src?: string): { e: Engine; out: () => string; err: () => string } {
  let out = "", err = "";
  const e = new Engine(src, { output: (s) => out += s, errorOutput: (s) => err += s });
  return { e, out: () => out, err: () => err };
}

function texts(e: Engine, goal: string, v: string): string[] {
  return [...e.query(goal)].map((s) => s.text[v]);
}

function throwsProlog(e: Engine, goal: string, pattern: RegExp): void {
  assert.throws(
    () => e.once(goal),
    (err) => err instanceof PrologError && pattern.test(e.format(err.term)),
  );
}

Deno.test("Engine() consults its source and records load issues", async (t) => {
  await t.step("no source loads nothing and reports nothing", () => {
    assert.deepEqual(engine().e.loadIssues, []);
  });
  await t.step("good source is loaded", () => {
    const { e } = engine("parent(tom, bob). parent(bob, ann).");
    assert.deepEqual(e.loadIssues, []);
    assert.deepEqual(texts(e, "parent(X, _)", "X"), ["tom", "bob"]);
  });
  await t.step("malformed source loads the good clauses and reports the rest", () => {
    const { e } = engine("ok(1).\nbad( .\nok(2).\nalso bad ]].\nok(3).");
    assert.deepEqual(texts(e, "ok(X)", "X"), ["1", "2", "3"]);
    assert.deepEqual(e.loadIssues.map((i) => i.line), [2, 4]);
    assert.ok(e.loadIssues.every((i) => /syntax_error/.test(e.format(i.error!))));
  });
  await t.step("redefining a builtin is reported", () => {
    const { e } = engine("atom(x).");
    assert.equal(e.loadIssues.length, 1);
    assert.match(
      e.format(e.loadIssues[0].error!),
      /permission_error\(modify,static_procedure,atom\/1\)/,
    );
  });
  await t.step("library predicates may be redefined", () => {
    const { e } = engine("append(a, b, c).");
    assert.deepEqual(e.loadIssues, []);
    assert.deepEqual(texts(e, "append(X, _, _)", "X"), ["a"]);
  });
  await t.step("initialization/1 output goes to the output option", () => {
    const { out } = engine(":- initialization(go).\ngo :- write(started).");
    assert.equal(out(), "started");
  });
});

Deno.test("Engine.consult() adds to the database and returns issues", async (t) => {
  const { e } = engine("a(1).");
  await t.step("clauses of a new predicate are added", () => {
    assert.deepEqual(e.consult("b(2)."), []);
    assert.equal(e.once("a(X), b(Y)")?.text.Y, "2");
  });
  await t.step("a failing directive is reported", () => {
    const issues = e.consult("c.\n:- fail.");
    assert.deepEqual(issues.map((i) => [i.line, i.message]), [[
      2,
      "Directive failed at line 2, column 1",
    ]]);
  });
  await t.step("DCG rules load", () => {
    assert.deepEqual(e.consult("s --> [x], s.\ns --> []."), []);
    assert.ok(e.once("phrase(s, [x, x, x])"));
  });
  await t.step("consulting leaves a running query open", () => {
    const it = e.query("a(X) ; a(X)");
    assert.equal(it.next().done, false);
    e.consult("d.");
    assert.equal(it.next().done, false);
    assert.notEqual(e.once("d"), null);
  });
});

Deno.test("Engine.consultFile() loads a file", async (t) => {
  const path = await Deno.makeTempFile({ prefix: "h13-consult-", suffix: ".pl" });
  try {
    await Deno.writeTextFile(path, "colour(red).\ncolour(green).\nbroken(.\n");
    await t.step("clauses are loaded and issues returned", async () => {
      const { e } = engine();
      const issues = await e.consultFile(path);
      assert.deepEqual(issues.map((i) => i.line), [3]);
      assert.deepEqual(texts(e, "colour(C)", "C"), ["red", "green"]);
    });
    await t.step("a URL works too", async () => {
      const { e } = engine();
      await e.consultFile(new URL(`file://${path}`));
      assert.ok(e.once("colour(red)"));
    });
    await t.step("a missing file rejects with the host error", async () => {
      const { e } = engine();
      await assert.rejects(() => e.consultFile(path + ".missing"), Deno.errors.NotFound);
    });
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("Engine.query() iterates over solutions", async (t) => {
  const { e } = engine("p(1). p(2). p(3).");
  await t.step(
    "all solutions in order",
    () => assert.deepEqual(texts(e, "p(X)", "X"), ["1", "2", "3"]),
  );
  await t.step(
    "a final period is optional",
    () => assert.deepEqual(texts(e, "p(X).", "X"), ["1", "2", "3"]),
  );
  await t.step(
    "a failing query has no solutions",
    () => assert.deepEqual([...e.query("p(9)")], []),
  );
  await t.step("maxSolutions caps the solutions", () => {
    assert.equal([...e.query("p(X)", { maxSolutions: 2 })].length, 2);
  });
  await t.step("the engine's maxSolutions is the default", () => {
    const e2 = new Engine("p(1). p(2). p(3).", { maxSolutions: 1 });
    assert.equal([...e2.query("p(X)")].length, 1);
    assert.equal([...e2.query("p(X)", { maxSolutions: 3 })].length, 3);
  });
  await t.step("variables starting with _ are not reported", () => {
    const s = e.once("_Hidden = 1, Shown = 2, _ = 3")!;
    assert.deepEqual(Object.keys(s.text), ["Shown"]);
  });
  await t.step("solutions keep their values after the iterator moves on", () => {
    const sols = [...e.query("p(X)")];
    assert.deepEqual(sols.map((s) => s.bindings.X), [1, 2, 3]);
    assert.deepEqual(sols.map((s) => s.text.X), ["1", "2", "3"]);
  });
  await t.step("bindings, text and terms describe one value", () => {
    const s = e.once("X = f(\"ab\", 'Q', [1.5])")!;
    assert.deepEqual(s.bindings.X, { functor: "f", args: [[97, 98], "Q", [1.5]] });
    assert.equal(s.text.X, "f([97,98],'Q',[1.5])");
    assert.equal(s.terms.X.tag, 5);
  });
  await t.step("unbound answers share their variables in the text", () => {
    const text = e.once("X = f(Y, Y, _)")!.text.X;
    assert.match(text, /^f\((_\w+),\1,_\w+\)$/);
  });
  await t.step("starting a new query leaves the previous one open", () => {
    const first = e.query("p(X)");
    assert.equal(first.next().value?.text.X, "1");
    const second = e.query("p(Y)");
    assert.equal(second.next().value?.text.Y, "1");
    assert.equal(first.next().value?.text.X, "2");
  });
  await t.step("return() closes the iterator", () => {
    const it = e.query("p(X)");
    it.next();
    it.return?.();
    assert.equal(it.next().done, true);
  });
  await t.step("queryCount counts started queries", () => {
    const before = e.queryCount;
    e.once("true");
    [...e.query("p(_)")];
    assert.equal(e.queryCount, before + 2);
  });
});

Deno.test("Solution.deterministic tells whether a choicepoint is left", async (t) => {
  const { e } = engine("q(a).\nr(1). r(2).");
  const rows: [string, string, boolean[]][] = [
    ["a single fact", "q(X)", [true]],
    ["=/2", "X = 1", [true]],
    ["several clauses: only the last is deterministic", "r(X)", [false, true]],
    ["first-argument indexing makes a call deterministic", "r(2)", [true]],
    ["member/2 over a proper list", "member(X, [a, b])", [false, true]],
    ["between/3", "between(1, 3, X)", [false, false, true]],
    ["a disjunction", "(X = 1 ; X = 2)", [false, true]],
    ["once/1 cuts choicepoints", "once(r(X))", [true]],
  ];
  for (const [name, goal, expected] of rows) {
    await t.step(name, () => {
      assert.deepEqual([...e.query(goal)].map((s: Solution) => s.deterministic), expected);
    });
  }
});

Deno.test("Engine.once() returns the first solution or null", async (t) => {
  const { e } = engine("p(1). p(2).");
  await t.step("the first solution", () => assert.equal(e.once("p(X)")?.bindings.X, 1));
  await t.step("null on failure", () => assert.equal(e.once("p(3)"), null));
  await t.step("side effects happen once", () => {
    const { e: e2, out } = engine("p(1). p(2).");
    e2.once("p(X), write(X)");
    assert.equal(out(), "1");
  });
  await t.step("a later query works after once()", () => {
    e.once("p(X)");
    assert.deepEqual(texts(e, "p(X)", "X"), ["1", "2"]);
  });
});

Deno.test("PrologError carries the error term and a readable message", async (t) => {
  const { e } = engine();
  await t.step("an uncaught builtin error", () => {
    try {
      e.once("atom_length(X, Y)");
      assert.fail("no error");
    } catch (err) {
      assert.ok(err instanceof PrologError);
      assert.ok(err instanceof Error);
      assert.equal(err.name, "PrologError");
      assert.equal(e.format(err.term).split(",")[0], "error(instantiation_error");
      assert.equal(err.message, err.text);
      assert.match(err.message, /^error\(instantiation_error,/);
    }
  });
  await t.step("an uncaught throw/1 ball", () => {
    try {
      e.once("throw(my_ball(1))");
      assert.fail("no error");
    } catch (err) {
      assert.ok(err instanceof PrologError);
      assert.equal(err.message, "my_ball(1)");
    }
  });
  const syntax: [string, string][] = [
    ["an unclosed compound", "foo("],
    ["an operator clash", "X = a :- b :- c"],
    ["a stray bracket", "X = ]"],
    ["an unterminated quoted atom", "X = 'abc"],
    ["an empty query", ""],
    ["a query of whitespace", "  \n\t "],
    ["a lone period", "."],
    ["two terms", "a. b."],
  ];
  for (const [name, goal] of syntax) {
    await t.step(`a syntax error: ${name}`, () => {
      throwsProlog(e, goal, /^error\(syntax_error\(/);
    });
  }
  await t.step("a syntax error names the position", () => {
    try {
      e.once("X = f(a,,b)");
      assert.fail("no error");
    } catch (err) {
      assert.ok(err instanceof PrologError);
      assert.match(err.message, /context\(1:\d+,/);
    }
  });
  await t.step("an unknown procedure", () => {
    throwsProlog(e, "h13_missing(1)", /^error\(existence_error\(procedure,h13_missing\/1\),/);
  });
  await t.step("the engine still works after an error", () => {
    assert.equal(e.once("X = ok")?.text.X, "ok");
  });
});

Deno.test("Halt from halt/0,1 surfaces as the Halt class", async (t) => {
  const { e } = engine();
  const rows: [string, string, number][] = [
    ["halt/0", "halt", 0],
    ["halt/1", "halt(3)", 3],
    ["catch/3 does not catch halt", "catch(halt(2), _, true)", 2],
    ["halt inside a nested call", "findall(X, (X = 1, halt(4)), _)", 4],
  ];
  for (const [name, goal, code] of rows) {
    await t.step(name, () => {
      assert.throws(
        () => e.once(goal),
        (err) => err instanceof Halt && !(err instanceof PrologError) && err.code === code,
      );
    });
  }
  await t.step("halt/1 in a directive stops the consult with Halt", () => {
    const { e: e2, out } = engine();
    assert.throws(
      () => e2.consult("a.\n:- write(before), halt(5).\nb."),
      (err) => err instanceof Halt && err.code === 5,
    );
    assert.equal(out(), "before");
    assert.ok(e2.once("a"), "clauses before the directive are loaded");
  });
  await t.step("the engine still works after halt", () => assert.ok(e.once("true")));
});

Deno.test("QueryAborted stops runaway queries", async (t) => {
  await t.step("maxSteps per query", () => {
    const { e } = engine();
    assert.throws(() => e.once("repeat, fail", { maxSteps: 10_000 }), QueryAborted);
  });
  await t.step("the engine's maxSteps is the default", () => {
    const e = new Engine("loop :- loop.", { maxSteps: 10_000 });
    assert.throws(() => e.once("loop"), QueryAborted);
  });
  await t.step("catch/3 cannot swallow the abort", () => {
    const { e } = engine();
    assert.throws(
      () => e.once("catch((repeat, fail), _, true)", { maxSteps: 10_000 }),
      QueryAborted,
    );
  });
  await t.step("an aborted signal stops the query", () => {
    const { e } = engine();
    const ac = new AbortController();
    ac.abort();
    assert.throws(() => e.once("repeat, fail", { signal: ac.signal }), QueryAborted);
  });
  await t.step("the message names the budget the caller gave", () => {
    const { e } = engine();
    for (let i = 0; i < 5; i++) e.once("numlist(1, 1000, L), sum_list(L, _)");
    assert.throws(
      () => e.once("repeat, fail", { maxSteps: 5_000 }),
      (err) =>
        err instanceof QueryAborted && err.message === "Query aborted: step limit of 5000 exceeded",
    );
  });
  await t.step("a failure-driven loop over a nondeterministic builtin is stopped", async () => {
    // Run in a child process: if the budget is not enforced the loop never
    // ends, and the timeout turns the hang into a failure.
    const code = `
      import { Engine, QueryAborted } from ${JSON.stringify(import.meta.resolve("../../mod.ts"))};
      const e = new Engine();
      for (const g of ["between(1, inf, X), fail", "length(L, N), fail"]) {
        try { e.once(g, { maxSteps: 100000 }); console.log("finished"); }
        catch (err) { console.log(err instanceof QueryAborted ? "aborted" : String(err)); }
      }`;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", code],
      stdout: "piped",
      stderr: "null",
      signal: AbortSignal.timeout(20_000),
    }).output();
    assert.equal(new TextDecoder().decode(out.stdout), "aborted\naborted\n");
  });
  await t.step("the budget applies to each query afresh", () => {
    const { e } = engine("count(0) :- !.\ncount(N) :- M is N - 1, count(M).");
    for (let i = 0; i < 3; i++) assert.ok(e.once("count(3000)", { maxSteps: 20_000 }));
  });
});

Deno.test("Engine streams: output, errorOutput and input options", async (t) => {
  await t.step("output captures user_output", () => {
    const { e, out } = engine();
    e.once('write(hello), nl, print([1,2]), format("~w-~a", [x, y])');
    assert.equal(out(), "hello\n[1,2]x-y");
  });
  await t.step("errorOutput captures user_error", () => {
    const { e, out, err } = engine();
    e.once("write(user_error, oops), nl(user_error)");
    assert.equal(err(), "oops\n");
    assert.equal(out(), "");
  });
  await t.step("input feeds user_input", () => {
    const e = new Engine(undefined, { input: "foo(bar). 'x'.", output: () => {} });
    const s = e.once("read(X), read(Y), read(Z)");
    assert.deepEqual([s?.text.X, s?.text.Y, s?.text.Z], ["foo(bar)", "x", "end_of_file"]);
  });
  await t.step("output written before an error is kept", () => {
    const { e, out } = engine();
    assert.throws(() => e.once("write(partial), throw(x)"), PrologError);
    assert.equal(out(), "partial");
  });
  await t.step("each engine writes to its own sink", () => {
    const a = engine(), b = engine();
    a.e.once("write(a)");
    b.e.once("write(b)");
    assert.deepEqual([a.out(), b.out()], ["a", "b"]);
  });
});

Deno.test("Engine.format() writes terms as writeq/1", async (t) => {
  const { e } = engine();
  const rows: [string, Parameters<Engine["format"]>[0], string][] = [
    ["a quoted atom", mkAtom("Hello"), "'Hello'"],
    ["an operator term", mkStruct("+", [mkInt(1), mkInt(2)]), "1+2"],
    ["numbervars", mkStruct("$VAR", [mkInt(1)]), "B"],
    ["a list", mkStruct(".", [mkInt(1), mkAtom("[]")]), "[1]"],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.equal(e.format(term), expected));
  }
  await t.step("a variable prints as _Name", () => assert.match(e.format(new Var()), /^_/));
  await t.step("operators defined in the engine are used", () => {
    const { e: e2 } = engine(":- op(700, xfx, ===>).");
    assert.equal(e2.format(mkStruct("===>", [mkAtom("a"), mkAtom("b")])), "a===>b");
    assert.equal(e.format(mkStruct("===>", [mkAtom("a"), mkAtom("b")])), "===>(a,b)");
  });
});

Deno.test("Engines are independent", async (t) => {
  await t.step("a fact in one is absent from the other", () => {
    const a = engine("only_a(1).").e, b = engine().e;
    assert.ok(a.once("only_a(1)"));
    throwsProlog(b, "only_a(1)", /existence_error/);
  });
  await t.step("assertz/1 in one does not reach the other", () => {
    const a = engine().e, b = engine().e;
    a.once("assertz(shared_h13(1))");
    throwsProlog(b, "shared_h13(_)", /existence_error/);
  });
  await t.step("op/3 in one does not change parsing in the other", () => {
    const a = engine().e, b = engine().e;
    a.once("op(200, xfy, ^^)");
    assert.equal(a.once("X = (a ^^ b)")?.text.X, "a^^b");
    throwsProlog(b, "X = (a ^^ b)", /syntax_error/);
  });
  await t.step("flags in one do not affect the other", () => {
    const a = engine().e, b = engine().e;
    a.once("set_prolog_flag(double_quotes, atom)");
    assert.equal(a.once('X = "s"')?.text.X, "s");
    assert.equal(b.once('X = "s"')?.text.X, "[115]");
  });
  await t.step("global variables in one are absent from the other", () => {
    const a = engine().e, b = engine().e;
    a.once("nb_setval(h13_key, 1)");
    assert.equal(a.once("nb_getval(h13_key, V)")?.text.V, "1");
    assert.throws(() => b.once("nb_getval(h13_key, V)"), PrologError);
  });
  await t.step("a query running in one survives a query in the other", () => {
    const a = engine("p(1). p(2).").e, b = engine("p(3).").e;
    const it = a.query("p(X)");
    assert.equal(it.next().value?.text.X, "1");
    assert.equal(b.once("p(X)")?.text.X, "3");
    assert.equal(it.next().value?.text.X, "2");
  });
});

Deno.test("Engine survives extreme inputs", async (t) => {
  await t.step("a 10 MB clause holding one list", () => {
    const src = "big([" + "abcdefghi,".repeat(999_999) + "abcdefghi]).\n";
    assert.ok(src.length >= 10_000_000);
    const { e } = engine();
    assert.deepEqual(e.consult(src), []);
    assert.equal(e.once("big(L), length(L, N)")?.text.N, "1000000");
  });
  await t.step("deep recursion does not overflow the JS stack", () => {
    const { e } = engine(
      "len([], 0).\nlen([_|T], N) :- len(T, M), N is M + 1.\n" +
        "count(0) :- !.\ncount(N) :- M is N - 1, count(M).",
    );
    assert.ok(e.once("count(1000000)"));
    assert.equal(e.once("length(L, 1000000), len(L, N)")?.text.N, "1000000");
  });
  await t.step("a deeply nested answer converts to text and JS values", () => {
    const { e } = engine("nest(0, z) :- !.\nnest(N, s(T)) :- M is N - 1, nest(M, T).");
    const s = e.once("nest(100000, T)")!;
    assert.equal(s.text.T.length, 100_000 * 3 + 1);
    assert.equal(typeof s.bindings.T, "object");
  });
  await t.step("huge counts raise Prolog errors, not JS errors", () => {
    const { e } = engine();
    const goals = ["tab(2 ** 64)", "tab(10000000000)", "format('~*c', [10000000000, 0'a])"];
    const escaped: string[] = [];
    for (const goal of goals) {
      try {
        e.once(goal);
      } catch (err) {
        if (!(err instanceof PrologError)) escaped.push(`${goal}: ${err}`);
      }
    }
    assert.deepEqual(escaped, []);
  });
  await t.step("a deeply nested query is read and answered", () => {
    const { e } = engine();
    const s = e.once("X = " + "f(".repeat(200_000) + "a" + ")".repeat(200_000));
    assert.equal(s?.text.X.length, 200_000 * 3 + 1);
  });
  await t.step("a deeply nested clause loads", () => {
    const { e } = engine();
    const issues = e.consult("p(" + "[".repeat(200_000) + "]".repeat(200_000) + ").\nok.");
    assert.deepEqual(issues, []);
    assert.ok(e.once("p([[[_]]])"));
    assert.ok(e.once("ok"));
  });
});

/** A small deterministic generator (an LCG), so a failure can be replayed. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

// deno-fmt-ignore
const PIECES = [
  "a", "b", "X", "Y", "_", "f", "(", ")", "[", "]", "{", "}", "|", ",", ";", ".", ". ",
  "\n", " ", "'", '"', "`", "0", "1", "9", "0'", "0x", "1.5e", "+", "-", "*", "/", "\\",
  "=", ":-", "-->", "!", "%", "/*", "*/", "@", "#", "&", "^", "~", "<", ">", "?", "$",
  "é", "😀", "\t", "foo", "is", "->", "\\+", "call", "findall", "atom_length",
];

function randomText(next: () => number): string {
  let s = "";
  const n = Math.floor(next() * 30);
  for (let j = 0; j < n; j++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

// deno-fmt-ignore
const GOALS = [
  "atom_length/2", "atom_codes/2", "sub_atom/5", "atom_concat/3", "functor/3", "arg/3", "=../2",
  "copy_term/2", "is/2", "</2", "number_codes/2", "msort/2", "sort/4", "keysort/2", "length/2",
  "nth0/3", "findall/3", "bagof/3", "setof/3", "assertz/1", "retract/1", "format/2", "writeq/1",
  "write_term/2", "term_to_atom/2", "succ/2", "between/3", "append/3", "atom_string/2",
  "split_string/4", "sub_string/5", "catch/3", "call/3", "maplist/3", "foldl/4", "nb_setval/2",
  "setarg/3", "char_code/2", "open/3", "set_prolog_flag/2", "op/3", "char_type/2",
  "numbervars/3", "compare/3", "phrase/3", "atomic_list_concat/3", "clause/2", "read_term/2",
];
// deno-fmt-ignore
const ARGS = [
  "X", "Y", "_", "a", "'A b'", "0", "-1", "1.5", "-0.0", "1180591620717411303424", '"abc"',
  "[]", "[a|X]", "[1,2,3]", "f(X)", "f(a,b)", "0'a", "(a,b)", "(a:-b)", "[a-1,b-2]",
  "user_input", "1.0e300", "9007199254740993", "'$VAR'(1)", "{a}", "''", "1+a", "xfx", "1201",
  "[x,y|z]", "s(s(0))",
];

function randomGoal(next: () => number): string {
  const pi = GOALS[Math.floor(next() * GOALS.length)];
  const slash = pi.lastIndexOf("/");
  const args = Array.from(
    { length: Number(pi.slice(slash + 1)) },
    () => ARGS[Math.floor(next() * ARGS.length)],
  );
  return `${pi.slice(0, slash)}(${args.join(", ")})`;
}

Deno.test("Engine never crashes or hangs on random text", async (t) => {
  const next = generator(13);
  const inputs = Array.from({ length: 400 }, () => randomText(next));
  await t.step("queries throw nothing but PrologError", () => {
    const { e } = engine();
    for (const text of inputs) {
      try {
        for (const _ of e.query(text, { maxSteps: 10_000, maxSolutions: 5 })) { /* drain */ }
      } catch (err) {
        // QueryAborted is the budget this test imposes, not a failure.
        if (err instanceof PrologError || err instanceof QueryAborted) continue;
        assert.fail(`query ${JSON.stringify(text)} threw ${err}`);
      }
    }
  });
  await t.step("builtins called with odd arguments throw nothing but PrologError", () => {
    const goalNext = generator(7);
    let e = engine().e;
    for (let i = 0; i < 600; i++) {
      if (i % 100 === 0) e = engine().e;
      const goal = `${randomGoal(goalNext)}, ${randomGoal(goalNext)}`;
      try {
        for (const s of e.query(goal, { maxSteps: 20_000, maxSolutions: 3 })) {
          assert.equal(typeof s.text, "object");
        }
      } catch (err) {
        if (err instanceof PrologError || err instanceof QueryAborted) continue;
        assert.fail(`query ${JSON.stringify(goal)} threw ${err}`);
      }
    }
  });
  await t.step("consult never throws", () => {
    const { e } = engine();
    for (const text of inputs) {
      try {
        const issues = e.consult(text);
        assert.ok(Array.isArray(issues));
      } catch (err) {
        assert.fail(`consult ${JSON.stringify(text)} threw ${err}`);
      }
    }
  });
  await t.step("the engine still answers afterwards", () => {
    const { e } = engine();
    for (const text of inputs.slice(0, 50)) e.consult(text);
    assert.equal(e.once("X is 1 + 1")?.text.X, "2");
  });
});
