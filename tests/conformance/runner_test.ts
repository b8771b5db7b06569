import assert from "node:assert/strict";
import { join } from "node:path";
import { failureLine, runSuite, type SuiteResult, summaryLine } from "./runner.ts";
import { checkFloor, parseArgs } from "./iso_task.ts";

/** Writes a synthetic suite (iso.tst plus data files) to a fresh folder. */
async function makeSuite(patterns: string, files: Record<string, string> = {}): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "byrd-iso-test-" });
  await Deno.writeTextFile(join(dir, "iso.tst"), patterns);
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(join(dir, name), text);
  }
  return dir;
}

async function run(
  patterns: string,
  files: Record<string, string> = {},
  opts: Parameters<typeof runSuite>[1] = {},
): Promise<SuiteResult> {
  const dir = await makeSuite(patterns, files);
  try {
    return await runSuite(dir, opts);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function kinds(r: SuiteResult): string[] {
  return r.results.map((x) => `${x.line}:${x.kind}`);
}

// One pattern per line so result lines are easy to assert on.
const MIXED = [
  "X = 1 should_give X == 1.", // 1 pass
  "X = 1 should_give X == 2.", // 2 fail: check fails
  "atom(1) should_fail.", // 3 pass
  "atom(a) should_fail.", // 4 fail: succeeds
  "throw(f(a, b)) should_throw f(a, _).", // 5 pass: ball is an instance
  "throw(f(_, b)) should_throw f(a, _).", // 6 fail: ball is more general
  "X = 1 should_throw foo.", // 7 fail: no exception
  "(X = 1 ; X = 2) should_give multiple_solutions(K, K == 2, X == K).", // 8 pass
  "(X = 1 ; X = 3) should_give multiple_solutions(K, K == 2, X == K).", // 9 fail: each
  "(X = 1 ; X = 2) should_give multiple_solutions(K, K == 3, true).", // 10 fail: final
  "fixme foo should_give true.", // 11 skipped
  "f(a b) should_give true.", // 12 unreadable
  "X = ok should_give X == ok.", // 13 pass: reading resumed
  "undefined_pred_xyz should_fail.", // 14 error: existence error
  "assertz(seen(1)) should_give true.", // 15 pass
  "seen(X) should_give X == 1.", // 16 pass: same engine, state kept
  "!, fail ; true should_fail.", // 17 pass: the cut is local to the pattern
  'X = "ab" should_give X == [97, 98].', // 18 pass: double_quotes = codes
  "iso_test_variant(f(_, Y), f(Z, _)) should_give true.", // 19 pass
  "iso_test_same_members([b, a], [a, b]) should_give true.", // 20 pass
  "iso_test_os(unix) should_give true.", // 21 pass
].join("\n") + "\n";

const MIXED_KINDS = [
  "1:pass",
  "2:fail",
  "3:pass",
  "4:fail",
  "5:pass",
  "6:fail",
  "7:fail",
  "8:pass",
  "9:fail",
  "10:fail",
  "11:skipped",
  "12:unreadable",
  "13:pass",
  "14:error",
  "15:pass",
  "16:pass",
  "17:pass",
  "18:pass",
  "19:pass",
  "20:pass",
  "21:pass",
];

Deno.test("runSuite() classifies every pattern kind", async (t) => {
  for (const isolate of [false, true]) {
    await t.step(isolate ? "in a child process" : "in process", async () => {
      const r = await run(MIXED, {}, { isolate });
      assert.deepEqual(kinds(r), MIXED_KINDS);
      assert.deepEqual(r.counts, {
        pass: 12,
        fail: 6,
        error: 1,
        unreadable: 1,
        crash: 0,
        skipped: 1,
      });
      assert.equal(r.total, 21);
    });
  }
});

Deno.test("runSuite() explains what went wrong", async (t) => {
  const r = await run(MIXED, {}, { isolate: false });
  const at = (line: number) => r.results.find((x) => x.line === line)!;
  const rows: [number, string, string][] = [
    [2, "X==2", "success, check failed: X = 1"],
    [4, "failure", "success"],
    [6, "exception f(a,_)", "exception f(_G"],
    [7, "exception foo", "success"],
    [9, "multiple_solutions(K,K==2,X==K)", "solution 2 failed its check: X = 3"],
    [10, "multiple_solutions(K,K==3,true)", "2 solutions, final check failed"],
    [12, "", "error(syntax_error("],
    [14, "failure", "exception error(existence_error(procedure,undefined_pred_xyz/0)"],
  ];
  for (const [line, expected, got] of rows) {
    await t.step(`line ${line}`, () => {
      assert.equal(at(line).expected, expected);
      assert.ok(at(line).got.startsWith(got), at(line).got);
    });
  }
});

Deno.test("runSuite() survives loops, halt and lost processes", async (t) => {
  const suite = [
    "iso_test_ensure_loaded(defs) should_give true.", // 1 pass
    "loop should_fail.", // 2 crash: step budget or watchdog
    "loaded(X) should_give X == yes.", // 3 pass: state kept (or replayed after a restart)
    "halt should_give true.", // 4 crash: halt/0
    "halt(3) should_fail.", // 5 crash: halt/1
    "X = 2 should_give X == 2.", // 6 pass
  ].join("\n") + "\n";
  const files = { "defs.pl": "loop :- loop.\nloaded(yes).\n" };
  await t.step("the step budget stops a loop in process", async () => {
    const r = await run(suite, files, { isolate: false, stepBudget: 100_000 });
    assert.deepEqual(kinds(r), ["1:pass", "2:crash", "3:pass", "4:crash", "5:crash", "6:pass"]);
    assert.equal(r.results[1].got, "step budget of 100000 inferences exceeded");
    assert.equal(r.results[3].got, "halt(0) called");
    assert.equal(r.results[4].got, "halt(3) called");
  });
  await t.step("the time limit stops a loop in a child process", async () => {
    const r = await run(suite, files, { stepBudget: 1e15, timeLimitMs: 300 });
    assert.deepEqual(kinds(r), ["1:pass", "2:crash", "3:pass", "4:crash", "5:crash", "6:pass"]);
    assert.match(r.results[1].got, /time limit of 300 ms exceeded/);
  });
  await t.step("the watchdog kills a hung child and the run resumes", async () => {
    const r = await run(suite, files, { stepBudget: 1e15, timeLimitMs: 0, watchdogMs: 1500 });
    assert.deepEqual(kinds(r), ["1:pass", "2:crash", "3:pass", "4:crash", "5:crash", "6:pass"]);
    assert.equal(r.results[1].got, "killed by the watchdog after 1500 ms");
    assert.ok(
      r.notes.some((n) =>
        n.startsWith("engine restarted after line 2; the earlier patterns were replayed")
      ),
      r.notes.join(),
    );
  });
});

Deno.test("runSuite() prepares the scratch folder the patterns assume", async () => {
  const suite = [
    "open(empty, read, S), get_char(S, C), close(S) should_give C == end_of_file.",
    "open(hello, read, S), read(S, T), close(S) should_give T == hello.",
    "open(nosuch, read, _) should_throw error(existence_error(source_sink, nosuch), _).",
    "open(scowen, write, S), write(S, x), close(S) should_give true.",
    "open(nowrite, read, S), close(S) should_give true.",
  ].join("\n") + "\n";
  const dir = await makeSuite(suite, { scowen: "old", nosuch: "x" });
  try {
    const r = await runSuite(dir, { isolate: false });
    assert.deepEqual(kinds(r), ["1:pass", "2:pass", "3:pass", "4:pass", "5:pass"]);
    // The suite folder itself is left untouched.
    assert.equal(await Deno.readTextFile(join(dir, "scowen")), "old");
    await assert.rejects(Deno.lstat(join(dir, "nowrite")));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("summaryLine() and failureLine() format the report", () => {
  const counts = { pass: 3, fail: 1, error: 0, unreadable: 1, crash: 0, skipped: 2 };
  assert.equal(
    summaryLine({ results: [], counts, total: 7, notes: [], elapsedMs: 0 }),
    "pass 3 / fail 1 / error 0 / unreadable 1 / crash 0 / skipped 2 (of 7)",
  );
  const long = "x".repeat(100);
  assert.equal(
    failureLine(
      { index: 0, line: 9, text: long, kind: "fail", expected: "failure", got: "success" },
      "iso.tst",
    ),
    `iso.tst:9  [fail]  ${"x".repeat(67)}...  expected: failure  got: success`,
  );
});

Deno.test("parseArgs() and checkFloor() drive the CLI", async (t) => {
  await t.step("defaults to the shared suite", () => {
    const a = parseArgs([]);
    assert.match(a.suiteDir, /shared[\\/]iso$/);
    assert.equal(a.json, null);
    assert.equal(a.floor, false);
  });
  await t.step("reads options", () => {
    const a = parseArgs(["/x/iso", "--json", "o.json", "--floor"]);
    assert.equal(a.suiteDir, "/x/iso");
    assert.equal(a.json, "o.json");
    assert.equal(a.floor, true);
  });
  await t.step("rejects unknown options", () => {
    assert.throws(() => parseArgs(["--nope"]), /Unknown option: "--nope"/);
  });
  const counts = { pass: 10, fail: 0, error: 0, unreadable: 0, crash: 0, skipped: 0 };
  const r = { results: [], counts, total: 10, notes: [], elapsedMs: 0 };
  await t.step("passes at or above the floor", () => {
    assert.equal(checkFloor(r, '{"pass": 10}'), null);
  });
  await t.step("fails below the floor", () => {
    assert.match(checkFloor(r, '{"pass": 11}')!, /10 patterns pass, floor is 11/);
  });
});
