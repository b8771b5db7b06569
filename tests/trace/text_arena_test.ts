import assert from "node:assert/strict";
import { TextArena } from "../../trace/_text_arena.ts";

Deno.test("texts of every length and script come back as stored", () => {
  const a = new TextArena();
  const texts = [
    "",
    "p",
    "loop(9999999)",
    "w".repeat(63),
    "v".repeat(64), // past the one-byte ASCII length with its tag bit
    "x".repeat(127),
    "y".repeat(128), // a two-byte length
    "z".repeat(20000), // a three-byte length
    "ünïcödé('β', \"€\")",
    "é".repeat(100), // short in UTF-16, over 127 bytes in UTF-8
    "😀 astral",
  ];
  const at = texts.map((t) => a.put(t));
  assert.deepEqual(at.map((o) => a.get(o)), texts);
});

Deno.test("compacting keeps the named texts, drops the rest and moves the offsets", () => {
  const a = new TextArena();
  const kept: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < 10000; i++) {
    const t = `goal(${i}, 'ä${i}')`;
    const o = a.put(t);
    if (i % 10 === 0) {
      kept.push(t);
      offsets.push(o);
    }
  }
  const before = a.size;
  a.compact(offsets);
  assert.ok(a.size < before / 5, `${a.size} of ${before} bytes kept`);
  assert.deepEqual(offsets.map((o) => a.get(o)), kept);
  // Stored after the compaction: both old and new read back.
  const late = a.put("late(1)");
  assert.equal(a.get(late), "late(1)");
  assert.deepEqual(offsets.map((o) => a.get(o)), kept);
});

Deno.test("compacting with little garbage grows the buffer and moves nothing", () => {
  const a = new TextArena();
  const offsets: number[] = [];
  const texts: string[] = [];
  let i = 0;
  while (!a.full("loop(123456)")) {
    texts.push(`loop(${i})`);
    offsets.push(a.put(`loop(${i++})`));
  }
  const moved = [...offsets];
  a.compact(moved);
  assert.deepEqual(moved, offsets);
  assert.equal(a.full("loop(123456)"), false);
  assert.deepEqual(offsets.map((o) => a.get(o)), texts);
});

Deno.test("clear forgets the texts", () => {
  const a = new TextArena();
  for (let i = 0; i < 50000; i++) a.put(`t(${i})`);
  a.clear();
  assert.equal(a.size, 0);
  assert.equal(a.get(a.put("again")), "again");
});

Deno.test("a text's tag comes back with it, through compaction and at every length", () => {
  const a = new TextArena();
  const texts = ["", "a", "b".repeat(63), "c".repeat(64), "ä".repeat(70), "d".repeat(20000)];
  const offsets: number[] = [], tags: (0 | 1)[] = [];
  for (let i = 0; i < texts.length * 2; i++) {
    const tag = (i % 2) as 0 | 1;
    offsets.push(a.put(texts[i >> 1], tag));
    tags.push(tag);
  }
  assert.deepEqual(offsets.map((o) => a.tagAt(o)), tags);
  assert.deepEqual(offsets.map((o) => a.get(o)), texts.flatMap((t) => [t, t]));
  a.compact(offsets);
  assert.deepEqual(offsets.map((o) => a.tagAt(o)), tags);
  assert.deepEqual(offsets.map((o) => a.get(o)), texts.flatMap((t) => [t, t]));
});
