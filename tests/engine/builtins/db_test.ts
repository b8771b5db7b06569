import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { check, type Row, table } from "./_row_table.ts";

/** The data of the ISO 8.8 examples (iso_8_8.pl). */
const ISO_8_8 = `
:- dynamic(cat/0).
cat.
:- dynamic(dog/0).
dog :- true.
elk(X) :- moose(X).
:- dynamic(legs/2).
legs(A, 6) :- insect(A).
legs(A, 7) :- A, call(A).
:- dynamic(insect/1).
insect(ant).
insect(bee).
`;

const Q = ":- dynamic(q/1).\nq(1). q(2). q(3).\nstatic(1).\n";

Deno.test("assertz/1, asserta/1 and assert/1 add renamed clauses in order", (t) =>
  table(t, Q, [
    { goal: "assertz(q(4)), asserta(q(0)), findall(X, q(X), L)", text: { L: "[0,1,2,3,4]" } },
    { goal: "assert(p(a)), assert(p(b)), findall(X, p(X), L)", text: { L: "[a,b]" } },
    { goal: "assertz((r(X) :- X > 1)), r(2)", text: {} },
    { goal: "assertz((r(X) :- X > 1)), r(0)", fails: true },
    { goal: "assertz(s(X)), X = 1, s(Y), var(Y)", text: { X: "1" } },
    { goal: "assertz((foo(X) :- X, call(X))), clause(foo(a), B)", text: { B: "call(a),call(a)" } },
    { goal: "assertz((bar(X) :- (X | true))), clause(bar(a), B)", text: { B: "call(a)|true" } },
    { goal: "assertz(new(1)), predicate_property(new(_), dynamic)", text: {} },
    { goal: "asserta(_)", error: "error(instantiation_error" },
    { goal: "assertz(4)", error: "error(type_error(callable,4)" },
    { goal: "asserta((foo :- 4))", error: "error(type_error(callable,4)" },
    { goal: "assertz((4 :- true))", error: "error(type_error(callable,4)" },
    {
      goal: "asserta((atom(_) :- true))",
      error: "error(permission_error(modify,static_procedure,atom/1)",
    },
    {
      goal: "assertz(static(2))",
      error: "error(permission_error(modify,static_procedure,static/1)",
    },
    {
      goal: "assertz(append(a, b, c))",
      error: "error(permission_error(modify,static_procedure,append/3)",
    },
  ]));

Deno.test("retract/1 removes matching clauses under the logical update view", (t) =>
  table(t, ISO_8_8 + Q, [
    { goal: "retract(q(2)), findall(X, q(X), L)", text: { L: "[1,3]" } },
    { goal: "findall(X, retract(q(X)), L), \\+ q(_)", text: { L: "[1,2,3]" } },
    { goal: "retract((legs(X, 6) :- T)), T == insect(X)", text: {} },
    { goal: "retract((legs(X, 7) :- B)), B == (call(X), call(X))", text: {} },
    { goal: "retract(cat), \\+ cat", text: {} },
    { goal: "retract(q(9))", fails: true },
    { goal: "retract(mammal(_))", fails: true },
    // ISO 7.5.4: the running retract/1 still sees bee although it is gone.
    {
      goal: "retract(insect(I)), write(I), retract(insect(bee)), fail",
      fails: true,
      out: "antbee",
    },
    // A running call of q/1 still sees the clause retracted under it.
    {
      goal: "findall(X, (q(X), ignore(retract(q(2)))), L), findall(Y, q(Y), M)",
      text: { L: "[1,2,3]", M: "[1,3]" },
    },
    // And does not see clauses added while it runs.
    {
      goal: "findall(X, (q(X), assertz(q(9))), L), aggregate_all(count, q(_), N)",
      text: { L: "[1,2,3]", N: "6" },
    },
    { goal: "retract(q(X))", text: { X: "1" } },
    { goal: "retract(q(3))", det: true },
    { goal: "retract(q(1))", det: true },
    { goal: "retract((X :- in_eec(Y)))", error: "error(instantiation_error" },
    { goal: "retract((4 :- X))", error: "error(type_error(callable,4)" },
    {
      goal: "retract((atom(X) :- X == []))",
      error: "error(permission_error(modify,static_procedure,atom/1)",
    },
    { goal: "retract(elk(_))", error: "error(permission_error(modify,static_procedure,elk/1)" },
  ]));

Deno.test("retractall/1 removes every match and creates dynamic predicates", (t) =>
  table(t, ISO_8_8 + Q, [
    { goal: "retractall(q(_)), \\+ q(_)", text: {} },
    { goal: "retractall(q(2)), findall(X, q(X), L)", text: { L: "[1,3]" } },
    { goal: "retractall(q(7)), findall(X, q(X), L)", text: { L: "[1,2,3]" } },
    {
      goal: "assertz(q(2)), assertz(q(4)), retractall(q(2)), findall(X, q(X), L)",
      text: { L: "[1,3,4]" },
    },
    { goal: "retractall(newp(_)), \\+ newp(_), predicate_property(newp(_), dynamic)", text: {} },
    { goal: "findall(X, (q(X), retractall(q(_))), L)", text: { L: "[1,2,3]" } },
    { goal: "retractall(_)", error: "error(instantiation_error" },
    { goal: "retractall(3)", error: "error(type_error(callable,3)" },
    { goal: "retractall(elk(_))", error: "error(permission_error(modify,static_procedure,elk/1)" },
    {
      goal: "retractall(atom(_))",
      error: "error(permission_error(modify,static_procedure,atom/1)",
    },
  ]));

Deno.test("abolish/1 removes a dynamic predicate entirely", (t) =>
  table(t, ISO_8_8 + Q, [
    { goal: "abolish(q/1), \\+ current_predicate(q/1)", text: {} },
    {
      goal: "abolish(q/1), catch(q(_), error(E, _), true)",
      text: { E: "existence_error(procedure,q/1)" },
    },
    { goal: "abolish(foo/2)", text: {} },
    { goal: "abolish(_)", error: "error(instantiation_error" },
    { goal: "abolish(foo/_)", error: "error(instantiation_error" },
    { goal: "abolish(_/2)", error: "error(instantiation_error" },
    { goal: "abolish(foo)", error: "error(type_error(predicate_indicator,foo)" },
    { goal: "abolish(foo(_))", error: "error(type_error(predicate_indicator,foo(_" },
    { goal: "abolish(1/2)", error: "error(type_error(atom,1)" },
    { goal: "abolish(foo/bar)", error: "error(type_error(integer,bar)" },
    { goal: "abolish(foo/ -1)", error: "error(domain_error(not_less_than_zero,-1)" },
    {
      goal: "abolish(abolish/1)",
      error: "error(permission_error(modify,static_procedure,abolish/1)",
    },
    { goal: "abolish(elk/1)", error: "error(permission_error(modify,static_procedure,elk/1)" },
  ]));

Deno.test("clause/2 retrieves facts and rules", (t) =>
  table(t, ISO_8_8, [
    { goal: "clause(cat, true)", text: {} },
    { goal: "clause(dog, true)", text: {} },
    { goal: "clause(legs(I, 6), Body), Body == insect(I)", text: {} },
    { goal: "clause(legs(C, 7), Body), Body == (call(C), call(C))", text: {} },
    { goal: "findall(I-T, clause(insect(I), T), L)", text: { L: "[ant-true,bee-true]" } },
    { goal: "clause(insect(bee), T)", text: { T: "true" }, det: true },
    { goal: "clause(x, Body)", fails: true },
    { goal: "clause(_, B)", error: "error(instantiation_error" },
    { goal: "clause(4, X)", error: "error(type_error(callable,4)" },
    { goal: "clause(insect(_), 4)", error: "error(type_error(callable,4)" },
    {
      goal: "clause(elk(N), Body)",
      error: "error(permission_error(access,private_procedure,elk/1)",
    },
    {
      goal: "clause(atom(_), Body)",
      error: "error(permission_error(access,private_procedure,atom/1)",
    },
    {
      goal: "clause(append(_, _, _), Body)",
      error: "error(permission_error(access,private_procedure,append/3)",
    },
    {
      goal: "set_prolog_flag(protect_static_code, false), clause(elk(N), B), B == moose(N)",
      text: {},
    },
  ]));

const PREDS = `
foo(1). foo(1, 2). bar.
:- dynamic(baz/3).
:- discontiguous(dis/1).
dis(1).
`;

Deno.test("current_predicate/1 enumerates user predicates only", (t) =>
  table(t, ISO_8_8 + PREDS, [
    { goal: "current_predicate(dog/0)", text: {} },
    { goal: "current_predicate(current_predicate/1)", fails: true },
    { goal: "current_predicate(append/3)", fails: true },
    { goal: "current_predicate(elk/Arity)", text: { Arity: "1" } },
    { goal: "current_predicate(foo/A)", text: { A: "1" } },
    { goal: "findall(A, current_predicate(foo/A), L)", text: { L: "[1,2]" } },
    { goal: "current_predicate(nosuch/A)", fails: true },
    { goal: "current_predicate(Name/1), Name == elk", text: {} },
    { goal: "current_predicate(baz/3)", text: {} },
    {
      goal: "findall(P, current_predicate(P), L0), msort(L0, L)",
      text: { L: "[bar/0,baz/3,cat/0,dis/1,dog/0,elk/1,foo/1,foo/2,insect/1,legs/2]" },
    },
    { goal: "current_predicate(foo/1)", det: true },
    { goal: "current_predicate(4)", error: "error(type_error(predicate_indicator,4)" },
    { goal: "current_predicate(3/3)", error: "error(type_error(predicate_indicator,3/3)" },
    { goal: "current_predicate(f/f)", error: "error(type_error(predicate_indicator,f/f)" },
    { goal: "current_predicate(f/ -1)", error: "error(type_error(predicate_indicator,f/ -1)" },
    { goal: "current_predicate(call/8)", fails: true },
  ]));

Deno.test("predicate_property/2 reports SWI-style properties", (t) =>
  table(t, PREDS, [
    { goal: "predicate_property(atom_length(_, _), built_in)", text: {} },
    { goal: "predicate_property(append(_, _, _), built_in)", text: {} },
    { goal: "predicate_property(call(_), built_in)", text: {} },
    { goal: "predicate_property(foo(_), built_in)", fails: true },
    { goal: "predicate_property(foo(_), static)", text: {} },
    { goal: "predicate_property(foo(_), defined)", text: {} },
    { goal: "predicate_property(baz(_, _, _), dynamic)", text: {} },
    { goal: "predicate_property(baz(_, _, _), number_of_clauses(N))", text: { N: "0" } },
    { goal: "predicate_property(foo(_, _), number_of_clauses(N))", text: { N: "1" } },
    { goal: "predicate_property(dis(_), discontiguous)", text: {} },
    { goal: "predicate_property(nosuch(_), P)", fails: true },
    { goal: "predicate_property(H, dynamic), H = baz(_, _, _)", text: {} },
    { goal: "predicate_property(4, P)", error: "error(type_error(callable,4)" },
  ]));

Deno.test("dynamic/1, discontiguous/1 and multifile/1 declare predicates", (t) =>
  table(t, "", [
    { goal: "dynamic(d/1), \\+ d(_)", text: {} },
    { goal: "dynamic((d1/1, d2/2)), \\+ d1(_), \\+ d2(_, _)", text: {} },
    { goal: "dynamic([l1/0, l2/1]), \\+ l1, \\+ l2(_)", text: {} },
    { goal: "dynamic(g//1), predicate_property(g(_, _, _), dynamic)", text: {} },
    { goal: "dynamic(d/1), assertz(d(1)), d(X)", text: { X: "1" } },
    { goal: "discontiguous(c/1), predicate_property(c(_), discontiguous)", text: {} },
    { goal: "multifile(m/1), \\+ m(_), predicate_property(m(_), multifile)", text: {} },
    { goal: "dynamic(_)", error: "error(instantiation_error" },
    { goal: "dynamic(foo)", error: "error(type_error(predicate_indicator,foo)" },
    { goal: "dynamic(1/2)", error: "error(type_error(atom,1)" },
    { goal: "dynamic(f/a)", error: "error(type_error(integer,a)" },
    { goal: "dynamic(f/ -1)", error: "error(domain_error(not_less_than_zero,-1)" },
    {
      goal: "dynamic(atom_length/2)",
      error: "error(permission_error(modify,static_procedure,atom_length/2)",
    },
  ]));

Deno.test("consult/1 and ensure_loaded/1 load files", async (t) => {
  const dir = Deno.makeTempDirSync();
  const q = (p: string) => `'${p.replaceAll("'", "''")}'`;
  try {
    Deno.writeTextFileSync(`${dir}/a.pl`, "fa(1).\n:- consult(b).\n");
    Deno.writeTextFileSync(`${dir}/b.pl`, "fb(2).\n");
    Deno.writeTextFileSync(`${dir}/bad.pl`, "ok(1).\nbad( .\nok(2).\n");
    Deno.writeTextFileSync(`${dir}/ops.pl`, ":- op(700, xfx, ===>).\nrule(a ===> b).\n");
    const a = q(`${dir}/a`), bad = q(`${dir}/bad.pl`), ops = q(`${dir}/ops`);
    const rows: Row[] = [
      { goal: `consult(${a}), fa(X), fb(Y)`, text: { X: "1", Y: "2" } },
      { goal: `consult(${a}), consult(${a}), findall(X, fa(X), L)`, text: { L: "[1]" } },
      {
        goal: `ensure_loaded(${a}), ensure_loaded(${a}), findall(X, fb(X), L)`,
        text: { L: "[2]" },
      },
      { goal: `consult([${a}, ${bad}]), findall(X, ok(X), L)`, text: { L: "[1,2]" } },
      { goal: `[${a}], fa(X)`, text: { X: "1" } },
      { goal: `consult(${ops}), rule(T), T =.. L`, text: { L: "[===>,a,b]" } },
      { goal: "consult(library(lists))", text: {} },
      { goal: "ensure_loaded(library(apply))", text: {} },
      { goal: "consult(_)", error: "error(instantiation_error" },
      { goal: `consult('${dir}/nosuch')`, error: "error(existence_error(source_sink," },
      { goal: "consult(12)", error: "error(domain_error(source_sink,12)" },
    ];
    for (const row of rows) await t.step(row.goal.replaceAll(dir, "DIR"), () => check("", row));
    await t.step("syntax errors are reported on user_error", () => {
      let err = "";
      const e = new Engine("", { output: () => {}, errorOutput: (s) => err += s });
      assert.ok(e.once(`consult(${bad})`) !== null);
      assert.match(err, /^Warning: .*bad\.pl: Syntax error/);
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("op/3 defines operators and raises every ISO 8.14.3 error", (t) =>
  table(t, "", [
    { goal: "op(700, xfx, ===>), current_op(P, T, ===>)", text: { P: "700", T: "xfx" } },
    { goal: "op(700, xfx, [===, =@@=]), current_op(P, T, =@@=)", text: { P: "700", T: "xfx" } },
    { goal: "op(200, xfx, foo), op(0, xfx, foo), \\+ current_op(_, xfx, foo)", text: {} },
    { goal: "op(30, xfy, ++), op(40, xfx, ++), current_op(P, T, ++)", text: { P: "40", T: "xfx" } },
    { goal: "op(1001, xfy, '|'), op(0, xfy, '|')", text: {} },
    { goal: "op(1, xfy, pi), op(0, xfy, pi)", text: {} },
    { goal: "op(_, fx, fx)", error: "error(instantiation_error" },
    { goal: "op(1, _, fx)", error: "error(instantiation_error" },
    { goal: "op(1, fx, _)", error: "error(instantiation_error" },
    { goal: "op(1, fx, [fx|_])", error: "error(instantiation_error" },
    { goal: "op(1, fx, [_])", error: "error(instantiation_error" },
    { goal: "op(a, fx, fx)", error: "error(type_error(integer,a)" },
    { goal: "op(1, 2, fx)", error: "error(type_error(atom,2)" },
    { goal: "op(1, fx, 3)", error: "error(type_error(list,3)" },
    { goal: "op(1, fx, [fx|y])", error: "error(type_error(list,[fx|y])" },
    { goal: "op(1, fx, [[fx]])", error: "error(type_error(atom,[fx])" },
    { goal: "op(1, fx, [3])", error: "error(type_error(atom,3)" },
    { goal: "op(1201, fx, fx)", error: "error(domain_error(operator_priority,1201)" },
    { goal: "op(-30, xfy, ++)", error: "error(domain_error(operator_priority,-30)" },
    { goal: "op(1, xyf, f)", error: "error(domain_error(operator_specifier,xyf)" },
    { goal: "op(500, xfy, [])", error: "error(permission_error(create,operator,[])" },
    { goal: "op(500, xfy, [[]])", error: "error(permission_error(create,operator,[])" },
    { goal: "op(500, xfy, {})", error: "error(permission_error(create,operator,{})" },
    { goal: "op(500, xfy, ',')", error: "error(permission_error(modify,operator,',')" },
    { goal: "op(500, xfy, [','])", error: "error(permission_error(modify,operator,',')" },
    { goal: "op(1000, xfy, '|')", error: "error(permission_error(create,operator,'|')" },
    { goal: "op(1100, fy, '|')", error: "error(permission_error(create,operator,'|')" },
    { goal: "op(1, xfy, pi), op(1, xf, pi)", error: "error(permission_error(create,operator,pi)" },
    { goal: "op(1, yf, pi), op(1, xfx, pi)", error: "error(permission_error(create,operator,pi)" },
  ]));

Deno.test("op/3 changes how later consults parse", () => {
  const e = new Engine("", { output: () => {}, errorOutput: () => {} });
  assert.ok(e.once("op(200, xfy, ++)") !== null);
  assert.deepEqual(e.consult("t(a ++ b ++ c)."), []);
  assert.equal(e.once("t(X ++ Y)")?.text.Y, "b++c");
  assert.ok(e.once("op(0, xfy, ++)") !== null);
  assert.equal(e.consult("u(a ++ b).").length, 1);
});

Deno.test("current_op/3 enumerates operators", (t) =>
  table(t, "", [
    { goal: "current_op(P, T, mod)", text: { P: "400", T: "yfx" }, det: true },
    { goal: "findall(T, current_op(_, T, -), L0), msort(L0, L)", text: { L: "[fy,yfx]" } },
    {
      goal: "findall(P-T, current_op(P, T, :-), L0), msort(L0, L)",
      text: { L: "[1200-fx,1200-xfx]" },
    },
    { goal: "current_op(1000, xfy, O)", text: { O: "','" } },
    { goal: "current_op(P, T, nosuchop)", fails: true },
    { goal: "current_op(a, _, _)", error: "error(domain_error(operator_priority,a)" },
    { goal: "current_op(-1, _, _)", error: "error(domain_error(operator_priority,-1)" },
    { goal: "current_op(1, 2, _)", error: "error(type_error(atom,2)" },
    { goal: "current_op(1, xyf, _)", error: "error(domain_error(operator_specifier,xyf)" },
    { goal: "current_op(1, fx, 3)", error: "error(type_error(atom,3)" },
  ]));

Deno.test("statistics/2 and garbage_collect/0", (t) =>
  table(t, "", [
    { goal: "statistics(runtime, [T, D]), integer(T), integer(D)", text: {} },
    { goal: "statistics(walltime, [T, D]), integer(T), integer(D)", text: {} },
    { goal: "statistics(cputime, T), float(T)", text: {} },
    {
      goal: "statistics(inferences, I0), atom_length(abc, _), statistics(inferences, I), I > I0",
      text: {},
    },
    { goal: "garbage_collect", text: {} },
    { goal: "statistics(_, _)", error: "error(instantiation_error" },
    { goal: "statistics(foo, _)", error: "error(domain_error(statistics_key,foo)" },
  ]));
