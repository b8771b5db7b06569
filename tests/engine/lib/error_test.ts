import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";
import { type Row, table } from "./_table.ts";

const INST = "error(instantiation_error";

/** must_be(Type, Value) for values of the type, and the error for others. */
function typeRows(type: string, good: string[], bad: [string, string][]): Row[] {
  return [
    ...good.map((v) => ({ goal: `must_be(${type}, ${v})`, det: true })),
    ...bad.map(([v, err]) => ({ goal: `must_be(${type}, ${v})`, error: err })),
  ];
}

Deno.test("must_be/2 on the number types", (t) =>
  table(t, [
    ...typeRows("integer", ["3", "-3", "123456789012345678901234567890"], [
      ["a", "error(type_error(integer,a)"],
      ["1.0", "error(type_error(integer,1.0)"],
      ["_", INST],
    ]),
    ...typeRows("positive_integer", ["1"], [
      ["0", "error(type_error(positive_integer,0)"],
      ["a", "error(type_error(positive_integer,a)"],
    ]),
    ...typeRows("nonneg", ["0", "7"], [
      ["-1", "error(type_error(nonneg,-1)"],
      ["1.5", "error(type_error(nonneg,1.5)"],
      ["_", INST],
    ]),
    ...typeRows("negative_integer", ["-1"], [["0", "error(type_error(negative_integer,0)"]]),
    ...typeRows("number", ["1", "1.5"], [["a", "error(type_error(number,a)"]]),
    ...typeRows("float", ["1.5"], [["1", "error(type_error(float,1)"]]),
    ...typeRows("between(1, 5)", ["1", "5"], [
      ["0", "error(type_error(between(1,5),0)"],
      ["2.0", "error(type_error(between(1,5),2.0)"],
      ["_", INST],
    ]),
    ...typeRows("between(0.0, 1.0)", ["0.5", "1"], [["2", "error(type_error(between(0.0,1.0),2)"]]),
    ...typeRows("rational", ["3"], [["1.5", "error(type_error(rational,1.5)"]]),
  ]));

Deno.test("must_be/2 on atoms, terms and text", (t) =>
  table(t, [
    ...typeRows("atom", ["a", "[]"], [["1", "error(type_error(atom,1)"], ["_", INST]]),
    ...typeRows("symbol", ["a"], [["1", "error(type_error(symbol,1)"]]),
    ...typeRows("atomic", ["a", "1"], [["f(x)", "error(type_error(atomic,f(x))"]]),
    { goal: "atom_string(s, S), must_be(atomic, S), must_be(string, S), must_be(text, S)" },
    ...typeRows("constant", ["a"], [["f(x)", "error(type_error(constant,f(x))"]]),
    ...typeRows("callable", ["a", "f(x)"], [["3", "error(type_error(callable,3)"]]),
    ...typeRows("compound", ["f(x)"], [["a", "error(type_error(compound,a)"]]),
    ...typeRows("compound(atom-integer)", ["a-1"], [
      ["a-b", "error(type_error(compound(atom-integer),a-b)"],
      ["f(a, 1)", "error(type_error(compound(atom-integer),f(a,1))"],
    ]),
    ...typeRows("boolean", ["true", "false"], [
      ["yes", "error(type_error(boolean,yes)"],
      ["_", INST],
    ]),
    ...typeRows("oneof([a, b])", ["a"], [
      ["c", "error(type_error(oneof([a,b]),c)"],
      ["f(_)", INST],
    ]),
    ...typeRows("char", ["a"], [["ab", "error(type_error(char,ab)"]]),
    ...typeRows("code", ["97"], [["-1", "error(type_error(code,-1)"]]),
    ...typeRows("text", ["a", "[a, b]", "[97]"], [
      ["f(x)", "error(type_error(text,f(x))"],
      ["[a|_]", INST],
    ]),
    ...typeRows("string", [], [["a", "error(type_error(string,a)"]]),
    ...typeRows("pair", ["a-b"], [["a", "error(type_error(pair,a)"]]),
    ...typeRows("ground", ["f(a)"], [["f(_)", INST]]),
    ...typeRows("nonvar", ["a"], [["_", INST]]),
    ...typeRows("var", ["_"], [["a", "error(uninstantiation_error(a)"]]),
    ...typeRows("any", ["_", "a"], []),
    ...typeRows("acyclic", ["f(x)", "_"], []),
    { goal: "X = f(X), must_be(acyclic, X)", error: "error(domain_error(acyclic_term," },
    { goal: "X = f(X), must_be(cyclic, X)", det: true },
    ...typeRows("cyclic", [], [["f(x)", "error(domain_error(cyclic_term,f(x))"]]),
    ...typeRows("encoding", ["utf8"], [["foo", "error(type_error(encoding,foo)"]]),
    ...typeRows("stream", ["user_input"], [["foo", "error(type_error(stream,foo)"]]),
    ...typeRows("assoc", ["t"], [["foo", "error(type_error(assoc,foo)"]]),
    ...typeRows("dict", [], [["foo", "error(type_error(dict,foo)"]]),
  ]));

Deno.test("must_be/2 on the list types", (t) =>
  table(t, [
    ...typeRows("list", ["[]", "[a, _]"], [
      ["[a|_]", INST],
      ["_", INST],
      ["foo", "error(type_error(list,foo)"],
      ["[a|b]", "error(type_error(list,[a|b])"],
    ]),
    { goal: "L = [a|L], must_be(list, L)", error: "error(type_error(list," },
    ...typeRows("proper_list", ["[a]"], [["foo", "error(type_error(proper_list,foo)"]]),
    ...typeRows("list(integer)", ["[]", "[1, 2]"], [
      ["[1, a]", "error(type_error(integer,a)"],
      ["[1, _]", INST],
      ["[1|_]", INST],
      ["foo", "error(type_error(list(integer),foo)"],
    ]),
    { goal: "must_be(list(_), [a])", error: INST },
    ...typeRows("list_or_partial_list", ["[a|_]", "_", "[]"], [
      ["foo", "error(type_error(list,foo)"],
    ]),
    ...typeRows("list_or_partial_list(atom)", ["[a|_]"], [
      ["[1|_]", "error(type_error(list_or_partial_list(atom),[1|_G"],
    ]),
    ...typeRows("chars", ["[a, b]"], [
      ["[a, bc]", "error(type_error(char,bc)"],
      ["foo", "error(type_error(list(char),foo)"],
      ["[a|_]", INST],
    ]),
    ...typeRows("codes", ["[97]"], [
      ["[a]", "error(type_error(code,a)"],
      ["foo", "error(type_error(list(code),foo)"],
    ]),
  ]));

Deno.test("must_be/2 on composed types and bad types", (t) =>
  table(t, [
    ...typeRows("(integer;atom)", ["1", "a"], [["1.5", "error(type_error((integer;atom),1.5)"]]),
    ...typeRows("(integer,positive_integer)", ["1"], [
      ["0", "error(type_error((integer,positive_integer),0)"],
    ]),
    ...typeRows("\\integer", ["a"], [["1", "error(type_error(\\integer,1)"]]),
    ...typeRows("type", ["integer", "list(atom)"], [["foo", "error(type_error(type,foo)"]]),
    { goal: "must_be(foo, 1)", error: "error(existence_error(type,foo)" },
    { goal: "must_be(_, 1)", error: INST },
  ]));

Deno.test("is_of_type/2 fails where must_be/2 raises", (t) =>
  table(t, [
    { goal: "is_of_type(integer, 1)", det: true },
    { goal: "is_of_type(integer, a)", fails: true },
    { goal: "is_of_type(integer, _)", fails: true },
    { goal: "is_of_type(list(integer), [1, a])", fails: true },
    { goal: "is_of_type(list(integer), [1, 2])", det: true },
    { goal: "is_of_type(list, [a|_])", fails: true },
    { goal: "is_of_type(boolean, X)", fails: true },
    { goal: "is_of_type(between(1, 3), X)", fails: true },
    { goal: "is_of_type(foo, 1)", fails: true },
    { goal: "is_of_type(_, 1)", error: INST },
  ]));

Deno.test("instantiation_error/1 and existence_error/3 throw", (t) =>
  table(t, [
    { goal: "instantiation_error(foo)", error: INST },
    { goal: "existence_error(file, f, set)", error: "error(existence_error(file,f,set)" },
    {
      goal: "catch(must_be(integer, a), error(type_error(T, V), _), true)",
      text: { T: "integer", V: "a" },
    },
  ]));

Deno.test("assertion/1 succeeds once, or prints and raises assertion_error", async (t) => {
  await table(t, [
    { goal: "assertion(true)", det: true },
    { goal: "assertion(member(X, [1, 2])), var(X)", det: true },
    { goal: "assertion(1 =:= 2)", error: "error(assertion_error(fail,user:(1=:=2))" },
    { goal: "assertion(fail)", error: "error(assertion_error(fail,user:fail)" },
    { goal: "assertion(atom_length(1, a))", error: "error(assertion_error(error(type_error(" },
    { goal: "assertion(_)", error: "error(assertion_error(error(instantiation_error" },
  ]);
  await t.step("the failure is reported on user_error", () => {
    let err = "";
    const e = new Engine("", { output: () => {}, errorOutput: (s) => err += s });
    assert.throws(() => e.once("assertion(fail)"), PrologError);
    assert.match(err, /Assertion failed: user:fail/);
  });
});
