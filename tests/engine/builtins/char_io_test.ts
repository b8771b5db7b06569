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
  files: Record<string, string | Uint8Array>,
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "byrd_char_io_" });
  try {
    for (const [name, data] of Object.entries(files)) {
      if (typeof data === "string") Deno.writeTextFileSync(`${dir}/${name}`, data);
      else Deno.writeFileSync(`${dir}/${name}`, data);
    }
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Errors every input predicate shares (ISO 8.12.1.3, 8.13.1.3). */
function streamErrorRows(name: string): [string, string][] {
  return [
    [`${name}(_, _)`, "error(instantiation_error"],
    [`${name}(3.5, _)`, "error(domain_error(stream_or_alias,3.5)"],
    [`${name}(foo, _)`, "error(existence_error(stream,foo)"],
    [`${name}(user_output, _)`, "error(permission_error(input,stream,user_output)"],
  ];
}

Deno.test("get_char/1,2 reads characters", async (t) => {
  await withFiles({ t: "hé\n", b: "x", e: "" }, async (dir) => {
    const e = new Engine(undefined, { input: "ab" });
    await t.step("reads user_input in order", () => {
      const s = e.once("get_char(A), get_char(B), get_char(C)");
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.C], ["a", "b", "end_of_file"]);
    });
    await t.step("reads non-ASCII characters and newlines from a file", () => {
      const s = e.once(`open('${dir}/t', read, S), get_char(S, A), get_char(S, B), get_char(S, C)`);
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.C], ["h", "é", "\n"]);
    });
    await t.step("a bound item is compared", () => {
      assert.ok(e.once(`open('${dir}/t', read, S), get_char(S, h)`));
      assert.equal(e.once(`open('${dir}/t', read, S), get_char(S, x)`), null);
    });
    await t.step("a failed match still consumes the character", () => {
      assert.equal(
        e.once(`open('${dir}/t', read, S), (get_char(S, x) ; get_char(S, C))`)?.bindings.C,
        "é",
      );
    });
    const rows: [string, string][] = [
      ...streamErrorRows("get_char"),
      ["get_char(user_input, 65)", "error(type_error(in_character,65)"],
      ["get_char(user_input, abc)", "error(type_error(in_character,abc)"],
      ["get_char(1)", "error(type_error(in_character,1)"],
      [
        `open('${dir}/b', read, S, [type(binary)]), get_char(S, _)`,
        "error(permission_error(input,binary_stream,'$stream'(",
      ],
      [
        `open('${dir}/e', read, S), get_char(S, _), get_char(S, _)`,
        "error(permission_error(input,past_end_of_stream,'$stream'(",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("get_char/2 follows each eof_action", async (t) => {
  await withFiles({ e: "" }, async (dir) => {
    const e = new Engine();
    await t.step("error: the second read past the end raises", () => {
      assertError(
        e,
        `open('${dir}/e', read, S, [eof_action(error)]), get_char(S, end_of_file), get_char(S, _)`,
        "error(permission_error(input,past_end_of_stream,",
      );
    });
    await t.step("eof_code: end_of_file again, stream past", () => {
      const s = e.once(
        `open('${dir}/e', read, S, [eof_action(eof_code)]), get_char(S, A), get_char(S, B),` +
          "stream_property(S, end_of_stream(P))",
      );
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.P], [
        "end_of_file",
        "end_of_file",
        "past",
      ]);
    });
    await t.step("reset: end_of_file again, stream stays at its end", () => {
      const s = e.once(
        `open('${dir}/e', read, S, [eof_action(reset)]), get_char(S, A), get_char(S, B),` +
          "stream_property(S, end_of_stream(P))",
      );
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.P], [
        "end_of_file",
        "end_of_file",
        "at",
      ]);
    });
  });
});

Deno.test("peek_char/1,2 looks ahead without consuming", async (t) => {
  await withFiles({ e: "", b: "x" }, async (dir) => {
    const e = new Engine(undefined, { input: "q" });
    await t.step("peek then get see the same character", () => {
      const s = e.once("peek_char(A), peek_char(B), get_char(C), peek_char(D)");
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.C, s?.bindings.D], [
        "q",
        "q",
        "q",
        "end_of_file",
      ]);
    });
    await t.step("peeking at the end leaves the stream at, not past", () => {
      const s = e.once(
        `open('${dir}/e', read, S), peek_char(S, A), peek_char(S, B), stream_property(S, end_of_stream(P))`,
      );
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.P], [
        "end_of_file",
        "end_of_file",
        "at",
      ]);
    });
    const rows: [string, string][] = [
      ...streamErrorRows("peek_char"),
      ["peek_char(user_input, 65)", "error(type_error(in_character,65)"],
      [
        `open('${dir}/b', read, S, [type(binary)]), peek_char(S, _)`,
        "error(permission_error(input,binary_stream,",
      ],
      [
        `open('${dir}/e', read, S), get_char(S, _), peek_char(S, _)`,
        "error(permission_error(input,past_end_of_stream,",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("get_code/1,2 reads character codes", async (t) => {
  await withFiles({ b: "x", e: "" }, async (dir) => {
    const e = new Engine(undefined, { input: "a😀" });
    await t.step("reads codes, astral ones whole, then -1", () => {
      const s = e.once("get_code(A), get_code(B), get_code(C)");
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.C], [97, 0x1f600, -1]);
    });
    await t.step("eof_code gives -1 repeatedly", () => {
      const s = e.once(
        `open('${dir}/e', read, S, [eof_action(eof_code)]), get_code(S, A), get_code(S, B)`,
      );
      assert.deepEqual([s?.bindings.A, s?.bindings.B], [-1, -1]);
    });
    const rows: [string, string][] = [
      ...streamErrorRows("get_code"),
      ["get_code(user_input, -2)", "error(representation_error(in_character_code)"],
      ["get_code(user_input, abc)", "error(type_error(integer,abc)"],
      [
        `open('${dir}/b', read, S, [type(binary)]), get_code(S, _)`,
        "error(permission_error(input,binary_stream,",
      ],
      [
        `open('${dir}/e', read, S), get_code(S, _), get_code(S, _)`,
        "error(permission_error(input,past_end_of_stream,",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("peek_code/1,2 looks ahead at codes", async (t) => {
  await withFiles({ e: "" }, async (dir) => {
    const e = new Engine(undefined, { input: "z" });
    await t.step("peek then get", () => {
      const s = e.once("peek_code(A), get_code(B), peek_code(C)");
      assert.deepEqual([s?.bindings.A, s?.bindings.B, s?.bindings.C], [122, 122, -1]);
    });
    const rows: [string, string][] = [
      ...streamErrorRows("peek_code"),
      ["peek_code(user_input, -2)", "error(representation_error(in_character_code)"],
      ["peek_code(user_input, a)", "error(type_error(integer,a)"],
      [
        `open('${dir}/e', read, S), get_code(S, _), peek_code(S, _)`,
        "error(permission_error(input,past_end_of_stream,",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("put_char/1,2 and put_code/1,2 write characters", async (t) => {
  await withFiles({}, async (dir) => {
    let out = "";
    const e = new Engine(undefined, { output: (s) => out += s });
    await t.step("put_char/1 writes to the current output", () => {
      out = "";
      assert.ok(e.once("put_char(a), put_char('\\n'), put_char(b)"));
      assert.equal(out, "a\nb");
    });
    await t.step("put_code/2 writes astral characters", () => {
      out = "";
      assert.ok(e.once("put_code(user_output, 0x1F600), put_code(0'!)"));
      assert.equal(out, "😀!");
    });
    await t.step("position tracks lines and columns", () => {
      const s = e.once(
        `open('${dir}/p', write, S), put_char(S, a), put_char(S, '\\n'), put_char(S, b),` +
          "stream_property(S, position(P)), close(S)",
      );
      assert.equal(s?.text.P, "'$stream_position'(3,2,1,3)");
    });
    const rows: [string, string][] = [
      ["put_char(_, a)", "error(instantiation_error"],
      ["put_char(user_output, _)", "error(instantiation_error"],
      ["put_char(user_output, 65)", "error(type_error(character,65)"],
      ["put_char(user_output, abc)", "error(type_error(character,abc)"],
      ["put_char(3.5, a)", "error(domain_error(stream_or_alias,3.5)"],
      ["put_char(foo, a)", "error(existence_error(stream,foo)"],
      ["put_char(user_input, a)", "error(permission_error(output,stream,user_input)"],
      [
        `open('${dir}/b', write, S, [type(binary)]), put_char(S, a)`,
        "error(permission_error(output,binary_stream,",
      ],
      ["put_code(_, 1)", "error(instantiation_error"],
      ["put_code(user_output, -1)", "error(representation_error(character_code)"],
      ["put_code(user_output, 1114112)", "error(representation_error(character_code)"],
      ["put_code(user_output, abc)", "error(type_error(integer,abc)"],
      [
        `open('${dir}/b', write, S, [type(binary)]), put_code(S, 97)`,
        "error(permission_error(output,binary_stream,",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("get_byte/1,2 and peek_byte/1,2 read bytes", async (t) => {
  await withFiles({ b: new Uint8Array([104, 0, 255]), e: "", t: "x" }, async (dir) => {
    const e = new Engine();
    await t.step("bytes in order, then -1", () => {
      const s = e.once(
        `open('${dir}/b', read, S, [type(binary)]), peek_byte(S, P), get_byte(S, A), get_byte(S, B),` +
          "get_byte(S, C), get_byte(S, D)",
      );
      assert.deepEqual(
        [s?.bindings.P, s?.bindings.A, s?.bindings.B, s?.bindings.C, s?.bindings.D],
        [
          104,
          104,
          0,
          255,
          -1,
        ],
      );
    });
    await t.step("get_byte/1 reads the current input", () => {
      assert.equal(
        e.once(
          `open('${dir}/b', read, S, [type(binary)]), set_input(S), get_byte(B), set_input(user_input)`,
        )?.bindings.B,
        104,
      );
    });
    const rows: [string, string][] = [
      ...streamErrorRows("get_byte"),
      ...streamErrorRows("peek_byte"),
      [
        `open('${dir}/b', read, S, [type(binary)]), get_byte(S, -2)`,
        "error(type_error(in_byte,-2)",
      ],
      [
        `open('${dir}/b', read, S, [type(binary)]), peek_byte(S, abc)`,
        "error(type_error(in_byte,abc)",
      ],
      [
        `open('${dir}/b', read, S, [type(binary)]), get_byte(S, 256)`,
        "error(type_error(in_byte,256)",
      ],
      [`open('${dir}/t', read, S), get_byte(S, _)`, "error(permission_error(input,text_stream,"],
      ["peek_byte(user_input, _)", "error(permission_error(input,text_stream,"],
      [
        `open('${dir}/e', read, S, [type(binary)]), get_byte(S, _), get_byte(S, _)`,
        "error(permission_error(input,past_end_of_stream,",
      ],
      [
        `open('${dir}/e', read, S, [type(binary)]), get_byte(S, _), peek_byte(S, _)`,
        "error(permission_error(input,past_end_of_stream,",
      ],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("put_byte/1,2 writes bytes", async (t) => {
  await withFiles({}, async (dir) => {
    const e = new Engine();
    await t.step("bytes reach the file on close", () => {
      assert.ok(e.once(
        `open('${dir}/o', write, S, [type(binary)]), put_byte(S, 1), set_output(S), put_byte(200),` +
          "set_output(user_output), close(S)",
      ));
      assert.deepEqual([...Deno.readFileSync(`${dir}/o`)], [1, 200]);
    });
    const rows: [string, string][] = [
      ["put_byte(_, 1)", "error(instantiation_error"],
      [`open('${dir}/x', write, S, [type(binary)]), put_byte(S, _)`, "error(instantiation_error"],
      [`open('${dir}/x', write, S, [type(binary)]), put_byte(S, -1)`, "error(type_error(byte,-1)"],
      [
        `open('${dir}/x', write, S, [type(binary)]), put_byte(S, 256)`,
        "error(type_error(byte,256)",
      ],
      [
        `open('${dir}/x', write, S, [type(binary)]), put_byte(S, abc)`,
        "error(type_error(byte,abc)",
      ],
      ["put_byte(3.5, 1)", "error(domain_error(stream_or_alias,3.5)"],
      ["put_byte(user_input, 1)", "error(permission_error(output,stream,user_input)"],
      ["put_byte(user_output, 1)", "error(permission_error(output,text_stream,"],
    ];
    for (const [goal, prefix] of rows) {
      await t.step(goal, () => assertError(e, goal, prefix));
    }
  });
});

Deno.test("char_conversion/2 and current_char_conversion/2 keep the table", async (t) => {
  const e = new Engine();
  await t.step("a pair is stored and found both ways", () => {
    assert.ok(e.once("char_conversion('&', ',')"));
    assert.equal(e.once("current_char_conversion('&', X)")?.bindings.X, ",");
    assert.equal(e.once("current_char_conversion(X, ',')")?.bindings.X, "&");
  });
  await t.step("enumerates every non-identity pair", () => {
    e.once("char_conversion(a, b)");
    const sols = [...e.query("current_char_conversion(X, Y)")].map((s) =>
      `${s.bindings.X}${s.bindings.Y}`
    );
    assert.deepEqual(sols, ["&,", "ab"]);
  });
  await t.step("mapping a char to itself removes it", () => {
    assert.ok(e.once("char_conversion('&', '&')"));
    assert.equal(e.once("current_char_conversion(_, ',')"), null);
    assert.equal(e.once("current_char_conversion(c, _)"), null);
  });
  const rows: [string, string][] = [
    ["char_conversion(_, b)", "error(instantiation_error"],
    ["char_conversion(a, _)", "error(instantiation_error"],
    ["char_conversion(1, b)", "error(representation_error(character)"],
    ["char_conversion(a, bc)", "error(representation_error(character)"],
    ["current_char_conversion(1, b)", "error(type_error(character,1)"],
    ["current_char_conversion(a, 2)", "error(type_error(character,2)"],
  ];
  for (const [goal, prefix] of rows) {
    await t.step(goal, () => assertError(e, goal, prefix));
  }
});
