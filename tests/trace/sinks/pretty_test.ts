import assert from "node:assert/strict";
import { Engine, PrettySink, type SyncWriter, type TracerOptions } from "../../../mod.ts";

const TESTDATA = new URL("../testdata/", import.meta.url);
const PROGRAM = Deno.readTextFileSync(new URL("golden.pl", TESTDATA));
/** Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate format change. */
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

/** Collects written text. */
class Text implements SyncWriter {
  text = "";
  terminal = false;
  #dec = new TextDecoder();
  writeSync(p: Uint8Array): number {
    this.text += this.#dec.decode(p, { stream: true });
    return p.length;
  }
  isTerminal(): boolean {
    return this.terminal;
  }
}

/** Runs `goal` to exhaustion on a fresh engine with one PrettySink; returns the trace text. */
async function prettyTrace(
  goal: string,
  options: ConstructorParameters<typeof PrettySink>[1] = {},
  trace: TracerOptions = {},
): Promise<string> {
  const e = new Engine(PROGRAM, { trace: { runId: "golden", ...trace }, output: () => {} });
  const out = new Text();
  const sink = new PrettySink(out, options);
  e.tracer!.addSink(sink);
  try {
    for (const _ of e.query(goal)) { /* exhaust */ }
  } catch { /* an uncaught exception ends the run; its trace is still checked */ }
  await sink.close();
  return out.text;
}

const GOLDEN: [name: string, goal: string][] = [
  ["append", "app([1,2],[3],X)"],
  ["member", "mem(X,[1,2,3])"],
  ["cut", "p"],
  ["catch", "t(X)"],
  ["failing_builtin", "small(5)"],
  ["countdown", "count(5)"],
];

Deno.test("PrettySink writes the golden traces", async (t) => {
  for (const [name, goal] of GOLDEN) {
    await t.step(`${name}: ${goal}`, async () => {
      const actual = await prettyTrace(goal, { showDet: true });
      const file = new URL(`${name}.pretty`, TESTDATA);
      if (UPDATE) Deno.writeTextFileSync(file, actual);
      assert.equal(actual, Deno.readTextFileSync(file));
    });
  }
});

Deno.test("PrettySink line format", async (t) => {
  await t.step("indents two spaces per depth and shows [sid] PORT pred: goal", async () => {
    const text = await prettyTrace("app([1,2],[3],X)");
    assert.equal(
      text,
      [
        "[1] CALL app/3: app([1,2],[3],_G1)",
        "  [2] CALL app/3: app([2],[3],_G2)",
        "    [3] CALL app/3: app([],[3],_G3)",
        "    [4] EXIT app/3: app([],[3],[3])",
        "  [5] EXIT app/3: app([2],[3],[2,3])",
        "[6] EXIT app/3: app([1,2],[3],[1,2,3])",
        "",
      ].join("\n"),
    );
  });
  await t.step("showDet marks deterministic exits only", async () => {
    const text = await prettyTrace("mem(X,[1,2])", { showDet: true });
    assert.match(text, /\[2\] EXIT mem\/2: mem\(1,\[1,2\]\)\n/);
    const det = await prettyTrace("app([],[],X)", { showDet: true });
    assert.match(det, /\[2\] EXIT app\/3: app\(\[\],\[\],\[\]\) \(det\)\n/);
  });
  await t.step("exception ports show the ball", async () => {
    const text = await prettyTrace("t(X)");
    assert.match(text, /\[4\] EXCEPTION throw\/1: throw\(oops\) ! oops\n/);
    const err = await prettyTrace("X is foo + 1");
    assert.match(
      err,
      /\[2\] EXCEPTION is\/2: _G1 is foo\+1 ! error\(type_error\(evaluable,foo\/0\),_\)\n/,
    );
  });
  await t.step("bindings follow the goal", async () => {
    const values = await prettyTrace("app([1],[2],X)", {}, { bindings: "namesValues" });
    assert.match(values, /^\[1\] CALL app\/3: app\(\[1\],\[2\],_G1\) \{X=_G1\}\n/);
    assert.match(
      values,
      /\n {2}\[2\] CALL app\/3: app\(\[\],\[2\],_G2\) \{T=\[\], L=\[2\], R=_G2\}\n/,
    );
    assert.match(values, /\n\[4\] EXIT app\/3: app\(\[1\],\[2\],\[1,2\]\) \{X=\[1,2\]\}\n$/);
    const names = await prettyTrace("app([1],[2],X)", {}, { bindings: "names" });
    assert.match(names, /^\[1\] CALL app\/3: app\(\[1\],\[2\],_G1\) \{X\}\n/);
  });
});

Deno.test("PrettySink colours", async (t) => {
  const cyanCall = "\x1b[36mCALL\x1b[39m";
  await t.step("color: true colours each port", async () => {
    const text = await prettyTrace("t(X)", { color: true });
    assert.ok(text.includes(cyanCall));
    assert.ok(text.includes("\x1b[32mEXIT\x1b[39m"));
    assert.ok(text.includes("\x1b[35mEXCEPTION\x1b[39m"));
    const fail = await prettyTrace("small(5)", { color: true });
    assert.ok(fail.includes("\x1b[31mFAIL\x1b[39m"));
    const redo = await prettyTrace("mem(X,[1,2])", { color: true });
    assert.ok(redo.includes("\x1b[33mREDO\x1b[39m"));
  });
  await t.step("auto: a path is never coloured", async () => {
    const path = Deno.makeTempFileSync();
    const e = new Engine(PROGRAM, { trace: { runId: "golden" } });
    const sink = new PrettySink(path, { color: "auto" });
    e.tracer!.addSink(sink);
    e.once("r");
    await sink.close();
    assert.equal(Deno.readTextFileSync(path), "[1] CALL r/0: r\n[2] EXIT r/0: r\n");
  });
  await t.step("auto: a terminal is coloured unless NO_COLOR", async () => {
    const e = new Engine(PROGRAM, { trace: { runId: "golden" } });
    const tty = new Text();
    tty.terminal = true;
    const sink = new PrettySink(tty);
    e.tracer!.addSink(sink);
    e.once("r");
    // Line-buffered: written without a flush.
    assert.equal(tty.text.includes(cyanCall), !Deno.noColor);
    assert.ok(tty.text.endsWith("r\n"));
    await sink.close();
  });
  await t.step("auto: a plain writer is not coloured", async () => {
    const text = await prettyTrace("r");
    assert.equal(text, "[1] CALL r/0: r\n[2] EXIT r/0: r\n");
  });
  await t.step("an invalid color option is rejected", () => {
    assert.throws(
      () => new PrettySink(new Text(), { color: "yes" as unknown as boolean }),
      /^TypeError: PrettySink: invalid color: expected true, false or "auto", got "yes"$/,
    );
  });
});

Deno.test("PrettySink supports await using", async () => {
  const out = new Text();
  const e = new Engine(PROGRAM, { trace: { runId: "golden" } });
  {
    await using sink = new PrettySink(out);
    e.tracer!.addSink(sink);
    e.once("r");
    assert.equal(out.text, "");
  }
  assert.equal(out.text, "[1] CALL r/0: r\n[2] EXIT r/0: r\n");
});
