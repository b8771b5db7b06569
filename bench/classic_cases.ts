/**
 * The table of speed cases shared by `engine_bench.ts` (Byrd alone),
 * `peers_bench.ts` (Byrd against Tau, Trealla and SWI-Prolog WASM) and
 * `tests/bench/classic_test.ts` (every case run once, answer checked).
 *
 * A case names its program, the goal timed per iteration, a check goal that
 * binds `X` and the value `X` must have. Every program here defines
 * predicates no other program defines, so all of them can share one
 * database (the peers bench consults them together, once per system).
 *
 * The seed workloads (programs, queries, answers) come from the shared
 * table in `cases.ts`; this file adds how to run them inside each system.
 *
 * @module
 */
import { type Workload, WORKLOADS } from "./cases.ts";

/** A plain JS value of an answer: numbers, atoms as strings, lists as arrays. */
export type Expected = number | string | Expected[];

/** One case run inside a Prolog system, timed per iteration. */
export interface BenchCase {
  /** Stable name (never reuse a name for a changed workload). */
  name: string;
  /** `classic` for the textbook programs, `seed` for the seed workloads. */
  group: "classic" | "seed";
  /** The program's file, relative to `bench/`. */
  file: string;
  /** One iteration of the workload (its bindings are undone after each). */
  goal: string;
  /** A goal run once before timing; it binds `X`. */
  check: string;
  /** The value `X` must have after `check`. */
  expected: Expected;
  /** Logical inferences per iteration, where a standard count exists. */
  inferences?: number;
}

/** One seed workload run through each system's JS query API. */
export interface ApiCase {
  /** Stable name. */
  name: string;
  /** The program's file, relative to `bench/`. */
  file: string;
  /** The query text (answers are converted to JS values). */
  query: string;
  /** Stop after this many answers (`Infinity` for all). */
  max: number;
  /** How many answers there must be. */
  count: number;
  /** The first answer's bindings. */
  first: Record<string, Expected>;
}

/**
 * Harness predicates, consulted with the programs in every system:
 * `bench_rep(N, G)` runs `G` to its first solution `N` times, undoing its
 * bindings each time; `bench_last(L, X)` is the last element of a list.
 * Plain ISO, so every peer runs the same loop.
 */
export const HARNESS = `
bench_rep(0, _) :- !.
bench_rep(N, G) :- \\+ \\+ call(G), N1 is N - 1, bench_rep(N1, G).
bench_last([X], X) :- !.
bench_last([_|T], X) :- bench_last(T, X).
`;

/**
 * `bench_first(N, G)`: the first `N` solutions of `G` (like SWI-Prolog's
 * `limit/2`), counting with a global variable. Byrd and SWI-Prolog have
 * `nb_setval/2`; Tau Prolog's and Trealla's variants are in their adapters.
 * The cut sits in a disjunction, not in the then-branch of an
 * if-then-else: trealla-js 0.17.10 cuts only the newest choicepoint
 * from there (`m(X), m(Y), (Y >= 2 -> ! ; true)` gives six answers, not two).
 */
export const FIRST_NB = `
bench_first(N, G) :-
    nb_setval(bench_count, 0),
    call(G),
    nb_getval(bench_count, K0), K is K0 + 1, nb_setval(bench_count, K),
    ( K >= N, ! ; true ).
`;

const CLASSIC_DIR = new URL("./classic/", import.meta.url);
const PROGRAMS_DIR = new URL("./programs/", import.meta.url);

/**
 * The source of a program named in a case.
 *
 * @param file The file relative to `bench/` (`classic/nrev.pl`, `programs/medium.pl`).
 * @returns Its text.
 * @example
 * ```ts
 * import { programText } from "./classic_cases.ts";
 * console.log(programText("classic/tak.pl").includes("tak("));
 * ```
 */
export function programText(file: string): string {
  const dir = file.startsWith("classic/") ? CLASSIC_DIR : PROGRAMS_DIR;
  return Deno.readTextFileSync(new URL(file.slice(file.indexOf("/") + 1), dir));
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/** The seed workloads of `cases.ts` timed here (the others are trivially small). */
const SEEDS: readonly Workload[] = [
  WORKLOADS.medium,
  WORKLOADS.large,
  WORKLOADS.backtracking,
  WORKLOADS.backtracking_heavy,
];

/** The integer bindings of a workload's `first`/`last` text as numbers. */
function numbers(text: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k in text) out[k] = Number(text[k]);
  return out;
}

/**
 * A seed workload as an in-system case: all its solutions, or its first N
 * through `bench_first/2`, by failure. The check collects the answers and
 * gives `[Count, First, Last]`, each answer a list of the query's variables.
 */
function seedCase(w: Workload): BenchCase {
  const vars = Object.keys(w.first);
  const run = w.solutions === "all" ? w.goal : `bench_first(${w.solutions}, ${w.goal})`;
  const row = (b: Readonly<Record<string, string>>) => vars.map((v) => Number(b[v]));
  return {
    name: w.name,
    group: "seed",
    file: `programs/${w.program}`,
    goal: `(${run}, fail ; true)`,
    check: `findall([${vars}], ${run}, L), length(L, N), L = [F|_], bench_last(L, La), ` +
      `X = [N, F, La]`,
    expected: [w.expected, row(w.first), row(w.last)],
  };
}

/** The classic suite and the seed workloads, timed inside each system. */
export const CASES: BenchCase[] = [
  {
    name: "nrev30",
    group: "classic",
    file: "classic/nrev.pl",
    goal: "nrev30(_)",
    check: "nrev30(X)",
    expected: range(1, 30).reverse(),
    // 31 calls of nrev/2 and 465 of app/3 (the data30/1 and nrev30/1 calls are not counted).
    inferences: 496,
  },
  {
    name: "queens8_all",
    group: "classic",
    file: "classic/queens.pl",
    goal: "(queens(8, _), fail ; true)",
    check: "queens8_count(X)",
    expected: 92,
  },
  {
    name: "tak_18_12_6",
    group: "classic",
    file: "classic/tak.pl",
    goal: "tak(18, 12, 6, _)",
    check: "tak(18, 12, 6, X)",
    expected: 7,
  },
  {
    name: "deriv",
    group: "classic",
    file: "classic/deriv.pl",
    goal: "deriv(_)",
    check: "deriv_sizes(X)",
    // Node counts of the ops8, divide10, log10 and times10 derivatives.
    expected: [51, 163, 66, 127],
  },
  {
    name: "primes_1000",
    group: "classic",
    file: "classic/primes.pl",
    goal: "primes(1000, _)",
    check: "primes1000(X)",
    expected: [168, 997],
  },
  {
    name: "zebra",
    group: "classic",
    file: "classic/zebra.pl",
    goal: "zebra(_)",
    check: "zebra_owner(X)",
    expected: ["japanese", "norwegian"],
  },
  ...SEEDS.map(seedCase),
];

/** The seed workloads through the public query API (query text in, JS values out). */
export const API_CASES: ApiCase[] = SEEDS.map((w) => ({
  name: `api_${w.name}`,
  file: `programs/${w.program}`,
  query: w.goal,
  max: w.solutions === "all" ? Infinity : w.solutions,
  count: w.expected,
  first: numbers(w.first),
}));

/**
 * All programs used by {@linkcode CASES} and {@linkcode API_CASES}, each once,
 * with {@linkcode HARNESS} first.
 *
 * @param first The `bench_first/2` definition for the system (default {@linkcode FIRST_NB}).
 * @returns One source text.
 * @example
 * ```ts
 * import { allPrograms } from "./classic_cases.ts";
 * console.log(allPrograms().includes("bench_rep"));
 * ```
 */
export function allPrograms(first: string = FIRST_NB): string {
  const files = new Set<string>();
  for (const c of CASES) files.add(c.file);
  for (const c of API_CASES) files.add(c.file);
  return [HARNESS, first, ...[...files].map(programText)].join("\n");
}

/**
 * Deep equality of an answer with its expected value (integers given as
 * bigints compare by value).
 *
 * @param got The answer as plain JS data.
 * @param want The expected value.
 * @returns Whether they match.
 * @example
 * ```ts
 * import { sameAnswer } from "./classic_cases.ts";
 * console.log(sameAnswer([1, "a"], [1, "a"])); // true
 * ```
 */
export function sameAnswer(got: unknown, want: Expected): boolean {
  if (Array.isArray(want)) {
    return Array.isArray(got) && got.length === want.length &&
      want.every((w, i) => sameAnswer(got[i], w));
  }
  if (typeof got === "bigint") return typeof want === "number" && BigInt(want) === got;
  return got === want;
}
