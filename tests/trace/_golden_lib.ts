/**
 * The golden trace cases and how one is run: shared by `golden_test.ts`
 * (recomputes and compares) and `testdata/golden/make_golden.ts` (writes the
 * goldens). The goldens were generated from commit b809c85; any change to
 * this table or to the runner changes the outputs, so regenerate on the old
 * commit when a case is added (see `make_golden.ts`).
 *
 * @module
 */
import { Engine, JsonlSink, PrettySink, type TracerOptions } from "../../mod.ts";
import { WORKLOADS } from "../../bench/cases.ts";

/** How an output is produced from a case's run. */
export type OutputKind = "jsonl" | "pretty" | "jsonl_canonical" | "pretty_det";

/** One golden case: a program, its queries and the outputs to record. */
export interface GoldenCase {
  /** Stable name (file names of stored goldens start with it). */
  name: string;
  /** Program file relative to `bench/`, or `inline:` followed by the program text. */
  program: string;
  /** Queries, run in order on one engine. */
  goals: string[];
  /** Stop each query after this many solutions (default: all). */
  maxSolutions?: number;
  /** Tracer options besides `runId: "golden"`. */
  trace?: TracerOptions;
  /** Outputs to record (default `jsonl` and `pretty`). */
  outputs?: OutputKind[];
  /** Solutions the queries must give in total (a sanity check of the case itself). */
  solutions: number;
}

const BENCH = new URL("../../bench/", import.meta.url);

/** A small program with the builtins whose boxes nest specially (findall & co, catch). */
const BUILTINS = `
n(1). n(2). n(3).
sq(X, Y) :- n(X), Y is X * X.
agg(L, B, S, C) :- findall(X-Y, sq(X, Y), L), bagof(Y, X^sq(X, Y), B),
  setof(X, Y^sq(X, Y), S), aggregate_all(count, n(_), C).
safe_div(X, Y, Z) :- catch(Z is X / Y, error(E, _), (Z = err(E))).
pick(X) :- n(X), X > 1, !.
walk(X) :- ( n(X), X >= 2 -> true ; X = none ).
notn(X) :- \\+ n(X).
loop(0) :- !.
loop(N) :- N > 0, N1 is N - 1, loop(N1).
bad :- throw(my_ball(1)).
`;

/** Workload cases: each bench workload run like `bench/_harness.ts` does it. */
const WORKLOAD_CASES: GoldenCase[] = ([
  "small",
  "medium",
  "large",
  "backtracking",
  "backtracking_heavy",
  "trivial",
  "event_rate",
] as const).map((n) => WORKLOADS[n]).map((w) => ({
  name: w.name,
  program: `programs/${w.program}`,
  goals: [w.goal],
  maxSolutions: w.solutions === "all" ? undefined : w.solutions,
  solutions: w.expected,
}));

/**
 * All cases. The classic programs run with smaller arguments than
 * `bench/classic_cases.ts` uses, so that a trace stays at most a few MB.
 */
export const CASES: GoldenCase[] = [
  ...WORKLOAD_CASES,
  {
    name: "medium_namesValues",
    program: "programs/medium.pl",
    goals: ["even(X)"],
    trace: { bindings: "namesValues" },
    solutions: 50,
  },
  {
    name: "backtracking_names",
    program: "programs/backtracking.pl",
    goals: ["test(A,B,C)"],
    maxSolutions: 10,
    trace: { bindings: "names" },
    solutions: 10,
  },
  { name: "nrev30", program: "classic/nrev.pl", goals: ["nrev30(_)"], solutions: 1 },
  {
    name: "nrev30_namesValues_canonical",
    program: "classic/nrev.pl",
    goals: ["nrev30(R)"],
    trace: { bindings: "namesValues" },
    outputs: ["jsonl", "pretty", "jsonl_canonical", "pretty_det"],
    solutions: 1,
  },
  {
    name: "queens5_all",
    program: "classic/queens.pl",
    goals: ["queens(5, Qs)"],
    solutions: 10,
  },
  {
    name: "queens6_first",
    program: "classic/queens.pl",
    goals: ["queens(6, Qs)"],
    maxSolutions: 1,
    solutions: 1,
  },
  { name: "tak_9_6_3", program: "classic/tak.pl", goals: ["tak(9, 6, 3, A)"], solutions: 1 },
  {
    name: "deriv",
    program: "classic/deriv.pl",
    goals: ["deriv(_)", "deriv_sizes(X)"],
    outputs: ["jsonl", "pretty", "jsonl_canonical"],
    solutions: 2,
  },
  { name: "primes_100", program: "classic/primes.pl", goals: ["primes(100, Ps)"], solutions: 1 },
  {
    // The first solution, with capped goal text: a trace of a few MB.
    name: "zebra_capped",
    program: "classic/zebra.pl",
    goals: ["zebra(_)"],
    maxSolutions: 1,
    trace: { maxListItems: 2, maxTermDepth: 2 },
    solutions: 1,
  },
  {
    name: "builtins",
    program: "inline:" + BUILTINS,
    goals: [
      "agg(L, B, S, C)",
      "safe_div(1, 0, Z)",
      "safe_div(6, 3, Z)",
      "pick(X)",
      "walk(X)",
      "notn(4)",
      "notn(1)",
      "forall(n(X), X > 0)",
      "between(1, 3, X), X > 1",
      "loop(50)",
      "bad",
      "catch(bad, my_ball(N), true)",
      "findall(X, (member(X, [a,b,c]), X \\== b), L), length(L, N)",
      "maplist(sq, Xs, [1,4])",
      "atom_codes(A, [0'h, 0'i]), atom_length(A, N)",
      "X is foo + 1",
      "atom_length(_, N)",
    ],
    outputs: ["jsonl", "pretty", "jsonl_canonical", "pretty_det"],
    solutions: 14,
  },
  {
    name: "builtins_internals_namesValues",
    program: "inline:" + BUILTINS,
    goals: ["agg(L, B, S, C)", "catch(bad, my_ball(N), true)", "member(X, [1,2,3])", "bad"],
    trace: { traceLibraryInternals: true, bindings: "namesValues" },
    solutions: 5,
  },
  {
    name: "builtins_no_builtins",
    program: "inline:" + BUILTINS,
    goals: ["agg(L, B, S, C)", "walk(X)", "loop(5)"],
    trace: { traceBuiltins: false },
    solutions: 3,
  },
];

/** The outputs of a case. */
export function outputsOf(c: GoldenCase): OutputKind[] {
  return c.outputs ?? ["jsonl", "pretty"];
}

/** The key of one output of a case in the digest file and its stored golden's name. */
export function outputKey(c: GoldenCase, kind: OutputKind): string {
  const ext = kind.startsWith("jsonl") ? "jsonl" : "pretty";
  const suffix = kind === "jsonl_canonical" ? ".canonical" : kind === "pretty_det" ? ".det" : "";
  return `${c.name}${suffix}.${ext}`;
}

function source(c: GoldenCase): string {
  if (c.program.startsWith("inline:")) return c.program.slice("inline:".length);
  return Deno.readTextFileSync(new URL(c.program, BENCH));
}

/** The result of one run: the output bytes and the solutions found. */
export interface RunOutput {
  bytes: Uint8Array;
  solutions: number;
}

/**
 * Runs a case on a fresh engine with one sink writing a temp file, and
 * returns the file's bytes. An exception ends its query; the next one runs.
 */
export async function runCase(c: GoldenCase, kind: OutputKind): Promise<RunOutput> {
  const e = new Engine(source(c), {
    trace: { runId: "golden", ...c.trace },
    output: () => {},
    errorOutput: () => {},
  });
  if (e.loadIssues.length > 0) throw new Error(`${c.name}: load issues`);
  const path = Deno.makeTempFileSync({ prefix: "byrd-golden-" });
  try {
    const sink = kind === "jsonl"
      ? new JsonlSink(path)
      : kind === "jsonl_canonical"
      ? new JsonlSink(path, { canonical: true })
      : new PrettySink(path, { color: false, showDet: kind === "pretty_det" });
    e.tracer!.addSink(sink);
    let solutions = 0;
    for (const goal of c.goals) {
      try {
        const opts = c.maxSolutions === undefined ? {} : { maxSolutions: c.maxSolutions };
        for (const _ of e.query(goal, opts)) solutions++;
      } catch { /* an uncaught exception ends this query */ }
    }
    await sink.close();
    return { bytes: Deno.readFileSync(path), solutions };
  } finally {
    Deno.removeSync(path);
  }
}

/** Digest of one output. */
export interface Digest {
  sha256: string;
  bytes: number;
  lines: number;
}

/** SHA-256 (hex), byte length and line count of some output. */
export async function digestOf(bytes: Uint8Array): Promise<Digest> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++;
  return {
    sha256: Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join(""),
    bytes: bytes.length,
    lines,
  };
}

/** Outputs smaller than this are stored whole next to the digest file. */
export const FULL_LIMIT = 20 * 1024;

/** The golden directory. */
export const GOLDEN_DIR = new URL("./testdata/golden/", import.meta.url);
