/**
 * The solver: an explicit loop over compiled clause bodies with a pooled
 * choicepoint stack and a trail. Prolog recursion never becomes JS recursion:
 * continuations are heap frames (`Frame.parent`), so a million-deep
 * non-tail recursion only costs heap, and last calls reuse the caller's
 * continuation (LCO) so tail recursion runs in bounded memory.
 *
 * @module
 */
import { CMP_EQ, CMP_GT, CMP_LT, cmpArithIn, evalIsIn } from "./builtins/_eval.ts";
import {
  ARITH_EQ,
  ARITH_GT,
  ARITH_LE,
  ARITH_LT,
  ARITH_NE,
  type Clause,
  compileGoal,
  DEEP_PATTERN,
  I_ARITH,
  I_CALL,
  I_CUT,
  I_CUTTO,
  I_EXIT,
  I_FAIL,
  I_JUMP,
  I_MARK,
  I_SOFTCUT,
  I_SPECIAL,
  I_SUCCESS,
  I_TRY,
  I_UNIFY,
  type IndexKey,
  indexKey,
  instantiate,
  Instr,
} from "./compile.ts";
import {
  type Database,
  keyMatches,
  LAST,
  P_CONTROL,
  P_DET,
  P_NONDET,
  P_USER,
  type Pred,
} from "./database.ts";
import {
  existenceError,
  instantiationError,
  PrologThrow,
  resourceError,
  typeError,
} from "./errors.ts";
import type { Flags } from "./flags.ts";
import type { Operators } from "./operators.ts";
import {
  ATOM,
  deref,
  DOT,
  type Functor,
  functorOf,
  INT,
  type Int,
  mkAtom,
  mkFunctor,
  mkInt,
  mkList,
  mkStruct,
  nextVarSerial,
  NIL,
  SLOT,
  Slot,
  STRUCT,
  Struct,
  takeSerial,
  Template,
  type Term,
  TMPL,
  VAR,
  type Var,
  Var as VarClass,
} from "./term.ts";
import { bind, type BindingLog, type Bindings, undoTo, unify, unifyOccursCheck } from "./unify.ts";
import { MemoryGauge } from "./_memory.ts";
import { LimitStack } from "./_limits.ts";
import type { Ports } from "./ports.ts";
import { copyTerm } from "./copy.ts";
import type { StreamTable } from "./stream.ts";

/**
 * A continuation frame: one activation of a clause body (or of a goal run by
 * `call/N`). `parent`/`ppc` say where to continue when the body is done.
 *
 * @example
 * ```ts
 * import { Frame } from "./machine.ts";
 * import { compileGoal } from "./compile.ts";
 * import { mkAtom } from "./term.ts";
 * const f = new Frame(compileGoal(mkAtom("true")).code, [], null, 0, 0);
 * ```
 */
export class Frame {
  /** The body being run. */
  readonly code: Instr[];
  /** Clause variables and cut-mark slots (marks are stored as JS numbers). */
  readonly vars: Term[];
  /** Where to continue after this body. */
  readonly parent: Frame | null;
  /** Instruction index in `parent` to continue at. */
  readonly ppc: number;
  /** Choicepoint height to cut back to for a clause-level `!`. */
  readonly cutB: number;
  /** The slot of the traced box this frame is the body of (0: none; see `ports.ts`). */
  inv = 0;
  /** True when the body belongs to a library predicate (tracing hides its internals). */
  lib = false;
  /** Number of frames in the continuation below this one (the tracer's goal height). */
  readonly height: number;
  /** Age of the body variables this frame creates lazily (see `Var`). */
  readonly serial: number = takeSerial();
  /**
   * Creates a frame. `height` is given for a traced last call, which runs
   * without its caller's frame but reports the heights it would have had.
   */
  constructor(
    code: Instr[],
    vars: Term[],
    parent: Frame | null,
    ppc: number,
    cutB: number,
    height: number = parent === null ? 0 : parent.height + 1,
  ) {
    this.code = code;
    this.vars = vars;
    this.parent = parent;
    this.ppc = ppc;
    this.cutB = cutB;
    this.height = height;
  }
}

/** Names of choicepoint kinds, for internal trace events. */
const CP_NAMES = ["clauses", "try", "catch", "builtin", "findall", "stop", "reactivate"];

/** Clause alternatives of a call. */
const CP_CLAUSES = 0;
/** A disjunction / if-then-else branch in the same frame. */
const CP_TRY = 1;
/** An active `catch/3`. */
const CP_CATCH = 2;
/** A nondeterministic builtin's generator. */
const CP_GEN = 3;
/** A running `findall/3`. */
const CP_FINDALL = 4;
/** The bottom of one run: backtracking into it ends the run. */
const CP_STOP = 5;
/** Re-activates a catch frame when backtracking into its goal. */
const CP_REACTIVATE = 6;

/** A choicepoint. Objects are pooled and reused, so all fields always exist. */
class ChoicePoint {
  kind = 0;
  trailTop = 0;
  varMark = 0;
  frame: Frame | null = null;
  pc = 0;
  clauses: Clause[] | null = null;
  idx = 0;
  args: Term[] | null = null;
  key: IndexKey = null;
  keyArg = 0;
  gen: Generator<number, void, void> | null = null;
  results: Term[] | null = null;
  active = true;
  /** The box the choicepoint's code runs in (a slot; 0: none). */
  inv = 0;
  /** For clause alternatives and a builtin's generator: the box of the call (0: untraced). */
  box = 0;
  lib = false;
  /** The box count (`Ports.bid`) when the choicepoint was made. */
  invTop = 0;
  /** The goal height of the continuation it resumes (-1: the current frame's). */
  height = -1;
}

const SP_CATCH_EXIT = 1;
const SP_FINDALL_COLLECT = 2;

const NO_ARGS: Term[] = [];
const SUCCESS_CODE: Instr[] = [new Instr(I_SUCCESS, null, null, 0)];
const CATCH_EXIT_CODE: Instr[] = [
  new Instr(I_SPECIAL, null, null, SP_CATCH_EXIT),
  new Instr(I_EXIT, null, null, 0),
];
const FINDALL_COLLECT_CODE: Instr[] = [new Instr(I_SPECIAL, null, null, SP_FINDALL_COLLECT)];
const F_CALL1 = mkFunctor("call", 1);
const CALL1_CODE: Instr[] = [
  new Instr(I_CALL, new Template(F_CALL1, [new Slot(0, "G")]), F_CALL1, 0),
  new Instr(I_EXIT, null, null, 0),
];

/** Control constructs handled by the solver (`Pred.control`). */
export const C_CALL = 1;
/** `catch/3`. */
export const C_CATCH = 2;
/** `findall/3` and `findall/4`. */
export const C_FINDALL = 3;
/** A control construct called as a goal (`','/2`, `;/2`, ...): runs the goal itself. */
export const C_INLINE = 4;

/** Code that calls `fn` with the frame's first `arity` slots as arguments, cached per functor. */
const directCallCode = new Map<number, Instr[]>();
function callCodeFor(fn: Functor): Instr[] {
  let code = directCallCode.get(fn.id);
  if (code === undefined) {
    const slots: Term[] = [];
    for (let i = 0; i < fn.arity; i++) slots.push(new Slot(i, "_"));
    const goal = fn.arity === 0 ? fn.name : new Template(fn, slots);
    code = [new Instr(I_CALL, goal, fn, 0), new Instr(I_EXIT, null, null, 0)];
    directCallCode.set(fn.id, code);
  }
  return code;
}

const CONTROL_FUNCTORS = new Set<Functor>([
  mkFunctor(",", 2),
  mkFunctor(";", 2),
  mkFunctor("|", 2),
  mkFunctor("->", 2),
  mkFunctor("*->", 2),
  mkFunctor("\\+", 1),
]);

/** The ball of an exceeded `call_with_time_limit/2` (SWI-Prolog). */
function timeLimitExceeded(): PrologThrow {
  return new PrologThrow(mkAtom("time_limit_exceeded"), true);
}

/** The ball of an exceeded `call_with_inference_limit/3` (SWI-Prolog). */
function inferenceLimitExceeded(): PrologThrow {
  return new PrologThrow(mkAtom("inference_limit_exceeded"), true);
}

/** Inferences between two checks of the step budget, the signal and the clock. */
const LIMIT_CHECK_STEPS = 4096;

/** Inferences an exceeded inference limit's handler gets before the limit is raised again. */
const LIMIT_GRACE_STEPS = 256;

/**
 * Thrown (as a JS error, not a Prolog ball, so `catch/3` cannot swallow it)
 * when a query exceeds its step budget or its `AbortSignal` fires.
 *
 * @example
 * ```ts
 * import { QueryAborted } from "./machine.ts";
 * console.log(new QueryAborted("steps").message);
 * ```
 */
export class QueryAborted extends Error {
  /** Creates the error. */
  constructor(reason: string) {
    super(`Query aborted: ${reason}`);
    this.name = "QueryAborted";
  }
}

/**
 * Thrown by `halt/0,1` to stop the engine's current work.
 *
 * @example
 * ```ts
 * import { Halt } from "./machine.ts";
 * console.log(new Halt(0).code); // 0
 * ```
 */
export class Halt extends Error {
  /** The exit code. */
  readonly code: number;
  /** Creates the error. */
  constructor(code: number) {
    super(`halt(${code})`);
    this.name = "Halt";
    this.code = code;
  }
}

/**
 * The abstract machine of one engine: registers, stacks and the solver loop.
 *
 * @example
 * ```ts
 * // Usually driven through Engine; see mod.ts.
 * import type { Machine } from "./machine.ts";
 * ```
 */
export class Machine implements Bindings {
  /** Variables bound since the oldest live choicepoint (plus value-trail entries). */
  trail: Var[] = [];
  /** Variables with `serial < varMark` are older than the newest choicepoint. */
  varMark = 0;
  /** Bindings made so far (never decreases). */
  binds = 0;
  /** The binding history the recorder asked for this run, else `null` (see {@linkcode Ports.history}). */
  bindLog: BindingLog | null = null;
  /** History length past which the listener is asked to start a new one (see `PortListener.historyFull` in `ports.ts`). */
  historyLimit: number = 1 << 20;
  /** The clause database. */
  readonly db: Database;
  /** Flags. */
  readonly flags: Flags;
  /** Operators. */
  readonly ops: Operators;
  /** The port recorder while tracing, else `null`. */
  ports: Ports | null = null;
  /**
   * The recorder's configuration generation: a predicate whose `traceGen` equals
   * it and whose `traceMask` is 0 is never traced, so it runs on the untraced
   * path even while tracing.
   */
  traceGen = 0;
  /** Inferences (calls) so far. */
  steps = 0;
  /** Abort the run when `steps` passes this (an absolute count). */
  maxSteps: number = Infinity;
  /** The budget `maxSteps` was computed from, for the error message. */
  stepBudget: number = Infinity;
  /** Abort the run when this signal fires. */
  signal: AbortSignal | null = null;
  /** Abort the run when `performance.now()` passes this (ms; read every few thousand steps). */
  deadline: number = Infinity;
  /** The time limit `deadline` was computed from (ms), for the error message. */
  timeBudget: number = Infinity;
  /** A pausable run pauses (to let the event loop run) once `performance.now()` passes this. */
  yieldAt: number = Infinity;
  /** Global variables (`nb_setval/2`, `b_setval/2`). */
  readonly globals: Map<string, Term>;
  /** Engine-wide state shared with builtins (extension point). */
  readonly ext: Map<string, unknown>;
  /** Streams. */
  readonly io: StreamTable;

  /** Choicepoint pool; `#cps[0..cpTop)` are live. */
  readonly #cps: ChoicePoint[] = [];
  /** Number of live choicepoints. */
  cpTop = 0;
  /** Current frame. */
  frame: Frame = new Frame(SUCCESS_CODE, [], null, 0, 0);
  /** Current instruction index. */
  pc = 0;
  #nextCheck = LIMIT_CHECK_STEPS;
  /** True while limits are checked at a call (a pause is possible there). */
  #atCall = true;
  #pauseRequested = false;
  /** Set when a pause happened on the way into `#backtrack`. */
  #resumeByBacktracking = false;
  /** Deadlines of the running `call_with_time_limit/2` calls (ms). */
  readonly #timeLimits: LimitStack = new LimitStack();
  /** A limit passed while backtracking: its ball, raised on the way into the next `#backtrack` or call. */
  #limitBall: PrologThrow | null = null;
  /** Step counts at which the running `call_with_inference_limit/3` calls end. */
  readonly #stepLimits: LimitStack = new LimitStack();
  /** The run's heap growth against `flags.stackLimit`. */
  readonly #memory: MemoryGauge = new MemoryGauge();
  /** True while an async caller drives the run (see {@linkcode Machine.requestPause}). */
  pausable = false;
  /** Set when {@linkcode Machine.run} returned because of a pause, not a failure. */
  paused = false;
  /** Internal trace events wanted (read at the start of each run). */
  #internal = false;
  /** Every binding trailed for the tracer (see `Ports.trailAll`). */
  #trailAll = false;
  /**
   * While `frame` is this frame, the goal height to report for it: a traced
   * last call runs without its caller's frame, and ports report the heights
   * that frame would have given (see {@linkcode Machine.#height}).
   */
  #vFrame: Frame | null = null;
  #vHeight = 0;
  /** The `occurs_check` flag for this run: 0 false, 1 true, 2 error. */
  #occurs = 0;

  /**
   * Creates a machine over a database, flags, operators and streams.
   *
   * @param db The database.
   * @param flags The flags.
   * @param ops The operator table.
   * @param io The streams.
   * @param peer A machine of the same engine whose global variables and builtin state this one shares.
   */
  constructor(db: Database, flags: Flags, ops: Operators, io: StreamTable, peer?: Machine) {
    this.db = db;
    this.flags = flags;
    this.ops = ops;
    this.io = io;
    this.globals = peer?.globals ?? new Map();
    this.ext = peer?.ext ?? new Map();
  }

  /**
   * A machine for another query of the same engine: it shares everything
   * but the run (database, flags, operators, streams, global variables and
   * builtin state), so queries can be open at the same time and interleave.
   *
   * @returns The new machine.
   */
  sibling(): Machine {
    return new Machine(this.db, this.flags, this.ops, this.io, this);
  }

  /**
   * Unifies two terms, trailing bindings.
   *
   * @param a A term.
   * @param b A term.
   * @returns Whether they unify.
   */
  unify(a: Term, b: Term): boolean {
    return this.#occurs === 0 ? unify(a, b, this) : this.#unifyChecked(a, b);
  }

  /** Unification under the `occurs_check` flag (`true`: fail on a cycle; `error`: raise). */
  #unifyChecked(a: Term, b: Term): boolean {
    if (this.attempt(() => unifyOccursCheck(a, b, this))) return true;
    if (this.#occurs === 2 && this.probe(() => unify(a, b, this))) {
      throw new PrologThrow(
        mkStruct("error", [mkStruct("occurs_check", [a, b]), new VarClass()]),
      );
    }
    return false;
  }

  /**
   * Binds an unbound variable.
   *
   * @param v The variable.
   * @param t Its value.
   */
  bind(v: Var, t: Term): void {
    bind(v, t, this);
  }

  /**
   * Runs `f`; if it returns false, undoes any bindings it made.
   *
   * @param f A function that may bind variables.
   * @returns What `f` returned.
   */
  attempt(f: () => boolean): boolean {
    const saved = this.varMark;
    this.varMark = Infinity;
    const mark = this.trail.length;
    let ok = false;
    try {
      ok = f();
    } finally {
      if (!ok) undoTo(this, mark);
      this.varMark = saved;
    }
    return ok;
  }

  /**
   * Runs `f` and always undoes the bindings it made.
   *
   * @param f A function that may bind variables.
   * @returns What `f` returned.
   */
  probe<T>(f: () => T): T {
    const saved = this.varMark;
    this.varMark = Infinity;
    const mark = this.trail.length;
    try {
      return f();
    } finally {
      undoTo(this, mark);
      this.varMark = saved;
    }
  }

  #push(kind: number, frame: Frame | null, pc: number): ChoicePoint {
    let cp = this.#cps[this.cpTop];
    if (cp === undefined) {
      cp = new ChoicePoint();
      this.#cps.push(cp);
    }
    this.cpTop++;
    cp.kind = kind;
    cp.trailTop = this.trail.length;
    // While tracing, every binding is trailed so goals show their state as
    // of each port (conditional trailing would leave dead bindings visible).
    cp.varMark = this.varMark = this.#trailAll ? Infinity : nextVarSerial();
    cp.frame = frame;
    cp.pc = pc;
    cp.active = true;
    cp.inv = 0;
    cp.box = 0;
    cp.height = frame === null ? -1 : frame.height;
    cp.invTop = this.ports === null ? 0 : this.ports.bid;
    if (this.#internal) this.#note("cp_push", { kind: CP_NAMES[kind], height: this.cpTop });
    return cp;
  }

  #pop(): void {
    const top = --this.cpTop;
    this.varMark = top > 0 ? this.#cps[top - 1].varMark : 0;
    if (this.#internal) this.#note("cp_pop", { height: top });
  }

  /**
   * Raises `resource_error(memory)` before a builtin builds something of
   * `bytes` bytes in one step that the `stack_limit` flag does not allow
   * (the limit checks between inferences cannot see inside one builtin).
   *
   * @param bytes The size about to be allocated.
   */
  reserve(bytes: number): void {
    if (bytes > this.flags.stackLimit) throw resourceError("memory");
  }

  /** To call before changing a term in place (see `PortListener.beforeTermChange` in `ports.ts`). */
  beforeTermChange(): void {
    if (this.ports !== null) this.ports.beforeTermChange();
  }

  /** Reports an internal event to the recorder. */
  #note(kind: string, details: Record<string, number | string>): void {
    this.ports?.internal(kind, details, this.#height());
  }

  /**
   * Removes every choicepoint above `height` (the cut, ISO 7.8.4).
   *
   * @param height The height to cut back to.
   */
  cutTo(height: number): void {
    if (height < this.cpTop) {
      if (this.#internal) this.#note("cut", { from: this.cpTop, to: height });
      const base = this.#cps[height].trailTop;
      this.cpTop = height;
      this.varMark = height > 0 ? this.#cps[height - 1].varMark : 0;
      this.#tidyTrail(base);
      if (this.ports !== null) this.ports.cut(height);
    }
  }

  /**
   * After a cut, drops trail entries above `base` that no remaining
   * choicepoint needs: variables newer than the newest remaining choicepoint
   * (the WAM's tidy_trail). Keeps deterministic loops that bind older
   * variables, after a nondeterministic builtin's last solution or a cut,
   * from growing the trail without bound. Entries that are not variables
   * (value-trail entries such as setarg/3's) are kept.
   */
  #tidyTrail(base: number): void {
    const tr = this.trail, mark = this.varMark;
    if (tr.length === base) return;
    let j = base;
    for (let i = base; i < tr.length; i++) {
      const v = tr[i];
      if (!(v instanceof VarClass) || v.serial < mark) tr[j++] = v;
    }
    tr.length = j;
  }

  /**
   * Ends a run: drops what it holds (frames, open choicepoints' goals and
   * clauses, the trail), so a closed query's terms can be collected before
   * the next run starts.
   */
  release(): void {
    // The choicepoints still open when the query closed; popped ones are
    // overwritten by the next run's pushes.
    for (let k = 0; k < this.cpTop; k++) {
      const cp = this.#cps[k];
      cp.frame = null;
      cp.args = null;
      cp.clauses = null;
      cp.gen = null;
      cp.results = null;
    }
    this.cpTop = 0;
    this.trail.length = 0;
    this.frame = new Frame(SUCCESS_CODE, NO_ARGS, null, 0, 0);
    this.pc = 0;
    this.#vFrame = null;
  }

  /**
   * Prepares a run of `goal`: the caller then calls {@linkcode run}.
   * Variables in `goal` are bound by the solutions.
   *
   * @param goal The goal (control constructs allowed).
   */
  start(goal: Term): void {
    const { code, nvars } = compileGoal(goal);
    const ports = this.ports;
    this.#internal = ports !== null && ports.internalEvents;
    this.#trailAll = ports !== null && ports.trailAll;
    this.bindLog = ports === null ? null : ports.history;
    const oc = this.flags.occursCheck;
    this.#occurs = oc === "false" ? 0 : oc === "true" ? 1 : 2;
    this.cpTop = 0;
    this.trail.length = 0;
    this.varMark = 0;
    this.#push(CP_STOP, null, 0);
    const top = new Frame(SUCCESS_CODE, NO_ARGS, null, 0, 0);
    this.frame = new Frame(code, nvars === 0 ? NO_ARGS : new Array(nvars), top, 0, this.cpTop);
    this.pc = 0;
    this.#nextCheck = this.steps + LIMIT_CHECK_STEPS;
    this.#pauseRequested = false;
    this.#resumeByBacktracking = false;
    this.#timeLimits.clear();
    this.#stepLimits.clear();
    this.#limitBall = null;
    this.#memory.startRun();
  }

  /**
   * Starts an inference limit of `n` more steps (`call_with_inference_limit/3`):
   * past it, the run raises `inference_limit_exceeded`. Limits nest; an
   * inner one cannot extend an outer one.
   *
   * @param n The limit.
   * @returns A mark for {@linkcode Machine.popStepLimit}.
   */
  pushStepLimit(n: number): number {
    const at = this.steps + n;
    // Checked exactly, not every LIMIT_CHECK_STEPS.
    if (at < this.#nextCheck) this.#nextCheck = at;
    return this.#stepLimits.push(at);
  }

  /**
   * Ends the inference limit `mark` and any started inside it.
   *
   * @param mark What {@linkcode Machine.pushStepLimit} returned.
   */
  popStepLimit(mark: number): void {
    this.#stepLimits.pop(mark);
    if (this.#stepLimits.nearest < this.#nextCheck) this.#nextCheck = this.#stepLimits.nearest;
    this.#limitBall = null;
  }

  /**
   * Starts a time limit of `ms` milliseconds (`call_with_time_limit/2`):
   * once it passes, the run raises `time_limit_exceeded`.
   *
   * @param ms The limit.
   * @returns A mark for {@linkcode Machine.popTimeLimit}.
   */
  pushTimeLimit(ms: number): number {
    return this.#timeLimits.push(performance.now() + ms);
  }

  /**
   * Ends the time limit `mark` and any started inside it.
   *
   * @param mark What {@linkcode Machine.pushTimeLimit} returned.
   */
  popTimeLimit(mark: number): void {
    this.#timeLimits.pop(mark);
    this.#limitBall = null;
  }

  /**
   * Runs `goal` to its first solution inside the current run (re-entrant:
   * used by `consult/1` directives and similar). Bindings are kept, like
   * `once/1`; choicepoints are discarded.
   *
   * @param goal The goal.
   * @returns Whether it succeeded.
   */
  solveOnce(goal: Term): boolean {
    const savedFrame = this.frame, savedPc = this.pc, base = this.cpTop;
    const { code, nvars } = compileGoal(goal);
    this.#push(CP_STOP, null, 0);
    const top = new Frame(SUCCESS_CODE, NO_ARGS, null, 0, 0);
    this.frame = new Frame(code, nvars === 0 ? NO_ARGS : new Array(nvars), top, 0, this.cpTop);
    this.pc = 0;
    try {
      return this.run(false);
    } finally {
      this.cutTo(base);
      this.frame = savedFrame;
      this.pc = savedPc;
    }
  }

  /**
   * Runs until the next solution (true) or until no more exist (false).
   *
   * @param resume True to look for the next solution after a previous one.
   * @returns Whether a solution was found.
   * @throws {PrologThrow} for an uncaught Prolog exception.
   */
  run(resume: boolean): boolean {
    this.paused = false;
    // A run paused on its way into backtracking resumes by backtracking.
    let back = resume || this.#resumeByBacktracking;
    this.#resumeByBacktracking = false;
    for (;;) {
      try {
        if (back) {
          back = false;
          if (!this.#backtrack()) return false;
        }
        return this.#loop();
      } catch (e) {
        const ball = this.#ballOf(e);
        if (!this.#handleThrow(ball)) {
          throw e instanceof PrologThrow && e.ball === ball ? e : new PrologThrow(ball, true);
        }
      }
    }
  }

  #ballOf(e: unknown): Term {
    // A builtin's error term may hold the caller's variables: like throw/1's
    // ball (ISO 7.8.9.1), it is copied before unwinding undoes bindings.
    if (e instanceof PrologThrow) return e.copied ? e.ball : copyTerm(e.ball);
    if (e instanceof RangeError) {
      // Stack overflow, or a string/array too large to build (`tab(2**40)`).
      return resourceError(/call stack/i.test(e.message) ? "stack" : "memory").ball;
    }
    throw e; // Halt, QueryAborted, internal bugs: not catchable by Prolog
  }

  /** Checks the budget and the signal; true when an async caller asked for a pause. */
  #checkLimits(): boolean {
    const steps = this.#stepLimits;
    this.#nextCheck = Math.min(this.steps + LIMIT_CHECK_STEPS, steps.nearest);
    if (this.steps > steps.nearest) {
      // Re-armed a little later, so that the handler that ends the limit
      // can run; a goal that catches the ball and goes on gets it again.
      steps.nearest = this.#nextCheck = this.steps + LIMIT_GRACE_STEPS;
      this.#raiseLimit(inferenceLimitExceeded());
    }
    if (this.#memory.check(this.flags.stackLimit)) this.#raiseLimit(resourceError("memory"));
    if (this.bindLog !== null && this.bindLog.length > this.historyLimit) {
      this.ports?.historyFull();
    }
    if (this.steps > this.maxSteps) {
      throw new QueryAborted(`step limit of ${this.stepBudget} exceeded`);
    }
    if (this.signal !== null && this.signal.aborted) {
      throw new QueryAborted(String(this.signal.reason ?? "aborted"));
    }
    if (this.deadline !== Infinity || this.pausable || this.#timeLimits.nearest !== Infinity) {
      // One clock read per LIMIT_CHECK_STEPS inferences (about a millisecond).
      const now = performance.now();
      if (now > this.deadline) {
        throw new QueryAborted(`time limit of ${this.timeBudget} ms exceeded`);
      }
      if (now > this.#timeLimits.nearest) this.#raiseLimit(timeLimitExceeded());
      if (this.pausable && now >= this.yieldAt) this.#pauseRequested = true;
    }
    if (this.#pauseRequested && this.#atCall) {
      this.#pauseRequested = false;
      return true;
    }
    return false;
  }

  /**
   * Raises a passed limit's (catchable) ball where an exception can arise:
   * at a call, or on the way into backtracking (a failure-driven loop makes
   * no calls).
   */
  #raiseLimit(ball: PrologThrow): void {
    if (this.#atCall) {
      this.#limitBall = null;
      throw ball;
    }
    this.#limitBall = ball;
  }

  /**
   * Asks the run to stop at the next call so an async caller can wait (for
   * a sink to drain). Ignored unless the run is `pausable`.
   */
  requestPause(): void {
    if (!this.pausable) return;
    this.#pauseRequested = true;
    this.#nextCheck = 0;
  }

  /** Unifies head argument patterns with call arguments, filling the frame. */
  #unifyHead(pats: Term[], args: Term[], vars: Term[]): boolean {
    for (let i = 0; i < pats.length; i++) {
      if (!this.#unifyPat(pats[i], args[i], vars, DEEP_PATTERN)) return false;
    }
    return true;
  }

  /**
   * Unifies a head pattern with a term. `room` is the nesting left for JS
   * recursion: a deeper part (a long list in a fact) is instantiated, with
   * no recursion, and unified as a term.
   */
  #unifyPat(p: Term, t: Term, vars: Term[], room: number): boolean {
    switch (p.tag) {
      case SLOT: {
        const i = (p as Slot).index;
        const cur = vars[i];
        if (cur === undefined) {
          vars[i] = t;
          return true;
        }
        return this.#occurs === 0 ? unify(cur, t, this) : this.#unifyChecked(cur, t);
      }
      case TMPL: {
        t = deref(t);
        if (t.tag === VAR) {
          const inst = instantiate(p, vars);
          if (this.#occurs !== 0) return this.#unifyChecked(t, inst);
          bind(t as Var, inst, this);
          return true;
        }
        if (t.tag !== STRUCT || (t as Struct).fn !== (p as Template).fn) return false;
        if (room === 0) return this.unify(instantiate(p, vars), t);
        const pa = (p as Template).args, ta = (t as Struct).args;
        for (let i = 0; i < pa.length; i++) {
          if (!this.#unifyPat(pa[i], ta[i], vars, room - 1)) return false;
        }
        return true;
      }
      case ATOM: {
        t = deref(t);
        if (t === p) return true;
        if (t.tag === VAR) {
          bind(t as Var, p, this);
          return true;
        }
        return false;
      }
      case INT: {
        t = deref(t);
        if (t.tag === VAR) {
          bind(t as Var, p, this);
          return true;
        }
        return t.tag === INT && (t as Int).val === (p as Int).val;
      }
      default:
        return this.#occurs === 0 ? unify(p, t, this) : this.#unifyChecked(p, t);
    }
  }

  #loop(): boolean {
    let frame = this.frame;
    let pc = this.pc;
    for (;;) {
      const ins = frame.code[pc];
      switch (ins.op) {
        case I_CALL: {
          if (++this.steps >= this.#nextCheck && this.#checkLimits()) {
            // Paused for an async caller: resume at this same call.
            this.steps--;
            this.frame = frame;
            this.#vFrame = null;
            this.pc = pc;
            this.paused = true;
            return false;
          }
          const g = ins.goal!;
          let args: Term[];
          if (g.tag === TMPL) {
            const src = (g as Template).args;
            const n = src.length;
            args = new Array<Term>(n);
            for (let i = 0; i < n; i++) {
              const a = src[i];
              args[i] = a.tag === SLOT || a.tag === TMPL
                ? instantiate(a, frame.vars, frame.serial)
                : a;
            }
          } else if (g.tag === STRUCT) {
            args = (g as Struct).args;
          } else {
            args = NO_ARGS;
          }
          const pred = this.db.preds[ins.fn!.id];
          if (pred === undefined) {
            this.#unknown(ins.fn!);
            if (!this.#backtrack()) return false;
            frame = this.frame;
            pc = this.pc;
            continue;
          }
          if (
            this.ports !== null && (pred.traceGen !== this.traceGen || pred.traceMask !== 0)
          ) {
            this.frame = frame;
            this.#vFrame = null;
            this.pc = pc;
            if (!this.#tracedCall(pred, args, g)) {
              if (!this.#backtrack()) return false;
            }
            frame = this.frame;
            pc = this.pc;
            continue;
          }
          switch (pred.kind) {
            case P_USER: {
              let cf = frame, cpc = pc + 1;
              // Last call: continue with the caller's continuation, unless the
              // caller is a traced box that still has to report its exit.
              if (frame.code[cpc].op === I_EXIT && frame.inv === 0) {
                cpc = frame.ppc;
                cf = frame.parent!;
              }
              if (!this.#callUser(pred, args, cf, cpc, cf.height, 0)) {
                if (!this.#backtrack()) return false;
              }
              frame = this.frame;
              pc = this.pc;
              continue;
            }
            case P_DET:
              if (pred.det!(args, this)) {
                pc++;
                continue;
              }
              if (!this.#backtrack()) return false;
              frame = this.frame;
              pc = this.pc;
              continue;
          }
          // Nondeterministic builtins and control constructs.
          this.frame = frame;
          this.#vFrame = null;
          this.pc = pc;
          if (!this.#callOther(pred, args, 0)) {
            if (!this.#backtrack()) return false;
          }
          frame = this.frame;
          pc = this.pc;
          continue;
        }
        case I_EXIT:
          if (frame.inv !== 0) {
            this.frame = frame;
            this.#vFrame = frame;
            this.#vHeight = this.ports!.exit(frame.inv, frame.height);
          }
          pc = frame.ppc;
          frame = frame.parent!;
          continue;
        case I_UNIFY: {
          const g = ins.goal!;
          let a: Term, b: Term;
          if (g.tag === TMPL) {
            a = instantiate((g as Template).args[0], frame.vars, frame.serial);
            b = instantiate((g as Template).args[1], frame.vars, frame.serial);
          } else {
            a = (g as Struct).args[0];
            b = (g as Struct).args[1];
          }
          const eq = this.db.preds[ins.fn!.id]!;
          if (this.ports !== null && (eq.traceGen !== this.traceGen || eq.traceMask !== 0)) {
            this.frame = frame;
            this.#vFrame = null;
            this.pc = pc;
            if (!this.#tracedCall(eq, [a, b], g)) {
              if (!this.#backtrack()) return false;
            }
            frame = this.frame;
            pc = this.pc;
            continue;
          }
          if (this.#occurs === 0 ? unify(a, b, this) : this.#unifyChecked(a, b)) {
            pc++;
            continue;
          }
          if (!this.#backtrack()) return false;
          frame = this.frame;
          pc = this.pc;
          continue;
        }
        case I_ARITH: {
          const g = ins.goal as Template;
          const op = ins.a;
          let inv = 0;
          const ports = this.ports;
          if (ports !== null) {
            const pred = this.db.preds[ins.fn!.id]!;
            if (pred.traceGen !== this.traceGen || pred.traceMask !== 0) {
              this.frame = frame;
              this.#vFrame = null;
              this.pc = pc;
              if (op === 0) {
                // `is/2` may fill a fresh slot directly: its goal is built now.
                ++this.steps;
                const args = [
                  instantiate(g.args[0], frame.vars, frame.serial),
                  instantiate(g.args[1], frame.vars, frame.serial),
                ];
                if (!this.#tracedCall(pred, args, g)) {
                  if (!this.#backtrack()) return false;
                }
                frame = this.frame;
                pc = this.pc;
                continue;
              }
              // A comparison binds nothing: it runs in place like an untraced one.
              inv = ports.test(pred, frame, pc, this.#owner(frame), frame.lib, frame.height);
            }
          }
          ++this.steps;
          let ok: boolean;
          if (op === 0) {
            ok = evalIsIn(g.args[0], g.args[1], frame.vars, frame.serial, this);
          } else {
            const c = cmpArithIn(g.args[0], g.args[1], frame.vars);
            ok = op === ARITH_EQ
              ? c === CMP_EQ
              : op === ARITH_NE
              ? c !== CMP_EQ
              : op === ARITH_LT
              ? c === CMP_LT
              : op === ARITH_GT
              ? c === CMP_GT
              : op === ARITH_LE
              ? c === CMP_LT || c === CMP_EQ
              : c === CMP_GT || c === CMP_EQ;
          }
          if (ok) {
            pc++;
            if (inv !== 0) {
              this.pc = pc;
              ports!.passed(inv, frame.height);
            }
            continue;
          }
          if (!this.#backtrack()) return false;
          frame = this.frame;
          pc = this.pc;
          continue;
        }
        case I_CUT:
          this.cutTo(frame.cutB);
          pc++;
          continue;
        case I_MARK:
          (frame.vars as unknown[])[ins.a] = this.cpTop;
          pc++;
          continue;
        case I_CUTTO:
          this.cutTo((frame.vars as unknown[])[ins.a] as number);
          pc++;
          continue;
        case I_SOFTCUT:
          this.#cps[(frame.vars as unknown[])[ins.a] as number].active = false;
          pc++;
          continue;
        case I_TRY: {
          const cp = this.#push(CP_TRY, frame, ins.a);
          if (this.ports !== null && this.ports.bid !== 0) cp.inv = this.#owner(frame);
          pc++;
          continue;
        }
        case I_JUMP:
          pc = ins.a;
          continue;
        case I_FAIL:
          if (!this.#backtrack()) return false;
          frame = this.frame;
          pc = this.pc;
          continue;
        case I_SUCCESS:
          this.frame = frame;
          this.#vFrame = null;
          this.pc = pc;
          return true;
        case I_SPECIAL:
          this.frame = frame;
          this.#vFrame = null;
          this.pc = pc;
          if (!this.#special(ins.a)) {
            if (!this.#backtrack()) return false;
          }
          frame = this.frame;
          pc = this.pc;
          continue;
        default:
          throw new Error(`Unknown instruction ${ins.op}`);
      }
    }
  }

  /** Handles a call to an undefined predicate per the `unknown` flag (ISO 7.7.7). */
  #unknown(fn: Functor): false {
    const mode = this.flags.unknown;
    if (mode === "error") {
      throw existenceError("procedure", mkStruct("/", [fn.name, mkInt(fn.arity)]));
    }
    if (mode === "warning") {
      this.io.userError.write(`Warning: unknown procedure ${fn.indicator}\n`);
    }
    return false;
  }

  /**
   * Calls a user predicate; the continuation is (cf, cpc), whose goal height
   * is `h` (more than `cf.height` for a traced last call). `inv` is the
   * call's box (0: untraced). Sets frame/pc on success.
   */
  #callUser(pred: Pred, args: Term[], cf: Frame, cpc: number, h: number, inv: number): boolean {
    const ia = args.length > 0 ? pred.indexArg : 0;
    const list = pred.candidates(args.length > 0 ? args[ia] : undefined);
    const n = list.length;
    if (n === 0) {
      if (!pred.dynamic && !pred.defined) return this.#unknown(pred.fn);
      return false;
    }
    let i = 0;
    let key: IndexKey = null;
    if (n > 1 && args.length > 0) {
      key = indexKey(deref(args[ia]));
      if (key !== null) { while (i < n && !keyMatches(list[i].keys[ia], key)) i++; }
      if (i === n) return false;
    }
    let j = i + 1;
    if (key !== null) { while (j < n && !keyMatches(list[j].keys[ia], key)) j++; }
    const cutB = this.cpTop;
    if (j < n) {
      const cp = this.#push(CP_CLAUSES, cf, cpc);
      cp.clauses = list;
      cp.idx = j;
      cp.args = args;
      cp.key = key;
      cp.keyArg = ia;
      cp.box = inv;
      cp.lib = pred.library;
      cp.height = h;
      if (inv !== 0) cp.inv = inv;
      else if (this.ports !== null && this.ports.bid !== 0) cp.inv = this.#owner(this.frame);
      if (list === pred.clauses) pred.shared = true;
    }
    const c = list[i];
    if (c.fact) {
      // A fact has nothing to run: unify the head and continue with the
      // caller's continuation, without a frame.
      if (!this.#unifyHead(c.args, args, c.nvars === 0 ? NO_ARGS : new Array(c.nvars))) {
        return false;
      }
      this.frame = cf;
      this.pc = cpc;
      this.#vFrame = cf;
      this.#vHeight = inv !== 0 ? Math.min(this.ports!.exit(inv, h + 1), h) : h;
      return true;
    }
    const nf = new Frame(
      c.code,
      c.nvars === 0 ? NO_ARGS : new Array(c.nvars),
      cf,
      cpc,
      cutB,
      h + 1,
    );
    if (this.ports !== null) {
      nf.inv = inv;
      nf.lib = pred.library;
    }
    if (!this.#unifyHead(c.args, args, nf.vars)) return false;
    this.frame = nf;
    this.pc = 0;
    return true;
  }

  /** Calls a nondeterministic builtin or a control construct. */
  #callOther(pred: Pred, args: Term[], inv: number): boolean {
    const frame = this.frame, pc = this.pc;
    if (pred.kind === P_NONDET) {
      const cutB = this.cpTop;
      const gen = pred.gen!(args, this);
      const cp = this.#push(CP_GEN, frame, pc + 1);
      cp.gen = gen;
      cp.box = inv;
      if (inv !== 0) cp.inv = inv;
      else if (this.ports !== null && this.ports.bid !== 0) cp.inv = this.#owner(frame);
      const r = gen.next();
      if (r.done) {
        this.cutTo(cutB);
        return false;
      }
      if (r.value === LAST) this.cutTo(cutB);
      this.pc = pc + 1;
      return true;
    }
    switch (pred.control) {
      case C_INLINE:
        return this.callGoal(
          args.length === 0 ? pred.fn.name : new Struct(pred.fn, args),
          frame,
          pc + 1,
          inv,
        );
      case C_CALL: {
        let goal = deref(args[0]);
        if (args.length > 1) goal = addArgs(goal, args, 1);
        return this.callGoal(goal, frame, pc + 1, inv);
      }
      case C_CATCH: {
        const cp = this.#push(CP_CATCH, frame, pc + 1);
        if (this.#internal) this.#note("catch_enter", { height: this.cpTop });
        cp.args = args;
        if (this.ports !== null && this.ports.bid !== 0) cp.inv = this.#owner(frame);
        const exit = new Frame(
          CATCH_EXIT_CODE,
          [this.cpTop - 1 as unknown as Term],
          frame,
          pc + 1,
          0,
        );
        return this.callGoal(deref(args[0]), exit, 0, 0);
      }
      case C_FINDALL: {
        // ISO 8.10.1.3: the result must be a list or a partial list.
        checkListOrPartial(args.length > 3 ? args[3] : args[2]);
        const cp = this.#push(CP_FINDALL, frame, pc + 1);
        cp.args = args;
        cp.results = [];
        if (this.ports !== null && this.ports.bid !== 0) cp.inv = this.#owner(frame);
        const collect = new Frame(
          FINDALL_COLLECT_CODE,
          [this.cpTop - 1 as unknown as Term],
          null,
          0,
          0,
        );
        // The collector frame has no continuation (its parent is null), so it
        // names the box that owns the findall: goals run inside it are that
        // box's descendants. It never reaches an exit, so it reports none.
        collect.inv = cp.inv;
        return this.callGoal(deref(args[1]), collect, 0, 0);
      }
    }
    throw new Error(`Unknown control construct ${pred.fn.indicator}`);
  }

  /**
   * Calls `goal` as `call/1` does: cut inside it is local. Sets frame/pc.
   *
   * @param goal The goal (dereferenced).
   * @param cf Continuation frame.
   * @param cpc Continuation index.
   * @param inv The slot of the box to attach (tracing), usually 0.
   * @returns Whether the call could start (false: fails immediately).
   */
  callGoal(goal: Term, cf: Frame, cpc: number, inv: number): boolean {
    goal = deref(goal);
    if (goal.tag === VAR) throw instantiationError();
    let f: Frame;
    if (goal.tag === STRUCT && !CONTROL_FUNCTORS.has((goal as Struct).fn)) {
      f = new Frame(callCodeFor((goal as Struct).fn), (goal as Struct).args, cf, cpc, this.cpTop);
    } else if (goal.tag === ATOM && goal.name !== "!") {
      f = new Frame(callCodeFor(functorOf(goal)), NO_ARGS, cf, cpc, this.cpTop);
    } else if (goal.tag === STRUCT || goal.tag === ATOM) {
      const { code, nvars } = compileGoal(goal);
      f = new Frame(code, nvars === 0 ? NO_ARGS : new Array(nvars), cf, cpc, this.cpTop);
    } else {
      throw typeError("callable", goal);
    }
    f.inv = inv;
    this.frame = f;
    this.pc = 0;
    return true;
  }

  #special(code: number): boolean {
    const frame = this.frame;
    const idx = frame.vars[0] as unknown as number;
    switch (code) {
      case SP_CATCH_EXIT:
        if (this.#internal) this.#note("catch_exit", { det: this.cpTop - 1 === idx ? 1 : 0 });
        if (this.cpTop - 1 === idx) {
          this.#pop();
        } else {
          this.#cps[idx].active = false;
          const cp = this.#push(CP_REACTIVATE, null, 0);
          cp.idx = idx;
        }
        this.pc = 1;
        return true;
      case SP_FINDALL_COLLECT: {
        const cp = this.#cps[idx];
        cp.results!.push(copyTerm(cp.args![0]));
        return false;
      }
    }
    throw new Error(`Unknown special instruction ${code}`);
  }

  /** Backtracks to the newest choicepoint; false when the run has no more solutions. */
  #backtrack(): boolean {
    if (this.#limitBall !== null) {
      const ball = this.#limitBall;
      this.#limitBall = null;
      throw ball;
    }
    if (this.#pauseRequested && this.pausable) {
      // A failure-driven loop makes no calls: it pauses here, before
      // touching the choicepoint (see `run`).
      this.#pauseRequested = false;
      this.#resumeByBacktracking = true;
      this.paused = true;
      return false;
    }
    for (;;) {
      const cp = this.#cps[this.cpTop - 1];
      undoTo(this, cp.trailTop);
      this.varMark = cp.varMark;
      const ports = this.ports;
      if (ports !== null && (ports.bid > cp.invTop || cp.inv !== 0)) {
        // Ports of backtracking report the height of the continuation resumed.
        if (cp.frame !== null) {
          this.frame = cp.frame;
          this.#vFrame = cp.frame;
          this.#vHeight = cp.height;
        }
        ports.backtrack(
          cp.invTop,
          cp.inv,
          cp.kind === CP_CLAUSES && cp.box === cp.inv,
          cp.height >= 0 ? cp.height : this.#height(),
        );
      }
      // Retries are inferences too: a failure-driven loop must hit the budget.
      if (++this.steps >= this.#nextCheck) {
        this.#atCall = false;
        try {
          this.#checkLimits();
        } finally {
          this.#atCall = true;
        }
      }
      switch (cp.kind) {
        case CP_CLAUSES: {
          const list = cp.clauses!, key = cp.key, n = list.length, ia = cp.keyArg;
          const i = cp.idx;
          let j = i + 1;
          if (key !== null) { while (j < n && !keyMatches(list[j].keys[ia], key)) j++; }
          const cutB = this.cpTop - 1;
          const args = cp.args!, cf = cp.frame!, cpc = cp.pc;
          if (j >= n) this.#pop();
          else cp.idx = j;
          const c = list[i];
          if (c.fact) {
            if (!this.#unifyHead(c.args, args, c.nvars === 0 ? NO_ARGS : new Array(c.nvars))) {
              continue;
            }
            this.frame = cf;
            this.pc = cpc;
            this.#vFrame = cf;
            this.#vHeight = cp.height;
            // A traced fact reports its exit here: it gets no frame to exit from.
            if (cp.box !== 0 && this.ports !== null) {
              this.#vHeight = Math.min(this.ports.retried(cp.box, cp.height + 1), cp.height);
            }
            return true;
          }
          const nf = new Frame(
            c.code,
            c.nvars === 0 ? NO_ARGS : new Array(c.nvars),
            cf,
            cpc,
            cutB,
            cp.height + 1,
          );
          if (this.ports !== null) {
            nf.inv = cp.box;
            nf.lib = cp.lib;
          }
          if (!this.#unifyHead(c.args, args, nf.vars)) continue;
          this.frame = nf;
          this.pc = 0;
          return true;
        }
        case CP_TRY:
          this.#pop();
          if (!cp.active) continue;
          this.frame = cp.frame!;
          this.pc = cp.pc;
          return true;
        case CP_GEN: {
          const gen = cp.gen!, frame = cp.frame!, pc = cp.pc;
          const height = this.cpTop - 1;
          let r: IteratorResult<number, void>;
          try {
            r = gen.next();
          } catch (e) {
            this.cutTo(height);
            throw e;
          }
          if (r.done) {
            this.cutTo(height);
            continue;
          }
          const box = cp.box;
          if (r.value === LAST) this.cutTo(height);
          this.frame = frame;
          this.#vFrame = null;
          this.pc = pc;
          if (box !== 0 && this.ports !== null) this.ports.exit(box, frame.height);
          return true;
        }
        case CP_FINDALL: {
          this.#pop();
          const args = cp.args!;
          const list = mkList(cp.results!, args.length > 3 ? args[3] : undefined);
          cp.results = null;
          if (!unify(args[2], list, this)) continue;
          this.frame = cp.frame!;
          this.pc = cp.pc;
          return true;
        }
        case CP_REACTIVATE:
          this.#cps[cp.idx].active = true;
          this.#pop();
          continue;
        case CP_CATCH:
          this.#pop();
          continue;
        case CP_STOP:
          this.#pop();
          return false;
      }
    }
  }

  /** Finds the youngest active catch/3 whose catcher unifies with the ball (ISO 7.8.9). */
  #handleThrow(ball: Term): boolean {
    for (let k = this.cpTop - 1; k >= 0; k--) {
      const cp = this.#cps[k];
      if (cp.kind === CP_STOP) {
        if (this.ports !== null) this.ports.exception(cp.invTop, ball, this.#height());
        return false;
      }
      if (cp.kind !== CP_CATCH || !cp.active) continue;
      undoTo(this, cp.trailTop);
      this.cpTop = k + 1;
      this.varMark = cp.varMark;
      const mark = this.trail.length;
      if (unify(cp.args![1], ball, this)) {
        if (this.ports !== null) this.ports.exception(cp.invTop, ball, this.#height());
        if (this.#internal) this.#note("catch_recover", { height: k });
        this.cpTop = k;
        this.varMark = k > 0 ? this.#cps[k - 1].varMark : 0;
        const f = new Frame(CALL1_CODE, [cp.args![2]], cp.frame, cp.pc, k);
        this.frame = f;
        this.pc = 0;
        return true;
      }
      undoTo(this, mark);
    }
    return false;
  }

  // ---------------------------------------------------------------- tracing

  /** The goal height of the current frame (see `#vFrame`). */
  #height(): number {
    return this.frame === this.#vFrame ? this.#vHeight : this.frame.height;
  }

  /** The slot of the traced box owning code running in `frame` (0: none). */
  #owner(frame: Frame | null): number {
    while (frame !== null) {
      if (frame.inv !== 0) return frame.inv;
      frame = frame.parent;
    }
    return 0;
  }

  #tracedCall(pred: Pred, args: Term[], goal: Term): boolean {
    const ports = this.ports!;
    const frame = this.frame, pc = this.pc;
    let inv = 0;
    if (pred.kind !== P_CONTROL) {
      inv = ports.call(
        pred,
        args,
        goal,
        frame.vars,
        frame.serial,
        this.#owner(frame),
        frame.lib,
        frame.height,
      );
    }
    let ok: boolean;
    switch (pred.kind) {
      case P_USER:
        if (inv !== 0 && frame.code[pc + 1].op === I_EXIT) {
          // A traced last call: run it with the caller's continuation (LCO),
          // so a traced tail-recursive loop keeps no frames. The caller's box
          // (if any) exits right after this one, and heights are reported
          // as if the caller's frame were there.
          if (frame.inv !== 0) ports.setTail(inv, frame.inv);
          ok = this.#callUser(pred, args, frame.parent!, frame.ppc, frame.height, inv);
        } else {
          ok = this.#callUser(pred, args, frame, pc + 1, frame.height, inv);
        }
        break;
      case P_DET:
        ok = pred.det!(args, this);
        if (ok) {
          this.pc = pc + 1;
          if (inv !== 0) ports.exit(inv, this.frame.height);
        }
        break;
      default:
        ok = this.#callOther(pred, args, inv);
        if (ok && inv !== 0 && pred.kind === P_NONDET) ports.exit(inv, this.frame.height);
    }
    return ok;
  }
}

/** Raises `type_error(list, L)` unless `L` is a list or a partial list. */
function checkListOrPartial(l: Term): void {
  let t = deref(l);
  while (t.tag === STRUCT && (t as Struct).fn === DOT) t = deref((t as Struct).args[1]);
  if (t.tag !== VAR && t !== NIL) throw typeError("list", deref(l));
}

/**
 * Adds extra arguments to a goal (`call/N`, ISO 7.8.3).
 *
 * @param goal The closure, dereferenced.
 * @param extra The arguments array.
 * @param from Index of the first extra argument in `extra`.
 * @returns The extended goal.
 * @example
 * ```ts
 * import { addArgs } from "./machine.ts";
 * import { mkAtom, mkInt } from "./term.ts";
 * const g = addArgs(mkAtom("succ"), [mkAtom("succ"), mkInt(1)], 1);
 * ```
 */
export function addArgs(goal: Term, extra: Term[], from: number): Term {
  if (goal.tag === VAR) throw instantiationError();
  if (goal.tag === ATOM) return mkStruct(goal, extra.slice(from));
  if (goal.tag === STRUCT) {
    const s = goal as Struct;
    return new Struct(mkFunctor(s.fn.name, s.args.length + extra.length - from), [
      ...s.args,
      ...extra.slice(from),
    ]);
  }
  throw typeError("callable", goal);
}
