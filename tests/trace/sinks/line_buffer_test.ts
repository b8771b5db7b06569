import assert from "node:assert/strict";
import {
  Fragment,
  FRAGMENT_SLACK,
  LineBuffer,
  NUM_BYTES,
  NumberFragments,
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

Deno.test("Fragment copies any text byte for byte", async (t) => {
  const enc = new TextEncoder();
  /** Copies `f` after `pre` filler bytes and returns the bytes written. */
  function copied(text: string, pre: number): Uint8Array {
    const c = collecting(256);
    c.buf.begin();
    const f = new Fragment(text);
    const buf = c.buf.reserve(pre + f.length + FRAGMENT_SLACK);
    buf.fill(120, c.buf.length, c.buf.length + pre); // "x"
    c.buf.commit(putFragment(c.buf.view, c.buf.length + pre, f));
    return c.buf.bytes.slice(pre, c.buf.length);
  }
  await t.step("every length and alignment", () => {
    for (let n = 0; n <= 24; n++) {
      const text = "abcdefghijklmnopqrstuvwxyz".slice(0, n);
      for (let pre = 0; pre < 8; pre++) {
        assert.deepEqual(copied(text, pre), enc.encode(text), `${n} bytes after ${pre}`);
      }
    }
  });
  await t.step("words that are unusual doubles", () => {
    // Read as little-endian doubles, these words include an integer (3.0),
    // subnormals, negative numbers and large exponents: all must copy exactly.
    const rows = [
      "\0\0\0\0\0\0\x08@",
      "\x01\0\0\0\0\0\0\0",
      "\0\0\0\0\0\0\u0080",
      "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f",
      "\0\0\0\0\0\0\xef\x7f",
      "é😀\ud800\x00\x7f\uffff",
      "😀😀😀😀",
    ];
    for (const text of rows) {
      for (let pre = 0; pre < 8; pre++) {
        assert.deepEqual(
          copied(text, pre),
          enc.encode(text),
          `${JSON.stringify(text)} after ${pre}`,
        );
      }
    }
  });
  await t.step("every char code below 0x800, eight at a time", () => {
    for (let c = 0; c < 0x800; c += 8) {
      let text = "";
      for (let k = 0; k < 8; k++) text += String.fromCharCode(c + k);
      assert.deepEqual(copied(text, c & 7), enc.encode(text), `from ${c}`);
    }
  });
});

Deno.test("NumberFragments writes before + String(n) + after", async (t) => {
  const rows = [
    5,
    0,
    -0,
    1,
    9,
    10,
    40,
    63,
    64,
    65,
    99,
    100,
    12345,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    -1,
    1.5,
    NaN,
    Infinity,
    1e21,
  ];
  await t.step("small numbers from the cache, others written out, in any order", () => {
    const nf = new NumberFragments(',"cd":', ',"gh":');
    const c = collecting(32);
    let want = "";
    for (const round of [1, 2]) {
      for (const n of rows) {
        c.buf.begin();
        const buf = c.buf.reserve(nf.maxLength);
        c.buf.commit(nf.put(c.buf.view, buf, c.buf.length, n));
        c.buf.end();
        want += `,"cd":${n},"gh":\n`;
      }
      assert.equal(text(c), want, `round ${round}`);
    }
  });
  await t.step("empty and non-ASCII parts, back to back", () => {
    const nf = new NumberFragments("", "é");
    const c = collecting(16);
    c.buf.begin();
    let p = c.buf.length;
    const buf = c.buf.reserve(rows.length * nf.maxLength);
    for (const n of rows) p = nf.put(c.buf.view, buf, p, n);
    c.buf.commit(p);
    c.buf.end();
    assert.equal(text(c), rows.map((n) => `${n}é`).join("") + "\n");
  });
});

Deno.test("putJsonString() copies exactly the chars JSON.stringify() keeps as they are", () => {
  const buf = new Uint8Array(16);
  for (let c = 0; c < 0x300; c++) {
    const ch = String.fromCharCode(c);
    const p = putJsonString(buf, 1, "a" + ch);
    if (c < 0x80 && JSON.stringify(ch) === `"${ch}"`) {
      assert.equal(p, 5, `char code ${c}`);
      assert.equal(new TextDecoder().decode(buf.subarray(1, p)), JSON.stringify("a" + ch));
    } else {
      assert.equal(p, -1, `char code ${c}`);
    }
  }
});
