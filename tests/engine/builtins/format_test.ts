import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";

/** Runs `goal` in a fresh engine; returns the first solution's text bindings and the output. */
function run(goal: string): { out: string; err: string; text: Record<string, string> | null } {
  let out = "";
  let err = "";
  const e = new Engine("", { output: (s) => out += s, errorOutput: (s) => err += s });
  const sol = e.once(goal);
  return { out, err, text: sol === null ? null : sol.text };
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

/** Format string, arguments, and the expected output of format/2. */
type Row = [fmt: string, args: string, expected: string];

async function formatTable(t: Deno.TestContext, rows: Row[]): Promise<void> {
  for (const [fmt, args, expected] of rows) {
    await t.step(`format(${fmt}, ${args}) -> ${JSON.stringify(expected)}`, () => {
      assert.equal(run(`format(${fmt}, ${args})`).out, expected);
    });
  }
}

Deno.test("format/2 writes terms with ~w ~p ~q ~k ~W ~a", (t) =>
  formatTable(t, [
    ['"~w and ~w"', "[a, 'B c']", "a and B c"],
    ['"~q"', "['B c']", "'B c'"],
    ['"~p"', "['A b']", "'A b'"],
    ['"~p"', "['$VAR'(1)]", "B"],
    ['"~k"', "[1+a]", "+(1,a)"],
    ['"~k"', "['$VAR'(1)]", "'$VAR'(1)"],
    ['"~W"', "['A'+b, [quoted(true), ignore_ops(true)]]", "+('A',b)"],
    ['"~a"', "[abc]", "abc"],
    ['"~a"', "['A b']", "A b"],
    ['"~a|~a"', "[12, 1.5]", "12|1.5"],
    ['"~w"', "hello", "hello"],
    ["'no args'", "[]", "no args"],
    ['"~~"', "[]", "~"],
    ["[0'~, 0'w]", "[x]", "x"],
    ['"~i~w"', "[skipped, shown]", "shown"],
  ]));

Deno.test("format/2 writes integers with ~d ~D ~I ~r ~R", (t) =>
  formatTable(t, [
    ['"~d"', "[42]", "42"],
    ['"~d"', "[-42]", "-42"],
    ['"~2d"', "[1234]", "12.34"],
    ['"~2d"', "[5]", "0.05"],
    ['"~2d"', "[-5]", "-0.05"],
    ['"~0d"', "[7]", "7"],
    ['"~d"', "[100000000000000000000000000000]", "100000000000000000000000000000"],
    ['"~d"', "[3+4]", "7"],
    ['"~D"', "[1234567]", "1,234,567"],
    ['"~D"', "[-1234567]", "-1,234,567"],
    ['"~D"', "[123]", "123"],
    ['"~2D"', "[1234567]", "12,345.67"],
    ['"~I"', "[1234567]", "1_234_567"],
    ['"~8r"', "[64]", "100"],
    ['"~16r"', "[255]", "ff"],
    ['"~16R"', "[255]", "FF"],
    ['"~2r"', "[-5]", "-101"],
    ['"~36r"', "[35]", "z"],
  ]));

Deno.test("format/2 writes floats with ~f ~e ~g", (t) =>
  formatTable(t, [
    ['"~4f"', "[3.14159]", "3.1416"],
    ['"~f"', "[1.0]", "1.000000"],
    ['"~0f"', "[2.5]", "2"],
    ['"~2f"', "[0.125]", "0.12"],
    ['"~2f"', "[1]", "1.00"],
    ['"~1f"', "[-0.04]", "-0.0"],
    ['"~20f"', "[0.1]", "0.10000000000000000555"],
    ['"~3f"', "[100000000000000000000000000000]", "100000000000000000000000000000.000"],
    ['"~2f"', "[10/4]", "2.50"],
    ['"~e"', "[1.0]", "1.000000e+00"],
    ['"~3e"', "[0.000123]", "1.230e-04"],
    ['"~2e"', "[9.999]", "1.00e+01"],
    ['"~e"', "[12345.678]", "1.234568e+04"],
    ['"~1e"', "[1.0e300]", "1.0e+300"],
    ['"~g"', "[0.5]", "0.5"],
    ['"~g"', "[1.0]", "1"],
    ['"~g"', "[1.0e20]", "1e+20"],
    ['"~g"', "[0.00001]", "1e-05"],
    ['"~4g"', "[123.456]", "123.5"],
    ['"~E"', "[1.5]", "1.500000E+00"],
  ]));

Deno.test("format/2 writes text with ~s ~c ~n ~N", (t) =>
  formatTable(t, [
    ['"~s"', '["abc"]', "abc"],
    ['"~s"', "[[0'h, 0'i]]", "hi"],
    ['"~s"', "[[h, i]]", "hi"],
    ['"~s"', "[[]]", ""],
    ['"~c"', "[65]", "A"],
    ['"~3c"', "[0'x]", "xxx"],
    ['"~*c"', "[3, 0'x]", "xxx"],
    ['"~*c"', "[0, 0'x]", ""],
    ['"a~nb"', "[]", "a\nb"],
    ['"a~3nb"', "[]", "a\n\n\nb"],
    ['"~Na~Nb~N"', "[]", "a\nb\n"],
  ]));

Deno.test("format/2 aligns columns with ~t ~| ~+", (t) =>
  formatTable(t, [
    ['"~a~t~20|~w~n"', "[abc, 12]", "abc                 12\n"],
    ['"~t~w~10|"', "[right]", "     right"],
    ['"~t~d~6|"', "[42]", "    42"],
    ['"~`0t~d~6|"', "[42]", "000042"],
    ['"~48t~d~6|"', "[42]", "000042"],
    ['"~*t~d~6|"', "[0'., 42]", "....42"],
    ['"~`-t~30|"', "[]", "------------------------------"],
    ['"~t~w~t~11|"', "[mid]", "    mid    "],
    ['"~t~w~t~12|"', "[mid]", "    mid     "],
    ['"~8|abc"', "[]", "        abc"],
    ['"~w~t~5+~w~t~5+~w"', "[a, b, c]", "a    b    c"],
    ['"~w~5+~w"', "[a, b]", "a    b"],
    ['"~w~+~w"', "[a, b]", "a       b"],
    ['"~a~t~a~12|~a"', "[left, right, x]", "left   rightx"],
    ['"~w~3|~w"', "[toolong, x]", "toolongx"],
    ['"~w~|~w"', "[a, b]", "ab"],
    ['"~ta~t~4|"', "[]", " a  "],
    ['"~t~w"', "[x]", "x"],
    ['"~w ~46t ~w~20|"', "['Title', 'Page']", "Title ......... Page"],
    ['"~t~2f~10|"', "[3.14159]", "      3.14"],
  ]));

Deno.test("format/2 starts columns at the stream's position", async (t) => {
  await t.step("column stop after earlier output", () => {
    assert.equal(run('write(abc), format("~t~w~10|", [x])').out, "abc      x");
  });
  await t.step("column stop after a newline", () => {
    assert.equal(run('write(abc), nl, format("~t~w~5|", [x])').out, "abc\n    x");
  });
});

Deno.test("format/2 runs goals with ~@", async (t) => {
  const rows: [string, string | null][] = [
    ['format("<~@>", [write(x)])', "<x>"],
    ['format("~t~@~5|", [write(ab)])', "   ab"],
    ['format("a~@b", [fail])', null],
  ];
  for (const [goal, expected] of rows) {
    await t.step(goal, () => {
      const r = run(goal);
      assert.equal(r.text === null ? null : r.out, expected);
    });
  }
});

Deno.test("format/1,2 raise format errors", async (t) => {
  const rows: [string, string][] = [
    ['format("~q")', "error(format('not enough arguments'),"],
    ['format("~w ~w", [a])', "error(format('not enough arguments'),"],
    ['format("~q", [a, b])', "error(format('too many arguments'),"],
    ['format("x", [a])', "error(format('too many arguments'),"],
    ['format("~d", [a])', "error(format('~D expects an integer argument'),"],
    ['format("~d", [1.0])', "error(format('~D expects an integer argument'),"],
    ['format("~D", [x])', "error(format('~D expects an integer argument'),"],
    ['format("~a", [f(x)])', "error(format_argument_type(a,f(x)),"],
    ['format("~c", [a])', "error(format_argument_type(c,a),"],
    ['format("~s", [abc])', "error(format_argument_type(s,abc),"],
    ['format("~e", [a])', "error(format_argument_type(e,a),"],
    ['format("~8r", [a])', "error(format_argument_type(r,a),"],
    ['format("~r", [1])', "error(format('r,R requires radix specifier'),"],
    ['format("~37r", [1])', "error(domain_error(radix,37),"],
    ['format("~*c", [a, 1])', "error(format('no or negative integer for `*\\' argument'),"],
    ['format("abc~", [])', "error(format('truncated format specification'),"],
    ['format("~y", [])', "error(format('unknown directive: ~y'),"],
    ["format(_, [])", "error(instantiation_error,"],
    ["format(f(x), [])", "error(type_error(text,f(x)),"],
    ['format("~@", [throw(oops)])', "oops"],
  ];
  for (const [goal, expected] of rows) {
    await t.step(
      `${goal} -> ${expected}`,
      () => assert.ok(errorOf(goal).startsWith(expected), errorOf(goal)),
    );
  }
  await t.step("an error emits nothing", () => {
    let out = "";
    const e = new Engine("", { output: (s) => out += s, errorOutput: () => {} });
    assert.throws(() => e.once('format("abc~q")'), PrologError);
    assert.equal(out, "");
  });
});

Deno.test("format/3 writes to streams and sinks", async (t) => {
  const rows: [string, string, string][] = [
    ['format(atom(A), "~w-~w", [a, b])', "A", "'a-b'"],
    ['format(string(A), "~w", [ab])', "A", '"ab"'],
    ['format(codes(A), "~w", [ab])', "A", "[97,98]"],
    ['format(codes(A, T), "~w", [ab]), T = [0\'c]', "A", "[97,98,99]"],
    ['format(chars(A), "~w", [ab])', "A", "[a,b]"],
    ['format(chars(A, T), "~w", [ab]), T = []', "A", "[a,b]"],
    ['format(atom(A), "~t~w~5|", [x])', "A", "'    x'"],
  ];
  for (const [goal, v, expected] of rows) {
    await t.step(`${goal} -> ${expected}`, () => assert.equal(run(goal).text?.[v], expected));
  }
  await t.step("format/3 to an alias", () => {
    const r = run('format(user_error, "~w~n", [oops])');
    assert.deepEqual([r.out, r.err], ["", "oops\n"]);
  });
  await t.step("format/3 sink that does not unify fails", () => {
    assert.equal(run('format(atom(b), "~w", [a])').text, null);
  });
  const errors: [string, string][] = [
    ['format(_, "x", [])', "error(instantiation_error,"],
    ['format(nosuch, "x", [])', "error(existence_error(stream,nosuch),"],
    ['format(foo(x), "x", [])', "error(domain_error(stream_or_alias,foo(x)),"],
    ['format(user_input, "x", [])', "error(permission_error(output,stream,user_input),"],
  ];
  for (const [goal, expected] of errors) {
    await t.step(
      `${goal} -> ${expected}`,
      () => assert.ok(errorOf(goal).startsWith(expected), errorOf(goal)),
    );
  }
});

Deno.test("with_output_to/2 captures output", async (t) => {
  const rows: [string, string, string][] = [
    ["with_output_to(atom(A), (write(a), write(b)))", "A", "ab"],
    ["with_output_to(atom(A), true)", "A", "''"],
    ["with_output_to(string(A), write('x y'))", "A", '"x y"'],
    ["with_output_to(codes(A), write(ab))", "A", "[97,98]"],
    ["with_output_to(codes(A, T), write(ab)), T = [0'c]", "A", "[97,98,99]"],
    ["with_output_to(chars(A), write(ab))", "A", "[a,b]"],
    ["with_output_to(chars(A, T), write(ab)), T = [c]", "A", "[a,b,c]"],
    ["with_output_to(atom(A), (current_output(S), write(S, viaS)))", "A", "viaS"],
    ["with_output_to(atom(A), (write(a), with_output_to(atom(B), write(b)), write(B)))", "A", "ab"],
    ["with_output_to(atom(A), (X = 1 ; X = 2)), write(X)", "X", "1"],
    ["with_output_to(atom(_), X = bound)", "X", "bound"],
  ];
  for (const [goal, v, expected] of rows) {
    await t.step(
      `${goal} -> ${v} = ${expected}`,
      () => assert.equal(run(goal).text?.[v], expected),
    );
  }
  await t.step("nested capture leaves the outer output alone", () => {
    const r = run("with_output_to(atom(_), write(hidden)), write(shown)");
    assert.equal(r.out, "shown");
  });
  await t.step(
    "fails when the goal fails",
    () => assert.equal(run("with_output_to(atom(_), fail)").text, null),
  );
  await t.step("fails when the text does not unify", () => {
    assert.equal(run("with_output_to(atom(b), write(a))").text, null);
  });
  await t.step("output is restored after an exception", () => {
    const r = run("catch(with_output_to(atom(_), (write(lost), throw(e))), e, true), write(after)");
    assert.equal(r.out, "after");
  });
  await t.step("output is restored after a failure", () => {
    const r = run("(with_output_to(atom(_), (write(lost), fail)) ; true), write(after)");
    assert.equal(r.out, "after");
  });
  const errors: [string, string][] = [
    ["with_output_to(_, true)", "error(instantiation_error,"],
    ["with_output_to(foo, true)", "error(domain_error(output_sink,foo),"],
    ["with_output_to(atom(_, _), true)", "error(domain_error(output_sink,atom(_"],
    ["with_output_to(atom(_), _)", "error(instantiation_error,"],
    ["with_output_to(atom(_), throw(ball))", "ball"],
  ];
  for (const [goal, expected] of errors) {
    await t.step(
      `${goal} -> ${expected}`,
      () => assert.ok(errorOf(goal).startsWith(expected), errorOf(goal)),
    );
  }
});

Deno.test("print_message/2 prints one line to user_error", async (t) => {
  const rows: [string, string][] = [
    [
      "print_message(error, error(type_error(integer, a), context(foo/2, _)))",
      "ERROR: foo/2: Type error: `integer' expected, found `a' (an atom)\n",
    ],
    [
      "print_message(error, error(instantiation_error, _))",
      "ERROR: Arguments are not sufficiently instantiated\n",
    ],
    [
      "print_message(error, error(domain_error(not_less_than_zero, -1), _))",
      "ERROR: Domain error: `not_less_than_zero' expected, found `-1'\n",
    ],
    [
      "print_message(error, error(existence_error(procedure, foo/0), _))",
      "ERROR: Unknown procedure: foo/0\n",
    ],
    [
      "print_message(error, error(permission_error(modify, static_procedure, foo/1), context(assertz/1, 'no way')))",
      "ERROR: assertz/1: No permission to modify static procedure `foo/1' (no way)\n",
    ],
    [
      "print_message(error, error(evaluation_error(zero_divisor), _))",
      "ERROR: Arithmetic: evaluation error: `zero_divisor'\n",
    ],
    [
      'catch(format("~q"), E, print_message(error, E))',
      "ERROR: Format error: not enough arguments\n",
    ],
    ['print_message(warning, format("hello ~w", [world]))', "Warning: hello world\n"],
    ["print_message(error, 'Foo')", "ERROR: Unknown message: 'Foo'\n"],
    ['print_message(informational, format("hidden", []))', ""],
    ["print_message(silent, anything)", ""],
  ];
  for (const [goal, expected] of rows) {
    await t.step(goal, () => {
      const r = run(goal);
      assert.deepEqual([r.out, r.err], ["", expected]);
    });
  }
  await t.step(
    "unbound kind",
    () => assert.ok(errorOf("print_message(_, x)").startsWith("error(instantiation_error,")),
  );
});
