import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";

/** Runs `goal` in a fresh engine; returns what it wrote to user_output and user_error. */
function run(goal: string): { out: string; err: string; ok: boolean } {
  let out = "";
  let err = "";
  const e = new Engine("", { output: (s) => out += s, errorOutput: (s) => err += s });
  const ok = e.once(goal) !== null;
  return { out, err, ok };
}

/** The error term `goal` raises, as writeq text, or "no error". */
function errorOf(goal: string): string {
  const e = new Engine("", { output: () => {}, errorOutput: () => {} });
  try {
    e.once(goal);
  } catch (err) {
    if (err instanceof PrologError) return e.format(err.term);
    throw err;
  }
  return "no error";
}

/** Term source, then what write/1, writeq/1, print/1 and write_canonical/1 print. */
type TermRow = [src: string, write: string, writeq: string, print: string, canonical: string];

const TERMS: TermRow[] = [
  ["f(x,'A b')", "f(x,A b)", "f(x,'A b')", "f(x,'A b')", "f(x,'A b')"],
  ["1+2*3", "1+2*3", "1+2*3", "1+2*3", "+(1,*(2,3))"],
  ["(a:-b,c)", "a:-b,c", "a:-b,c", "a:-b,c", ":-(a,','(b,c))"],
  ["(a,b)", "a,b", "a,b", "a,b", "','(a,b)"],
  ["f(a;b)", "f((a;b))", "f((a;b))", "f((a;b))", "f(;(a,b))"],
  ["f(;)", "f(;)", "f(;)", "f(;)", "f(;)"],
  ["f(-)", "f(-)", "f(-)", "f(-)", "f(-)"],
  ["[a,'B'|c]", "[a,B|c]", "[a,'B'|c]", "[a,'B'|c]", "[a,'B'|c]"],
  ["[a|[]]", "[a]", "[a]", "[a]", "[a]"],
  ["[]", "[]", "[]", "[]", "[]"],
  ["'{}'", "{}", "{}", "{}", "{}"],
  ["{a,b}", "{a,b}", "{a,b}", "{a,b}", "{','(a,b)}"],
  ["'$VAR'(1)", "B", "B", "B", "'$VAR'(1)"],
  ["'$VAR'(26)", "A1", "A1", "A1", "'$VAR'(26)"],
  ["'$VAR'('Foo')", "Foo", "Foo", "Foo", "'$VAR'('Foo')"],
  ["'$VAR'(x)", "$VAR(x)", "'$VAR'(x)", "'$VAR'(x)", "'$VAR'(x)"],
  ["-(1)", "- 1", "- 1", "- 1", "-(1)"],
  ["-(a)", "-a", "-a", "-a", "-(a)"],
  ["1 - -1", "1- -1", "1- -1", "1- -1", "-(1,-1)"],
  ["a-(-1)", "a- -1", "a- -1", "a- -1", "-(a,-1)"],
  ["(-1)^2", "-1^2", "-1^2", "-1^2", "^(-1,2)"],
  ["2-(3-4)", "2-(3-4)", "2-(3-4)", "2-(3-4)", "-(2,-(3,4))"],
  ["\\+a", "\\+a", "\\+a", "\\+a", "\\+(a)"],
  ["1 rem 2", "1 rem 2", "1 rem 2", "1 rem 2", "rem(1,2)"],
  ["'hello\\nworld'", "hello\nworld", "'hello\\nworld'", "'hello\\nworld'", "'hello\\nworld'"],
  ["''", "", "''", "''", "''"],
  ["'/*'", "/*", "'/*'", "'/*'", "'/*'"],
  ["1.0", "1.0", "1.0", "1.0", "1.0"],
  ["-0.0", "-0.0", "-0.0", "-0.0", "-0.0"],
  [
    "123456789012345678901234567890",
    "123456789012345678901234567890",
    "123456789012345678901234567890",
    "123456789012345678901234567890",
    "123456789012345678901234567890",
  ],
  ['"ab"', "[97,98]", "[97,98]", "[97,98]", "[97,98]"],
];

async function termTable(t: Deno.TestContext, pred: string, col: 1 | 2 | 3 | 4): Promise<void> {
  for (const row of TERMS) {
    await t.step(`${pred}(${row[0]}) -> ${row[col]}`, () => {
      assert.equal(run(`${pred}(${row[0]})`).out, row[col]);
      assert.equal(run(`${pred}(user_error, ${row[0]})`).err, row[col]);
    });
  }
}

Deno.test("write/1,2 writes unquoted with numbervars", (t) => termTable(t, "write", 1));
Deno.test("writeq/1,2 quotes atoms that need it", (t) => termTable(t, "writeq", 2));
Deno.test("print/1,2 writes like writeq", (t) => termTable(t, "print", 3));
Deno.test("write_canonical/1,2 ignores operators and '$VAR'", (t) =>
  termTable(t, "write_canonical", 4));

Deno.test("writers name variables and write strings", async (t) => {
  const rows: [string, string, RegExp][] = [
    ["write of a variable", "write(X)", /^_G\d+$/],
    [
      "write_canonical shares variable names",
      "write_canonical(f(X,Y,X))",
      /^f\((_G\d+),(?!\1)_G\d+,\1\)$/,
    ],
    ["write of a string is raw", "format(string(S), 'a b', []), write(S)", /^a b$/],
    ["writeq of a string is quoted", "format(string(S), 'a\"b', []), writeq(S)", /^"a\\"b"$/],
    [
      "write_canonical of a string is quoted",
      "format(string(S), 'x', []), write_canonical(S)",
      /^"x"$/,
    ],
  ];
  for (const [name, goal, re] of rows) {
    await t.step(name, () => assert.match(run(goal).out, re));
  }
});

Deno.test("write_term/2,3 applies its options", async (t) => {
  const rows: [string, string][] = [
    ["write_term('A b', [])", "A b"],
    ["write_term('A b', [quoted(true)])", "'A b'"],
    ["write_term('A b', [quoted(false)])", "A b"],
    ["write_term(1+2, [ignore_ops(true)])", "+(1,2)"],
    ["write_term([1,2], [ignore_ops(true)])", "[1,2]"],
    ["write_term('$VAR'(1), [])", "$VAR(1)"],
    ["write_term('$VAR'(1), [numbervars(true)])", "B"],
    ["write_term('$VAR'(1), [numbervars(false), quoted(true)])", "'$VAR'(1)"],
    ["write_term({x}, [brace_terms(false)])", "{}(x)"],
    ["write_term({a, b}, [brace_terms(false)])", "{}((a,b))"],
    ["write_term(f({x}), [brace_terms(false)])", "f({}(x))"],
    ["write_term({x}, [brace_terms(false), quoted(true)])", "'{}'(x)"],
    ["write_term({x}, [brace_terms(true)])", "{x}"],
    ["write_term({x}, [])", "{x}"],
    ["write_term([1,2,3,4,5], [max_depth(3)])", "[1,2|...]"],
    ["write_term([1,2,3,4,5], [max_depth(0)])", "[1,2,3,4,5]"],
    ["write_term(f(X,Y,X), [variable_names(['X'=X, 'Y'=Y])])", "f(X,Y,X)"],
    ["write_term(f(X,Y), [variable_names(['A'=X, 'B'=X, 'C'=Y])])", "f(A,C)"],
    ["X = 1, write_term(f(X), [variable_names(['X'=X])])", "f(1)"],
    ["write_term(a+b, [fullstop(true)])", "a+b."],
    ["write_term(+, [fullstop(true)])", "+ ."],
    ["write_term('A', [quoted(true), fullstop(true), nl(true)])", "'A'.\n"],
    ["write_term(a, [nl(true)])", "a\n"],
    ["write_term((a,b), [priority(999)])", "(a,b)"],
    ["write_term((a,b), [priority(1200)])", "a,b"],
    ["write_term(f(a,b), [spacing(standard), portray(true), cycles(true)])", "f(a,b)"],
    ["write_term(f(a,b), [spacing(next_argument)])", "f(a,b)"],
    ["write_term(user_output, 'A', [quoted(true)])", "'A'"],
  ];
  for (const [goal, expected] of rows) {
    await t.step(
      `${goal} -> ${JSON.stringify(expected)}`,
      () => assert.equal(run(goal).out, expected),
    );
  }
  await t.step("write_term/3 to user_error", () => {
    const r = run("write_term(user_error, 'A', [quoted(true)])");
    assert.deepEqual([r.out, r.err], ["", "'A'"]);
  });
});

Deno.test("write_term/2,3 raises the ISO 8.14.2.3 errors", async (t) => {
  const rows: [string, string][] = [
    ["write_term(a, _)", "error(instantiation_error,"],
    ["write_term(a, [quoted(true)|_])", "error(instantiation_error,"],
    ["write_term(a, [_])", "error(instantiation_error,"],
    ["write_term(a, [quoted(_)])", "error(instantiation_error,"],
    ["write_term(a, [variable_names(_)])", "error(instantiation_error,"],
    ["write_term(a, [variable_names([_=_])])", "error(instantiation_error,"],
    ["write_term(a, foo)", "error(type_error(list,foo),"],
    ["write_term(a, [quoted(true)|foo])", "error(type_error(list,[quoted(true)|foo]),"],
    ["write_term(a, [foo])", "error(domain_error(write_option,foo),"],
    ["write_term(a, [foo(true)])", "error(domain_error(write_option,foo(true)),"],
    ["write_term(a, [quoted(maybe)])", "error(domain_error(write_option,quoted(maybe)),"],
    ["write_term(a, [max_depth(a)])", "error(domain_error(write_option,max_depth(a)),"],
    ["write_term(a, [max_depth(-1)])", "error(domain_error(write_option,max_depth(-1)),"],
    ["write_term(a, [priority(1201)])", "error(domain_error(write_option,priority(1201)),"],
    ["write_term(a, [spacing(wide)])", "error(domain_error(write_option,spacing(wide)),"],
    ["write_term(a, [variable_names(x)])", "error(domain_error(write_option,variable_names(x)),"],
    [
      "write_term(a, [variable_names([x])])",
      "error(domain_error(write_option,variable_names([x])),",
    ],
    [
      "write_term(a, [variable_names([1=_])])",
      "error(domain_error(write_option,variable_names([1=_",
    ],
    ["write_term(_, a, [])", "error(instantiation_error,"],
    ["write_term(f(x), a, [])", "error(domain_error(stream_or_alias,f(x)),"],
    ["write_term(nosuch, a, [])", "error(existence_error(stream,nosuch),"],
    ["write_term(user_input, a, [])", "error(permission_error(output,stream,user_input),"],
    ["write(user_input, a)", "error(permission_error(output,stream,user_input),"],
    ["writeq(_, a)", "error(instantiation_error,"],
    ["print(nosuch, a)", "error(existence_error(stream,nosuch),"],
    ["write_canonical(3, a)", "error(domain_error(stream_or_alias,3),"],
  ];
  for (const [goal, expected] of rows) {
    await t.step(
      `${goal} -> ${expected}`,
      () => assert.ok(errorOf(goal).startsWith(expected), errorOf(goal)),
    );
  }
});

Deno.test("nl/0,1, tab/1,2 and writeln/1,2 write layout", async (t) => {
  const rows: [string, string, string][] = [
    ["nl", "\n", ""],
    ["nl(user_error)", "", "\n"],
    ["write(a), tab(3), write(b)", "a   b", ""],
    ["tab(1+2), write(b)", "   b", ""],
    ["tab(0), write(b)", "b", ""],
    ["tab(user_error, 2)", "", "  "],
    ["writeln('A b')", "A b\n", ""],
    ["writeln(user_error, f('X'))", "", "f(X)\n"],
  ];
  for (const [goal, out, err] of rows) {
    await t.step(goal, () => {
      const r = run(goal);
      assert.deepEqual([r.out, r.err], [out, err]);
    });
  }
  const errors: [string, string][] = [
    ["nl(_)", "error(instantiation_error,"],
    ["nl(user_input)", "error(permission_error(output,stream,user_input),"],
    ["tab(_)", "error(instantiation_error,"],
    ["tab(a)", "error(type_error(evaluable,a/0),"],
    ["writeln(nosuch, a)", "error(existence_error(stream,nosuch),"],
  ];
  for (const [goal, expected] of errors) {
    await t.step(
      `${goal} -> ${expected}`,
      () => assert.ok(errorOf(goal).startsWith(expected), errorOf(goal)),
    );
  }
});
