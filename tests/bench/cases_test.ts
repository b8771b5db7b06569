import assert from "node:assert/strict";
import { Engine } from "../../mod.ts";
import {
  benchFile,
  benchName,
  CATEGORIES,
  floorSink,
  groupName,
  GROUPS,
  repeatOf,
  VARIANTS,
  type Workload,
  WORKLOADS,
  WRITE_FLOOR_FILES,
} from "../../bench/cases.ts";
import {
  CAPTURE_QUERY,
  checkAnswer,
  prepareVariant,
  programText,
  validateVariant,
  workloadCounts,
} from "../../bench/_harness.ts";

const root = new URL("../../", import.meta.url);
const quiet = { output: () => {}, errorOutput: () => {} };

function engineFor(w: Workload, trace = false): Engine {
  const e = new Engine(programText(w), { ...quiet, trace: trace || undefined });
  assert.deepEqual(e.loadIssues, []);
  return e;
}

Deno.test("each workload gives its expected answer through the engine", async (t) => {
  for (const w of Object.values(WORKLOADS)) {
    await t.step(w.name, () => {
      const e = engineFor(w);
      const opts = w.solutions === "all" ? {} : { maxSolutions: w.solutions };
      const sols = [...e.query(w.goal, opts)].map((s) => s.text);
      assert.equal(sols.length, w.expected);
      assert.deepEqual(sols[0], w.first);
      assert.deepEqual(sols.at(-1), w.last);
    });
  }
});

Deno.test("the programs are the ones the issue specifies", async (t) => {
  const rows: [keyof typeof WORKLOADS, string, string][] = [
    // workload, goal counting the facts, expected count
    ["small", "findall(X, fact(X), L), length(L, N), L = [0|_], last(L, 9)", "10"],
    ["medium", "findall(X, num(X), L), length(L, N), L = [0|_], last(L, 99)", "100"],
    ["large", "findall(X, item(X), L), length(L, N), L = [0|_], last(L, 999)", "1000"],
    ["backtracking", "findall(X, choice(X), L), length(L, N), L = [0|_], last(L, 19)", "20"],
    ["trivial", "findall(X, fact(X), L), length(L, N), L = [1]", "1"],
    ["event_rate", "findall(X, test(X), L), length(L, N), L = [0|_], last(L, 99)", "100"],
    // The heavy variant explores every combination: 20^3 calls of the third choice/1.
    [
      "backtracking_heavy",
      "findall(A-B-C, (choice(A), choice(B), choice(C)), L), length(L, N)",
      "8000",
    ],
  ];
  for (const [name, goal, n] of rows) {
    await t.step(name, () => assert.equal(engineFor(WORKLOADS[name]).once(goal)?.text.N, n));
  }
  await t.step("medium: the rule keeps the even numbers", () => {
    const e = engineFor(WORKLOADS.medium);
    assert.equal(e.once("findall(X, even(X), L), sum_list(L, S)")?.text.S, "2450");
  });
  await t.step("large: pairs are ordered and sum to a multiple of 10", () => {
    const e = engineFor(WORKLOADS.large);
    assert.equal(e.once("pair(X, Y), \\+ (X < Y, (X + Y) mod 10 =:= 0)"), null);
    assert.ok(e.once("pair(3, 997)") !== null);
    assert.equal(e.once("pair(7, 3)"), null);
  });
  await t.step("backtracking: all solutions are the increasing triples", () => {
    const e = engineFor(WORKLOADS.backtracking_heavy);
    assert.equal(e.once("findall(A, test(A, _, _), L), length(L, N)")?.text.N, "1140");
  });
});

Deno.test("checkAnswer rejects a wrong expectation", async (t) => {
  const w = WORKLOADS.medium;
  const e = engineFor(w);
  const rows: [string, Workload, RegExp][] = [
    ["count", { ...w, expected: 49 }, /expected 49 solutions, got 50/],
    ["first", { ...w, first: { X: "2" } }, /first solution \{"X":"0"\}/],
    ["last", { ...w, last: { X: "96" } }, /last solution \{"X":"98"\}/],
  ];
  for (const [name, bad, re] of rows) {
    await t.step(name, () => assert.throws(() => checkAnswer(e, bad), re));
  }
  await t.step("the real expectation passes", () => checkAnswer(e, w));
});

Deno.test("the bench table is consistent", async (t) => {
  await t.step("every group names a workload and known variants, baseline first", () => {
    for (const g of GROUPS) {
      assert.ok(g.workload in WORKLOADS, groupName(g));
      assert.equal(g.variants[0], "off", groupName(g));
      for (const v of g.variants) assert.ok(VARIANTS.includes(v), benchName(g, v));
      assert.ok(Number.isInteger(g.repeat) && g.repeat >= 1);
    }
  });
  await t.step("bench names are unique", () => {
    const names = GROUPS.flatMap((g) => g.variants.map((v) => benchName(g, v)));
    assert.equal(new Set(names).size, names.length);
  });
  await t.step("every category has groups and a bench file registering it", () => {
    for (const c of CATEGORIES) {
      assert.ok(GROUPS.some((g) => g.category === c), c);
      const text = Deno.readTextFileSync(new URL(benchFile(c), root));
      assert.match(text, new RegExp(`registerCategory\\("${c}"\\)`), benchFile(c));
    }
  });
  await t.step("write_floor: in the pretty and jsonl groups, beside their one file sink", () => {
    const withFloor = GROUPS.filter((g) => g.variants.includes("write_floor"));
    assert.deepEqual(withFloor.map(groupName), ["pretty/medium", "jsonl/medium"]);
    for (const g of withFloor) {
      assert.equal(floorSink(g), g.category);
      assert.equal(g.repeat, 1, "one query (and one flush) per iteration, as the sink's variant");
      assert.equal(repeatOf(g, "write_floor"), WRITE_FLOOR_FILES);
      assert.equal(repeatOf(g, g.category as "pretty" | "jsonl"), 1);
    }
    assert.throws(
      () => floorSink(GROUPS.find((g) => g.category === "sink_comparison")!),
      /exactly one file sink/,
    );
    assert.throws(() => floorSink(GROUPS[0]), /exactly one file sink/);
  });
  await t.step("the slow groups are exactly the heavy backtracking one", () => {
    assert.deepEqual(GROUPS.filter((g) => g.slow).map(groupName), [
      "backtracking/backtracking_heavy",
    ]);
  });
});

Deno.test("every bench variant passes its pre-timing validation", async (t) => {
  for (const g of GROUPS) {
    for (const v of g.variants) {
      await t.step(benchName(g, v), async () => {
        const p = await prepareVariant(g, v);
        try {
          await validateVariant(p);
          if (v === "off") assert.equal(p.engine.tracer, undefined);
          else assert.ok(p.engine.tracer !== undefined);
        } finally {
          await p.dispose();
        }
      });
    }
  }
});

Deno.test("validation catches a variant that does not trace as claimed", async (t) => {
  const group = GROUPS.find((g) => g.category === "infrastructure")!;
  await t.step("reject-all filter letting events through", async () => {
    const p = prepareVariant(group, "reject_all");
    try {
      p.engine.tracer!.setFilters({}); // undo the reject-all filter
      await assert.rejects(validateVariant(p), /reject-all filter let \d+ events through/);
    } finally {
      await p.dispose();
    }
  });
  await t.step("filtered variant reporting other predicates", async () => {
    const p = prepareVariant(GROUPS.find((g) => g.category === "filtering")!, "filtered");
    try {
      p.engine.tracer!.setFilters({ include: ["even/1", "num/1"] });
      await assert.rejects(validateVariant(p), /the filter let num\/1 through/);
    } finally {
      await p.dispose();
    }
  });
  await t.step("a sink that receives nothing", async () => {
    const p = prepareVariant(GROUPS.find((g) => g.category === "collector")!, "collector");
    try {
      p.engine.tracer!.setFilters({ ports: [] });
      await assert.rejects(validateVariant(p), /the sink received no events/);
    } finally {
      await p.dispose();
    }
  });
});

Deno.test("text sinks write real lines to their temp file", async (t) => {
  const group = GROUPS.find((g) => g.category === "sink_comparison")!;
  for (const v of ["pretty", "jsonl"] as const) {
    await t.step(v, async () => {
      const p = prepareVariant(group, v);
      try {
        p.reset();
        for (const _s of p.engine.query("even(X)")) { /* run */ }
        await p.flush();
        const text = p.readOutput(1 << 20);
        const lines = text.trimEnd().split("\n");
        assert.equal(lines.length, workloadCounts(WORKLOADS.medium).events);
        if (v === "jsonl") {
          const first = JSON.parse(lines[0]);
          assert.deepEqual([first.sid, first.p, first.pid, first.g], [1, 0, "even/1", "even(_G1)"]);
        } else assert.match(lines[0], /^\[1\] CALL even\/1: even\(_G1\)$/);
        p.reset();
        assert.equal(p.fileSize(), 0, "reset truncates");
      } finally {
        await p.dispose();
      }
    });
  }
});

Deno.test("write_floor: the bytes of one traced query, written bare", async (t) => {
  for (const c of ["pretty", "jsonl"] as const) {
    const group = GROUPS.find((g) => g.category === c)!;
    await t.step(`${c}: the captured chunks are what the sink writes for one query`, async () => {
      const sinkVariant = prepareVariant(group, c);
      const floor = await prepareVariant(group, "write_floor");
      try {
        await validateVariant(sinkVariant);
        sinkVariant.reset();
        for (const _s of sinkVariant.engine.query("even(X)")) { /* one query */ }
        await sinkVariant.flush();
        const byTheSink = sinkVariant.readOutput(1 << 20);
        const wf = floor.writeFloor!;
        assert.equal(wf.sink, c);
        assert.equal(wf.files, WRITE_FLOOR_FILES);
        const captured = new TextDecoder().decode(
          Uint8Array.from(wf.chunks.flatMap((x) => [...x])),
        );
        // Identical but for the run id and the query id of JSONL lines (the capture is
        // query CAPTURE_QUERY of its engine).
        const ids = (text: string) =>
          text.replaceAll(/"rid":"[^"]*"/g, '"rid":"R"').replaceAll(/"qid":\d+/g, '"qid":Q');
        assert.equal(ids(captured), ids(byTheSink));
        if (c === "pretty") assert.equal(captured, byTheSink);
        else assert.match(captured.split("\n", 1)[0], new RegExp(`"qid":${CAPTURE_QUERY}[,}]`));
        assert.equal(wf.bytes, new TextEncoder().encode(captured).length);
        assert.equal(
          captured.trimEnd().split("\n").length,
          workloadCounts(WORKLOADS.medium).events,
        );
        // One writeSync per buffer flush (64 KiB buffers): the JSONL trace takes more than one.
        assert.equal(wf.chunks.length, Math.ceil(wf.bytes / (64 * 1024)));
      } finally {
        await sinkVariant.dispose();
        await floor.dispose();
      }
    });
    await t.step(`${c}: the timed write runs no query and traces nothing`, async () => {
      const p = await prepareVariant(group, "write_floor");
      try {
        await validateVariant(p);
        const wf = p.writeFloor!;
        const steps = p.engine.machine.steps;
        p.reset();
        assert.equal(p.fileSize(), 0);
        assert.equal(wf.write(), wf.bytes * WRITE_FLOOR_FILES);
        assert.equal(p.engine.machine.steps, steps, "no query ran");
        assert.equal(p.fileSize(), wf.bytes * WRITE_FLOOR_FILES);
        for (let i = 0; i < WRITE_FLOOR_FILES; i++) {
          assert.equal(new TextEncoder().encode(p.readOutput(1 << 20, i)).length, wf.bytes);
        }
        p.reset();
        assert.equal(p.fileSize(), 0, "reset truncates every file");
        assert.equal(p.sink, null);
        assert.equal(p.flush(), undefined);
      } finally {
        await p.dispose();
      }
    });
  }
  await t.step("validation rejects a write that does not put the trace in the files", async () => {
    const group = GROUPS.find((g) => g.category === "pretty")!;
    const p = await prepareVariant(group, "write_floor");
    try {
      const wf = p.writeFloor!;
      const short = { ...p, writeFloor: { ...wf, write: () => wf.bytes * wf.files } };
      await assert.rejects(validateVariant(short), /temp file 0 does not hold exactly/);
      const half = {
        ...p,
        writeFloor: { ...wf, chunks: [wf.chunks[0].subarray(0, 100)], bytes: 100 },
      };
      await assert.rejects(validateVariant(half), /wrote \d+ bytes, expected 1000/);
    } finally {
      await p.dispose();
    }
  });
});

Deno.test("workloadCounts", async (t) => {
  for (const w of Object.values(WORKLOADS)) {
    await t.step(w.name, () => {
      const c = workloadCounts(w);
      assert.equal(c.solutions, w.expected);
      assert.ok(c.events >= 2 * w.expected, `${c.events} events`); // at least a call and an exit per answer
      assert.ok(c.inferences >= 0);
    });
  }
  await t.step("event rate workload: exits and redos of both predicates per answer", () => {
    assert.ok(workloadCounts(WORKLOADS.event_rate).events >= 400);
  });
});
