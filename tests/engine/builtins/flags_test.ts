import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { type Row, table as runTable } from "./_row_table.ts";

function engine(): Engine {
  return new Engine("", { output: () => {}, errorOutput: () => {} });
}

function table(t: Deno.TestContext, rows: Row[]): Promise<void> {
  return runTable(t, "", rows);
}

Deno.test("current_prolog_flag/2 reports the ISO and SWI flags", (t) =>
  table(t, [
    { goal: "current_prolog_flag(bounded, X)", text: { X: "false" }, det: true },
    { goal: "current_prolog_flag(max_integer, X)", text: { X: "9223372036854775807" } },
    { goal: "current_prolog_flag(min_integer, X)", text: { X: "-9223372036854775808" } },
    { goal: "current_prolog_flag(integer_rounding_function, X)", text: { X: "toward_zero" } },
    { goal: "current_prolog_flag(max_arity, X)", text: { X: "unbounded" } },
    { goal: "current_prolog_flag(debug, X)", text: { X: "off" } },
    { goal: "current_prolog_flag(char_conversion, X)", text: { X: "off" } },
    { goal: "current_prolog_flag(double_quotes, X)", text: { X: "codes" } },
    { goal: "current_prolog_flag(unknown, X)", text: { X: "error" } },
    { goal: "current_prolog_flag(occurs_check, X)", text: { X: "false" } },
    { goal: "current_prolog_flag(dialect, X)", text: { X: "byrd" } },
    { goal: "current_prolog_flag(version, X), integer(X)", text: {} },
    { goal: "current_prolog_flag(debug, on)", fails: true },
    {
      goal:
        "findall(F, current_prolog_flag(F, _), L), length(L, N), N >= 12, memberchk(bounded, L)",
      text: {},
    },
    { goal: "current_prolog_flag(F, toward_zero)", text: { F: "integer_rounding_function" } },
    { goal: "current_prolog_flag(5, _)", error: "error(type_error(atom,5)" },
    { goal: "current_prolog_flag(f(b), _)", error: "error(type_error(atom,f(b))" },
    { goal: "current_prolog_flag(date, _)", error: "error(domain_error(prolog_flag,date)" },
  ]));

Deno.test("set_prolog_flag/2 changes flags and checks values", (t) =>
  table(t, [
    {
      goal: "set_prolog_flag(double_quotes, atom), current_prolog_flag(double_quotes, X)",
      text: { X: "atom" },
    },
    {
      goal: "set_prolog_flag(double_quotes, string), current_prolog_flag(double_quotes, X)",
      text: { X: "string" },
    },
    {
      goal: "set_prolog_flag(unknown, warning), current_prolog_flag(unknown, X)",
      text: { X: "warning" },
    },
    {
      goal: "set_prolog_flag(occurs_check, error), current_prolog_flag(occurs_check, X)",
      text: { X: "error" },
    },
    { goal: "set_prolog_flag(debug, on), current_prolog_flag(debug, X)", text: { X: "on" } },
    { goal: "set_prolog_flag(debug, true), current_prolog_flag(debug, X)", text: { X: "on" } },
    {
      goal: "set_prolog_flag(char_conversion, on), current_prolog_flag(char_conversion, X)",
      text: { X: "on" },
    },
    { goal: "set_prolog_flag(unknown, fail), \\+ no_such_predicate", text: {} },
    {
      goal: "create_prolog_flag(my_flag, 42, []), current_prolog_flag(my_flag, X)",
      text: { X: "42" },
    },
    {
      goal:
        "create_prolog_flag(my_flag, 42, []), set_prolog_flag(my_flag, f(x)), current_prolog_flag(my_flag, X)",
      text: { X: "f(x)" },
    },
    { goal: "set_prolog_flag(_, off)", error: "error(instantiation_error" },
    { goal: "set_prolog_flag(debug, _)", error: "error(instantiation_error" },
    { goal: "set_prolog_flag(5, decimals)", error: "error(type_error(atom,5)" },
    { goal: "set_prolog_flag(f(b), 0)", error: "error(type_error(atom,f(b))" },
    { goal: "set_prolog_flag(date, 'July 1988')", error: "error(domain_error(prolog_flag,date)" },
    { goal: "set_prolog_flag(debug, trace)", error: "error(domain_error(flag_value,debug+trace)" },
    {
      goal: "set_prolog_flag(double_quotes, 1)",
      error: "error(domain_error(flag_value,double_quotes+1)",
    },
    {
      goal: "set_prolog_flag(unknown, maybe)",
      error: "error(domain_error(flag_value,unknown+maybe)",
    },
    {
      goal: "set_prolog_flag(bounded, true)",
      error: "error(permission_error(modify,flag,bounded)",
    },
    {
      goal: "set_prolog_flag(max_integer, 2)",
      error: "error(permission_error(modify,flag,max_integer)",
    },
    { goal: "set_prolog_flag(dialect, swi)", error: "error(permission_error(modify,flag,dialect)" },
  ]));

Deno.test("set_prolog_flag/2 double_quotes changes how later text is read", async (t) => {
  const cases: [string, string][] = [
    ["codes", "[97,98]"],
    ["chars", "[a,b]"],
    ["atom", "ab"],
    ["string", '"ab"'],
  ];
  for (const [mode, text] of cases) {
    await t.step(mode, () => {
      const e = engine();
      assert.ok(e.once(`set_prolog_flag(double_quotes, ${mode})`) !== null);
      assert.equal(e.once('X = "ab"')?.text.X, text);
      assert.deepEqual(e.consult('s("ab").'), []);
      assert.equal(e.once("s(X)")?.text.X, text);
    });
  }
});

Deno.test("set_prolog_flag/2 unknown=warning warns on user_error", () => {
  let err = "";
  const e = new Engine("", { output: () => {}, errorOutput: (s) => err += s });
  assert.equal(e.once("set_prolog_flag(unknown, warning), no_such_predicate(1)"), null);
  assert.match(err, /no_such_predicate\/1/);
});

Deno.test("nb_setval/2 and nb_getval/2 keep copies across backtracking", (t) =>
  table(t, [
    { goal: "nb_setval(k, f(a)), nb_getval(k, V)", text: { V: "f(a)" } },
    { goal: "X = f(Y), nb_setval(k, X), Y = 1, nb_getval(k, f(Z)), var(Z)", text: {} },
    { goal: "(nb_setval(k, 1), fail ; nb_getval(k, V))", text: { V: "1" } },
    { goal: "nb_setval(k, 1), nb_setval(k, 2), nb_getval(k, V)", text: { V: "2" } },
    { goal: "nb_setval(k, 1), b_getval(k, V)", text: { V: "1" } },
    { goal: "nb_setval(k, 1), nb_current(k, V)", text: { V: "1" } },
    { goal: "nb_getval(nokey, _)", error: "error(existence_error(variable,nokey)" },
    { goal: "nb_setval(_, 1)", error: "error(instantiation_error" },
    { goal: "nb_setval(1, 1)", error: "error(type_error(atom,1)" },
  ]));

Deno.test("b_setval/2 and b_getval/2 are undone on backtracking", (t) =>
  table(t, [
    { goal: "b_setval(k, 1), b_getval(k, V)", text: { V: "1" } },
    { goal: "b_setval(k, f(X)), X = 1, b_getval(k, V)", text: { V: "f(1)" } },
    { goal: "b_setval(k, 1), b_setval(k, 2), nb_getval(k, V)", text: { V: "2" } },
    { goal: "nb_setval(k, 0), (b_setval(k, 1), fail ; b_getval(k, V))", text: { V: "0" } },
    { goal: "b_setval(k, 1), (b_setval(k, 2), fail ; true), b_getval(k, V)", text: { V: "1" } },
    {
      goal: "findall(V, (b_setval(k, a), member(X, [1, 2]), b_getval(k, V), b_setval(k, X)), L)",
      text: { L: "[a,a]" },
    },
    {
      goal:
        "(b_setval(k, a), b_setval(k, b), fail ; true), catch(b_getval(k, _), error(E, _), true)",
      text: { E: "existence_error(variable,k)" },
    },
    { goal: "b_setval(k, 1), nb_setval(k, 2), b_getval(k, V)", text: { V: "2" } },
    { goal: "b_getval(nokey, _)", error: "error(existence_error(variable,nokey)" },
  ]));
