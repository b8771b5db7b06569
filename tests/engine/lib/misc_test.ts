import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { table } from "./_table.ts";

const SRC = `
twice(X, Y) :- Y is 2 * X.
uses_module(L) :- lists:append([a], [b], L).
`;

Deno.test("M:Goal calls Goal; call/N adds the arguments to Goal", (t) =>
  table(t, [
    { goal: "lists:append(X, [c], [a, b, c])", text: { X: "[a,b]" } },
    { goal: "user:twice(2, Y)", text: { Y: "4" } },
    { goal: "uses_module(L)", text: { L: "[a,b]" } },
    { goal: "maplist(lists:append([1]), [[2], [3]], L)", text: { L: "[[1,2],[1,3]]" } },
    { goal: "call(user:twice, 3, Y)", text: { Y: "6" } },
    { goal: "maplist(user:twice, [1, 2], L)", text: { L: "[2,4]" } },
    { goal: "findall(X, lists:member(X, [a, b]), L)", text: { L: "[a,b]" } },
    { goal: "m:m:true" },
    { goal: "m:fail", fails: true },
    { goal: "_:true", error: "error(instantiation_error" },
    { goal: "1:true", error: "error(type_error(module,1)" },
    { goal: "m:nope", error: "error(existence_error(procedure,nope/0)" },
  ], SRC));

Deno.test("use_module/1,2 accepts Byrd's libraries and rejects the others", async (t) => {
  await table(t, [
    { goal: "use_module(library(lists))" },
    { goal: "use_module(library(apply), [maplist/3])" },
    {
      goal: "forall(member(L, [lists, apply, ordsets, assoc, pairs, yall, aggregate, " +
        "solution_sequences, error, debug, random, dif, when]), use_module(library(L)))",
    },
    {
      goal: "use_module(library(clpfd))",
      error: "error(existence_error(source_sink,library(clpfd))",
    },
    {
      goal: "use_module(library(clpfd), [])",
      error: "error(existence_error(source_sink,library(clpfd))",
    },
    { goal: "use_module(library(_))", error: "error(existence_error(source_sink,library(_" },
    { goal: "use_module(_)", error: "error(instantiation_error" },
    { goal: "use_module('/no/such/file')", error: "error(existence_error(source_sink," },
  ]);
  await t.step("a missing library is a load issue at consult time", () => {
    const e = new Engine(":- use_module(library(lists)).\n:- use_module(library(clpfd)).\np.");
    assert.equal(e.loadIssues.length, 1);
    assert.match(e.loadIssues[0].message, /clpfd/);
    const error = e.format(e.loadIssues[0].error!);
    assert.ok(error.startsWith("error(existence_error(source_sink,library(clpfd))"), error);
    assert.equal(e.loadIssues[0].line, 2);
    assert.ok(e.once("p") !== null, "the rest still loads");
  });
  await t.step("use_module/1 of a file loads it", () => {
    const dir = Deno.makeTempDirSync();
    const file = `${dir}/m.pl`;
    Deno.writeTextFileSync(file, ":- module(m, [hello/1]).\nhello(world).\n");
    const e = new Engine(`:- use_module('${file}').`);
    assert.deepEqual(e.loadIssues, []);
    assert.equal(e.once("hello(X)")?.text.X, "world");
    Deno.removeSync(dir, { recursive: true });
  });
});

Deno.test("copy_term_nat/2, atomics_to_string/2 and writef/2", (t) =>
  table(t, [
    { goal: "copy_term_nat(f(X, Y, X), C), C = f(A, B, D), A == D, A \\== X" },
    { goal: "atomics_to_string([a, 1, b, 2.5], S), string(S)", text: { S: '"a1b2.5"' } },
    { goal: "atomics_to_string([], S)", text: { S: '""' } },
    { goal: "atomics_to_string([a, f(x)], S)", error: "error(type_error(" },
    { goal: "atomics_to_string(_, S)", error: "error(instantiation_error" },
    { goal: "writef('Hello %w and %d\\\\n', [world, 42])", out: "Hello world and 42\n" },
    { goal: "writef('a\\\\lb%')", out: "a\nb%" },
    { goal: "writef('%p|%w', ['A b', 'A b'])", out: "'A b'|A b" },
    { goal: "writef('tab\\\\tend')", out: "tab\tend" },
    { goal: "writef('%w', [])", out: "%w" },
    { goal: "writef('x', foo)", error: "error(type_error(list,foo)" },
  ]));
