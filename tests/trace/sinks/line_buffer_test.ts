import assert from "node:assert/strict";
import {
  Fragment,
  FRAGMENT_SLACK,
  LineBuffer,
  NUM_BYTES,
  putFragment,
  putJsonString,
  putNum,
  putText,
} from "../../../trace/sinks/_line_buffer.ts";

const dec = new TextDecoder();

/** A buffer whose complete lines are collected as text when it is full. */
function collecting(size: number): { buf: LineBuffer; out: string[] } {
  const out: string[] = [];
  const buf: LineBuffer = new LineBuffer(size, () => {
    out.push(dec.decode(buf.bytes.subarray(0, buf.lineStart)));
    buf.drop(buf.lineStart);
  });
  return { buf, out };
}

/** Everything written: the collected batches plus the complete lines still buffered. */
function text(c: { buf: LineBuffer; out: string[] }): string {
  return c.out.join("") + dec.decode(c.buf.bytes.subarray(0, c.buf.lineStart));
}

Deno.test("LineBuffer appends as String(), JSON.stringify() and TextEncoder would", async (t) => {
  await t.step("num() writes numbers as String(n)", () => {
    const rows = [
      0,
      7,
      9,
      10,
      99,
      100,
      999,
      1000,
      12345,
      2 ** 31 - 1,
      2 ** 31,
      Number.MAX_SAFE_INTEGER,
      -1,
      -0,
      1.5,
      -2.25e-7,
      1e21,
      NaN,
      Infinity,
    ];
    for (const n of rows) {
      const c = collecting(16);
      c.buf.begin();
      c.buf.num(n);
      c.buf.end();
      assert.equal(text(c), String(n) + "\n", `for ${n}`);
    }
  });
  await t.step("json() writes JSON.stringify(s)", () => {
    const rows = [
      "",
      "p(_G1)",
      'a"b',
      "back\\slash",
      "new\nline",
      "\x00\x1f\x7f",
      "héllo",
      "emoji 😀",
      "lone \ud800 surrogate",
      "x".repeat(300),
    ];
    for (const s of rows) {
      const c = collecting(32);
      c.buf.begin();
      c.buf.json(s);
      c.buf.end();
      assert.equal(text(c), JSON.stringify(s) + "\n", `for ${JSON.stringify(s)}`);
    }
  });
  await t.step("text() encodes UTF-8, lone surrogates as U+FFFD", () => {
    const rows = ["ascii", "héllo wörld", "ü".repeat(100), "a😀b", "\udc00x", "€".repeat(50)];
    for (const s of rows) {
      const c = collecting(16);
      c.buf.begin();
      c.buf.text(s);
      c.buf.end();
      assert.equal(text(c), new TextDecoder().decode(new TextEncoder().encode(s)) + "\n");
    }
  });
  await t.step("ascii() and put functions", () => {
    const c = collecting(64);
    c.buf.begin();
    c.buf.ascii("[");
    const f = new Fragment(',"key":');
    const buf = c.buf.reserve(f.length + NUM_BYTES + 8 + FRAGMENT_SLACK);
    let p = putFragment(c.buf.view, c.buf.length, f);
    p = putNum(buf, p, 42);
    p = putText(buf, p, "ok");
    assert.equal(putText(buf, p, "é"), -1);
    assert.equal(putJsonString(buf, p, 'a"'), -1);
    p = putJsonString(buf, p, "s");
    c.buf.commit(p);
    c.buf.end();
    assert.equal(text(c), '[,"key":42ok"s"\n');
  });
});

Deno.test("LineBuffer keeps lines whole across its capacity", async (t) => {
  await t.step("complete lines are handed out, the unfinished one moves to the front", () => {
    const c = collecting(20);
    const want: string[] = [];
    for (let i = 0; i < 50; i++) {
      c.buf.begin();
      c.buf.ascii("line ");
      c.buf.num(i);
      c.buf.json("é" + i);
      c.buf.end();
      want.push(`line ${i}"é${i}"`);
    }
    for (const batch of c.out) assert.ok(batch.endsWith("\n"), JSON.stringify(batch));
    assert.equal(text(c), want.join("\n") + "\n");
  });
  await t.step("a line longer than the buffer grows it", () => {
    const c = collecting(16);
    c.buf.begin();
    c.buf.ascii("a");
    c.buf.end();
    c.buf.begin();
    c.buf.text("x".repeat(40) + "ü".repeat(40));
    c.buf.end();
    assert.deepEqual(c.out, ["a\n"]);
    assert.equal(text(c), "a\n" + "x".repeat(40) + "ü".repeat(40) + "\n");
  });
  await t.step("begin() drops a line that was never ended", () => {
    const c = collecting(64);
    c.buf.begin();
    c.buf.ascii("one");
    c.buf.end();
    c.buf.begin();
    c.buf.ascii("abandoned");
    c.buf.begin();
    c.buf.ascii("two");
    c.buf.end();
    assert.equal(text(c), "one\ntwo\n");
  });
  await t.step("fragments of every length, back to back", () => {
    const c = collecting(24);
    let want = "";
    for (let n = 0; n < 12; n++) {
      const f = new Fragment("abcdefghijk".slice(0, n));
      c.buf.begin();
      for (let k = 0; k < 3; k++) {
        const buf = c.buf.reserve(f.length + NUM_BYTES + FRAGMENT_SLACK);
        c.buf.commit(putNum(buf, putFragment(c.buf.view, c.buf.length, f), k));
      }
      c.buf.end();
      want += [0, 1, 2].map((k) => "abcdefghijk".slice(0, n) + k).join("") + "\n";
    }
    assert.equal(text(c), want);
  });
});
