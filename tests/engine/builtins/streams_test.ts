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

/** Runs `body` with a fresh temp dir, removed afterwards. */
async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "byrd_streams_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("open/4 round-trips text, appends and reads bytes", async (t) => {
  await withDir(async (dir) => {
    const f = `'${dir}/out.txt'`;
    const e = new Engine();
    await t.step("write mode creates and truncates", () => {
      assert.ok(e.once(`open(${f}, write, S), put_char(S, x), put_char(S, y), close(S)`));
      assert.equal(Deno.readTextFileSync(`${dir}/out.txt`), "xy");
      assert.ok(e.once(`open(${f}, write, S), put_char(S, z), close(S)`));
      assert.equal(Deno.readTextFileSync(`${dir}/out.txt`), "z");
    });
    await t.step("append mode adds at the end", () => {
      assert.ok(e.once(`open(${f}, append, S), put_code(S, 0'\\n), put_char(S, 'é'), close(S)`));
      assert.equal(Deno.readTextFileSync(`${dir}/out.txt`), "z\né");
    });
    await t.step("read mode reads what was written", () => {
      const s = e.once(`open(${f}, read, S), get_char(S, A), get_char(S, B), get_char(S, C)`);
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.C], ["z", "\n", "é"]);
    });
    await t.step("binary write then binary read", () => {
      const b = `'${dir}/bin'`;
      assert.ok(
        e.once(`open(${b}, write, S, [type(binary)]), put_byte(S, 0), put_byte(S, 255), close(S)`),
      );
      assert.deepEqual([...Deno.readFileSync(`${dir}/bin`)], [0, 255]);
      const s = e.once(
        `open(${b}, read, S, [type(binary)]), get_byte(S, X), get_byte(S, Y), get_byte(S, Z)`,
      );
      assert.deepEqual([s?.bindings.X, s?.bindings.Y, s?.bindings.Z], [0, 255, -1]);
    });
    await t.step("open/3 binds a stream term", () => {
      assert.match(e.once(`open(${f}, read, S)`)?.text.S ?? "", /^'\$stream'\(\d+\)$/);
    });
    await t.step("a string source is accepted", () => {
      assert.equal(e.once(`open("${dir}/out.txt", read, S), get_char(S, C)`)?.bindings.C, "z");
    });
  });
});

Deno.test("open/4 raises the ISO errors", async (t) => {
  await withDir(async (dir) => {
    const f = `'${dir}/f'`;
    Deno.writeTextFileSync(`${dir}/f`, "data.");
    const e = new Engine();
    e.once(`open(${f}, read, _, [alias(taken)])`);
    const rows: [string, string][] = [
      ["open(_, read, S, [])", "error(instantiation_error"],
      [`open(${f}, _, S, [])`, "error(instantiation_error"],
      [`open(${f}, read, S, _)`, "error(instantiation_error"],
      [`open(${f}, read, S, [_])`, "error(instantiation_error"],
      [`open(${f}, read, S, [type(binary)|_])`, "error(instantiation_error"],
      [`open(${f}, read, S, [type(_)])`, "error(instantiation_error"],
      [`open(${f}, 3, S, [])`, "error(type_error(atom,3)"],
      [`open(${f}, read, S, 3)`, "error(type_error(list,3)"],
      [`open(${f}, read, S, [type(binary)|b])`, "error(type_error(list,[type(binary)|b])"],
      [`open(${f}, read, a, [])`, "error(uninstantiation_error(a)"],
      ["open(f(x), read, S, [])", "error(domain_error(source_sink,f(x))"],
      [`open(${f}, mangle, S, [])`, "error(domain_error(io_mode,mangle)"],
      [`open(${f}, read, S, [3])`, "error(domain_error(stream_option,3)"],
      [`open(${f}, read, S, [force(true)])`, "error(domain_error(stream_option,force(true))"],
      [`open(${f}, read, S, [type(octet)])`, "error(domain_error(stream_option,type(octet))"],
      [`open(${f}, read, S, [alias(1)])`, "error(domain_error(stream_option,alias(1))"],
      [`open(${f}, read, S, [eof_action(x)])`, "error(domain_error(stream_option,eof_action(x))"],
      [
        `open(${f}, read, S, [alias(taken)])`,
        "error(permission_error(open,source_sink,alias(taken))",
      ],
      [
        `open(${f}, read, S, [alias(user_input)])`,
        "error(permission_error(open,source_sink,alias(user_input))",
      ],
      [`open('${dir}/nosuch', read, S)`, `error(existence_error(source_sink,'${dir}/nosuch')`],
      [`open('${dir}/no/dir', write, S)`, `error(existence_error(source_sink,'${dir}/no/dir')`],
      [`open('${dir}', read, S)`, `error(permission_error(open,source_sink,'${dir}')`],
      [`open('${dir}', write, S)`, `error(permission_error(open,source_sink,'${dir}')`],
      [
        `open(${f}, append, S, [reposition(true)])`,
        "error(permission_error(open,source_sink,reposition(true))",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("close/1,2 closes streams and checks options", async (t) => {
  await withDir(async (dir) => {
    const f = `'${dir}/c'`;
    Deno.writeTextFileSync(`${dir}/c`, "abc");
    const e = new Engine();
    await t.step("a closed stream no longer exists", () => {
      assertError(
        e,
        `open(${f}, read, S), close(S), get_char(S, _)`,
        "error(existence_error(stream,'$stream'(",
      );
    });
    await t.step("closing frees the alias", () => {
      assert.ok(
        e.once(
          `open(${f}, read, _, [alias(a1)]), close(a1), open(${f}, read, _, [alias(a1)]), close(a1)`,
        ),
      );
      assertError(e, "close(a1)", "error(existence_error(stream,a1)");
    });
    await t.step("force(true) ignores a missing stream", () => {
      assert.ok(e.once("close(nosuch, [force(true)])"));
    });
    await t.step("closing the current output restores user_output", () => {
      const s = e.once(
        `open('${dir}/w', write, S), set_output(S), close(S), current_output(C), stream_property(C, alias(A))`,
      );
      assert.equal(s?.bindings.A, "user_output");
    });
    await t.step("closing a standard stream is a no-op", () => {
      assert.ok(
        e.once(
          "close(user_input), close(user_output), current_input(S), stream_property(S, alias(user_input))",
        ),
      );
    });
    const rows: [string, string][] = [
      ["close(_)", "error(instantiation_error"],
      ["close(user_input, _)", "error(instantiation_error"],
      ["close(user_input, [_])", "error(instantiation_error"],
      ["close(user_input, 3)", "error(type_error(list,3)"],
      ["close(user_input, [farce(true)])", "error(domain_error(close_option,farce(true))"],
      ["close(user_input, [force(yes)])", "error(domain_error(close_option,force(yes))"],
      ["close(3.5, [])", "error(domain_error(stream_or_alias,3.5)"],
      ["close(foo, [])", "error(existence_error(stream,foo)"],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("current_input/1, current_output/1, set_input/1, set_output/1 select streams", async (t) => {
  await withDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/in`, "q");
    let out = "";
    const e = new Engine(undefined, { output: (s) => out += s, input: "u" });
    await t.step("current streams are stream terms", () => {
      assert.match(e.once("current_input(S)")?.text.S ?? "", /^'\$stream'/);
      assert.ok(e.once("current_output(S), stream_property(S, alias(user_output))"));
    });
    await t.step("set_input redirects get_char/1", () => {
      const s = e.once(
        `open('${dir}/in', read, S), set_input(S), get_char(C), set_input(user_input), get_char(D)`,
      );
      assert.deepEqual([s?.bindings.C, s?.bindings.D], ["q", "u"]);
    });
    await t.step("set_output redirects put_char/1", () => {
      assert.ok(
        e.once(`open('${dir}/o', write, S), set_output(S), put_char(z), close(S), put_char(k)`),
      );
      assert.equal(Deno.readTextFileSync(`${dir}/o`), "z");
      assert.equal(out, "k");
    });
    const rows: [string, string][] = [
      ["current_input(a)", "error(domain_error(stream,a)"],
      ["current_output(3.5)", "error(domain_error(stream,3.5)"],
      ["set_input(_)", "error(instantiation_error"],
      ["set_input(3.5)", "error(domain_error(stream_or_alias,3.5)"],
      ["set_input(xyz)", "error(existence_error(stream,xyz)"],
      ["set_input(user_output)", "error(permission_error(input,stream,user_output)"],
      ["set_output(user_input)", "error(permission_error(output,stream,user_input)"],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
    await t.step("current_input of another stream fails", () => {
      assert.equal(e.once("current_input('$stream'(-1))"), null);
    });
  });
});

Deno.test("flush_output/0,1 makes file output visible", async (t) => {
  await withDir(async (dir) => {
    const e = new Engine(undefined, { output: () => {} });
    await t.step("flush_output/1 writes the buffer", () => {
      assert.ok(e.once(`open('${dir}/f', write, _, [alias(fo)]), put_char(fo, a)`));
      assert.equal(Deno.readTextFileSync(`${dir}/f`), "");
      assert.ok(e.once("flush_output(fo)"));
      assert.equal(Deno.readTextFileSync(`${dir}/f`), "a");
    });
    await t.step("flush_output/0 flushes the current output", () => {
      assert.ok(e.once("set_output(fo), put_char(b), flush_output, set_output(user_output)"));
      assert.equal(Deno.readTextFileSync(`${dir}/f`), "ab");
      e.once("close(fo)");
    });
    const rows: [string, string][] = [
      ["flush_output(_)", "error(instantiation_error"],
      ["flush_output(3.5)", "error(domain_error(stream_or_alias,3.5)"],
      ["flush_output(foo)", "error(existence_error(stream,foo)"],
      ["flush_output(user_input)", "error(permission_error(output,stream,user_input)"],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("stream_property/2 enumerates streams and properties", async (t) => {
  await withDir(async (dir) => {
    const path = `${dir}/p`;
    Deno.writeTextFileSync(path, "ab\nc");
    const e = new Engine();
    await t.step("every property of a file stream, in order", () => {
      const s = e.once(
        `open('${path}', read, S, [alias(pa)]), findall(P, stream_property(S, P), L)`,
      );
      assert.equal(
        s?.text.L,
        `[file_name('${path}'),mode(read),input,alias(pa),position('$stream_position'(0,1,0,0)),` +
          "end_of_stream(not),eof_action(error),reposition(true),type(text),encoding(utf8)]",
      );
      e.once("close(pa)");
    });
    await t.step("enumerates the standard streams", () => {
      const sols = [...e.query("stream_property(S, alias(A))")].map((s) => s.bindings.A);
      assert.deepEqual(sols, ["user_input", "user_output", "user_error"]);
    });
    await t.step("finds a stream by property", () => {
      const s = e.once(
        `open('${path}', read, S), stream_property(T, file_name('${path}')), T == S`,
      );
      assert.ok(s);
    });
    await t.step("output streams have output, not input or end_of_stream", () => {
      assert.ok(e.once("stream_property(S, alias(user_output)), stream_property(S, output)"));
      assert.equal(
        e.once("stream_property(S, alias(user_output)), stream_property(S, input)"),
        null,
      );
      assert.equal(
        e.once("stream_property(S, alias(user_output)), stream_property(S, end_of_stream(_))"),
        null,
      );
    });
    await t.step("a wrong property value fails", () => {
      assert.equal(e.once("current_input(S), stream_property(S, alias(3.5))"), null);
    });
    await t.step("end_of_stream goes not, at, past", () => {
      const s = e.once(
        `open('${path}', read, S), get_char(S, _), get_char(S, _), get_char(S, _),` +
          "stream_property(S, end_of_stream(E1)), get_char(S, _), stream_property(S, end_of_stream(E2))," +
          "get_char(S, _), stream_property(S, end_of_stream(E3))",
      );
      assert.deepEqual([s?.bindings.E1, s?.bindings.E2, s?.bindings.E3], ["not", "at", "past"]);
    });
    const rows: [string, string][] = [
      ["stream_property(3.5, _)", "error(domain_error(stream,3.5)"],
      ["stream_property(user_input, _)", "error(domain_error(stream,user_input)"],
      [
        "current_input(S), stream_property(S, noprop(_))",
        "error(domain_error(stream_property,noprop(_",
      ],
      ["stream_property(_, 3)", "error(domain_error(stream_property,3)"],
      [
        `open('${path}', read, S), close(S), stream_property(S, _)`,
        "error(existence_error(stream,",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("set_stream_position/2 repositions streams", async (t) => {
  await withDir(async (dir) => {
    const path = `${dir}/h`;
    Deno.writeTextFileSync(path, "hello.\nworld.\n");
    const e = new Engine();
    await t.step("a position taken from one stream works on another", () => {
      const s = e.once(
        `open('${path}', read, S1), read(S1, H), stream_property(S1, position(P)), close(S1),` +
          `open('${path}', read, S2), set_stream_position(S2, P), read(S2, W), close(S2)`,
      );
      assert.deepEqual([s?.bindings.H, s?.bindings.W, s?.text.P], [
        "hello",
        "world",
        "'$stream_position'(7,2,0,7)",
      ]);
    });
    await t.step("rewinding after end of file reads again", () => {
      const s = e.once(
        `open('${path}', read, S), stream_property(S, position(P)), read(S, _), read(S, _), read(S, E),` +
          "set_stream_position(S, P), read(S, X), close(S)",
      );
      assert.deepEqual([s?.bindings.E, s?.bindings.X], ["end_of_file", "hello"]);
    });
    await t.step("output files can be repositioned", () => {
      const o = `'${dir}/o'`;
      assert.ok(e.once(
        `open(${o}, write, S), stream_property(S, position(P)), put_char(S, a), put_char(S, b),` +
          "set_stream_position(S, P), put_char(S, c), close(S)",
      ));
      assert.equal(Deno.readTextFileSync(`${dir}/o`), "cb");
    });
    const rows: [string, string][] = [
      ["set_stream_position(_, '$stream_position'(0,1,0,0))", "error(instantiation_error"],
      ["set_stream_position(user_input, _)", "error(instantiation_error"],
      [
        "set_stream_position(3.5, '$stream_position'(0,1,0,0))",
        "error(domain_error(stream_or_alias,3.5)",
      ],
      ["set_stream_position(user_input, 3.5)", "error(domain_error(stream_position,3.5)"],
      [
        "set_stream_position(foo, '$stream_position'(0,1,0,0))",
        "error(existence_error(stream,foo)",
      ],
      [
        "set_stream_position(user_input, '$stream_position'(0,1,0,0))",
        "error(permission_error(reposition,stream,user_input)",
      ],
      [
        `open('${path}', read, S, [reposition(false)]), set_stream_position(S, '$stream_position'(0,1,0,0))`,
        "error(permission_error(reposition,stream,'$stream'(",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("at_end_of_stream/0,1 tests for the end of input", async (t) => {
  await withDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/a`, "x");
    const e = new Engine(undefined, { input: "" });
    await t.step("not at the end before reading", () => {
      assert.equal(e.once(`open('${dir}/a', read, S), at_end_of_stream(S)`), null);
    });
    await t.step("at the end after the last char", () => {
      assert.ok(e.once(`open('${dir}/a', read, S), get_char(S, _), at_end_of_stream(S)`));
    });
    await t.step("empty user_input is at its end", () => {
      assert.ok(e.once("at_end_of_stream"));
    });
    await t.step("output streams are never at their end", () => {
      assert.equal(e.once("at_end_of_stream(user_output)"), null);
    });
    const rows: [string, string][] = [
      ["at_end_of_stream(_)", "error(instantiation_error"],
      ["at_end_of_stream(3.5)", "error(domain_error(stream_or_alias,3.5)"],
      ["at_end_of_stream(foo)", "error(existence_error(stream,foo)"],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("set_stream/2 changes alias, eof_action, type and line position", async (t) => {
  await withDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/s`, "ab");
    let out = "";
    const e = new Engine(undefined, { output: (s) => out += s });
    await t.step("a standard alias can be rebound, and comes back on close", () => {
      assert.ok(e.once(
        `open('${dir}/u', write, S), set_stream(S, alias(user_output)), put_char(user_output, x),` +
          "close(S), put_char(user_output, y)",
      ));
      assert.equal(Deno.readTextFileSync(`${dir}/u`), "x");
      assert.equal(out, "y");
    });
    await t.step("alias", () => {
      assert.equal(
        e.once(`open('${dir}/s', read, S), set_stream(S, alias(sa)), get_char(sa, C)`)?.bindings.C,
        "a",
      );
    });
    await t.step("eof_action", () => {
      const s = e.once(
        "set_stream(sa, eof_action(eof_code)), get_char(sa, _), get_char(sa, A), get_char(sa, B)",
      );
      assert.deepEqual([s?.bindings.A, s?.bindings.B], ["end_of_file", "end_of_file"]);
    });
    await t.step("type switches text to binary", () => {
      assert.equal(
        e.once(`open('${dir}/s', read, S), set_stream(S, type(binary)), get_byte(S, B)`)?.bindings
          .B,
        97,
      );
    });
    await t.step("line_position", () => {
      assert.equal(
        e.once(
          "set_stream(user_output, line_position(4)), stream_property(S, alias(user_output)), stream_property(S, position(P)), stream_position_data(line_position, P, L)",
        )
          ?.bindings.L,
        4,
      );
    });
    const rows: [string, string][] = [
      ["set_stream(_, alias(x))", "error(instantiation_error"],
      ["set_stream(user_input, _)", "error(instantiation_error"],
      ["set_stream(user_input, bogus(1))", "error(domain_error(stream_property,bogus(1))"],
      ["set_stream(user_input, alias(1))", "error(type_error(atom,1)"],
      ["set_stream(user_input, eof_action(never))", "error(domain_error(eof_action,never)"],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("is_stream/1 and stream_position_data/3", async (t) => {
  const e = new Engine();
  await t.step("is_stream accepts open streams and aliases only", () => {
    assert.ok(e.once("current_input(S), is_stream(S)"));
    assert.ok(e.once("is_stream(user_error)"));
    assert.equal(e.once("is_stream(nosuch)"), null);
    assert.equal(e.once("is_stream(3)"), null);
  });
  await t.step("stream_position_data enumerates the fields", () => {
    const sols = [...e.query("stream_position_data(F, '$stream_position'(1,2,3,4), V)")];
    assert.deepEqual(sols.map((s) => [s.bindings.F, s.bindings.V]), [
      ["char_count", 1],
      ["line_count", 2],
      ["line_position", 3],
      ["byte_count", 4],
    ]);
  });
  await t.step("stream_position_data rejects other terms", () => {
    assertError(
      e,
      "stream_position_data(char_count, foo, _)",
      "error(domain_error(stream_position,foo)",
    );
  });
});
