/**
 * The synchronous core of the ISO conformance runner: one engine reads the
 * pattern file clause by clause with the suite's operators and runs each
 * pattern through a small Prolog driver. Used in-process by `runner.ts` and
 * inside the child process of `_child.ts`.
 *
 * @module
 */
import { Engine } from "../../mod.ts";
import {
  ATOM,
  type Atom,
  deref,
  formatTerm,
  Halt,
  install,
  type Machine,
  mkAtom,
  mkList,
  mkStruct,
  PrologThrow,
  QueryAborted,
  Reader,
  type ReadResult,
  STRUCT,
  type Struct,
  type Term,
  Var,
} from "../../engine/mod.ts";
import { consultText } from "../../engine/consult.ts";

/** How a pattern ended. */
export type ResultKind = "pass" | "fail" | "error" | "unreadable" | "crash" | "skipped";

/** Every result kind, in the order summaries list them. */
export const RESULT_KINDS: readonly ResultKind[] = [
  "pass",
  "fail",
  "error",
  "unreadable",
  "crash",
  "skipped",
];

/**
 * The outcome of one pattern.
 *
 * @example
 * ```ts
 * import type { PatternResult } from "./_session.ts";
 * const r: PatternResult = {
 *   index: 0, line: 30, text: "call(!) should_give true", kind: "pass", expected: "true", got: "",
 * };
 * ```
 */
export interface PatternResult {
  /** 0-based ordinal of the pattern in the file (unreadable ones included). */
  index: number;
  /** 1-based line where the pattern starts. */
  line: number;
  /** The pattern's source text, layout collapsed. */
  text: string;
  /** How it ended. */
  kind: ResultKind;
  /** What the pattern asks for (`failure`, the check, or the expected ball). */
  expected: string;
  /** What happened instead (empty for `pass` and `skipped`). */
  got: string;
}

/** Messages a session emits while it runs. */
export type SessionEvent =
  | { t: "begin"; index: number; line: number; text: string; expected: string }
  | { t: "result"; result: PatternResult }
  | { t: "note"; text: string };

/**
 * Options of {@linkcode runSession}.
 *
 * @example
 * ```ts
 * import type { SessionOptions } from "./_session.ts";
 * const o: SessionOptions = { suiteFile: "/tmp/x/iso.tst", dir: "/tmp/x", startIndex: 0 };
 * ```
 */
export interface SessionOptions {
  /** Absolute path of the pattern file. */
  suiteFile: string;
  /** Folder `iso_test_ensure_loaded/1` loads from. */
  dir: string;
  /**
   * Report from this ordinal on. Earlier patterns are run silently (replayed
   * after a restart, to rebuild the state they leave), except those in `skip`.
   */
  startIndex: number;
  /** Ordinals of earlier patterns not to replay (the ones that hung). */
  skip?: number[];
  /** Inference budget per pattern (default 5,000,000). */
  stepBudget?: number;
  /** In-engine wall-clock limit per pattern in ms (default 3000; 0 = none). */
  timeLimitMs?: number;
}

/** The suite's operators (iso.tst header, README): read with these in force. */
const SUITE_OPS: [number, "fy" | "xf" | "xfx", string][] = [
  [1200, "fy", "fixme"],
  [1110, "xf", "should_fail"],
  [1110, "xfx", "should_give"],
  [1110, "xfx", "should_throw"],
];

/**
 * The driver. `'$iso_check'(Pattern, Bindings, Verdict)` always succeeds
 * once, with Verdict one of `pass`, `fail(Why)`, `error(Ball)` or
 * `not_a_pattern`. `Bindings` is the `Name = Var` list of the pattern's named
 * variables; for `multiple_solutions` it is copied with each solution so a
 * failing one can be shown. Each goal is run through `call/1`, so a cut in it
 * is local, as in the suite's own harness.
 */
const DRIVER = `
'$iso_check'(should_fail(G), _, V) :- !,
    catch((call(G) -> V = fail(succeeded) ; V = pass), B, V = error(B)).
'$iso_check'(should_give(G, multiple_solutions(K, F, E)), Bs, V) :- !,
    catch('$iso_multi'(G, Bs, K, F, E, V), B, V = error(B)).
'$iso_check'(should_give(G, C), _, V) :- !,
    catch('$iso_give'(G, C, V), B, V = error(B)).
'$iso_check'(should_throw(G, E), _, V) :- !,
    catch((call(G) -> V = fail(succeeded) ; V = fail(failed)), B, '$iso_ball'(E, B, V)).
'$iso_check'(_, _, not_a_pattern).

'$iso_give'(G, C, V) :-
    (   call(G)
    ->  ( call(C) -> V = pass ; V = fail(check_failed) )
    ;   V = fail(failed)
    ).

'$iso_ball'(E, B, V) :-
    ( subsumes_term(E, B) -> V = pass ; V = fail(threw(B)) ).

% All solutions are collected first (each copy keeps the sharing between
% the goal's variables, K and Each), then numbered and checked in order.
'$iso_multi'(G, Bs, K, F, E, V) :-
    findall(Bs-K-E, G, Sols),
    '$iso_each'(Sols, 0, N, V0),
    (   V0 == pass
    ->  K = N,
        ( call(F) -> V = pass ; V = fail(final_failed(N)) )
    ;   V = V0
    ).

'$iso_each'([], N, N, pass).
'$iso_each'([Bs-K-E|Sols], N0, N, V) :-
    N1 is N0 + 1,
    (   K = N1, call(E)
    ->  '$iso_each'(Sols, N1, N, V)
    ;   V = fail(each_failed(N1, Bs))
    ).
`;

/** The helper predicates the patterns assume (README "The patterns assume"). */
const HELPERS = `
iso_test_os(unix).
iso_test_variant(X, Y) :- subsumes_term(X, Y), subsumes_term(Y, X).
iso_test_same_members(Xs, Ys) :- msort(Xs, S1), msort(Ys, S2), S1 == S2.
`;

const DEFAULT_STEPS = 5_000_000;
const DEFAULT_TIME_MS = 3000;
const SHOW = { maxDepth: 12, maxListItems: 24 };

/** Adds the runner's TS helper predicates (file loading, stream lookup). */
function installHelpers(m: Machine, dir: string, note: (s: string) => void): void {
  install(m.db, {
    det: {
      // iso_test_ensure_loaded(F): consult F or F.pl from the suite folder.
      "iso_test_ensure_loaded/1": (a) => {
        const f = deref(a[0]);
        if (f.tag !== ATOM) return false;
        const name = (f as Atom).name;
        let text: string | null = null;
        for (const cand of [name, `${name}.pl`]) {
          try {
            text = Deno.readTextFileSync(`${dir}/${cand}`);
            break;
          } catch {
            // try the next candidate
          }
        }
        if (text === null) return false;
        for (const issue of consultText(m, text)) {
          note(`iso_test_ensure_loaded(${name}): line ${issue.line}: ${issue.message}`);
        }
        return true;
      },
      // An open input stream with reposition(false): user_input normally.
      "iso_test_non_repositionable_stream/1": (a, mm) => {
        for (const s of mm.io.byId.values()) {
          if (s.isInput && !s.reposition && !s.closed) return mm.unify(a[0], s.term);
        }
        return false;
      },
    },
  });
}

/** Offsets of line starts, to turn a (line, column) into an offset. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Skips layout and comments from `pos`; returns the next token's offset. */
function skipLayout(text: string, pos: number): number {
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    if (text[pos] === "%") {
      while (pos < text.length && text[pos] !== "\n") pos++;
    } else if (text[pos] === "/" && text[pos + 1] === "*") {
      const end = text.indexOf("*/", pos + 2);
      pos = end < 0 ? text.length : end + 2;
    } else {
      return pos;
    }
  }
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** A pattern's text with layout collapsed and the final `.` dropped. */
function cleanText(s: string): string {
  return s.replace(/\s+/g, " ").trim().replace(/\s*\.$/, "");
}

/**
 * A stand-in for an `AbortSignal` whose `aborted` turns true at a deadline.
 * The machine polls `signal.aborted` every few thousand inferences; a real
 * `AbortSignal.timeout` could never fire while the synchronous run holds the
 * event loop, so the deadline is checked on each poll instead.
 */
function deadlineSignal(ms: number): AbortSignal {
  const deadline = performance.now() + ms;
  return {
    get aborted() {
      return performance.now() > deadline;
    },
    reason: `time limit of ${ms} ms exceeded`,
  } as unknown as AbortSignal;
}

function jsErrorText(e: unknown): string {
  if (e instanceof Halt) return `halt(${e.code}) called`;
  if (e instanceof QueryAborted) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `thrown: ${String(e)}`;
}

/**
 * Runs the patterns of one file in one fresh engine, in file order, calling
 * `emit` before and after each. Never throws for a pattern's sake: JS
 * exceptions (halt, step budget, stack overflow, engine bugs) become `crash`
 * results.
 *
 * @param opts What to run.
 * @param emit Receives the events.
 * @example
 * ```ts no-eval
 * import { runSession } from "./_session.ts";
 * runSession({ suiteFile: "/tmp/s/iso.tst", dir: "/tmp/s", startIndex: 0 }, (ev) => console.log(ev));
 * ```
 */
export function runSession(opts: SessionOptions, emit: (ev: SessionEvent) => void): void {
  const note = (text: string) => emit({ t: "note", text });
  const engine = new Engine(undefined, { output: () => {}, errorOutput: () => {} });
  const m = engine.machine;
  m.flags.doubleQuotes = "codes";
  for (const [p, t, n] of SUITE_OPS) m.ops.add(p, t, n);
  installHelpers(m, opts.dir, note);
  for (const [src, lib] of [[DRIVER, true], [HELPERS, false]] as const) {
    for (const issue of consultText(m, src, { library: lib })) {
      note(`runner helper failed to load: line ${issue.line}: ${issue.message}`);
    }
  }
  const text = Deno.readTextFileSync(opts.suiteFile);
  const starts = lineStarts(text);
  const reader = new Reader(text, { ops: m.ops, doubleQuotes: "codes" });
  const steps = opts.stepBudget ?? DEFAULT_STEPS;
  const timeMs = opts.timeLimitMs ?? DEFAULT_TIME_MS;
  const skip = new Set(opts.skip ?? []);
  for (let index = 0;; index++) {
    const before = reader.offset;
    let read: ReadResult | null;
    try {
      read = reader.next();
    } catch (e) {
      const start = skipLayout(text, before);
      try {
        reader.skipToEnd();
      } catch (e2) {
        note(`reader cannot resynchronise after line ${lineOf(starts, start)}: ${jsErrorText(e2)}`);
        return;
      }
      if (index >= opts.startIndex) {
        const message = e instanceof PrologThrow
          ? formatTerm(e.ball, { ops: m.ops, quoted: true })
          : jsErrorText(e);
        emit({
          t: "result",
          result: {
            index,
            line: lineOf(starts, start),
            text: cleanText(text.slice(start, reader.offset)),
            kind: "unreadable",
            expected: "",
            got: message,
          },
        });
      }
      if (reader.offset <= before) {
        note(`reader made no progress at line ${lineOf(starts, start)}; stopping`);
        return;
      }
      continue;
    }
    if (read === null) return;
    if (index < opts.startIndex) {
      if (!skip.has(index) && patternKind(deref(read.term)) !== "fixme") {
        runPattern(m, deref(read.term), read, { steps, timeMs }, String);
      }
      continue;
    }
    const start = starts[read.line - 1] + read.column - 1;
    const src = cleanText(text.slice(start, reader.offset));
    const names = new Map<Var, string>(read.varNames.map(([n, v]) => [v, n]));
    const show = (t: Term, named: boolean) => {
      try {
        return formatTerm(t, {
          ops: m.ops,
          quoted: true,
          numberVars: true,
          ...SHOW,
          varName: named ? (v) => names.get(v) ?? "_" : undefined,
        });
      } catch (e) {
        return `<unprintable: ${jsErrorText(e)}>`;
      }
    };
    const term = deref(read.term);
    const kind = patternKind(term);
    const expected = expectedText(term, kind, (t) => show(t, true));
    emit({ t: "begin", index, line: read.line, text: src, expected });
    const outcome = kind === "fixme"
      ? { kind: "skipped" as const, got: "" }
      : runPattern(m, term, read, { steps, timeMs }, (t) => show(t, false));
    emit({ t: "result", result: { index, line: read.line, text: src, expected, ...outcome } });
  }
}

type Outcome = Pick<PatternResult, "kind" | "got">;

/** Runs one pattern term through the driver and classifies the verdict. */
function runPattern(
  m: Machine,
  term: Term,
  read: ReadResult,
  lim: { steps: number; timeMs: number },
  show: (t: Term) => string,
): Outcome {
  const bindings = read.varNames.filter(([n]) => !n.startsWith("_"))
    .map(([n, v]) => mkStruct("=", [mkAtom(n), v]));
  const verdict = new Var();
  const goal = mkStruct("$iso_check", [term, mkList(bindings), verdict]);
  let ok: boolean;
  try {
    m.maxSteps = m.steps + lim.steps;
    m.signal = lim.timeMs > 0 ? deadlineSignal(lim.timeMs) : null;
    m.start(goal);
    ok = m.run(false);
  } catch (e) {
    if (e instanceof PrologThrow) return { kind: "error", got: `exception ${show(e.ball)}` };
    if (e instanceof QueryAborted && e.message.includes("step limit")) {
      return { kind: "crash", got: `step budget of ${lim.steps} inferences exceeded` };
    }
    return { kind: "crash", got: jsErrorText(e) };
  } finally {
    m.signal = null;
    m.maxSteps = Infinity;
  }
  if (!ok) return { kind: "crash", got: "runner driver failed" };
  return classify(deref(verdict), bindings, show);
}

type Kind = "fail" | "give" | "multi" | "throw" | "fixme" | "other";

function arg(t: Term, i: number): Term {
  return deref((t as Struct).args[i]);
}

function is(t: Term, name: string, arity: number): boolean {
  return t.tag === STRUCT && (t as Struct).fn.name.name === name &&
    (t as Struct).fn.arity === arity;
}

/** Which kind of pattern a term is. */
function patternKind(t: Term): Kind {
  if (is(t, "fixme", 1)) return "fixme";
  if (is(t, "should_fail", 1)) return "fail";
  if (is(t, "should_throw", 2)) return "throw";
  if (is(t, "should_give", 2)) return is(arg(t, 1), "multiple_solutions", 3) ? "multi" : "give";
  return "other";
}

function expectedText(t: Term, kind: Kind, show: (t: Term) => string): string {
  switch (kind) {
    case "fail":
      return "failure";
    case "give":
    case "multi":
      return show(arg(t, 1));
    case "throw":
      return `exception ${show(arg(t, 1))}`;
    case "fixme":
      return "";
    default:
      return "a test pattern";
  }
}

/** `X = 1, Y = f(_)` for a `Name = Value` list (the pattern's named variables). */
function bindingText(bs: Term[], show: (t: Term) => string): string {
  const parts = bs.map((b) => `${(arg(b, 0) as Atom).name} = ${show(arg(b, 1))}`);
  return parts.length === 0 ? "" : `: ${parts.join(", ")}`;
}

function listItems(t: Term): Term[] {
  const out: Term[] = [];
  for (t = deref(t); is(t, ".", 2); t = arg(t, 1)) out.push(arg(t, 0));
  return out;
}

/** Turns the driver's verdict into a result. */
function classify(v: Term, bindings: Term[], show: (t: Term) => string): Outcome {
  if (v.tag === ATOM && (v as Atom).name === "pass") return { kind: "pass", got: "" };
  if (v.tag === ATOM && (v as Atom).name === "not_a_pattern") {
    return { kind: "unreadable", got: "not a test pattern" };
  }
  if (is(v, "error", 1)) return { kind: "error", got: `exception ${show(arg(v, 0))}` };
  if (!is(v, "fail", 1)) return { kind: "crash", got: `bad verdict ${show(v)}` };
  const why = arg(v, 0);
  let got: string;
  if (why.tag === ATOM) {
    const w = (why as Atom).name;
    got = w === "failed"
      ? "failure"
      : w === "succeeded"
      ? `success${bindingText(bindings, show)}`
      : `success, check failed${bindingText(bindings, show)}`;
  } else if (is(why, "threw", 1)) {
    got = `exception ${show(arg(why, 0))}`;
  } else if (is(why, "final_failed", 1)) {
    got = `${show(arg(why, 0))} solutions, final check failed`;
  } else if (is(why, "each_failed", 2)) {
    got = `solution ${show(arg(why, 0))} failed its check${
      bindingText(listItems(arg(why, 1)), show)
    }`;
  } else {
    got = show(why);
  }
  return { kind: "fail", got };
}
