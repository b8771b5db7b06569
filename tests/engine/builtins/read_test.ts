import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";

/** Asserts that `goal` raises an error whose writeq text starts with `prefix`. */
function assertError(e: Engine, goal: string, prefix: string): void {
  assert.throws(
    () => e.once(goal),
    (err) => {
      assert.ok(err instanceof PrologError, `not a PrologError: ${err}`);
      const text = e.format(err.term);
      assert.ok(text.startsWith(prefix), `${goal}: got ${text}, want ${prefix}...`);
      return true;
    },
  );
}

/** Runs `body` with a temp dir holding `files`, removed afterwards. */
async function withFiles(
  files: Record<string, string>,
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "byrd_read_" });
  try {
    for (const [name, text] of Object.entries(files)) {
      Deno.writeTextFileSync(`${dir}/${name}`, text);
    }
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("read/1 reads terms from user_input", async (t) => {
  const e = new Engine(undefined, { input: "foo(X, Y). [1,2|T].\n'a b'. " });
  const rows: [string, string][] = [
    ["foo(_", "first term"],
    ["[1,2|_", "second term"],
    ["'a b'", "quoted atom"],
    ["end_of_file", "end of input"],
    ["end_of_file", "end of input again (eof_code)"],
  ];
  for (const [want, title] of rows) {
    await t.step(title, () => {
      const x = e.once("read(X)")?.text.X ?? "";
      assert.ok(x.startsWith(want), `got ${x}`);
    });
  }
});

Deno.test("read/2 reads several terms, then end_of_file, then fails past the end", async (t) => {
  await withFiles({ h: "hello.\nworld.\n% comment\n", e: "" }, async (dir) => {
    const e = new Engine();
    await t.step("terms in order, then end_of_file", () => {
      const s = e.once(`open('${dir}/h', read, S), read(S, A), read(S, B), read(S, C)`);
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.C], [
        "hello",
        "world",
        "end_of_file",
      ]);
    });
    await t.step("a bound term is unified", () => {
      assert.ok(e.once(`open('${dir}/h', read, S), read(S, hello)`));
      assert.equal(e.once(`open('${dir}/h', read, S), read(S, world)`), null);
    });
    await t.step("position advances past the end token's layout", () => {
      const s = e.once(
        `open('${dir}/h', read, S), read(S, _), stream_property(S, position(P)), get_char(S, C)`,
      );
      assert.deepEqual([s?.text.P, s?.bindings.C], ["'$stream_position'(7,2,0,7)", "w"]);
    });
    await t.step("after reading, get_char continues on the same line", () => {
      assert.equal(
        e.once(`open('${dir}/h', read, S), read(S, _), read(S, _), get_char(S, C)`)?.bindings.C,
        "%",
      );
    });
    const rows: [string, string][] = [
      ["read(_, _)", "error(instantiation_error"],
      ["read(3.5, _)", "error(domain_error(stream_or_alias,3.5)"],
      ["read(foo, _)", "error(existence_error(stream,foo)"],
      ["read(user_output, _)", "error(permission_error(input,stream,user_output)"],
      [
        `open('${dir}/h', read, S, [type(binary)]), read(S, _)`,
        "error(permission_error(input,binary_stream,'$stream'(",
      ],
      [
        `open('${dir}/e', read, S), read(S, _), read(S, _)`,
        "error(permission_error(input,past_end_of_stream,'$stream'(",
      ],
      [
        `open('${dir}/h', read, S), read(S, _), read(S, _), read(S, _), read(S, _)`,
        "error(permission_error(input,past_end_of_stream,",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("read/2 skips past a syntax error and reads on", async (t) => {
  await withFiles({ s: "a(1).\nb c d.\nc(2).\nd(", q: "x. 'unterminated\ny." }, async (dir) => {
    const e = new Engine();
    e.once(`open('${dir}/s', read, S, [alias(s)])`);
    await t.step("the term before the error", () => {
      assert.equal(e.once("read(s, T)")?.text.T, "a(1)");
    });
    await t.step("the bad term raises with its absolute line", () => {
      assertError(e, "read(s, _)", "error(syntax_error(");
    });
    await t.step("the next term reads fine", () => {
      assert.equal(e.once("read(s, T)")?.text.T, "c(2)");
    });
    await t.step("an unfinished term at the end raises", () => {
      assertError(e, "read(s, _)", "error(syntax_error(");
    });
    await t.step("then the stream is at its end", () => {
      assert.equal(e.once("read(s, T)")?.text.T, "end_of_file");
    });
    await t.step("error context gives the line in the file", () => {
      e.once(`open('${dir}/s', read, S, [alias(s2)]), read(s2, _)`);
      const s = e.once("catch(read(s2, _), error(_, context(L:_, _)), true)");
      assert.equal(s?.bindings.L, 2);
    });
    await t.step("a lexical error is skipped too", () => {
      const s = e.once(
        `open('${dir}/q', read, S), read(S, A), catch(read(S, _), error(syntax_error(_), _), true), read(S, B)`,
      );
      assert.deepEqual([s?.bindings.A, s?.bindings.B], ["x", "end_of_file"]);
    });
  });
});

Deno.test("read_term/2,3 returns variables, names and singletons", async (t) => {
  await withFiles({ v: "f(X, Y, X, _, _Z).\ng.\n" }, async (dir) => {
    const e = new Engine(undefined, { input: 'p(A, B, A). "ab". "ab".' });
    await t.step("variables/variable_names/singletons on a stream", () => {
      const s = e.once(
        `open('${dir}/v', read, S), read_term(S, T, [variables(V), variable_names(N), singletons(Si)])`,
      );
      assert.match(s?.text.T ?? "", /^f\((_\w+),(_\w+),\1,_\w+,_\w+\)$/);
      assert.equal((s?.text.V.match(/_/g) ?? []).length, 4);
      assert.match(s?.text.N ?? "", /^\['X'=_\w+,'Y'=_\w+,'_Z'=_\w+\]$/);
      assert.match(s?.text.Si ?? "", /^\['Y'=_\w+\]$/);
    });
    await t.step("variables are shared with the term", () => {
      assert.ok(e.once(
        `open('${dir}/v', read, S), read_term(S, T, [variable_names(['X'=A, 'Y'=B|_])]), T = f(P, Q, R, _, _), P == A, Q == B, R == A`,
      ));
    });
    await t.step("options at end of file give empty lists", () => {
      const s = e.once(
        `open('${dir}/v', read, S), read(S, _), read(S, _), read_term(S, T, [variables(V), variable_names(N), singletons(Si)])`,
      );
      assert.deepEqual([s?.bindings.T, s?.text.V, s?.text.N, s?.text.Si], [
        "end_of_file",
        "[]",
        "[]",
        "[]",
      ]);
    });
    await t.step("read_term/2 reads the current input", () => {
      assert.equal(e.once("read_term(T, [singletons(S)])")?.text.S?.startsWith("['B'="), true);
    });
    await t.step("double_quotes option overrides the flag", () => {
      assert.equal(e.once("read_term(T, [double_quotes(atom)])")?.bindings.T, "ab");
      assert.equal(e.once("read_term(T, [])")?.text.T, "[97,98]");
    });
    await t.step("syntax_errors(fail) fails instead of raising", () => {
      const e2 = new Engine(undefined, { input: "a b. ok." });
      assert.equal(e2.once("read_term(_, [syntax_errors(fail)])"), null);
      assert.equal(e2.once("read_term(T, [])")?.bindings.T, "ok");
    });
    await t.step("syntax_errors(dec10) reports and reads the next term", () => {
      let err = "";
      const e2 = new Engine(undefined, { input: "a b. ok.", errorOutput: (s) => err += s });
      assert.equal(e2.once("read_term(T, [syntax_errors(dec10)])")?.bindings.T, "ok");
      assert.match(err, /operator expected/);
    });
    const rows: [string, string][] = [
      ["read_term(_, _, [])", "error(instantiation_error"],
      ["read_term(user_input, _, _)", "error(instantiation_error"],
      ["read_term(user_input, _, [_])", "error(instantiation_error"],
      ["read_term(user_input, _, [variables(_)|_])", "error(instantiation_error"],
      ["read_term(user_input, _, q)", "error(type_error(list,q)"],
      ["read_term(user_input, _, [variables(_)|q])", "error(type_error(list,[variables(_"],
      ["read_term(3.5, _, [])", "error(domain_error(stream_or_alias,3.5)"],
      ["read_term(user_input, _, [q])", "error(domain_error(read_option,q)"],
      [
        "read_term(user_input, _, [syntax_errors(x)])",
        "error(domain_error(read_option,syntax_errors(x))",
      ],
      [
        "read_term(user_input, _, [double_quotes(x)])",
        "error(domain_error(read_option,double_quotes(x))",
      ],
      ["read_term(foo, _, [])", "error(existence_error(stream,foo)"],
      ["read_term(user_output, _, [])", "error(permission_error(input,stream,user_output)"],
      ["read_term(_, _)", "error(instantiation_error"],
      ["read_term(_, [q])", "error(domain_error(read_option,q)"],
      ["read_term(_, q)", "error(type_error(list,q)"],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});
