import assert from "node:assert/strict";
import {
  CollectorSink,
  Engine,
  JsonlSink,
  type SinkFailure,
  type SyncWriter,
  type TraceEvent,
  type TracerOptions,
  type TraceSink,
} from "../../mod.ts";

const PROGRAM = `
app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).
count(0) :- !.
count(N) :- N > 0, M is N - 1, count(M).
`;
const GOAL = "app(X, Y, [1,2,3]), count(3)";
const ANSWERS = ["[] [1,2,3]", "[1] [2,3]", "[1,2] [3]", "[1,2,3] []"];
const linux = Deno.build.os === "linux";

/** Whether this process may open `/dev/full` (Deno asks for --allow-all for devices). */
function devFullOpens(): boolean {
  if (!linux) return false;
  try {
    Deno.openSync("/dev/full", { write: true }).close();
    return true;
  } catch {
    return false;
  }
}
const devFull = devFullOpens();

function traced(opts: TracerOptions = {}): Engine {
  return new Engine(PROGRAM, {
    trace: { runId: "se", ...opts },
    output: () => {},
    errorOutput: () => {},
  });
}

function answers(e: Engine): string[] {
  return [...e.query(GOAL)].map((s) => `${s.text.X} ${s.text.Y}`);
}

async function answersAsync(e: Engine): Promise<string[]> {
  const out: string[] = [];
  for await (const s of e.queryAsync(GOAL)) out.push(`${s.text.X} ${s.text.Y}`);
  return out;
}

/** The events of the goal traced into a collector alone. */
function reference(): string[] {
  const e = traced();
  const c = new CollectorSink();
  e.tracer!.addSink(c);
  answers(e);
  return c.events.map((r) => `${r.stepId} ${r.port} ${r.goal}`);
}
const REFERENCE = reference();

function rows(c: CollectorSink): string[] {
  return c.events.map((r) => `${r.stepId} ${r.port} ${r.goal}`);
}

/** Throws from `accept` on its `at`-th event; keeps the others. */
class FlakySink implements TraceSink {
  got = 0;
  closed = false;
  constructor(readonly at: number) {}
  accept(_e: TraceEvent): void {
    if (++this.got === this.at) throw new Error("flaky accept");
  }
  flush(): void {}
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** Runs the goal with `failing` first and a collector after it; checks what must hold in every case. */
async function detached(
  failing: TraceSink,
  opts: { async?: boolean; lost: (emitted: number) => number; given?: number; name: string },
): Promise<SinkFailure> {
  const e = traced();
  const tracer = e.tracer!;
  tracer.addSink(failing);
  const c = new CollectorSink();
  tracer.addSink(c);
  const got = opts.async ? await answersAsync(e) : answers(e);
  assert.deepEqual(got, ANSWERS, "the query's solutions are complete");
  assert.deepEqual(rows(c), REFERENCE, "the other sink got every event");
  const emitted = tracer.emitted;
  assert.equal(emitted, REFERENCE.length);
  await assert.rejects(() => tracer.close(), (err: Error) => {
    const f = tracer.errors[0];
    assert.equal(err.cause, f.error);
    assert.equal(
      err.message,
      `Trace sink ${opts.name} failed after ${f.given} event${f.given === 1 ? "" : "s"} and ` +
        `was detached: ${(f.error as Error).message}; ${f.lost} events were not written`,
    );
    return true;
  });
  assert.equal(tracer.errors.length, 1);
  const f = tracer.errors[0];
  assert.equal(f.sink, failing);
  assert.equal(f.sinkName, opts.name);
  assert.equal(f.lost, opts.lost(emitted), "lost events");
  if (opts.given !== undefined) assert.equal(f.given, opts.given);
  assert.deepEqual(tracer.sinks, []);
  // Counting stops at close(): a later query is not charged to the failed sink.
  answers(e);
  assert.equal(f.lost, opts.lost(emitted));
  return f;
}

Deno.test("a failing sink is detached, the query goes on, the loss is counted", async (t) => {
  await t.step("JsonlSink to a Deno.FsFile closed before the writes", async () => {
    const file = Deno.openSync(Deno.makeTempFileSync(), { write: true });
    file.close();
    const f = await detached(new JsonlSink(file, { bufferSize: 256 }), {
      name: "JsonlSink",
      lost: (n) => n,
    });
    assert.ok(f.error instanceof Error && /Bad resource/.test(f.error.message));
  });
  await t.step("a writer that fails after some writes: written lines are not counted", async () => {
    let calls = 0, kept = 0;
    const w: SyncWriter = {
      writeSync(p) {
        if (++calls > 2) throw new Error("No space left on device (os error 28)");
        for (const b of p) if (b === 10) kept++;
        return p.length;
      },
    };
    await detached(new JsonlSink(w, { bufferSize: 256 }), {
      name: "JsonlSink",
      lost: (n) => n - kept,
    });
    assert.ok(kept > 0, "some lines were written");
  });
  await t.step("a custom sink whose accept throws on the 5th event", async () => {
    const sink = new FlakySink(5);
    await detached(sink, { name: "FlakySink", given: 5, lost: (n) => n - 4 });
    assert.equal(sink.got, 5, "not given events after it failed");
    assert.equal(sink.closed, true, "close() closes the failed sink too");
  });
  await t.step("a stream failure found by queryAsync's drain", async () => {
    const stream = new WritableStream<Uint8Array>({
      write() {
        throw new Error("stream gone");
      },
    });
    const f = await detached(new JsonlSink(stream, { bufferSize: 64, maxBacklog: 0 }), {
      async: true,
      name: "JsonlSink",
      lost: (n) => n,
    });
    assert.ok(f.phase === "drain" || f.phase === "accept", f.phase);
  });
});

Deno.test("flush() reports a failure once; close() reports it again, after closing the others", async () => {
  const e = traced();
  const tracer = e.tracer!;
  const flaky = new FlakySink(2);
  const path = Deno.makeTempFileSync();
  const good = new JsonlSink(path);
  tracer.addSink(flaky);
  tracer.addSink(good);
  assert.deepEqual(answers(e), ANSWERS);
  assert.equal(tracer.errors.length, 1);
  await assert.rejects(() => tracer.flush(), /^Error: Trace sink FlakySink failed after 2 events/);
  await tracer.flush();
  await assert.rejects(() => tracer.close(), /FlakySink/);
  // The other sink was closed: everything it was given is in the file.
  assert.equal(Deno.readTextFileSync(path).split("\n").length - 1, tracer.emitted);
  await tracer.close(); // nothing new to report
});

Deno.test("several failing sinks: close() rejects with an AggregateError", async () => {
  const e = traced();
  const tracer = e.tracer!;
  tracer.addSink(new FlakySink(1));
  tracer.addSink(new FlakySink(3));
  assert.deepEqual(answers(e), ANSWERS);
  await assert.rejects(() => tracer.close(), (err: AggregateError) => {
    assert.ok(err instanceof AggregateError);
    assert.equal(err.errors.length, 2);
    assert.match(err.message, /^2 trace sinks failed and were detached \(FlakySink, FlakySink\)/);
    return true;
  });
  const n = tracer.emitted;
  assert.deepEqual(tracer.errors.map((f) => [f.given, f.lost]), [[1, n], [3, n - 2]]);
});

Deno.test('onSinkError: "abort" lets the error out of the query', async (t) => {
  await t.step("a custom sink", () => {
    const e = traced({ onSinkError: "abort" });
    e.tracer!.addSink(new FlakySink(5));
    assert.throws(() => answers(e), /^Error: flaky accept$/);
    assert.deepEqual(e.tracer!.errors, []);
  });
  await t.step("a closed file, through queryAsync", async () => {
    const file = Deno.openSync(Deno.makeTempFileSync(), { write: true });
    file.close();
    const e = traced({ onSinkError: "abort" });
    e.tracer!.addSink(new JsonlSink(file, { bufferSize: 256 }));
    await assert.rejects(() => answersAsync(e), /Bad resource/);
  });
  await t.step("a failure at close() rejects with the sink's own error", async () => {
    const file = Deno.openSync(Deno.makeTempFileSync(), { write: true });
    file.close();
    const e = traced({ onSinkError: "abort" });
    e.tracer!.addSink(new JsonlSink(file));
    assert.deepEqual(answers(e), ANSWERS);
    await assert.rejects(() => e.tracer!.close(), /^Error: JsonlSink: cannot write to file/);
  });
});

Deno.test("onSinkError is validated", () => {
  for (const bad of ["ignore", "", null, 1]) {
    assert.throws(
      () => traced({ onSinkError: bad as unknown as "abort" }),
      (err: Error) => err instanceof TypeError && /onSinkError/.test(err.message),
    );
  }
  traced({ onSinkError: "detach" });
  traced({ onSinkError: "abort" });
});

// A full disk: on Linux every write to /dev/full fails with ENOSPC. Deno lets
// only a process run with --allow-all open it: without, these tests run in a
// child process (below).

Deno.test({
  name: "/dev/full: JsonlSink fails at the first flush, is detached",
  ignore: !devFull,
  fn: async () => {
    const f = await detached(new JsonlSink("/dev/full"), { name: "JsonlSink", lost: (n) => n });
    assert.equal(f.phase, "close");
    assert.match(String(f.error), /No space left on device/);
  },
});

Deno.test({
  name: "/dev/full: JsonlSink fails in accept during the query, is detached",
  ignore: !devFull,
  fn: async () => {
    const f = await detached(new JsonlSink("/dev/full", { bufferSize: 256 }), {
      name: "JsonlSink",
      lost: (n) => n,
    });
    assert.equal(f.phase, "accept");
    assert.ok(f.given > 0 && f.given < REFERENCE.length, `given ${f.given}`);
  },
});

Deno.test({
  name: "/dev/full: JsonlSink through queryAsync, is detached",
  ignore: !devFull,
  fn: async () => {
    const f = await detached(new JsonlSink("/dev/full", { bufferSize: 256 }), {
      async: true,
      name: "JsonlSink",
      lost: (n) => n,
    });
    assert.equal(f.phase, "accept");
  },
});

Deno.test({
  name: '/dev/full: with onSinkError "abort" the query throws',
  ignore: !devFull,
  fn: async () => {
    const e = traced({ onSinkError: "abort" });
    e.tracer!.addSink(new JsonlSink("/dev/full", { bufferSize: 256 }));
    assert.throws(() => answers(e), /JsonlSink: cannot write to "\/dev\/full": No space left/);
    await e.tracer!.close();
  },
});

Deno.test({
  name: "the full-disk tests, in a child process allowed to open the device",
  ignore: !linux || devFull,
  fn: async () => {
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["test", "-A", "--filter", "/^\\/dev\\/full: /", new URL(import.meta.url).pathname],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
    assert.equal(r.code, 0, text);
    // deno-lint-ignore no-control-regex
    assert.match(text.replace(/\x1b\[[0-9;]*m/g, ""), /ok \| 4 passed/, text);
  },
});
