/**
 * A seeded fuzzer for everything that reads or formats text: mutated Prolog
 * texts (flips, truncation, unbalanced brackets, huge numbers, odd Unicode,
 * escapes, unterminated comments and quotes) fed to `consult`, `query`,
 * `read_term/2`, `atom_to_term/3`, `number_codes/2` and `format/2`, each
 * under a step budget and a memory limit.
 *
 * An input fails when it makes the engine throw anything but a
 * `PrologError`, `QueryAborted` or `Halt` (a crash: a JS error escaping),
 * or when it takes longer than {@linkcode HANG_MS} (a hang or a quadratic
 * path: every input here is small, a normal one takes well under a
 * millisecond). Failing inputs can be saved as JSON files and replayed.
 *
 * @module
 */
import { Engine, PrologError, QueryAborted } from "../../mod.ts";
import { Halt } from "../../engine/machine.ts";
import { mkAtom } from "../../engine/term.ts";
import { mulberry32 as rng } from "../trace/_random_programs.ts";

/** Time after which one input counts as a hang (not a speed bound: inputs take ~0.1 ms). */
export const HANG_MS = 10_000;

/** The entry points an input is fed to. */
export const TARGETS = [
  "consult",
  "query",
  "read_term",
  "atom_to_term",
  "number_codes",
  "format",
] as const;

/** One entry point. */
export type Target = (typeof TARGETS)[number];

/** A failing input: where it went, what it was, and what happened. */
export interface FuzzFailure {
  /** The entry point. */
  target: Target;
  /** The input text. */
  input: string;
  /** The seed and index that produced it. */
  seed: number;
  /** Index of the input in its seed's sequence. */
  index: number;
  /** What went wrong. */
  problem: string;
}

/** Valid texts the mutations start from. */
const CORPUS: readonly string[] = [
  "p(X) :- q(X, Y), \\+ r(Y), !.\nq(1, a). q(2, b).\nr(b).",
  "app([], L, L).\napp([H|T], L, [H|R]) :- app(T, L, R).",
  ":- op(700, xfx, ===>).\nrule(a ===> b).\nx(- - 1, -(1), - 1, 1 - -1).",
  "s --> [a], s, [b].\ns --> [].",
  "t('quoted atom', \"a string\", `back`, 0'c, 0' , 0''', 0'\\n).",
  "n(0x1F, 0o17, 0b101, 1.5e10, 1.0Inf, 123456789012345678901234567890, 1_000_000).",
  "e('\\x41\\\\101\\\\u00e9\\U0001F600\\n\\t\\\\\\'').",
  "c(X) :- ( X > 0 -> Y = pos ; X < 0 -> Y = neg ; Y = zero ), write(Y).",
  "/* block */ a. % line\nb :- catch(throw(e), E, (print(E), nl)).",
  "l([1,2,3|T], {a,b}, f(g(h(i))), 'hello world', [], '[]', {}).",
  "m(A) :- A = f(A), A == A.\nk(X, Y) :- X @< Y ; X == Y.",
  'x :- format("~w ~a ~d ~s ~e ~p~n", [a, b, 1, "s", 1.5, p]).',
  "ü(ÿ, 'Ω', \"日本語\", [α, β|γ]). 'Ā'(x).",
  "f(a;b, (c,d), (e->f), [x|y], - (1), a- (-1), 1 rdiv 2, p :- q).",
];

/** Valid goals the mutations of the query target start from. */
const GOALS: readonly string[] = [
  "X = f(Y), Y = 1, X == f(1)",
  "atom_length(abc, L), sub_atom(hello, B, 2, A, S)",
  "between(1, 5, X), X > 2, Y is X * 2.5",
  "catch(throw(e(1)), E, (E = e(N), N > 0))",
  "findall(X-Y, (member(X, [a,b]), member(Y, [1,2])), L), msort(L, M)",
  'atom_codes(A, "abc"), atom_chars(A, Cs), number_codes(N, "0x1F")',
  "length(L, 2), L = [a|T], copy_term(f(X, Y, X), C), X =.. [g, 1]",
  "format(atom(A), \"~w-~a-~d~n\", [f(x), b, 42]), atom_to_term('p(X, Y)', T, B)",
  "( 1 < 2 -> X = yes ; X = no ), \\+ fail, once(member(Z, [q]))",
  "sort(0, @>=, [1,2,3,2], L), keysort([b-1, a-2], K), last(L, E)",
  "X is 2 ** 0.5 + max(3, 4.0) - abs(-7) // 2 + 7 mod -2 + msb(1000)",
  'atomic_list_concat([a, \'B\', 1, 2.5], \'-\', A), split_string("a b", " ", "", P)',
  "bagof(X, member(X, [c, a, b]), L), setof(K-V, member(K-V, [b-1, a-2]), S)",
  'string_concat(S1, S2, "ab"), sub_string("hello", 1, 3, _, Sub), string_code(1, "a", C)',
  "nb_setval(k, f(X)), nb_getval(k, V), term_variables(g(A, B, A), Vs)",
  "assertz(tmp(1)), retract(tmp(X)), \\+ tmp(_)",
];

/** Fragments that stress the reader when spliced in. */
const FRAGMENTS: readonly string[] = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "|",
  ",",
  ".",
  " .",
  ". ",
  "'",
  '"',
  "`",
  "0'",
  "\\",
  "/*",
  "*/",
  "%",
  "\n",
  "\t",
  "\r",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "\uDFFF",
  "\u200B",
  "\u202E",
  "\u0301",
  "😀",
  "\uFFFF",
  "a:-",
  ":-",
  "-->",
  "op(",
  "0x",
  "0b",
  "0o",
  "1e",
  "1.0e",
  "_",
  "_X",
  "\\x",
  "\\u",
  "\\U",
  "\\",
  "'\\",
  '"\\',
  "0'\\",
  "--",
  "+",
  "-",
  "**",
  "=..",
  "\\+",
  "e+309",
  "-9223372036854775808",
  "9" + "9".repeat(40),
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function digits(r: () => number, n: number): string {
  let s = String(1 + Math.floor(r() * 9));
  while (s.length < n) s += String(Math.floor(r() * 10));
  return s;
}

/** One mutation of `s`. */
function mutate(r: () => number, s: string): string {
  const at = Math.floor(r() * (s.length + 1));
  switch (Math.floor(r() * 11)) {
    case 0: { // flip a character
      if (s.length === 0) return s;
      const i = Math.min(at, s.length - 1);
      return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << Math.floor(r() * 7))) +
        s.slice(i + 1);
    }
    case 1: // truncate
      return s.slice(0, at);
    case 2: // splice a fragment
      return s.slice(0, at) + pick(r, FRAGMENTS) + s.slice(at);
    case 3: // delete a span
      return s.slice(0, at) + s.slice(at + Math.floor(r() * 8));
    case 4: // a huge number
      return s.slice(0, at) + digits(r, 50 + Math.floor(r() * 5000)) +
        pick(r, ["", ".5", "e9", ".0e400", "."]) + s.slice(at);
    case 5: // unbalanced brackets, deep nesting
      return s.slice(0, at) + pick(r, ["(", "[", "{", "f("]).repeat(1 + Math.floor(r() * 300)) +
        s.slice(at);
    case 6: // an unterminated comment or quote
      return s.slice(0, at) + pick(r, ["/*", "'", '"', "`", "0'"]) +
        s.slice(at).replace(/\*\//g, "");
    case 7: // duplicate a span
      return s.slice(0, at) + s.slice(Math.max(0, at - 20), at) + s.slice(at);
    case 8: // random code points
      return s.slice(0, at) +
        String.fromCodePoint(
          ...Array.from({ length: 1 + Math.floor(r() * 6) }, () => Math.floor(r() * 0x110000)),
        ) + s.slice(at);
    case 9: // escapes
      return s.slice(0, at) + pick(r, ["\\x", "\\u12", "\\U0011FFFF", "\\777\\", "\\c", "\\z"]) +
        s.slice(at);
    default: // cross over with another corpus text
      return s.slice(0, at) + pick(r, CORPUS).slice(Math.floor(r() * 40));
  }
}

/** The `index`-th input of a seed: a corpus text with 0–3 mutations. */
export function inputOf(seed: number, index: number): { target: Target; input: string } {
  const r = rng(seed * 1_000_003 + index);
  const target = TARGETS[index % TARGETS.length];
  let s = target === "number_codes"
    ? pick(r, ["0x1F", "12", "-3.5e2", "0'a", " 7", "1.0Inf", "0b101", "1_000"])
    : target === "format"
    ? pick(r, ["~w ~a~n", "~t~w~10|", "~e ~4f ~g", "~s~c~r", "~*c~i~q", "~p~+~`-t~30|"])
    : target === "query"
    ? pick(r, GOALS)
    : pick(r, CORPUS);
  // Some inputs stay valid (the engine's ordinary paths), most are broken.
  const n = Math.floor(r() * 4);
  for (let k = 0; k < n; k++) s = mutate(r, s);
  return { target, input: s };
}

/** Options of the engines inputs run in. */
const STEPS = 20_000;
const MEMORY = 64 * 2 ** 20;

function quiet(input = ""): Engine {
  return new Engine(undefined, {
    output: () => {},
    errorOutput: () => {},
    input,
    maxSteps: STEPS,
    memoryLimit: MEMORY,
  });
}

/** The engine the in-query targets share (a new one after any problem). */
let shared: Engine | null = null;

function expected(e: unknown): boolean {
  return e instanceof PrologError || e instanceof QueryAborted || e instanceof Halt;
}

/** Runs every solution of `goal` (at most 50), ignoring expected errors. */
function drain(e: Engine, goal: string): void {
  for (const _ of e.query(goal, { maxSolutions: 50, maxSteps: STEPS })) { /* all of them */ }
}

/** Feeds one input to one target; throws what the engine threw if it was unexpected. */
export function feed(target: Target, input: string): void {
  try {
    switch (target) {
      case "consult":
        quiet().consult(input);
        return;
      case "query":
        drain(shared ??= quiet(), input);
        return;
      case "read_term": {
        const e = quiet(input);
        for (let i = 0; i < 20; i++) {
          const s = e.once(
            "catch(read_term(T, []), _, T = error), (T == end_of_file -> X = 1 ; X = 0)",
          );
          if (s === null || s.bindings.X === 1) return;
        }
        return;
      }
      default: {
        const e = shared ??= quiet();
        const text = e.format(mkAtom(input));
        const goal = target === "atom_to_term"
          ? `atom_to_term(${text}, T, B)`
          : target === "number_codes"
          ? `atom_codes(${text}, Cs), number_codes(N, Cs)`
          : `format(atom(_), ${text}, [a, 1, "str", f(X), 2.5, 0'c, [1,2], -7, 100])`;
        drain(e, goal);
      }
    }
  } catch (err) {
    if (expected(err)) return;
    shared = null;
    throw err;
  }
}

/**
 * Runs `count` inputs of `seed`.
 *
 * @param seed The seed.
 * @param count How many inputs.
 * @param onFailure Called for each failing input.
 * @param run Feeds one input (default {@linkcode feed}).
 * @returns The number of failures.
 */
export function fuzz(
  seed: number,
  count: number,
  onFailure: (f: FuzzFailure) => void,
  run: (target: Target, input: string) => void = feed,
): number {
  let failures = 0;
  for (let index = 0; index < count; index++) {
    const { target, input } = inputOf(seed, index);
    const t0 = performance.now();
    let problem = "";
    try {
      run(target, input);
    } catch (err) {
      problem = err instanceof Error
        ? `${err.name}: ${err.message}\n${err.stack ?? ""}`
        : String(err);
    }
    const ms = performance.now() - t0;
    if (problem === "" && ms > HANG_MS) problem = `took ${ms.toFixed(0)} ms (a hang)`;
    if (problem !== "") {
      failures++;
      onFailure({ target, input, seed, index, problem });
    }
  }
  return failures;
}

/**
 * Saves a failure for replay (`deno task fuzz --replay FILE`).
 *
 * @param dir The directory.
 * @param f The failure.
 * @returns The file's path.
 */
export function saveFailure(dir: string, f: FuzzFailure): string {
  Deno.mkdirSync(dir, { recursive: true });
  const path = `${dir}/fuzz-${f.seed}-${f.index}-${f.target}.json`;
  Deno.writeTextFileSync(path, JSON.stringify(f, null, 2) + "\n");
  return path;
}
