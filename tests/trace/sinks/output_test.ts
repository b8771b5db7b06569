import assert from "node:assert/strict";
import { Engine, JsonlSink, PrettySink, type SyncWriter } from "../../../mod.ts";
import { TextOutput } from "../../../trace/sinks/_output.ts";

const PROGRAM = `
app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).
count(0) :- !.
count(N) :- N > 0, M is N - 1, count(M).
`;

/** A traced engine; a sink's failure aborts the query (these tests read the sink's own error). */
function traced(): Engine {
  return new Engine(PROGRAM, {
    trace: { runId: "out", onSinkError: "abort" },
    output: () => {},
    errorOutput: () => {},
  });
}

function exhaust(e: Engine, goal: string): number {
  return [...e.query(goal)].length;
}

/** A synchronous writer that records each `writeSync` call; `max` caps bytes per call. */
class Recorder implements SyncWriter {
  bytes: Uint8Array[] = [];
  #max: number;
  constructor(max = Infinity) {
    this.#max = max;
  }
  writeSync(p: Uint8Array): number {
    const n = Math.min(p.length, this.#max);
    this.bytes.push(p.slice(0, n));
    return n;
  }
  get chunks(): string[] {
    return this.bytes.map((b) => new TextDecoder().decode(b));
  }
  get text(): string {
    const all = new Uint8Array(this.bytes.reduce((n, b) => n + b.length, 0));
    let off = 0;
    for (const b of this.bytes) {
      all.set(b, off);
      off += b.length;
    }
    return new TextDecoder().decode(all);
  }
}

function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

Deno.test("TextOutput buffers lines and writes whole-line batches", async (t) => {
  await t.step("nothing is written until the buffer fills or flush()", async () => {
    const r = new Recorder();
    const out = new TextOutput("Test", r, { bufferSize: 64 });
    out.write("one");
    out.write("two");
    assert.equal(r.chunks.length, 0);
    await out.flush();
    assert.deepEqual(r.chunks, ["one\ntwo\n"]);
  });
  await t.step("a full buffer is written at a line boundary", async () => {
    const r = new Recorder();
    const out = new TextOutput("Test", r, { bufferSize: 32 });
    for (let i = 0; i < 20; i++) out.write(`line ${i}`);
    assert.ok(r.chunks.length >= 4, `expected several batches, got ${r.chunks.length}`);
    for (const c of r.chunks) assert.ok(c.endsWith("\n") && c.length <= 32, JSON.stringify(c));
    await out.close();
    assert.deepEqual(lines(r.text), Array.from({ length: 20 }, (_, i) => `line ${i}`));
  });
  await t.step("partial writes are continued", async () => {
    const r = new Recorder(3);
    const out = new TextOutput("Test", r, { bufferSize: 64 });
    out.write("héllo wörld");
    out.write("ü".repeat(40));
    await out.close();
    assert.equal(r.text, "héllo wörld\n" + "ü".repeat(40) + "\n");
  });
  await t.step("a line longer than the buffer is written whole", async () => {
    const r = new Recorder();
    const out = new TextOutput("Test", r, { bufferSize: 16 });
    out.write("a");
    out.write("x".repeat(100));
    out.write("b");
    await out.close();
    assert.deepEqual(r.chunks, ["a\n", "x".repeat(100) + "\n", "b\n"]);
  });
  await t.step("lineBuffered writes every line at once", () => {
    const r = new Recorder();
    const out = new TextOutput("Test", r, { lineBuffered: true });
    out.write("a");
    out.write("b");
    assert.deepEqual(r.chunks, ["a\n", "b\n"]);
  });
});

Deno.test("TextOutput options and lifecycle", async (t) => {
  await t.step("append keeps the existing content", async () => {
    const path = Deno.makeTempFileSync();
    Deno.writeTextFileSync(path, "old\n");
    const out = new TextOutput("Test", path, { append: true });
    out.write("new");
    await out.close();
    assert.equal(Deno.readTextFileSync(path), "old\nnew\n");
  });
  await t.step("a path is truncated by default", async () => {
    const path = Deno.makeTempFileSync();
    Deno.writeTextFileSync(path, "old\n");
    const out = new TextOutput("Test", path);
    out.write("new");
    await out.close();
    assert.equal(Deno.readTextFileSync(path), "new\n");
  });
  await t.step("a caller's file stays open unless closeTarget", async () => {
    const path = Deno.makeTempFileSync();
    const file = Deno.openSync(path, { write: true });
    const out = new TextOutput("Test", file);
    out.write("a");
    await out.close();
    file.writeSync(new TextEncoder().encode("b\n")); // still open
    const out2 = new TextOutput("Test", file, { closeTarget: true });
    await out2.close();
    assert.throws(() => file.writeSync(new Uint8Array(1)), Deno.errors.BadResource);
    assert.equal(Deno.readTextFileSync(path), "a\nb\n");
  });
  await t.step("a stream's writer is released, or the stream closed with closeTarget", async () => {
    const got: Uint8Array[] = [];
    const stream = new WritableStream<Uint8Array>({ write: (c) => void got.push(c) });
    const out = new TextOutput("Test", stream);
    out.write("x");
    await out.close();
    assert.equal(stream.locked, false);
    assert.equal(new TextDecoder().decode(got[0]), "x\n");
    const out2 = new TextOutput("Test", stream, { closeTarget: true });
    await out2.close();
    await assert.rejects(() => stream.getWriter().write(new Uint8Array(1)));
  });
  await t.step("write after close throws", async () => {
    const out = new TextOutput("JsonlSink", new Recorder());
    await out.close();
    await out.close(); // a second close does nothing
    assert.throws(
      () => out.write("x"),
      /^Error: JsonlSink: cannot write to file: the sink is closed$/,
    );
  });
  await t.step("bad targets and options are rejected", () => {
    assert.throws(
      () => new TextOutput("JsonlSink", "/nonexistent-dir/x/trace.jsonl"),
      /^Error: JsonlSink: cannot open "\/nonexistent-dir\/x\/trace.jsonl": /,
    );
    assert.throws(() => new TextOutput("T", new Recorder(), { maxFileSize: 100 }), TypeError);
    assert.throws(() => new TextOutput("T", new Recorder(), { maxFiles: -1 }), RangeError);
    assert.throws(() => new TextOutput("T", 42 as unknown as string), TypeError);
  });
});

Deno.test("TextOutput needsDrain and drain() bound a stream backlog", async () => {
  let release: () => void = () => {};
  const got: string[] = [];
  const dec = new TextDecoder();
  const stream = new WritableStream<Uint8Array>({
    write: (c) =>
      new Promise<void>((resolve) => {
        got.push(dec.decode(c));
        release = resolve;
      }),
  }, { highWaterMark: 1000 });
  const e = traced();
  const sink = new JsonlSink(stream, { bufferSize: 256, maxBacklog: 512 });
  e.tracer!.addSink(sink);
  exhaust(e, "count(20)");
  assert.equal(sink.needsDrain, true);
  assert.equal(e.tracer!.needsDrain, true);
  const timer = setInterval(() => release(), 1);
  await e.tracer!.drain();
  assert.equal(sink.needsDrain, false);
  await sink.close();
  clearInterval(timer);
  assert.equal(lines(got.join("")).length, e.tracer!.emitted);
});

Deno.test("JsonlSink rotates files at maxFileSize without splitting lines", async (t) => {
  await t.step("all events end up in the rotated files, in order", async () => {
    const dir = Deno.makeTempDirSync();
    const path = `${dir}/trace.jsonl`;
    const e = traced();
    const sink = new JsonlSink(path, { maxFileSize: 2000, maxFiles: 100 });
    e.tracer!.addSink(sink);
    exhaust(e, "count(30)");
    exhaust(e, "app(X, Y, [1,2,3])");
    await sink.close();
    const names = [...Deno.readDirSync(dir)].map((d) => d.name);
    const rotated = names.filter((n) => n !== "trace.jsonl").length;
    assert.ok(rotated >= 5, `expected several files, got ${names}`);
    const all: string[] = [];
    for (let i = rotated; i >= 1; i--) {
      const text = Deno.readTextFileSync(`${path}.${i}`);
      assert.ok(text.endsWith("}\n"), `file ${i} ends with a whole line`);
      assert.ok(new TextEncoder().encode(text).length <= 2000);
      all.push(...lines(text));
    }
    all.push(...lines(Deno.readTextFileSync(path)));
    assert.equal(all.length, e.tracer!.emitted);
    const parsed = all.map((l) => JSON.parse(l));
    // Oldest first: qid 1 then qid 2, step ids consecutive within each.
    const sids = parsed.map((o) => `${o.qid}:${o.sid}`);
    const q1 = parsed.filter((o) => o.qid === 1).length;
    assert.deepEqual(sids.slice(0, 3), ["1:1", "1:2", "1:3"]);
    assert.equal(sids[q1], "2:1");
  });
  await t.step("maxFiles keeps only the newest rotated files", async () => {
    const dir = Deno.makeTempDirSync();
    const path = `${dir}/t.jsonl`;
    const e = traced();
    const sink = new JsonlSink(path, { maxFileSize: 1000, maxFiles: 2 });
    e.tracer!.addSink(sink);
    exhaust(e, "count(30)");
    await sink.close();
    assert.deepEqual([...Deno.readDirSync(dir)].map((d) => d.name).sort(), [
      "t.jsonl",
      "t.jsonl.1",
      "t.jsonl.2",
    ]);
    const newest = lines(Deno.readTextFileSync(path)).map((l) => JSON.parse(l).sid);
    assert.equal(newest[newest.length - 1], e.tracer!.emitted);
    const older = lines(Deno.readTextFileSync(`${path}.1`)).map((l) => JSON.parse(l).sid);
    assert.equal(older[older.length - 1] + 1, newest[0]);
  });
  await t.step("a line larger than maxFileSize gets a file of its own", async () => {
    const dir = Deno.makeTempDirSync();
    const path = `${dir}/big.txt`;
    const out = new TextOutput("Test", path, { maxFileSize: 10, maxFiles: 3 });
    out.write("abc");
    out.write("x".repeat(30));
    out.write("def");
    await out.close();
    assert.equal(Deno.readTextFileSync(`${path}.2`), "abc\n");
    assert.equal(Deno.readTextFileSync(`${path}.1`), "x".repeat(30) + "\n");
    assert.equal(Deno.readTextFileSync(path), "def\n");
  });
});

Deno.test("JsonlSink write failures surface with the lost line count", async (t) => {
  await t.step("a file closed underneath: error from the query, earlier lines kept", async () => {
    const path = Deno.makeTempFileSync();
    const file = Deno.openSync(path, { write: true });
    const e = traced();
    const sink = new JsonlSink(file, { bufferSize: 512 });
    e.tracer!.addSink(sink);
    exhaust(e, "count(5)");
    await sink.flush();
    const before = e.tracer!.emitted;
    file.close();
    let message = "";
    assert.throws(() => exhaust(e, "count(40)"), (err: Error) => {
      message = err.message;
      return /^JsonlSink: cannot write to file: Bad resource ID \(\d+ lines not written\)$/.test(
        err.message,
      );
    });
    const lost = Number(/\((\d+) lines/.exec(message)![1]);
    const kept = lines(Deno.readTextFileSync(path));
    assert.ok(kept.length >= before, "lines written before the failure stay written");
    for (const l of kept) JSON.parse(l);
    // Every line handed to the sink is either in the file or counted as lost.
    assert.equal(kept.length + lost, e.tracer!.emitted);
    // Later calls keep failing; close() does not repeat an error already reported.
    assert.throws(() => exhaust(e, "count(1)"), /Bad resource ID/);
    await assert.rejects(() => sink.flush(), /Bad resource ID/);
    await sink.close();
    // The engine stays usable.
    e.tracer!.removeSink(sink);
    assert.deepEqual([...e.query("app(X, [3], [1,2,3])")].map((s) => s.text.X), ["[1,2]"]);
  });
  await t.step("a stream whose write rejects: flush() reports, earlier chunks kept", async () => {
    const got: string[] = [];
    const dec = new TextDecoder();
    let writes = 0;
    const stream = new WritableStream<Uint8Array>({
      write(c) {
        if (++writes > 2) throw new Error("disk full");
        got.push(dec.decode(c));
      },
    });
    const e = traced();
    const sink = new JsonlSink(stream, { bufferSize: 300 });
    e.tracer!.addSink(sink);
    exhaust(e, "count(20)");
    let lost = -1;
    await assert.rejects(() => sink.flush(), (err: Error) => {
      const m = /^JsonlSink: cannot write to stream: disk full \((\d+) lines not written\)$/.exec(
        err.message,
      );
      if (m) lost = Number(m[1]);
      return m !== null;
    });
    const kept = lines(got.join(""));
    assert.equal(kept.length + lost, e.tracer!.emitted);
    assert.ok(kept.length > 0);
    await sink.close();
    assert.equal(stream.locked, false);
  });
  await t.step("a stream failure surfaces from the next accept (engine.query)", async () => {
    const stream = new WritableStream<Uint8Array>({
      write() {
        throw new Error("gone");
      },
    });
    const e = traced();
    const sink = new PrettySink(stream, { bufferSize: 64 });
    e.tracer!.addSink(sink);
    exhaust(e, "count(3)");
    await new Promise((r) => setTimeout(r, 0));
    assert.throws(
      () => exhaust(e, "count(3)"),
      /^Error: PrettySink: cannot write to stream: gone \(\d+ lines not written\)$/,
    );
    e.tracer!.removeSink(sink);
    assert.equal(exhaust(e, "count(3)"), 1);
  });
  await t.step("a failure after a partial write counts only the unwritten lines", async () => {
    const got: string[] = [];
    let calls = 0;
    const full: SyncWriter = {
      writeSync(p) {
        if (++calls > 1) throw new Error("No space left on device (os error 28)");
        got.push(new TextDecoder().decode(p.subarray(0, 7)));
        return 7; // "aaa\nbbb": one whole line and part of the next
      },
    };
    const out = new TextOutput("JsonlSink", full);
    out.write("aaa");
    out.write("bbb");
    out.write("ccc");
    await assert.rejects(
      () => out.flush(),
      /^Error: JsonlSink: cannot write to file: No space left on device \(os error 28\) \(2 lines not written\)$/,
    );
    assert.deepEqual(got, ["aaa\nbbb"]);
    assert.equal(out.linesWritten, 1);
  });
  await t.step("close() reports a failure nobody saw yet, once", async () => {
    const stream = new WritableStream<Uint8Array>({
      write() {
        throw new Error("nope");
      },
    });
    const out = new TextOutput("Test", stream);
    out.write("a");
    await assert.rejects(
      () => out.close(),
      /^Error: Test: cannot write to stream: nope \(1 line not written\)$/,
    );
    await out.close();
  });
});

Deno.test("text sinks write the same bytes whatever the buffer size and target", async (t) => {
  const goals = [
    "app(X, Y, [1,2,3])",
    "count(12)",
    "X = 'héllo wörld 😀', atom(X)",
    `X = 'a"b\\\\c', atom(X)`,
    "X is foo + 1",
  ];
  async function run(
    make: (target: SyncWriter | WritableStream<Uint8Array>) => JsonlSink | PrettySink,
    stream: boolean,
  ): Promise<string> {
    const e = new Engine(PROGRAM, {
      trace: { runId: "same", bindings: "namesValues" },
      output: () => {},
      errorOutput: () => {},
    });
    const r = new Recorder();
    const target = stream
      ? new WritableStream<Uint8Array>({ write: (c) => void r.writeSync(c) })
      : r;
    const sink = make(target);
    e.tracer!.addSink(sink);
    for (const g of goals) {
      try {
        exhaust(e, g);
      } catch { /* the uncaught error ends the run */ }
    }
    await sink.close();
    for (const c of r.chunks) assert.ok(c.endsWith("\n"), "whole lines per write");
    return r.text;
  }
  for (const kind of ["pretty", "jsonl"] as const) {
    await t.step(kind, async () => {
      const make =
        (bufferSize?: number, lineBuffered?: boolean) =>
        (target: SyncWriter | WritableStream<Uint8Array>) =>
          kind === "pretty"
            ? new PrettySink(target, { color: false, showDet: true, bufferSize, lineBuffered })
            : new JsonlSink(target, { canonical: true, bufferSize, lineBuffered });
      const expected = await run(make(), false);
      assert.ok(expected.includes("héllo wörld 😀"));
      for (const size of [16, 50, 64, 300, 4096]) {
        assert.equal(await run(make(size), false), expected, `bufferSize ${size}`);
        assert.equal(await run(make(size), true), expected, `stream, bufferSize ${size}`);
      }
      assert.equal(await run(make(undefined, true), false), expected, "line-buffered");
    });
  }
});
