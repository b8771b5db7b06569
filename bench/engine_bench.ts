/**
 * Byrd on the classic suite (nrev, 8 queens, tak, deriv, primes, zebra) and
 * the seed workloads, with `Deno.bench` (`deno task bench:engine`).
 *
 * Every case is checked once at load: a wrong answer throws before any
 * number is produced. Each case is a group whose baseline times one
 * iteration of the workload as one query; a seed workload's group adds its
 * `api_` variant, the query through the public API with every answer
 * converted to JS values. nrev's LIPS (496 logical inferences per nrev of
 * 30 elements) are printed first.
 *
 * @module
 */
import { Engine } from "../mod.ts";
import {
  allPrograms,
  API_CASES,
  type BenchCase,
  CASES,
  FIRST_NB,
  HARNESS,
  programText,
  sameAnswer,
} from "./classic_cases.ts";

function engineFor(file: string): Engine {
  const e = new Engine(HARNESS + FIRST_NB + programText(file), {
    output: () => {},
    errorOutput: () => {},
  });
  if (e.loadIssues.length > 0) {
    throw new Error(`Cannot consult "${file}": ${JSON.stringify(e.loadIssues[0])}`);
  }
  return e;
}

function checked(c: BenchCase): Engine {
  const e = engineFor(c.file);
  const got = e.once(c.check)?.bindings.X;
  if (!sameAnswer(got, c.expected)) {
    throw new Error(`Wrong answer for ${c.name}: ${JSON.stringify(got)}`);
  }
  return e;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Prints nrev's MLIPS: median of 7 samples of `reps` nrevs, after a warm-up. */
function reportLips(c: BenchCase, reps: number): void {
  const e = checked(c);
  const goal = `bench_rep(${reps}, (${c.goal}))`;
  for (let i = 0; i < 5; i++) e.once(goal);
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    e.once(goal);
    samples.push(performance.now() - t0);
  }
  const mlips = c.inferences! * reps / median(samples) / 1000;
  console.log(`${c.name}: ${mlips.toFixed(2)} MLIPS (median of 7 samples of ${reps} iterations)`);
}

for (const c of CASES) {
  if (c.inferences !== undefined) reportLips(c, 200);
  const e = checked(c);
  Deno.bench({
    name: c.inferences === undefined ? c.name : `${c.name} (${c.inferences} LI)`,
    group: c.name,
    baseline: true,
    fn() {
      e.once(c.goal);
    },
  });
}

// The seed workloads through the public API: one engine holding every
// program, as an embedder would keep one.
const shared = new Engine(allPrograms(), { output: () => {}, errorOutput: () => {} });
for (const c of API_CASES) {
  const got = [...shared.query(c.query, { maxSolutions: c.max })].map((s) => s.bindings);
  const ok = got.length === c.count &&
    Object.entries(c.first).every(([k, v]) => sameAnswer(got[0][k], v));
  if (!ok) throw new Error(`Wrong answers for ${c.name}: ${got.length}, ${JSON.stringify(got[0])}`);
  Deno.bench({
    name: c.name,
    group: c.name.replace(/^api_/, ""),
    fn() {
      for (const s of shared.query(c.query, { maxSolutions: c.max })) s.bindings;
    },
  });
}

// Start-up: an engine with the library (compiled once per process and
// shared), and one with a small program consulted. Target <= 0.3 ms each
// (issue 16 item 6).
new Engine();
Deno.bench({
  name: "new Engine()",
  group: "startup",
  baseline: true,
  fn() {
    new Engine(undefined, { output: () => {}, errorOutput: () => {} });
  },
});
Deno.bench({
  name: "new Engine(program) + first answer",
  group: "startup",
  fn() {
    const e = new Engine("p(1). p(2).", { output: () => {}, errorOutput: () => {} });
    e.once("p(X)");
  },
});
