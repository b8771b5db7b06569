/**
 * The `Engine` class: the easy, high-level API (consult, query, once).
 *
 * @module
 */
import { consultText, issueOf, type LoadIssue } from "./consult.ts";
import { Database } from "./database.ts";
import { PrologThrow, resourceError, syntaxError } from "./errors.ts";
import { Flags } from "./flags.ts";
import { Halt, Machine, QueryAborted } from "./machine.ts";
import { Operators } from "./operators.ts";
import { readTerm } from "./parser.ts";
import { installAll, loadLibrary } from "./library.ts";
import { StreamTable } from "./stream.ts";
import { deref, STRUCT, type Term, type Var } from "./term.ts";
import { rebuild } from "./copy.ts";
import { loadSource } from "./builtins/_db_system.ts";
import { MIN_MEMORY_LIMIT } from "./_memory.ts";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { isAcyclic } from "./cycles.ts";
import { type JsValue, toJs } from "./values.ts";
import { formatTerm } from "./writer.ts";
import { Tracer, type TracerOptions } from "../trace/tracer.ts";

export type { JsValue, LoadIssue };

/**
 * Options of {@linkcode Engine}.
 *
 * @example
 * ```ts
 * import type { EngineOptions } from "./engine.ts";
 * let text = "";
 * const opts: EngineOptions = { output: (s) => { text += s; } };
 * ```
 */
export interface EngineOptions {
  /** Create a tracer (`engine.tracer`) and trace queries; an object gives tracer options. */
  trace?: boolean | TracerOptions;
  /** Default cap on solutions per query. */
  maxSolutions?: number;
  /** Where `user_output` text goes (default: standard output). */
  output?: (text: string) => void;
  /** Where `user_error` text goes (default: standard error). */
  errorOutput?: (text: string) => void;
  /** Text read by `user_input`. */
  input?: string;
  /** Default step (inference) budget per query. */
  maxSteps?: number;
  /** Default time limit per query, in ms of solver time (see {@linkcode QueryOptions.timeLimit}). */
  timeLimit?: number;
  /**
   * Bytes the heap may grow by while one query runs (the `stack_limit`
   * flag; default 1 GiB). A query that passes it gets
   * `resource_error(memory)`, catchable by `catch/3`; uncaught, it reaches
   * JS as a {@linkcode PrologError} and the engine stays usable.
   */
  memoryLimit?: number;
}

/**
 * Options of one query.
 *
 * @example
 * ```ts
 * import type { QueryOptions } from "./engine.ts";
 * const opts: QueryOptions = { maxSolutions: 10 };
 * ```
 */
export interface QueryOptions {
  /** Stop after this many solutions. */
  maxSolutions?: number;
  /** Abort with `QueryAborted` after this many inferences. */
  maxSteps?: number;
  /**
   * Abort with `QueryAborted` when this signal fires. A synchronous query
   * (`query`, `once`) runs without giving the event loop a turn, so only a
   * signal aborted before it starts, or from code it calls, stops it; use
   * `timeLimit` or `maxSteps` there. `queryAsync` lets the event loop run
   * every few milliseconds, so timers (`AbortSignal.timeout`) stop it too.
   */
  signal?: AbortSignal;
  /**
   * Abort with `QueryAborted` once the solver has spent this many
   * milliseconds on the query (summed over its solutions; the time between
   * two `next()` calls does not count). Checked every few thousand
   * inferences, so a single long builtin call (sorting a huge list) is
   * not cut short.
   */
  timeLimit?: number;
}

/**
 * One solution: the bindings of the query's named variables, as plain JS
 * values and as Prolog text (`writeq` style).
 *
 * @example
 * ```ts
 * import type { Solution } from "./engine.ts";
 * function show(s: Solution): string { return s.text.X; }
 * ```
 */
export interface Solution {
  /** Variable name → JS value. */
  bindings: Record<string, JsValue>;
  /** Variable name → Prolog text. */
  text: Record<string, string>;
  /** Variable name → the live term (valid until the iterator moves on). */
  terms: Record<string, Term>;
  /** True when no choicepoint is left: this is certainly the last solution. */
  deterministic: boolean;
}

/**
 * A Prolog error that reached JS: an uncaught exception or a syntax error in
 * the query text. `term` is the error term, `message` its text.
 *
 * @example
 * ```ts
 * import { Engine, PrologError } from "./engine.ts";
 * const e = new Engine();
 * try { e.once("atom_length(X, 3)"); } catch (err) { console.log(err instanceof PrologError); }
 * ```
 */
export class PrologError extends Error {
  /** The error term (ball). */
  readonly term: Term;
  /** The error term as text. */
  readonly text: string;
  /** Creates the error. */
  constructor(term: Term, text: string) {
    super(text);
    this.name = "PrologError";
    this.term = term;
    this.text = text;
  }
}

function defaultOut(fd: "stdout" | "stderr"): (s: string) => void {
  const enc = new TextEncoder();
  const target = fd === "stdout" ? Deno.stdout : Deno.stderr;
  return (s) => {
    const bytes = enc.encode(s);
    let off = 0;
    while (off < bytes.length) off += target.writeSync(bytes.subarray(off));
  };
}

/**
 * A Prolog engine: a database, flags, operators, streams and a solver.
 *
 * @example Consult and query
 * ```ts
 * import { Engine } from "./engine.ts";
 * const e = new Engine("parent(tom, bob). parent(bob, ann).");
 * const names = [...e.query("parent(X, _)")].map((s) => s.bindings.X);
 * console.log(names); // ["tom", "bob"]
 * ```
 */
export class Engine {
  /** The machine (for embedders and builtins). */
  readonly machine: Machine;
  /** Problems found by the constructor's consult of `source`. */
  readonly loadIssues: LoadIssue[];
  /** The tracer, when the engine was created with `trace`. */
  readonly tracer: Tracer | undefined;
  #opts: EngineOptions;
  #queryCount = 0;
  /** The open query that runs on `machine` (the traced one, if any). */
  #holder: QueryRun | null = null;
  /** Machines of closed queries, for the next query that cannot have `machine`. */
  #spare: Machine[] = [];

  /**
   * Creates an engine and consults `source`.
   *
   * @param source Prolog text to load.
   * @param options Options.
   */
  constructor(source?: string, options: EngineOptions = {}) {
    this.#opts = options;
    const io = new StreamTable(
      options.output ?? defaultOut("stdout"),
      options.errorOutput ?? defaultOut("stderr"),
      options.input ?? "",
    );
    this.machine = new Machine(new Database(), new Flags(), new Operators(), io);
    installAll(this.machine);
    loadLibrary(this.machine);
    if (options.memoryLimit !== undefined) {
      const limit = options.memoryLimit;
      if (!Number.isSafeInteger(limit) || limit < MIN_MEMORY_LIMIT) {
        throw new RangeError(`Invalid memoryLimit: ${limit} (bytes, at least 1 MiB)`);
      }
      this.machine.flags.stackLimit = limit;
    }
    if (options.trace) {
      this.tracer = new Tracer(this.machine, options.trace === true ? {} : options.trace);
    }
    this.loadIssues = source === undefined ? [] : this.consult(source);
  }

  /** Number of queries started so far (the next query's id is this + 1). */
  get queryCount(): number {
    return this.#queryCount;
  }

  /**
   * Loads Prolog text. Bad clauses are reported and skipped.
   *
   * @param text The source.
   * @returns Problems found (syntax errors carry line and column).
   * @example
   * ```ts
   * import { Engine } from "./engine.ts";
   * const e = new Engine();
   * const issues = e.consult("ok(1).\nbad( .\nok(2).");
   * console.log(issues.length, [...e.query("ok(X)")].length); // 1 2
   * ```
   */
  consult(text: string): LoadIssue[] {
    return this.#consult(text, undefined);
  }

  #consult(text: string, file: string | undefined): LoadIssue[] {
    // Open queries stay open (they see the clauses as they were when they
    // started, ISO's logical update view): the directives run on a machine
    // no open query uses.
    const m = this.#freeMachine();
    try {
      // Each directive runs under the engine's step budget and time limit;
      // one that exceeds them is a load issue, and loading goes on.
      m.signal = null;
      const options = {
        file,
        directiveSteps: this.#opts.maxSteps ?? Infinity,
        directiveTime: this.#opts.timeLimit,
      };
      return file === undefined
        ? consultText(m, text, options)
        : loadSource(m, file, text, options);
    } catch (e) {
      throw this.#toJsError(e);
    } finally {
      if (m !== this.machine) this.#giveBack(m);
    }
  }

  /** A machine no open query uses: the engine's own when it is free. */
  #freeMachine(): Machine {
    if (this.#holder === null) return this.machine;
    return this.#spare.pop() ?? this.machine.sibling();
  }

  #giveBack(m: Machine): void {
    m.ports = null;
    if (this.#spare.length < MAX_SPARE_MACHINES) this.#spare.push(m);
  }

  /**
   * Loads a Prolog file.
   *
   * @param path The file path.
   * @returns Problems found.
   * @example
   * ```ts ignore
   * import { Engine } from "./engine.ts";
   * const e = new Engine();
   * await e.consultFile("family.pl");
   * ```
   */
  async consultFile(path: string | URL): Promise<LoadIssue[]> {
    const text = await Deno.readTextFile(path);
    // As consult/1 does: a file loaded before is reloaded, not added again,
    // and relative loads inside it resolve against its directory.
    const abs = resolvePath(path instanceof URL ? fileURLToPath(path) : path);
    return this.#consult(text, abs);
  }

  #toJsError(e: unknown): unknown {
    if (e instanceof RangeError && /call stack/i.test(e.message)) e = resourceError("stack");
    if (e instanceof PrologThrow) return new PrologError(e.ball, this.format(e.ball));
    return e;
  }

  /**
   * Formats a term as `writeq/1` does.
   *
   * @param t The term.
   * @returns Its text.
   */
  format(t: Term): string {
    return formatTerm(t, { ops: this.machine.ops, quoted: true, numberVars: true });
  }

  /**
   * Runs a query and iterates over its solutions. Any number of queries may
   * be open at once and their iterators advanced in any order (each has its
   * own machine over the shared database, and sees the clauses as they were
   * when it started); a query may also be started by JS code that a running
   * query called. A tracer follows one open query at a time: a query
   * started while another traced query is still open runs untraced
   * (`tracer.untracedQueries` counts them). Close a query you leave early
   * (`return()`, or `break` out of `for…of`) so its machine is reused.
   *
   * @param goal The goal text (a final `.` is optional).
   * @param options Options.
   * @returns An iterator of solutions.
   * @throws {PrologError} on a syntax error in `goal` or an uncaught exception.
   * @example
   * ```ts
   * import { Engine } from "./engine.ts";
   * const e = new Engine();
   * for (const s of e.query("between(1, 3, X)")) console.log(s.bindings.X);
   * ```
   */
  query(goal: string, options: QueryOptions = {}): IterableIterator<Solution> {
    return this.#open(goal, options);
  }

  #open(goal: string, options: QueryOptions): QueryRun {
    let read;
    try {
      read = readTerm(goal, {
        ops: this.machine.ops,
        doubleQuotes: this.machine.flags.doubleQuotes,
      });
    } catch (e) {
      throw this.#toJsError(e);
    }
    if (
      read.term.tag === 1 && (read.term as { name: string }).name === "end_of_file" &&
      goal.trim() === ""
    ) {
      throw this.#toJsError(syntaxError("empty query", 1, 1));
    }
    this.#queryCount++;
    const m = this.#freeMachine();
    const primary = m === this.machine;
    const tracer = this.tracer;
    if (tracer !== undefined) {
      // Filters that reject every port leave nothing to report: the run then
      // takes the untraced path (filters changed during it apply from the next query).
      if (primary && tracer.reportsAny) {
        tracer.startRun(this.#queryCount, read.varNames);
        m.ports = tracer.ports;
      } else {
        m.ports = null;
        if (!primary && tracer.reportsAny) tracer._untracedQuery();
      }
    }
    let run: QueryRun;
    try {
      run = new QueryRun(this, m, read.term, read.varNames, {
        maxSolutions: options.maxSolutions ?? this.#opts.maxSolutions,
        maxSteps: options.maxSteps ?? this.#opts.maxSteps,
        timeLimit: options.timeLimit ?? this.#opts.timeLimit,
        signal: options.signal,
      });
    } catch (e) {
      if (primary) tracer?.endRun();
      else this.#giveBack(m);
      throw e;
    }
    if (primary) this.#holder = run;
    return run;
  }

  /**
   * Runs a query as an async iterator. While it runs, a trace sink whose
   * output backlog is too large (a slow `WritableStream`) pauses the solver
   * until the sink has drained, so memory stays bounded on long traces.
   *
   * @param goal The goal text.
   * @param options Options.
   * @returns An async iterator of solutions.
   * @example
   * ```ts
   * import { Engine } from "./engine.ts";
   * const e = new Engine("p(1). p(2).");
   * for await (const s of e.queryAsync("p(X)")) console.log(s.bindings.X);
   * ```
   */
  queryAsync(goal: string, options: QueryOptions = {}): AsyncIterableIterator<Solution> {
    const it = this.#open(goal, options);
    const m = it.machine;
    const tracer = this.tracer;
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<Solution>> {
        m.pausable = true;
        try {
          for (;;) {
            m.yieldAt = performance.now() + ASYNC_SLICE_MS;
            const r = it.step();
            if (r !== null) return r;
            // Paused: for a sink to drain, or to give timers (an
            // `AbortSignal.timeout`) and other tasks their turn.
            if (tracer !== undefined && tracer.needsDrain) await tracer.drain();
            else await new Promise<void>((resolve) => setTimeout(resolve, 0));
          }
        } finally {
          m.pausable = false;
          m.yieldAt = Infinity;
        }
      },
      return(): Promise<IteratorResult<Solution>> {
        return Promise.resolve(it.return());
      },
    };
  }

  /**
   * The first solution of a query, or `null` if it fails.
   *
   * @param goal The goal text.
   * @param options Options.
   * @returns The solution or `null`.
   * @example
   * ```ts
   * import { Engine } from "./engine.ts";
   * const e = new Engine();
   * console.log(e.once("X is 2 ** 10")?.bindings.X); // 1024
   * ```
   */
  once(goal: string, options: QueryOptions = {}): Solution | null {
    const it = this.query(goal, { ...options, maxSolutions: 1 });
    const r = it.next();
    it.return?.();
    return r.done ? null : r.value;
  }

  /** @internal Called by a run when it ends. */
  _ended(run: QueryRun): void {
    if (this.#holder === run) {
      this.#holder = null;
      this.tracer?.endRun();
    } else if (run.machine !== this.machine) {
      this.#giveBack(run.machine);
    }
  }

  /** @internal */
  _wrapError(e: unknown): unknown {
    return this.#toJsError(e);
  }
}

/**
 * A solution whose JS values and text are built on first access, so a
 * caller that only counts solutions pays for neither. Terms are resolved
 * when the solution is produced (later backtracking cannot change them).
 */
class Answer implements Solution {
  readonly terms: Record<string, Term> = {};
  readonly deterministic: boolean;
  #engine: Engine;
  #bindings: Record<string, JsValue> | null = null;
  #text: Record<string, string> | null = null;

  constructor(engine: Engine, names: [string, Var][], deterministic: boolean) {
    this.#engine = engine;
    this.deterministic = deterministic;
    for (const [name, v] of names) {
      if (!name.startsWith("_")) this.terms[name] = resolve(v);
    }
  }

  get bindings(): Record<string, JsValue> {
    if (this.#bindings === null) {
      const b: Record<string, JsValue> = {};
      for (const name in this.terms) {
        const t = this.terms[name];
        b[name] = isAcyclic(t) ? toJs(t) : this.text[name];
      }
      this.#bindings = b;
    }
    return this.#bindings;
  }

  get text(): Record<string, string> {
    if (this.#text === null) {
      const t: Record<string, string> = {};
      for (const name in this.terms) t[name] = this.#engine.format(this.terms[name]);
      this.#text = t;
    }
    return this.#text;
  }
}

/**
 * A copy of `t` with bindings resolved; unbound variables stay shared. A
 * cyclic term cannot be copied: it is kept as it is (its text is written to
 * a bounded depth and its JS value is its text).
 */
function resolve(t: Term): Term {
  t = deref(t);
  if (t.tag !== STRUCT) return t;
  return isAcyclic(t) ? rebuild(t, (v) => v) : t;
}

/** Machines kept for queries opened while another is open. */
const MAX_SPARE_MACHINES = 4;

/** How long `queryAsync` runs the solver before letting the event loop run (ms). */
const ASYNC_SLICE_MS = 10;

/** The iterator behind {@linkcode Engine.query}. */
class QueryRun implements IterableIterator<Solution> {
  /** The machine this query runs on. */
  readonly machine: Machine;
  #engine: Engine;
  #names: [string, Var][];
  #started = false;
  #paused = false;
  #done = false;
  #count = 0;
  #max: number;
  #maxSteps: number;
  /** The query's time limit (ms). */
  #timeLimit: number;
  /** Solver time left (ms). */
  #timeLeft: number;
  #signal: AbortSignal | null;

  constructor(
    engine: Engine,
    machine: Machine,
    goal: Term,
    names: [string, Var][],
    opts: { maxSolutions?: number; maxSteps?: number; timeLimit?: number; signal?: AbortSignal },
  ) {
    this.#engine = engine;
    this.machine = machine;
    this.#names = names;
    this.#max = opts.maxSolutions ?? Infinity;
    this.#maxSteps = opts.maxSteps ?? Infinity;
    this.#timeLimit = this.#timeLeft = opts.timeLimit ?? Infinity;
    this.#signal = opts.signal ?? null;
    const m = machine;
    try {
      m.start(goal);
    } catch (e) {
      this.#done = true;
      throw engine._wrapError(e);
    }
  }

  [Symbol.iterator](): IterableIterator<Solution> {
    return this;
  }

  next(): IteratorResult<Solution> {
    for (;;) {
      const r = this.step();
      if (r !== null) return r;
    }
  }

  /** Runs to the next solution; `null` when the run paused (async driver). */
  step(): IteratorResult<Solution> | null {
    if (this.#done || this.#count >= this.#max) {
      this.close();
      return { done: true, value: undefined };
    }
    const m = this.machine;
    if (!this.#paused) {
      m.maxSteps = m.steps + this.#maxSteps;
      m.stepBudget = this.#maxSteps;
    }
    m.signal = this.#signal;
    const timed = this.#timeLeft !== Infinity;
    const t0 = timed ? performance.now() : 0;
    if (timed) {
      m.deadline = t0 + this.#timeLeft;
      m.timeBudget = this.#timeLimit;
    }
    let ok: boolean;
    try {
      ok = m.run(this.#started && !this.#paused);
    } catch (e) {
      this.close();
      if (e instanceof Halt) throw e;
      if (e instanceof QueryAborted) throw e;
      throw this.#engine._wrapError(e);
    } finally {
      if (timed) {
        this.#timeLeft -= performance.now() - t0;
        m.deadline = Infinity;
      }
    }
    this.#paused = m.paused;
    if (this.#paused) {
      this.#started = true;
      return null;
    }
    this.#started = true;
    if (!ok) {
      this.close();
      return { done: true, value: undefined };
    }
    this.#count++;
    return { done: false, value: new Answer(this.#engine, this.#names, m.cpTop <= 1) };
  }

  return(): IteratorResult<Solution> {
    this.close();
    return { done: true, value: undefined };
  }

  close(): void {
    if (this.#done) return;
    this.#done = true;
    this.machine.release();
    this.#engine._ended(this);
  }
}

export { issueOf };
