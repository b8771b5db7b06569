import assert from "node:assert/strict";
import { Engine, PrologError, QueryAborted } from "../../mod.ts";

function engine(src = ""): { e: Engine; out: () => string } {
  let text = "";
  const e = new Engine(src, { output: (s) => text += s, errorOutput: () => {} });
  return { e, out: () => text };
}

function all(e: Engine, goal: string, v: string): string[] {
  return [...e.query(goal)].map((s) => s.text[v]);
}

function errorText(e: Engine, goal: string): string {
  try {
    e.once(goal);
  } catch (err) {
    if (err instanceof PrologError) return e.format(err.term);
    throw err;
  }
  return "no error";
}

Deno.test("solver runs conjunction, disjunction and if-then-else", async (t) => {
  const { e } = engine("p(1). p(2). p(3).");
  const rows: [string, string, string[]][] = [
    ["conjunction", "p(X), X > 1", ["2", "3"]],
    ["disjunction", "(X = a ; X = b ; X = c)", ["a", "b", "c"]],
    ["if-then-else takes the first condition solution", "(p(Y) -> X = Y ; X = none)", ["1"]],
    ["if-then-else else branch", "(p(9) -> X = yes ; X = no)", ["no"]],
    ["if-then without else fails when the condition fails", "((p(9) -> X = yes) ; X = fallback)", [
      "fallback",
    ]],
    ["soft-cut keeps condition solutions", "(p(Y) *-> X = Y ; X = none)", ["1", "2", "3"]],
    ["soft-cut else branch", "(p(9) *-> X = yes ; X = no)", ["no"]],
    ["negation as failure", "(\\+ p(7) -> X = absent ; X = present)", ["absent"]],
    ["double negation binds nothing", "\\+ \\+ X = 1, (var(X) -> Y = unbound ; Y = bound), X = Y", [
      "unbound",
    ]],
    ["call/N adds arguments", "G = p, call(G, X)", ["1", "2", "3"]],
    ["call/N with a partial goal", "call(=(X), 5)", ["5"]],
    ["call of a conjunction", "call((p(X), X >= 2))", ["2", "3"]],
    ["findall collects in order", "findall(Y-Y, p(Y), X)", ["[1-1,2-2,3-3]"]],
    ["findall/4 with a tail", "findall(Y, p(Y), X, [end])", ["[1,2,3,end]"]],
    ["findall of a failing goal", "findall(Y, fail, X)", ["[]"]],
    ["the infix bar runs as a disjunction", "(X = a | X = b ; X = c)", ["a", "b", "c"]],
    ["the infix bar with if-then-else", "(p(9) -> X = yes | X = no)", ["no"]],
    ["call/1 of '|'/2", "G = '|'(X = 1, X = 2), call(G)", ["1", "2"]],
  ];
  for (const [name, goal, expected] of rows) {
    await t.step(name, () => assert.deepEqual(all(e, goal, "X"), expected));
  }
});

Deno.test("body variables first used after a choicepoint are reset on backtracking", () => {
  // B is created after member/2 leaves a choicepoint; its binding to 1 must
  // be undone when member/2 is retried, or the second attempt cannot succeed.
  const { e } = engine("t(L) :- member(A, [1,2]), L = [B], B = A, A > 1.");
  assert.deepEqual(all(e, "t(L)", "L"), ["[2]"]);
});

Deno.test("solver scopes cut correctly", async (t) => {
  const { e } = engine(`
    p(1). p(2). p(3).
    first(X) :- p(X), !.
    local(X) :- call((p(X), !)) ; X = 9.
    cond(X) :- ( p(X), ! -> true ; true ).
    then_cut(X) :- ( true -> p(X), ! ; true ).
    else_cut(X) :- ( fail -> true ; p(X), ! ).
    after_ite(X) :- ( true -> true ; true ), p(X), !.
    neg(X) :- p(X), \\+ (p(Y), !, Y > 5).
    cut_in_catch(X) :- catch((p(X), !), _, true).
    cut_disj(X) :- ( p(X), ! ; X = 9 ).
    cut_bar(X) :- ( p(X), ! | X = 9 ).
  `);
  const rows: [string, string, string[]][] = [
    ["clause-level cut", "first(X)", ["1"]],
    ["cut inside call/1 is local", "local(X)", ["1", "9"]],
    ["cut in the if-then-else condition is local", "cond(X)", ["1"]],
    ["cut in the then branch cuts the clause", "then_cut(X)", ["1"]],
    ["cut in the else branch cuts the clause", "else_cut(X)", ["1"]],
    ["cut after an if-then-else", "after_ite(X)", ["1"]],
    ["cut inside \\+ is local", "neg(X)", ["1", "2", "3"]],
    ["cut inside catch/3 is local", "cut_in_catch(X)", ["1"]],
    ["cut in a disjunction cuts the clause", "cut_disj(X)", ["1"]],
    ["cut in an infix-bar disjunction cuts the clause", "cut_bar(X)", ["1"]],
    ["cut at the query level", "p(X), !", ["1"]],
  ];
  for (const [name, goal, expected] of rows) {
    await t.step(name, () => assert.deepEqual(all(e, goal, "X"), expected));
  }
});

Deno.test("catch/3 and throw/1 follow ISO 7.8.9", async (t) => {
  const { e } = engine(`
    thrower :- throw(my_error(1)).
    after(X) :- catch(member(X, [1,2,3]), _, true), X >= 2, throw(found(X)).
    rethrow :- catch(throw(inner), outer, true).
  `);
  await t.step("catches a matching ball", () => {
    assert.deepEqual(all(e, "catch(thrower, my_error(X), true)", "X"), ["1"]);
  });
  await t.step("the ball is copied, bindings are undone", () => {
    assert.deepEqual(all(e, "catch((Y = 1, throw(f(Y))), f(X), true), var(Y)", "X"), ["1"]);
  });
  await t.step("a non-matching catcher passes the ball on", () => {
    assert.equal(errorText(e, "rethrow"), "inner");
  });
  await t.step("catch is not active after its goal exits", () => {
    assert.equal(errorText(e, "catch(true, _, true), throw(late)"), "late");
  });
  await t.step("a catch re-activates on backtracking into its goal", () => {
    assert.deepEqual(
      all(e, "catch(after(X), found(Y), true), X = Y", "X"),
      ["2"],
    );
  });
  await t.step("recovery runs with the continuation of catch/3", () => {
    assert.deepEqual(all(e, "catch(thrower, _, X = recovered), true", "X"), ["recovered"]);
  });
  await t.step("throw of a variable is an instantiation error", () => {
    assert.match(errorText(e, "throw(_)"), /^error\(instantiation_error/);
  });
  await t.step("unknown procedure raises existence_error", () => {
    assert.match(errorText(e, "nope(1)"), /^error\(existence_error\(procedure,nope\/1\)/);
  });
  await t.step("calling a non-callable raises type_error(callable)", () => {
    assert.match(errorText(e, "call(1)"), /^error\(type_error\(callable,1\)/);
    assert.match(errorText(e, "call((fail, 1))"), /^error\(type_error\(callable,\(fail,1\)\)/);
  });
  await t.step("calling a variable raises instantiation_error", () => {
    assert.match(errorText(e, "call(_)"), /^error\(instantiation_error/);
  });
  await t.step("errors from builtins are catchable", () => {
    assert.deepEqual(
      all(e, "catch(atom_length(_, _), error(X, _), true)", "X"),
      ["instantiation_error"],
    );
  });
});

Deno.test("solver runs deep recursion without growing the JS stack", async (t) => {
  const { e } = engine(`
    count(0) :- !.
    count(N) :- N1 is N - 1, count(N1).
    len([], 0).
    len([_|T], N) :- len(T, N0), N is N0 + 1.
    mklist(0, []) :- !.
    mklist(N, [N|T]) :- N1 is N - 1, mklist(N1, T).
  `);
  await t.step("tail recursion 1,000,000 deep", () => {
    assert.ok(e.once("count(1000000)"));
  });
  await t.step("non-tail recursion 1,000,000 deep", () => {
    assert.equal(e.once("mklist(1000000, L), len(L, N)")?.bindings.N, 1000000);
  });
});

Deno.test("long lists written in clauses are called without growing the JS stack", async (t) => {
  const n = 200_000;
  const list = `[${Array.from({ length: n }, (_, i) => i).join(",")}]`;
  const { e } = engine(`
    big(${list}).
    body(L) :- L = ${list}.
    pair(f(${list}, X), X).
  `);
  await t.step("a fact's list given to a variable", () => {
    assert.equal(e.once("big(L), length(L, N)")?.bindings.N, n);
  });
  await t.step("a fact's list unified with a bound list", () => {
    assert.equal(e.once("numlist(0, " + (n - 1) + ", L), big(L)") !== null, true);
    assert.equal(e.once("big([0, 1|T]), length(T, N)")?.bindings.N, n - 2);
    assert.equal(e.once("numlist(1, " + n + ", L), big(L)"), null);
  });
  await t.step("a body's list", () => {
    assert.equal(e.once("body(L), last(L, X)")?.bindings.X, n - 1);
  });
  await t.step("a list beside a variable in a head", () => {
    assert.equal(e.once("pair(T, z), T = f(L, Z), length(L, N)")?.text.Z, "z");
  });
});

Deno.test("first-argument indexing leaves no choicepoint when one clause matches", async (t) => {
  const facts = Array.from({ length: 20 }, (_, i) => `f(${i}, v${i}).`).join("\n");
  const { e } = engine(`
    ${facts}
    g(a, 1). g(b, 2). g(c(_), 3). g([], 4). g([_|_], 5).
    h(X, Y) :- g(X, Y).
  `);
  const rows: [string, boolean][] = [
    ["f(7, X)", true],
    ["f(19, X)", true],
    ["g(a, X)", true],
    ["g(c(1), X)", true],
    ["g([], X)", true],
    ["g([1], X)", true],
    ["h(b, X)", true],
    ["f(_, X)", false],
    ["g(_, X)", false],
  ];
  for (const [goal, det] of rows) {
    await t.step(`${goal} is ${det ? "" : "not "}deterministic`, () => {
      const s = e.once(goal);
      assert.ok(s !== null);
      assert.equal(s.deterministic, det);
    });
  }
});

Deno.test("query budget and abort signal stop a runaway query", async (t) => {
  const { e } = engine("loop :- loop. spin(X) :- spin(X).");
  await t.step("step budget", () => {
    assert.throws(() => e.once("loop", { maxSteps: 100000 }), QueryAborted);
  });
  await t.step("the engine is usable afterwards", () => {
    assert.equal(e.once("X = 1")?.bindings.X, 1);
  });
  await t.step("budget cannot be caught by catch/3", () => {
    assert.throws(() => e.once("catch(spin(1), _, true)", { maxSteps: 50000 }), QueryAborted);
  });
  await t.step("abort signal", () => {
    const c = new AbortController();
    c.abort("stop");
    assert.throws(() => e.once("loop", { signal: c.signal }), QueryAborted);
  });
});

Deno.test("Engine.query iterates solutions and respects maxSolutions", async (t) => {
  const { e } = engine("n(1). n(2). n(3).");
  await t.step("maxSolutions", () => {
    assert.equal([...e.query("n(X)", { maxSolutions: 2 })].length, 2);
  });
  await t.step("bindings as JS values and text", () => {
    const s = e.once("X = f(\"ab\", [1, 2.5], 'A b')")!;
    assert.deepEqual(s.bindings.X, { functor: "f", args: [[97, 98], [1, 2.5], "A b"] });
    assert.equal(s.text.X, "f([97,98],[1,2.5],'A b')");
  });
  await t.step("bigints come back as bigint", () => {
    const s = e.once("X is 2 ** 100")!;
    assert.equal(s.bindings.X, 2n ** 100n);
  });
  await t.step("a syntax error in the query is a PrologError", () => {
    assert.throws(() => e.once("foo("), (err) => {
      return err instanceof PrologError && /syntax_error/.test(err.message);
    });
  });
  await t.step("starting a new query leaves the previous one open", () => {
    const first = e.query("n(X)");
    assert.equal(first.next().value?.bindings.X, 1);
    assert.equal(e.once("n(Y)")?.bindings.Y, 1);
    assert.equal(first.next().value?.bindings.X, 2);
  });
});

Deno.test("occurs_check flag changes unification", async (t) => {
  const { e } = engine("p(X, X).");
  await t.step("false (default) builds the binding", () => {
    assert.ok(e.once("X = f(Y), Y = 1"));
  });
  await t.step("true fails instead of building a cycle", () => {
    e.once("set_prolog_flag(occurs_check, true)");
    assert.equal(e.once("X = f(X)"), null);
    assert.equal(e.once("p(Y, f(Y))"), null);
    assert.deepEqual(e.once("X = f(Y)")?.bindings.X, { functor: "f", args: [null] });
  });
  await t.step("error raises occurs_check", () => {
    e.once("set_prolog_flag(occurs_check, error)");
    assert.match(errorText(e, "X = f(X)"), /^error\(occurs_check\(/);
    assert.match(errorText(e, "p(Y, f(Y))"), /^error\(occurs_check\(/);
    e.once("set_prolog_flag(occurs_check, false)");
  });
});

Deno.test("control errors follow ISO", async (t) => {
  const { e } = engine();
  await t.step("\\+ of a non-callable names the argument", () => {
    assert.match(errorText(e, "\\+ 3"), /^error\(type_error\(callable,3\)/);
  });
  await t.step("an unreached non-callable under \\+ is no error", () => {
    assert.equal(e.once("call((fail, \\+ 3))"), null);
  });
  await t.step("findall/3 checks its result argument", () => {
    assert.match(errorText(e, "findall(X, (X=1;X=2), 12)"), /^error\(type_error\(list,12\)/);
    assert.match(
      errorText(e, "findall(X, (X=1;X=2), [a|b])"),
      /^error\(type_error\(list,\[a\|b\]\)/,
    );
    assert.equal(e.once("findall(X, (X=1;X=2), [A|B])")?.text.B, "[2]");
  });
});

Deno.test("a directive that changes double_quotes affects the rest of the text", () => {
  const { e } = engine(':- set_prolog_flag(double_quotes, atom).\nt("ab").');
  assert.equal(e.once("t(X)")?.bindings.X, "ab");
});

Deno.test("inline arithmetic results are undone on backtracking", () => {
  // N1 is first bound after member/2's choicepoint; retrying member must reset it.
  const { e } = engine("t(N1) :- member(N, [1,2,3]), N1 is N * 10, N1 > 15.");
  assert.deepEqual(all(e, "t(X)", "X"), ["20", "30"]);
});

Deno.test("a cut reached through a bound variable cuts the called goal", () => {
  const { e } = engine();
  assert.deepEqual(all(e, "Z = !, G = ((X = 1 ; X = 2), Z), call(G)", "X"), ["1"]);
});

Deno.test("cyclic terms (no occurs check) are answered and written without hanging", () => {
  const { e, out } = engine();
  const s = e.once("X = f(X, Y), Y = g(X)")!;
  assert.ok(s.text.X.startsWith("f(f("));
  assert.ok(s.text.X.length < 200000);
  assert.equal(typeof s.bindings.X, "string");
  assert.ok(e.once("L = [a|L], write(L), nl"));
  assert.ok(out().startsWith("[a,a,a"));
  assert.ok(e.once("X = f(X), acyclic_term(f(a))"));
  assert.equal(e.once("X = f(X), acyclic_term(X)"), null);
});

Deno.test("indexing picks the argument that tells clauses apart", () => {
  // The first argument is a variable in every clause; the second is not.
  const { e } = engine(`
    rm(_, [], []).
    rm(P, [I|Is], [I|Ns]) :- I mod P =\\= 0, !, rm(P, Is, Ns).
    rm(P, [_|Is], Ns) :- rm(P, Is, Ns).
  `);
  const s = e.once("rm(2, [], L)")!;
  assert.equal(s.deterministic, true);
  assert.equal(e.once("rm(2, [1,2,3,4,5], L)")!.text.L, "[1,3,5]");
  assert.equal(
    e.machine.db.get(e.machine.db.preds.find((p) => p?.fn.indicator === "rm/3")!.fn)!
      .indexArg,
    1,
  );
});
