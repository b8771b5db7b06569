import assert from "node:assert/strict";
import { Engine } from "../../mod.ts";
import {
  allPrograms,
  API_CASES,
  CASES,
  FIRST_NB,
  HARNESS,
  programText,
  sameAnswer,
} from "../../bench/classic_cases.ts";

function engineFor(src: string): Engine {
  const e = new Engine(src, { output: () => {}, errorOutput: () => {} });
  assert.deepEqual(e.loadIssues, []);
  return e;
}

function caseEngine(file: string): Engine {
  return engineFor(HARNESS + FIRST_NB + programText(file));
}

/** Inferences Byrd counts for one query. */
function steps(e: Engine, goal: string): number {
  const before = e.machine.steps;
  assert.notEqual(e.once(goal), null, goal);
  return e.machine.steps - before;
}

Deno.test("CASES check goals give the expected answers in Byrd", async (t) => {
  for (const c of CASES) {
    await t.step(c.name, () => {
      const e = caseEngine(c.file);
      const got = e.once(c.check)?.bindings.X;
      assert.ok(sameAnswer(got, c.expected), `${c.name}: got ${JSON.stringify(got)}`);
    });
  }
});

Deno.test("CASES timed goals succeed once through bench_rep/2", async (t) => {
  for (const c of CASES) {
    await t.step(c.name, () => {
      const e = caseEngine(c.file);
      const s = e.once(`bench_rep(2, (${c.goal}))`);
      assert.notEqual(s, null);
      assert.equal(s!.deterministic, true);
    });
  }
});

Deno.test("classic programs give their known answers", async (t) => {
  const rows: [string, string, string, string][] = [
    ["nrev of 30 reverses", "classic/nrev.pl", "nrev30(X)", `[${CASES[0].expected}]`],
    ["queens has 92 solutions", "classic/queens.pl", "queens8_count(X)", "92"],
    ["queens' first solution", "classic/queens.pl", "queens(8, X)", "[1,5,8,6,3,7,2,4]"],
    ["tak(18, 12, 6) is 7", "classic/tak.pl", "tak(18, 12, 6, X)", "7"],
    [
      "deriv of ops8",
      "classic/deriv.pl",
      "ops8(X)",
      "(1+0)*((x^2+2)*(x^3+3))+(x+1)*((1*2*x^1+0)*(x^3+3)+(x^2+2)*(1*3*x^2+0))",
    ],
    [
      "deriv of log10",
      "classic/deriv.pl",
      "log10(X)",
      "1/x/log(x)/log(log(x))/log(log(log(x)))/log(log(log(log(x))))" +
      "/log(log(log(log(log(x)))))/log(log(log(log(log(log(x))))))" +
      "/log(log(log(log(log(log(log(x)))))))/log(log(log(log(log(log(log(log(x))))))))" +
      "/log(log(log(log(log(log(log(log(log(x)))))))))",
    ],
    [
      "there are 168 primes up to 1000",
      "classic/primes.pl",
      "primes(1000, P), length(P, X)",
      "168",
    ],
    ["the first primes", "classic/primes.pl", "primes(20, X)", "[2,3,5,7,11,13,17,19]"],
    ["the japanese owns the zebra", "classic/zebra.pl", "zebra_owner([X, _])", "japanese"],
    [
      "the zebra houses",
      "classic/zebra.pl",
      "zebra(X)",
      "[house(yellow,norwegian,fox,water,kools),house(blue,ukrainian,horse,tea,chesterfields)," +
      "house(red,english,snails,milk,winstons),house(ivory,spanish,dog,orange_juice,lucky_strikes)," +
      "house(green,japanese,zebra,coffee,parliaments)]",
    ],
    [
      "the zebra puzzle has one solution",
      "classic/zebra.pl",
      "findall(H, zebra(H), L), length(L, X)",
      "1",
    ],
  ];
  for (const [title, file, goal, want] of rows) {
    await t.step(title, () => {
      assert.equal(caseEngine(file).once(goal)?.text.X, want);
    });
  }
});

Deno.test("nrev of 30 elements counts 496 logical inferences", () => {
  const e = caseEngine("classic/nrev.pl");
  // The query also calls nrev30/1 and data30/1.
  assert.equal(steps(e, "nrev30(_)"), CASES[0].inferences! + 2);
});

Deno.test("bench_first/2 gives the first N solutions and stops", async (t) => {
  const e = caseEngine("programs/backtracking.pl");
  const rows: [string, string, string][] = [
    ["fewer solutions than N", "findall(A, bench_first(5, member(A, [a, b])), X)", "[a,b]"],
    ["exactly N", "findall(A, bench_first(2, member(A, [a, b, c])), X)", "[a,b]"],
    ["nested choicepoints are cut", "findall(A-B, bench_first(2, test(A, B, _)), X)", "[0-1,0-1]"],
    ["no solutions", "findall(A, bench_first(2, fail), X)", "[]"],
  ];
  for (const [title, goal, want] of rows) {
    await t.step(title, () => assert.equal(e.once(goal)?.text.X, want));
  }
});

Deno.test("API_CASES queries give their answers through the query API", async (t) => {
  const e = engineFor(allPrograms());
  for (const c of API_CASES) {
    await t.step(c.name, () => {
      const got = [...e.query(c.query, { maxSolutions: c.max })].map((s) => s.bindings);
      assert.equal(got.length, c.count);
      for (const [k, v] of Object.entries(c.first)) assert.ok(sameAnswer(got[0][k], v), k);
    });
  }
});

Deno.test("bench programs define disjoint predicates", () => {
  // The peers bench consults every program into one database.
  const files = new Set([...CASES, ...API_CASES].map((c) => c.file));
  const owner = new Map<string, string>();
  const listing = "findall(PI, (current_predicate(N/A), format(atom(PI), '~q/~q', [N, A])), X)";
  const names = (e: Engine) => e.once(listing)!.bindings.X as string[];
  const base = new Set(names(engineFor("")));
  for (const file of files) {
    for (const pi of names(engineFor(programText(file)))) {
      if (base.has(pi)) continue;
      assert.equal(owner.get(pi), undefined, `${pi} is in ${owner.get(pi)} and ${file}`);
      owner.set(pi, file);
    }
  }
  assert.ok(owner.has("nrev/2") && owner.has("pair/2"));
});

Deno.test("sameAnswer() compares answers deeply", async (t) => {
  const rows: [string, unknown, Parameters<typeof sameAnswer>[1], boolean][] = [
    ["equal lists", [1, ["a"]], [1, ["a"]], true],
    ["different element", [1, 2], [1, 3], false],
    ["different length", [1], [1, 1], false],
    ["bigint integer", 7n, 7, true],
    ["atom against number", "7", 7, false],
  ];
  for (const [title, got, want, ok] of rows) {
    await t.step(title, () => assert.equal(sameAnswer(got, want), ok));
  }
});
