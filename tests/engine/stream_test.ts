import assert from "node:assert/strict";
import {
  FileSink,
  isStreamTerm,
  PStream,
  resolveStream,
  STREAM_FN,
  StreamTable,
} from "../../engine/stream.ts";
import { PrologThrow } from "../../engine/errors.ts";
import { Operators } from "../../engine/operators.ts";
import { mkAtom, mkInt, mkStruct, type Term, Var } from "../../engine/term.ts";
import { formatTerm } from "../../engine/writer.ts";
import { Engine } from "../../mod.ts";

function capture(): { s: PStream; out: () => string; calls: () => number } {
  let text = "", n = 0;
  const s = PStream.output((t) => {
    text += t;
    n++;
  });
  return { s, out: () => text, calls: () => n };
}

function table(): StreamTable {
  return new StreamTable(() => {}, () => {}, "input text");
}

Deno.test("PStream.output() writes and tracks line, column and characters", async (t) => {
  const rows: [string, string[], number, number, number][] = [
    // name, writes, line, col, chars
    ["nothing written", [], 1, 0, 0],
    ["one word", ["hello"], 1, 5, 5],
    ["a newline resets the column", ["ab\n"], 2, 0, 3],
    ["text after a newline", ["ab\ncd"], 2, 2, 5],
    ["several newlines in one write", ["a\n\n\nb"], 4, 1, 5],
    ["column accumulates across writes", ["ab", "cd", "e"], 1, 5, 5],
    ["newline in a later write", ["abc", "d\nef"], 2, 2, 7],
    ["only newlines", ["\n", "\n"], 3, 0, 2],
  ];
  for (const [name, writes, line, col, chars] of rows) {
    await t.step(name, () => {
      const { s, out } = capture();
      for (const w of writes) s.write(w);
      assert.equal(out(), writes.join(""));
      assert.deepEqual([s.line, s.col, s.chars], [line, col, chars]);
    });
  }
  await t.step("an empty write does not reach the sink", () => {
    const { s, calls } = capture();
    s.write("");
    assert.equal(calls(), 0);
  });
  await t.step("write counts characters, not UTF-16 code units", () => {
    // ISO 7.10.2.9 char_count, and how getCode() counts input.
    const { s } = capture();
    s.write("a😀b");
    assert.deepEqual([s.chars, s.col], [3, 3]);
  });
  await t.step("the stream is an output stream with a '$stream'/1 term", () => {
    const { s } = capture();
    assert.equal(s.mode, "write");
    assert.equal(s.isInput, false);
    assert.equal(s.term.fn, STREAM_FN);
    assert.equal(s.term.args[0], mkInt(s.id));
  });
  await t.step("flush calls the flush callback", () => {
    let flushed = 0;
    const s = PStream.output(() => {}, () => flushed++);
    s.flush();
    assert.equal(flushed, 1);
  });
  await t.step("ids are unique", () => {
    assert.notEqual(capture().s.id, capture().s.id);
  });
});

Deno.test("PStream.input() reads codes and tracks the position", async (t) => {
  await t.step("getCode() returns codes then -1", () => {
    const s = PStream.input("ab");
    assert.deepEqual([s.getCode(), s.getCode(), s.getCode()], [97, 98, -1]);
    assert.equal(s.isInput, true);
  });
  await t.step("peekCode() does not consume", () => {
    const s = PStream.input("x");
    assert.equal(s.peekCode(), 120);
    assert.equal(s.peekCode(), 120);
    assert.equal(s.getCode(), 120);
    assert.equal(s.peekCode(), -1);
  });
  await t.step("a newline moves to the next line", () => {
    const s = PStream.input("a\nb");
    s.getCode();
    s.getCode();
    assert.deepEqual([s.line, s.col, s.chars], [2, 0, 2]);
    s.getCode();
    assert.deepEqual([s.line, s.col, s.chars], [2, 1, 3]);
  });
  await t.step("a non-BMP character is one code and one character", () => {
    const s = PStream.input("😀z");
    assert.equal(s.getCode(), 0x1f600);
    assert.equal(s.chars, 1);
    assert.equal(s.getCode(), 122);
  });
  await t.step("advanceTo() counts characters and lines passed", () => {
    const s = PStream.input("ab\ncd😀e");
    s.advanceTo(7); // past "ab\ncd" and the surrogate pair
    assert.deepEqual([s.pos, s.line, s.col, s.chars], [7, 2, 3, 6]);
    assert.equal(s.getCode(), 101);
  });
  await t.step("endOfStream() goes not, at, past", () => {
    const s = PStream.input("a");
    assert.equal(s.endOfStream(), "not");
    s.getCode();
    assert.equal(s.endOfStream(), "at");
    assert.equal(s.atEnd, true);
    s.pastEof = true;
    assert.equal(s.endOfStream(), "past");
  });
  await t.step("an empty input is at its end", () => {
    assert.equal(PStream.input("").endOfStream(), "at");
  });
  await t.step("byteCount() is the UTF-8 length before the read position", () => {
    const s = PStream.input("aé😀b");
    s.advanceTo(4); // a, é, and the surrogate pair
    assert.equal(s.byteCount(), 1 + 2 + 4);
  });
  await t.step("defaults follow ISO 7.10.2.11", () => {
    const s = PStream.input("");
    assert.equal(s.eofAction, "eof_code");
    assert.equal(s.type, "text");
    assert.equal(s.alias, null);
    assert.equal(s.closed, false);
  });
});

Deno.test("PStream.close() marks the stream closed and closes its file", () => {
  const path = Deno.makeTempFileSync({ prefix: "h13-stream-" });
  try {
    const f = new FileSink(Deno.openSync(path, { write: true, truncate: true }), 0);
    const s = PStream.output((t) => f.text(t), () => f.flush());
    s.file = f;
    s.write("line\n");
    s.close();
    assert.equal(s.closed, true);
    assert.equal(s.file, null);
    assert.equal(Deno.readTextFileSync(path), "line\n");
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("FileSink buffers text and bytes and counts bytes", async (t) => {
  const path = Deno.makeTempFileSync({ prefix: "h13-sink-" });
  try {
    await t.step("text is written as UTF-8 on flush", () => {
      const f = new FileSink(Deno.openSync(path, { write: true, truncate: true }), 0);
      f.text("é");
      assert.equal(Deno.readTextFileSync(path), "", "buffered until flush");
      f.flush();
      assert.equal(Deno.readTextFileSync(path), "é");
      assert.equal(f.byteCount(), 2);
      f.close();
    });
    await t.step("bytes and text keep their order", () => {
      const f = new FileSink(Deno.openSync(path, { write: true, truncate: true }), 0);
      f.text("a");
      f.byte(66);
      f.text("c");
      f.close();
      assert.equal(Deno.readTextFileSync(path), "aBc");
    });
    await t.step("byteCount() starts from the given offset", () => {
      const f = new FileSink(Deno.openSync(path, { append: true }), 3);
      f.text("xy");
      assert.equal(f.byteCount(), 5);
      f.close();
    });
    await t.step("seek() moves the write position", () => {
      const f = new FileSink(Deno.openSync(path, { write: true, truncate: true }), 0);
      f.text("hello");
      f.seek(0);
      f.text("J");
      f.close();
      assert.equal(Deno.readTextFileSync(path), "Jello");
    });
    await t.step("large text is flushed without an explicit flush", () => {
      const f = new FileSink(Deno.openSync(path, { write: true, truncate: true }), 0);
      f.text("z".repeat(70_000));
      assert.equal(Deno.statSync(path).size, 70_000);
      f.close();
    });
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("isStreamTerm() recognises '$stream'(N)", async (t) => {
  const rows: [string, Term, boolean][] = [
    ["a stream's term", PStream.input("").term, true],
    ["a hand-built term", mkStruct("$stream", [mkInt(99)]), true],
    ["another functor", mkStruct("stream", [mkInt(1)]), false],
    ["an atom", mkAtom("user_input"), false],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.equal(isStreamTerm(term), expected));
  }
});

Deno.test("StreamTable() sets up the standard streams", async (t) => {
  let out = "", err = "";
  const io = new StreamTable((s) => out += s, (s) => err += s, "abc");
  await t.step("aliases name the standard streams", () => {
    assert.equal(io.byAlias.get("user_input"), io.userInput);
    assert.equal(io.byAlias.get("user_output"), io.userOutput);
    assert.equal(io.byAlias.get("user_error"), io.userError);
  });
  await t.step("the standard streams are current", () => {
    assert.equal(io.curIn, io.userInput);
    assert.equal(io.curOut, io.userOutput);
  });
  await t.step("the standard streams are registered by id", () => {
    for (const s of [io.userInput, io.userOutput, io.userError]) assert.equal(io.byId.get(s.id), s);
  });
  await t.step("output and error go to their callbacks", () => {
    io.userOutput.write("o");
    io.userError.write("e");
    assert.deepEqual([out, err], ["o", "e"]);
  });
  await t.step("user_input reads the given text", () => {
    assert.equal(io.userInput.getCode(), 97);
  });
  await t.step("isStandard() is true only for the three standard streams", () => {
    assert.ok(io.isStandard(io.userInput) && io.isStandard(io.userError));
    assert.equal(io.isStandard(PStream.input("")), false);
  });
});

Deno.test("StreamTable.add() and remove() maintain ids, aliases and current streams", async (t) => {
  await t.step("an added stream is found by id", () => {
    const io = table();
    const s = PStream.input("x");
    io.add(s);
    assert.equal(io.byId.get(s.id), s);
  });
  await t.step("removing drops the id and its aliases", () => {
    const io = table();
    const s = PStream.input("x");
    io.add(s);
    io.byAlias.set("mine", s);
    io.remove(s);
    assert.equal(io.byId.has(s.id), false);
    assert.equal(io.byAlias.has("mine"), false);
  });
  await t.step("removing the current streams makes the standard ones current", () => {
    const io = table();
    const i = PStream.input("x"), o = PStream.output(() => {});
    io.add(i);
    io.add(o);
    io.curIn = i;
    io.curOut = o;
    io.remove(i);
    io.remove(o);
    assert.equal(io.curIn, io.userInput);
    assert.equal(io.curOut, io.userOutput);
  });
  await t.step("a standard alias moved to a removed stream falls back", () => {
    const io = table();
    const o = PStream.output(() => {});
    io.add(o);
    io.byAlias.set("user_output", o);
    io.remove(o);
    assert.equal(io.byAlias.get("user_output"), io.userOutput);
  });
});

Deno.test("resolveStream() resolves streams and aliases (ISO 7.10.2.1)", async (t) => {
  const io = table();
  const mine = PStream.output(() => {});
  io.add(mine);
  io.byAlias.set("mine", mine);
  const closed = PStream.input("");
  io.add(closed);
  closed.closed = true;
  await t.step("an alias", () => {
    assert.equal(resolveStream(io, mkAtom("user_output"), "output"), io.userOutput);
    assert.equal(resolveStream(io, mkAtom("mine"), "any"), mine);
  });
  await t.step("a stream term", () => {
    assert.equal(resolveStream(io, mine.term, "output"), mine);
  });
  await t.step("a bound variable", () => {
    const v = new Var();
    v.ref = mkAtom("user_input");
    assert.equal(resolveStream(io, v, "input"), io.userInput);
  });
  const ops = new Operators();
  const errors: [string, Term, "input" | "output" | "any", string][] = [
    ["a variable", new Var(), "any", "instantiation_error"],
    ["an unknown alias", mkAtom("nowhere"), "any", "existence_error(stream,nowhere)"],
    [
      "an unknown stream id",
      mkStruct("$stream", [mkInt(987654)]),
      "any",
      "existence_error(stream,'$stream'(987654))",
    ],
    ["a closed stream", closed.term, "any", `existence_error(stream,'$stream'(${closed.id}))`],
    ["a number", mkInt(3), "any", "domain_error(stream_or_alias,3)"],
    ["a compound", mkStruct("f", [mkAtom("x")]), "any", "domain_error(stream_or_alias,f(x))"],
    [
      "input wanted from an output stream",
      mkAtom("user_output"),
      "input",
      "permission_error(input,stream,user_output)",
    ],
    [
      "output wanted to an input stream",
      mkAtom("user_input"),
      "output",
      "permission_error(output,stream,user_input)",
    ],
  ];
  for (const [name, term, want, expected] of errors) {
    await t.step(name, () => {
      try {
        resolveStream(io, term, want);
        assert.fail("no error");
      } catch (e) {
        assert.ok(e instanceof PrologThrow);
        const text = formatTerm(e.ball, { ops, quoted: true });
        assert.ok(text.startsWith(`error(${expected},`), text);
      }
    });
  }
});

Deno.test("stream positions are visible through the engine", () => {
  let out = "";
  const e = new Engine(undefined, { output: (s) => out += s });
  const s = e.once(
    "write(ab), nl, write(c), current_output(S), stream_property(S, position(P)), " +
      "stream_position_data(line_count, P, L), stream_position_data(line_position, P, C)",
  );
  assert.equal(out, "ab\nc");
  assert.equal(s?.text.L, "2");
  assert.equal(s?.text.C, "1");
});
