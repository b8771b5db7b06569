// What a pending box keeps while a text sink traces: only the goal's text
// once it can no longer change, and the arguments while it can.
import assert from "node:assert/strict";
import { Engine, JsonlSink, PrettySink, type TraceEvent } from "../../mod.ts";
import type { TraceSink } from "../../trace/mod.ts";
import { FAR_SLOT } from "../../engine/ports.ts";

const PROGRAM = `
loop(0) :- stop.
loop(N) :- N > 0, N1 is N - 1, loop(N1).
stop.
mod(T) :- setarg(1, T, b).
bind(X) :- X = 1.
`;

/** A writer that keeps what it is given, as text. */
function memoryWriter(): { writeSync(p: Uint8Array): number; text(): string } {
  const chunks: Uint8Array[] = [];
  return {
    writeSync(p) {
      chunks.push(p.slice());
      return p.length;
    },
    text() {
      return new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
    },
  };
}

/**
 * A sink that reads no goal (so it leaves the text sinks' economy on) and,
 * at the call of `stop/0`, counts what the pending boxes' slots hold.
 */
class Inspector implements TraceSink {
  readonly readsGoals = false;
  texts = -1;
  terms = -1;
  accept(e: TraceEvent): void {
    if (e.predId !== "stop/0" || e.port !== 0) return;
    this.texts = this.terms = 0;
    for (const g of e.log.goals) {
      if (typeof g === "string") this.texts++;
      else if (g !== undefined) this.terms++;
    }
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

Deno.test("a text sink's pending boxes keep the text of goals that cannot change, not the arguments", async () => {
  const e = new Engine(PROGRAM, { trace: { runId: "r" } });
  const out = memoryWriter();
  const sink = new JsonlSink(out);
  const spy = new Inspector();
  e.tracer!.addSink(sink);
  e.tracer!.addSink(spy);
  assert.notEqual(e.once("loop(300)"), null);
  await sink.flush();
  // 301 loop boxes pending at stop/0: each keeps its text (`loop(K)`).
  assert.ok(spy.texts >= 301, `texts kept: ${spy.texts}`);
  // The exits, read from the kept texts, in order loop(0) .. loop(300).
  const exits = lines(out.text()).map((l) => JSON.parse(l)).filter((r) =>
    r.pid === "loop/1" && r.p === 1
  ).map((r) => r.g);
  assert.deepEqual(exits, Array.from({ length: 301 }, (_, k) => `loop(${k})`));
  assert.equal(lines(out.text()).length, e.tracer!.emitted);
});

Deno.test("a sink that may read terms keeps every pending box's arguments", () => {
  const e = new Engine(PROGRAM, { trace: { runId: "r" } });
  const spy = new Inspector();
  const terms: string[] = [];
  e.tracer!.addSink(spy);
  e.tracer!.addSink({
    accept(ev: TraceEvent) {
      if (ev.predId === "loop/1" && ev.port === 1) terms.push(String(ev.goal !== null));
    },
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  });
  assert.notEqual(e.once("loop(50)"), null);
  assert.equal(spy.texts, 0);
  assert.ok(spy.terms >= 51);
  assert.deepEqual(terms, Array(51).fill("true"));
});

Deno.test("a ground goal with a compound argument is shown as changed in place at its exit", async () => {
  const e = new Engine(PROGRAM, { trace: { runId: "r" } });
  const out = memoryWriter();
  const sink = new PrettySink(out, { color: false });
  e.tracer!.addSink(sink);
  assert.notEqual(e.once("T = f(a), mod(T)"), null);
  await sink.flush();
  const ls = lines(out.text());
  assert.ok(ls.includes("[3] CALL mod/1: mod(f(a))"), ls.join("\n"));
  assert.ok(ls.includes("[6] EXIT mod/1: mod(f(b))"), ls.join("\n"));
});

Deno.test("a goal with a variable keeps its arguments: the exit shows the binding", async () => {
  const e = new Engine(PROGRAM, { trace: { runId: "r" } });
  const out = memoryWriter();
  const sink = new JsonlSink(out);
  e.tracer!.addSink(sink);
  assert.notEqual(e.once("bind(Y)"), null);
  await sink.flush();
  const recs = lines(out.text()).map((l) => JSON.parse(l)).filter((r) => r.pid === "bind/1");
  assert.deepEqual(recs.map((r) => r.g), ["bind(_G1)", "bind(1)"]);
});

const LONG_CHAINS = `
two :- loop(20000), !, loopu(20000, 'ünï').
loop(0).
loop(N) :- N > 0, N1 is N - 1, loop(N1).
loopu(0, _) :- stop.
loopu(N, A) :- N > 0, N1 is N - 1, loopu(N1, A).
stop.
`;

Deno.test("a long chain of pending boxes keeps its texts as bytes, reused after the boxes finish", async () => {
  const e = new Engine(LONG_CHAINS, { trace: { runId: "r" } });
  const out = memoryWriter();
  const sink = new JsonlSink(out);
  let inArena = -1, goalsLength = -1;
  e.tracer!.addSink(sink);
  e.tracer!.addSink({
    readsGoals: false,
    accept(ev: TraceEvent) {
      if (ev.predId !== "stop/0" || ev.port !== 0) return;
      const log = ev.log;
      goalsLength = log.goals.length;
      inArena = 0;
      for (let slot = 1; slot < log.boxTop; slot++) {
        if (typeof log.goal(slot) === "number") inArena++;
      }
    },
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  });
  assert.notEqual(e.once("two"), null);
  await sink.flush();
  // The second chain's boxes in slots past the strings' range: in bytes.
  assert.ok(inArena > 1000, `texts in the arena: ${inArena}`);
  // Far slots grow no JS array: their texts are located from a typed array.
  assert.ok(goalsLength <= FAR_SLOT, `goals array length: ${goalsLength}`);
  const recs = lines(out.text()).map((l) => JSON.parse(l));
  const exits = (pid: string) => recs.filter((r) => r.pid === pid && r.p === 1).map((r) => r.g);
  assert.deepEqual(exits("loop/1"), Array.from({ length: 20001 }, (_, k) => `loop(${k})`));
  // Stored while the first chain's texts were garbage (slots reused).
  assert.deepEqual(exits("loopu/2"), Array.from({ length: 20001 }, (_, k) => `loopu(${k},ünï)`));
  assert.equal(recs.length, e.tracer!.emitted);
});

const HOSTILE_CHAINS = `
go :- 'p(q'(20000, x), !, '-'(20000), !, 'a)b'(20000), !, op_chain(20000).
'p(q'(0, _).
'p(q'(N, A) :- N > 0, N1 is N - 1, 'p(q'(N1, A).
'-'(0).
'-'(N) :- N > 0, N1 is N - 1, '-'(N1).
'a)b'(0).
'a)b'(N) :- N > 0, N1 is N - 1, 'a)b'(N1).
op_chain(N) :- N =< 0.
op_chain(N) :- N > 0, N1 is N - 1, N1 == N1, op_chain(N1).
`;

Deno.test("far texts without their functor's prefix come back whole, whatever the functor", async () => {
  const e = new Engine(HOSTILE_CHAINS, { trace: { runId: "r" } });
  const out = memoryWriter();
  const sink = new JsonlSink(out);
  e.tracer!.addSink(sink);
  assert.notEqual(e.once("go"), null);
  await sink.flush();
  const recs = lines(out.text()).map((l) => JSON.parse(l));
  const exits = (pid: string) => recs.filter((r) => r.pid === pid && r.p === 1).map((r) => r.g);
  const upTo = (f: (k: number) => string) => Array.from({ length: 20001 }, (_, k) => f(k));
  assert.deepEqual(exits("p(q/2"), upTo((k) => `'p(q'(${k},x)`));
  assert.deepEqual(exits("-/1"), upTo((k) => `- ${k}`));
  assert.deepEqual(exits("a)b/1"), upTo((k) => `'a)b'(${k})`));
  assert.equal(recs.length, e.tracer!.emitted);
});
