import assert from "node:assert/strict";
import { Engine, JsonlSink } from "../../mod.ts";

/** Runs count(20000) traced into a slow stream; returns the largest number of events not yet written. */
async function maxLag(useAsync: boolean): Promise<{ lag: number; emitted: number; lines: number }> {
  const e = new Engine(
    "count(0) :- !. count(N) :- N1 is N - 1, count(N1).",
    { trace: { runId: "bp" }, output: () => {} },
  );
  let lines = 0;
  let lag = 0;
  const stream = new WritableStream<Uint8Array>({
    async write(chunk) {
      lag = Math.max(lag, e.tracer!.emitted - lines);
      await new Promise((r) => setTimeout(r, 1));
      for (const b of chunk) if (b === 10) lines++;
    },
  });
  const sink = new JsonlSink(stream);
  e.tracer!.addSink(sink);
  if (useAsync) {
    for await (const _ of e.queryAsync("count(20000)")) { /* one answer */ }
  } else {
    for (const _ of e.query("count(20000)")) { /* one answer */ }
  }
  await sink.close();
  return { lag, emitted: e.tracer!.emitted, lines };
}

Deno.test("queryAsync() pauses the solver while a slow stream sink drains", async () => {
  const r = await maxLag(true);
  assert.equal(r.lines, r.emitted, "every event written");
  assert.ok(r.emitted >= 80000, `only ${r.emitted} events`);
  // The sink asks for a pause above ~1 MiB of backlog (~8,000 lines here).
  assert.ok(r.lag < 30000, `backlog reached ${r.lag} events`);
});

Deno.test("query() (synchronous) cannot wait for a stream sink: the backlog grows", async () => {
  const r = await maxLag(false);
  assert.equal(r.lines, r.emitted, "every event still written by close()");
  assert.ok(r.lag > 60000, `backlog only ${r.lag} events`);
});

Deno.test("queryAsync() without tracing yields every solution", async () => {
  const e = new Engine("p(1). p(2). p(3).");
  const xs: unknown[] = [];
  for await (const s of e.queryAsync("p(X)")) xs.push(s.bindings.X);
  assert.deepEqual(xs, [1, 2, 3]);
});
