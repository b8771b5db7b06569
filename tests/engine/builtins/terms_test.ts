import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { table } from "./_expect_table.ts";

/** Every solution's bindings of `names`, as writeq text joined by spaces. */
function all(e: Engine, goal: string, names: string[], max = 100): string[] {
  return [...e.query(goal, { maxSolutions: max })].map((s) =>
    names.map((n) => s.text[n]).join(" ")
  );
}

Deno.test("unify_with_occurs_check/2 never builds cyclic terms (ISO 8.2.2)", async (t) => {
  await table(t, [
    ["unify_with_occurs_check(1, 1)", true],
    ["unify_with_occurs_check(X, 1)", { X: "1" }],
    ["unify_with_occurs_check(X, Y), X == Y", true],
    ["unify_with_occurs_check(_, _)", true],
    ["unify_with_occurs_check(f(X, Y), f(Y, a))", { X: "a", Y: "a" }],
    ["unify_with_occurs_check(f(X, 1), f(a(X)))", false],
    ["unify_with_occurs_check(f(X, Y, X), f(a(X), a(Y), Y, 2))", false],
    ["unify_with_occurs_check(X, f(X))", false],
    ["unify_with_occurs_check(f(X, Y, X), f(a(X), a(Y), Y))", false],
    ["unify_with_occurs_check([X|T], [a, b|T])", false],
    ["unify_with_occurs_check(f(X, X), f(Y, g(Y)))", false],
  ]);
});

Deno.test("\\=/2 succeeds for non-unifiable terms and binds nothing (ISO 8.2.3)", async (t) => {
  await table(t, [
    ["1 \\= 1", false],
    ["X \\= 1", false],
    ["f(X, Y, X) \\= f(a(X), a(Y), Y, 2)", true],
    ["f(X, a) \\= f(b, Y)", false],
    ["f(X, a, X) \\= f(b, Y, c)", true],
    ["\\+ f(X, a) \\= f(b, Y), var(X), var(Y)", true],
    ["a \\= b", true],
    ["1 \\= 1.0", true],
  ]);
});

Deno.test("subsumes_term/2 (ISO 8.2.4)", async (t) => {
  await table(t, [
    ["subsumes_term(a, a)", true],
    ["subsumes_term(f(_, _), f(Z, Z))", true],
    ["subsumes_term(f(Z, Z), f(_, _))", false],
    ["subsumes_term(g(X), g(f(X)))", false],
    ["subsumes_term(X, f(X))", false],
    ["subsumes_term(X, Y), subsumes_term(Y, f(X))", true],
    ["subsumes_term(f(X, Y), f(a, b)), var(X), var(Y)", true],
    ["subsumes_term(f(a), f(_))", false],
    ["subsumes_term(f(X, X), f(a, b))", false],
    ["subsumes_term(f(X, X), f(a, a))", true],
  ]);
});

Deno.test("?=/2 succeeds when unifiability is decided", async (t) => {
  await table(t, [
    ["?=(a, a)", true],
    ["?=(a, b)", true],
    ["?=(X, X)", true],
    ["?=(X, a)", false],
    ["?=(f(X), f(Y))", false],
    ["?=(f(X, a), f(Y, b))", true],
    ["?=(X, Y), var(X), var(Y), X \\== Y", false],
    ["\\+ ?=(X, a), var(X)", true],
  ]);
});

Deno.test("functor/3 (ISO 8.5.1)", async (t) => {
  await table(t, [
    ["functor(foo(a, b, c), foo, 3)", true],
    ["functor(foo(a, b, c), X, Y)", { X: "foo", Y: "3" }],
    ["functor(X, foo, 3), X = foo(_, _, _)", true],
    ["functor(X, foo, 3), X = foo(A, B, C), A \\== B, B \\== C", true],
    ["functor(X, foo, 0)", { X: "foo" }],
    ["functor(mats(A, B), A, B)", { A: "mats", B: "2" }],
    ["functor(foo(a), foo, 2)", false],
    ["functor(foo(a), fo, 1)", false],
    ["functor(1, X, Y)", { X: "1", Y: "0" }],
    ["functor(X, 1.1, 0)", { X: "1.1" }],
    ["functor(X, 1.5, 0)", { X: "1.5" }],
    ["functor([_|_], '.', 2)", true],
    ["functor([], [], 0)", true],
    ["functor(abc, N, A)", { N: "abc", A: "0" }],
    ["functor(X, Y, 3)", { error: "instantiation_error" }],
    ["functor(X, foo, N)", { error: "instantiation_error" }],
    ["functor(X, foo, a)", { error: "type_error(integer,a)" }],
    ["functor(F, 1.5, 1)", { error: "type_error(atom,1.5)" }],
    ["functor(F, foo(a), 1)", { error: "type_error(atomic,foo(a))" }],
    ["functor(T, foo, -1)", { error: "domain_error(not_less_than_zero,-1)" }],
    ["functor(T, foo, 100000000)", { error: "representation_error(max_arity)" }],
    [
      "functor(T, foo, 100000000000000000000000)",
      { error: "representation_error(max_arity)" },
    ],
  ]);
});

// ISO 8.5.2.3 a: an unbound N is an instantiation error. SWI-Prolog
// enumerates the arguments instead; Byrd follows ISO here.
Deno.test("arg/3 (ISO 8.5.2)", async (t) => {
  await table(t, [
    ["arg(1, foo(a, b), a)", true],
    ["arg(1, foo(a, b), X)", { X: "a" }],
    ["arg(1, foo(X, b), a)", { X: "a" }],
    ["arg(1, foo(X, b), Y), X == Y", true],
    ["arg(1, foo(a, b), b)", false],
    ["arg(0, foo(a, b), foo)", false],
    ["arg(3, foo(3, 4), N)", false],
    ["arg(100000000000000000000000, foo(a), X)", false],
    ["arg(2, [a|T], X), X == T", true],
    ["arg(X, foo(a, b), a)", { error: "instantiation_error" }],
    ["arg(N, f(a, b, a), A)", { error: "instantiation_error" }],
    ["arg(N, atom, A)", { error: "instantiation_error" }],
    ["arg(N, T, A)", { error: "instantiation_error" }],
    ["arg(1, X, a)", { error: "instantiation_error" }],
    ["arg(0, atom, A)", { error: "type_error(compound,atom)" }],
    ["arg(0, 3, A)", { error: "type_error(compound,3)" }],
    ["arg(a, foo(a, b), X)", { error: "type_error(integer,a)" }],
    ["arg(-3, foo(a, b), A)", { error: "domain_error(not_less_than_zero,-3)" }],
    [
      "arg(-100000000000000000000000, foo(a), X)",
      { error: "domain_error(not_less_than_zero,-100000000000000000000000)" },
    ],
  ]);
  const e = new Engine();
  await t.step("arg/3 leaves no choicepoint", () => {
    const s = e.once("arg(2, f(a, b, a), A)");
    assert.equal(s?.text.A, "b");
    assert.equal(s?.deterministic, true);
  });
});

Deno.test("=../2 (ISO 8.5.3)", async (t) => {
  await table(t, [
    ["foo(a, b) =.. [foo, a, b]", true],
    ["X =.. [foo, a, b]", { X: "foo(a,b)" }],
    ["foo(a, b) =.. L", { L: "[foo,a,b]" }],
    ["foo(X, b) =.. [foo, a, Y]", { X: "a", Y: "b" }],
    ["1 =.. [1]", true],
    ["X =.. [1.5]", { X: "1.5" }],
    ["X =.. [foo]", { X: "foo" }],
    ["[a] =.. L", { L: "['.',a,[]]" }],
    ["foo(a, b) =.. [foo, b, a]", false],
    ["f(a) =.. [F|Args]", { F: "f", Args: "[a]" }],
    ["X =.. Y", { error: "instantiation_error" }],
    ["X =.. [foo, a|Y]", { error: "instantiation_error" }],
    ["X =.. [foo|bar]", { error: "type_error(list,[foo|bar])" }],
    ["X =.. [Foo, bar]", { error: "instantiation_error" }],
    ["X =.. [3, 1]", { error: "type_error(atom,3)" }],
    ["X =.. [1.1, foo]", { error: "type_error(atom,1.1)" }],
    ["X =.. [a(b), 1]", { error: "type_error(atom,a(b))" }],
    ["X =.. 4", { error: "type_error(list,4)" }],
    ["X =.. []", { error: "domain_error(non_empty_list,[])" }],
    ["X =.. [f(a)]", { error: "type_error(atomic,f(a))" }],
    ["f(a) =.. [f|b]", { error: "type_error(list,[f|b])" }],
    ["_L = [f, a|_L], _X =.. _L", { error: "type_error(list," }],
    ["_L = [a|_L], f(x) =.. _L", { error: "type_error(list," }],
  ]);
});

Deno.test("compound_name_arity/3 (SWI-Prolog)", async (t) => {
  await table(t, [
    ["compound_name_arity(foo(a, b), N, A)", { N: "foo", A: "2" }],
    ["compound_name_arity([a], N, A)", { N: "'.'", A: "2" }],
    ["compound_name_arity(T, foo, 2), T = foo(X, Y), X \\== Y", true],
    ["compound_name_arity(foo(a), foo, 2)", false],
    ["compound_name_arity(a, N, A)", { error: "type_error(compound,a)" }],
    ["compound_name_arity(1, N, A)", { error: "type_error(compound,1)" }],
    ["compound_name_arity(T, N, 2)", { error: "instantiation_error" }],
    ["compound_name_arity(T, foo, A)", { error: "instantiation_error" }],
    ["compound_name_arity(T, foo, a)", { error: "type_error(integer,a)" }],
    ["compound_name_arity(T, foo, -1)", { error: "domain_error(not_less_than_zero,-1)" }],
    ["compound_name_arity(T, 1, 2)", { error: "type_error(atom,1)" }],
    ["compound_name_arity(T, f(x), 2)", { error: "type_error(atomic,f(x))" }],
    ["compound_name_arity(T, foo, 0)", { error: "domain_error(compound_non_zero_arity,foo)" }],
    ["compound_name_arity(T, foo, 100000000)", { error: "representation_error(max_arity)" }],
  ]);
});

Deno.test("compound_name_arguments/3 (SWI-Prolog)", async (t) => {
  await table(t, [
    ["compound_name_arguments(foo(a, B), N, L), N == foo, L == [a, B]", true],
    ["compound_name_arguments(T, foo, [a, b])", { T: "foo(a,b)" }],
    ["compound_name_arguments(T, '.', [a, []])", { T: "[a]" }],
    ["compound_name_arguments(foo(a), foo, [b])", false],
    ["compound_name_arguments(a, N, L)", { error: "type_error(compound,a)" }],
    ["compound_name_arguments(T, foo, L)", { error: "instantiation_error" }],
    ["compound_name_arguments(T, foo, [a|_])", { error: "instantiation_error" }],
    ["compound_name_arguments(T, foo, [a|b])", { error: "type_error(list,[a|b])" }],
    ["compound_name_arguments(T, N, [a])", { error: "instantiation_error" }],
    ["compound_name_arguments(T, 1.5, [a])", { error: "type_error(atom,1.5)" }],
    ["compound_name_arguments(T, foo, [])", { error: "domain_error(compound_non_zero_arity,foo)" }],
  ]);
});

Deno.test("copy_term/2 (ISO 8.5.4)", async (t) => {
  await table(t, [
    ["copy_term(X, Y), X \\== Y", true],
    ["copy_term(_, a)", true],
    ["copy_term(a + X, X + b)", { X: "a" }],
    ["copy_term(_, _)", true],
    ["copy_term(X + X + Y, A + B + B), A == B", true],
    ["copy_term(a, b)", false],
    ["copy_term(a + X, X + b), copy_term(a + X, X + b)", false],
    ["copy_term(f(X, Y, X), f(A, B, C)), A == C, A \\== B, A \\== X", true],
    ["copy_term(f(a, [b]), C)", { C: "f(a,[b])" }],
  ]);
});

Deno.test("term_variables/2,3 (ISO 8.5.5)", async (t) => {
  await table(t, [
    ["term_variables(t, Vars)", { Vars: "[]" }],
    ["term_variables(A + B * C / B - D, Vars), Vars == [A, B, C, D]", true],
    ["term_variables(f(X, g(Y, X), [Z|W]), Vs), Vs == [X, Y, Z, W]", true],
    ["term_variables(t, [_, _|a])", { error: "type_error(list,[_" }],
    ["term_variables(f(X, Y), [a])", false],
    ["X = f(Y), term_variables(X, Vs), Vs == [Y]", true],
    ["term_variables(f(X, Y), Vs, [end]), Vs = [A, B, E], A == X, B == Y", { E: "end" }],
    ["term_variables(a, Vs, T), Vs == T", true],
    ["length(_L, 100000), term_variables(_L, _Vs), length(_Vs, N)", { N: "100000" }],
  ]);
});

Deno.test("term_variables/2,3, numbervars/3 and subsumes_term/2 walk cyclic terms once", async (t) => {
  // As in SWI-Prolog, each compound of a cyclic term is walked once. Cyclic
  // terms are bound to _-variables, which answers leave out.
  const e = new Engine(`
    dag(0, V) :- !, V = v(_).
    dag(N, f(T, T)) :- N1 is N - 1, dag(N1, T).
  `);
  await table(t, [
    ["_X = f(_X, Z), term_variables(_X, Vs), Vs == [Z]", true],
    ["_X = f(_X), term_variables(_X, Vs)", { Vs: "[]" }],
    ["_X = f(g(_X, A), B), term_variables(_X, Vs), Vs == [A, B]", true],
    ["_X = f(_X, A, g(_X, B), A), term_variables(_X, Vs), Vs == [A, B]", true],
    ["_X = [A, B|_X], term_variables(_X, Vs, T), Vs == [A, B|T]", true],
    ["_X = f(_X, A), term_variables(g(B, _X, C), Vs), Vs == [B, A, C]", true],
    // A cycle of 5000 cells, found by the later, longer checks.
    ["length(_P, 5000), append(_P, _L, _L), term_variables(_L, Vs), length(Vs, N)", { N: "5000" }],
    // 2^200 paths through 200 distinct compounds.
    ["dag(200, _T), term_variables(_T, Vs), length(Vs, N)", { N: "1" }],
    ["_X = f(_X, Z, Y, Z), numbervars(_X, 0, E), Z == '$VAR'(0), Y == '$VAR'(1)", { E: "2" }],
    ["_X = f(_X), numbervars(_X, 3, E)", { E: "3" }],
    ["_X = [A|_X], numbervars(_X, 0, E), A == '$VAR'(0)", { E: "1" }],
    ["_X = f(_X), subsumes_term(_X, _X)", true],
    ["_X = f(_X, Z), subsumes_term(f(_, _), _X)", true],
    ["_X = f(_X, Z), subsumes_term(_X, f(a, b))", false],
    ["_L = [A|_L], term_variables(f(A), _L)", { error: "type_error(list," }],
  ], e);
});

Deno.test("setarg/3 is undone on backtracking", async (t) => {
  await table(t, [
    ["T = f(a), setarg(1, T, x)", { T: "f(x)" }],
    ["T = f(a), (setarg(1, T, x), fail ; true)", { T: "f(a)" }],
    ["T = f(a, b), (setarg(1, T, x), setarg(2, T, y), fail ; true)", { T: "f(a,b)" }],
    ["T = f(a), (setarg(1, T, x), setarg(1, T, y), fail ; true)", { T: "f(a)" }],
    ["T = f(a), setarg(1, T, x), (setarg(1, T, y), fail ; true)", { T: "f(x)" }],
    ["T = f(a), \\+ \\+ (setarg(1, T, x), T == f(x)), T == f(a)", true],
    ["T = f(a), catch((setarg(1, T, x), throw(e)), e, true)", { T: "f(a)" }],
    ["T = f(a), (member_(X, [1, 2]), setarg(1, T, X), X == 2 -> true ; true)", { T: "f(2)" }],
    ["T = f(a), setarg(1, T, V), V = z", { T: "f(z)" }],
    ["T = [a, b], setarg(2, T, [])", { T: "[a]" }],
    ["setarg(0, f(a), x)", false],
    ["setarg(2, f(a), x)", false],
    ["setarg(N, f(a), x)", { error: "instantiation_error" }],
    ["setarg(1, T, x)", { error: "instantiation_error" }],
    ["setarg(a, f(a), x)", { error: "type_error(integer,a)" }],
    ["setarg(1, foo, x)", { error: "type_error(compound,foo)" }],
  ], new Engine("member_(X, [X|_]). member_(X, [_|T]) :- member_(X, T)."));
});

Deno.test("nb_setarg/3 survives backtracking", async (t) => {
  await table(t, [
    ["T = f(a), (nb_setarg(1, T, x), fail ; true)", { T: "f(x)" }],
    ["T = f(0), (member_(X, [1, 2, 3]), nb_setarg(1, T, X), fail ; true)", { T: "f(3)" }],
    ["T = f(a), (nb_setarg(1, T, g(V)), V = 1, fail ; true), T = f(g(W)), var(W)", true],
    ["T = f(a), nb_setarg(1, T, g(V)), T = f(g(W)), W \\== V", true],
    ["nb_setarg(2, f(a), x)", false],
    ["nb_setarg(1, T, x)", { error: "instantiation_error" }],
    ["nb_setarg(1, foo, x)", { error: "type_error(compound,foo)" }],
  ], new Engine("member_(X, [X|_]). member_(X, [_|T]) :- member_(X, T)."));
});

Deno.test("setarg/3 and nb_setarg/3 never change a clause", async (t) => {
  // Each call gets its own copy of a clause's compounds (as in SWI-Prolog).
  const src = `
    counter(c(0)).
    bump :- counter(C), arg(1, C, N), N1 is N + 1, nb_setarg(1, C, N1).
    mark :- counter(C), setarg(1, C, x), C == c(x).
    fresh(C) :- C = c(0).
    list([a, b]).
    mk(T) :- T = f(a).
    tick(Old) :- S = s(0), arg(1, S, Old), nb_setarg(1, S, done).
  `;
  await table(t, [
    ["bump, bump, counter(X)", { X: "c(0)" }],
    ["mark, counter(X)", { X: "c(0)" }],
    ["fresh(C), nb_setarg(1, C, 9), fresh(D)", { C: "c(9)", D: "c(0)" }],
    ["list(L), nb_setarg(1, L, z), list(M)", { L: "[z,b]", M: "[a,b]" }],
    ["mk(T), setarg(1, T, b), mk(U)", { U: "f(a)" }],
    ["tick(A), tick(B)", { B: "0" }],
  ], new Engine(src));
});

Deno.test("numbervars/3 binds variables to '$VAR'(N)", async (t) => {
  await table(t, [
    ["T = f(X, Y, X), numbervars(T, 0, E)", { T: "f(A,B,A)", E: "2" }],
    ["T = f(X, Y), numbervars(T, 23, E)", { T: "f(X,Y)", E: "25" }],
    ["numbervars(f(a), 5, E)", { E: "5" }],
    ["numbervars(X, 0, E), X == '$VAR'(0)", { E: "1" }],
    ["numbervars(f(X), 0, 0)", false],
    ["numbervars(f(X), S, E)", { error: "instantiation_error" }],
    ["numbervars(f(X), a, E)", { error: "type_error(integer,a)" }],
  ]);
});

Deno.test("length/2 in all modes", async (t) => {
  await table(t, [
    ["length([a, b, c], N)", { N: "3" }],
    ["length([], N)", { N: "0" }],
    ["length([a, b], 2)", true],
    ["length([a, b], 3)", false],
    ["length(L, 2), L = [x, y]", { L: "[x,y]" }],
    ["length(L, 0)", { L: "[]" }],
    ["length([a|T], 3), T = [b, c]", true],
    ["length([a, b|T], 1)", false],
    ["length([a|T], N), N == 1, T == []", true],
    ["length(L, L)", false],
    ["length([a|L], L)", false],
    ["length([X], X)", { X: "1" }],
    ["length(L, N)", { L: "[]", N: "0" }],
    ["length(L, -1)", { error: "domain_error(not_less_than_zero,-1)" }],
    ["length([a], -1)", { error: "domain_error(not_less_than_zero,-1)" }],
    ["length(L, a)", { error: "type_error(integer,a)" }],
    ["length([a, b], 1.0)", { error: "type_error(integer,1.0)" }],
    ["length([a, b|c], N)", { error: "type_error(list,[a,b|c])" }],
    ["length(foo, N)", { error: "type_error(list,foo)" }],
    ["length(L, 100000000000)", { error: "resource_error(memory)" }],
    ["length(L, 100000000000000000000000)", { error: "resource_error(memory)" }],
    // SWI-Prolog: a cyclic list is not a list, whatever the length asked.
    ["_L = [a|_L], length(_L, N)", { error: "type_error(list," }],
    ["_L = [a, b, c|_L], length(_L, 3)", { error: "type_error(list," }],
    ["_L = [a|_L], length([x, y|_L], N)", { error: "type_error(list," }],
    ["length(_P, 5000), append(_P, _L, _L), length(_L, N)", { error: "type_error(list," }],
  ]);
  const e = new Engine();
  await t.step("length(L, N) enumerates lengths 0, 1, 2, 3", () => {
    assert.deepEqual(all(e, "length(L, N)", ["N"], 4), ["0", "1", "2", "3"]);
    const lists = all(e, "length(L, N)", ["L"], 3);
    assert.equal(lists[0], "[]");
    assert.match(lists[1], /^\[_[A-Z0-9]*\]$/);
    assert.match(lists[2], /^\[_[A-Z0-9]*,_[A-Z0-9]*\]$/);
  });
  await t.step("length([a|T], N) enumerates from the known prefix", () => {
    assert.deepEqual(all(e, "length([a|T], N)", ["N"], 3), ["1", "2", "3"]);
  });
  await t.step("length(L, 2) and length([a], N) are deterministic", () => {
    assert.equal(all(e, "length(L, 2)", ["L"]).length, 1);
    assert.equal(all(e, "length([a], N)", ["N"]).length, 1);
    assert.equal(all(e, "length([a|T], 3)", ["T"]).length, 1);
  });
  // The enumeration reuses the previous solution's cells: backtracking must
  // have undone their bindings (a stale one would fail every later length).
  await table(t, [
    ["length(L, N), nth1(N, L, N), N >= 4, !, L = [A, B, C, 4]", { N: "4" }],
    ["length(L, N), L = [N|_], N >= 3, !, L = [3, X, Y]", { N: "3" }],
    ["findall(N-L, (length(L, N), (N < 3 -> true ; !, fail)), [0-[], 1-[_], 2-[_, _]])", true],
  ]);
  await t.step("length(L, N) reaches length 200,000 in linear time", () => {
    // Building each list afresh took O(N^2) cells: minutes for this. A timer
    // cannot fire during a synchronous query, so the deadline is polled.
    const deadline = performance.now() + 10_000;
    const signal = {
      get aborted() {
        return performance.now() > deadline;
      },
      reason: "too slow",
    } as AbortSignal;
    const s = e.once("length(_L, N), N >= 200000, !, nth1(N, _L, z), last(_L, Z)", { signal });
    assert.equal(s?.text.Z, "z");
  });
});
