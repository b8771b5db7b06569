import assert from "node:assert/strict";
import {
  Engine,
  JSONL_VERSION,
  JsonlSink,
  type SyncWriter,
  type TraceEvent,
  type TracerOptions,
} from "../../../mod.ts";
import { formatBall } from "../../../trace/sinks/_output.ts";

const TESTDATA = new URL("../testdata/", import.meta.url);
const PROGRAM = Deno.readTextFileSync(new URL("golden.pl", TESTDATA));
/** Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate format change. */
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

/** Collects written text. */
class Text implements SyncWriter {
  text = "";
  #dec = new TextDecoder();
  writeSync(p: Uint8Array): number {
    this.text += this.#dec.decode(p, { stream: true });
    return p.length;
  }
}

/** Runs each goal to exhaustion on one fresh engine with one JsonlSink; returns the text. */
async function jsonlTrace(
  goals: string[],
  options: ConstructorParameters<typeof JsonlSink>[1] = {},
  trace: TracerOptions = {},
): Promise<string> {
  const e = new Engine(PROGRAM, { trace: { runId: "golden", ...trace }, output: () => {} });
  const out = new Text();
  const sink = new JsonlSink(out, options);
  e.tracer!.addSink(sink);
  for (const goal of goals) {
    try {
      for (const _ of e.query(goal)) { /* exhaust */ }
    } catch { /* an uncaught exception ends the run; its trace is still checked */ }
  }
  await sink.close();
  return out.text;
}

function parse(text: string): Record<string, unknown>[] {
  assert.ok(text.endsWith("\n"), "ends with a newline");
  return text.slice(0, -1).split("\n").map((l) => JSON.parse(l));
}

const GOLDEN: [name: string, goal: string][] = [
  ["append", "app([1,2],[3],X)"],
  ["member", "mem(X,[1,2,3])"],
  ["cut", "p"],
  ["catch", "t(X)"],
  ["failing_builtin", "small(5)"],
  ["countdown", "count(5)"],
];

Deno.test("JsonlSink writes the golden traces", async (t) => {
  for (const [name, goal] of GOLDEN) {
    await t.step(`${name}: ${goal}`, async () => {
      const actual = await jsonlTrace([goal]);
      const file = new URL(`${name}.jsonl`, TESTDATA);
      if (UPDATE) Deno.writeTextFileSync(file, actual);
      assert.equal(actual, Deno.readTextFileSync(file));
    });
  }
});

Deno.test("JsonlSink schema", async (t) => {
  const base = ["v", "rid", "sid", "p", "pid", "fd", "cd", "gh", "ws", "g", "bid", "pbid", "qid"];
  await t.step("keys come in schema order; d only on deterministic exits", async () => {
    for (const ev of parse(await jsonlTrace(["mem(X,[1,2])", "app([],[],X)"]))) {
      const keys = Object.keys(ev);
      const det = ev.p === 1 && keys.includes("d");
      assert.deepEqual(keys, det ? [...base, "d"] : base);
      assert.equal(ev.v, JSONL_VERSION);
      if (det) assert.equal(ev.d, 1);
    }
  });
  await t.step("exact line for a call", async () => {
    const first = (await jsonlTrace(["app([1],[2],X)"])).split("\n")[0];
    assert.equal(
      first,
      '{"v":1,"rid":"golden","sid":1,"p":0,"pid":"app/3","fd":0,"cd":1,"gh":1,"ws":0,' +
        '"g":"app([1],[2],_G1)","bid":1,"pbid":0,"qid":1}',
    );
  });
  await t.step("canonical adds gc after d", async () => {
    const evs = parse(await jsonlTrace(["X = 1 + 2"], { canonical: true }));
    assert.deepEqual(Object.keys(evs[1]), [...base, "d", "gc"]);
    assert.equal(evs[0].g, "_G1=1+2");
    assert.equal(evs[0].gc, "=(_G1,+(1,2))");
  });
  await t.step("bindings go in b (values, or null under the names policy)", async () => {
    const values = parse(await jsonlTrace(["app([1],[2],X)"], {}, { bindings: "namesValues" }));
    assert.deepEqual(values[0].b, { X: "_G1" });
    assert.deepEqual(values[1].b, { T: "[]", L: "[2]", R: "_G2" });
    assert.deepEqual(values[3].b, { X: "[1,2]" });
    assert.deepEqual(Object.keys(values[3]), [...base, "d", "b"]);
    const names = parse(await jsonlTrace(["app([1],[2],X)"], {}, { bindings: "names" }));
    assert.deepEqual(names[0].b, { X: null });
  });
  await t.step("exception ports carry the ball in x", async () => {
    const evs = parse(await jsonlTrace(["X is foo + 1"]));
    assert.equal(evs[1].p, 4);
    assert.equal(evs[1].x, "error(type_error(evaluable,foo/0),_)");
    assert.equal(evs[0].x, undefined);
  });
  await t.step("timestamps are integer nanoseconds, last", async () => {
    const evs = parse(await jsonlTrace(["count(3)"], {}, { timestamps: true }));
    let prev = -1;
    for (const ev of evs) {
      assert.equal(Object.keys(ev).at(-1), "t");
      assert.ok(Number.isInteger(ev.t) && (ev.t as number) >= prev, `t=${ev.t}`);
      prev = ev.t as number;
    }
  });
  await t.step("strings are escaped as JSON", async () => {
    const evs = parse(await jsonlTrace([`X = 'a"b\\\\c\nd', atom(X)`]));
    assert.equal(evs[2].g, `atom('a"b\\\\c\\nd')`);
    assert.equal(evs[2].pid, "atom/1");
  });
  await t.step("qid counts queries; sid and bid restart per run", async () => {
    const evs = parse(await jsonlTrace(["r", "r"]));
    assert.deepEqual(evs.map((e) => [e.qid, e.sid, e.bid]), [[1, 1, 1], [1, 2, 1], [2, 1, 1], [
      2,
      2,
      1,
    ]]);
  });
});

Deno.test("JsonlSink output is byte-identical across runs with a fixed runId", async () => {
  const goals = GOLDEN.map(([, g]) => g);
  const a = await jsonlTrace(goals, { canonical: true }, { bindings: "namesValues" });
  const b = await jsonlTrace(goals, { canonical: true }, { bindings: "namesValues" });
  assert.ok(a.length > 1000);
  assert.equal(a, b);
});

Deno.test("JsonlSink streams 200,000 events to a file with bounded memory", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".jsonl" });
  const e = new Engine(PROGRAM, { trace: { runId: "big" } });
  const sink = new JsonlSink(path);
  e.tracer!.addSink(sink);
  assert.equal([...e.query("count(33334)")].length, 1);
  // Written while running: at most one 64 KiB buffer is still held.
  const sizeBeforeClose = Deno.statSync(path).size;
  await sink.close();
  const size = Deno.statSync(path).size;
  assert.ok(size - sizeBeforeClose <= 64 * 1024, `${size - sizeBeforeClose} bytes were held`);
  assert.ok(e.tracer!.emitted >= 200_000);
  let lines = 0, last = 0;
  const bytes = Deno.readFileSync(path);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      lines++;
      last = i;
    }
  }
  assert.equal(lines, e.tracer!.emitted);
  assert.equal(last, bytes.length - 1, "the file ends with a whole line");
  Deno.removeSync(path);
});

/** The line for an event as `JSON.stringify` writes it: the schema, keys in order. */
function referenceLine(e: TraceEvent, canonical: boolean): string {
  const o: Record<string, unknown> = {
    v: JSONL_VERSION,
    rid: e.runId,
    sid: e.stepId,
    p: e.port,
    pid: e.predId,
    fd: e.depth,
    cd: e.choicepoints,
    gh: e.goalHeight,
    ws: e.writeStamp,
    g: e.goalText,
    bid: e.invocationId,
    pbid: e.parentId,
    qid: e.queryId,
  };
  if (e.det && e.port === 1 && e.kind === "") o.d = 1;
  if (canonical) o.gc = e.goalCanonical;
  if (e.bindings !== undefined) o.b = e.bindings;
  if (e.port === 4 && e.ball !== null) o.x = formatBall(e.ball);
  if (e.timestamp !== undefined) o.t = Math.round(e.timestamp * 1e6);
  if (e.kind !== "") {
    o.k = e.kind;
    if (e.details !== undefined) o.d = e.details;
  }
  return JSON.stringify(o);
}

Deno.test("JsonlSink lines equal JSON.stringify of the event's fields", async (t) => {
  // Deep recursion (depths, ids and write stamps past the cached small
  // numbers), several queries (qid), non-ASCII and escaped goals, run ids
  // that need escaping, exceptions, internal events, every optional key.
  const goals = [
    "count(150)",
    "app(['é', \"😀\"], ['a\\nb', 'q\"'], X)",
    "mem(X, [1, -2, 3.5, 'Ünï', f(Y, Y)])",
    "t(X)",
    "p",
    "X is foo + 1",
  ];
  const rows: [string, { canonical?: boolean }, TracerOptions][] = [
    ["defaults", {}, { runId: "golden" }],
    ["every optional key", { canonical: true }, {
      runId: 'r"\\é',
      bindings: "namesValues",
      timestamps: true,
      internalEvents: true,
    }],
    ["names only", {}, { runId: "n", bindings: "names" }],
  ];
  for (const [name, options, trace] of rows) {
    await t.step(name, async () => {
      const e = new Engine(PROGRAM, { trace, output: () => {} });
      const want: string[] = [];
      const canonical = options.canonical ?? false;
      e.tracer!.addSink({
        accept: (ev) => void want.push(referenceLine(ev, canonical)),
        flush: () => {},
        close: () => Promise.resolve(),
      });
      const out = new Text();
      const sink = new JsonlSink(out, { ...options, bufferSize: 256 });
      e.tracer!.addSink(sink);
      for (const goal of goals) {
        try {
          for (const _ of e.query(goal)) { /* exhaust */ }
        } catch { /* an uncaught exception ends the run */ }
      }
      await sink.close();
      assert.ok(want.length > 600, `${want.length} events`);
      const got = out.text.split("\n");
      assert.equal(got.pop(), "");
      assert.equal(got.length, want.length);
      for (let i = 0; i < want.length; i++) assert.equal(got[i], want[i], `line ${i + 1}`);
    });
  }
});
