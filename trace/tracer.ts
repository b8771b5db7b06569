/**
 * The Byrd-box tracer: receives the solver's port hooks, applies filters
 * and spypoints, fills the one reusable {@linkcode TraceEvent} and hands it
 * to the sinks.
 *
 * @module
 */
import { P_USER, type Pred } from "../engine/database.ts";
import type { Invocation, Machine, PortHooks } from "../engine/machine.ts";
import {
  deref,
  mkAtom,
  SLOT,
  type Slot,
  STRUCT,
  type Struct,
  type Term,
  TMPL,
  VAR,
  type Var,
} from "../engine/term.ts";
import type { BindingLog } from "../engine/unify.ts";
import { formatTerm } from "../engine/writer.ts";
import { Box } from "./_box.ts";
import { type EventBindings, type EventSource, Port, TraceEvent } from "./events.ts";
import { GoalSnapshot, HistoryReader, RunContext } from "./snapshot.ts";
import { ALL_PORTS, type CompiledFilters, compileFilters, type TraceFilters } from "./filters.ts";
import type { TraceSink } from "./sinks/sink.ts";
import { CollectorSink } from "./sinks/collector.ts";
import { type SinkErrorPolicy, type SinkFailure, SinkSet } from "./_sink_set.ts";

export type { TraceFilters };

/**
 * Options of the tracer (`new Engine(src, { trace: { ... } })`).
 *
 * @example
 * ```ts
 * import type { TracerOptions } from "./tracer.ts";
 * const o: TracerOptions = { runId: "fixed", bindings: "namesValues", maxTermDepth: 6 };
 * ```
 */
export interface TracerOptions {
  /** Fixes the run id (default: a random UUID per run). */
  runId?: string;
  /** Add a timestamp to each event (breaks byte-identical output). */
  timestamps?: boolean;
  /** `none` (default), `names` (variable names of the goal) or `namesValues`. */
  bindings?: "none" | "names" | "namesValues";
  /** Depth cap for goal text (default 4). */
  maxTermDepth?: number;
  /** List length cap for goal text (default 10). */
  maxListItems?: number;
  /** Trace builtins and library predicates (default true). */
  traceBuiltins?: boolean;
  /** Show the internal calls of library predicates (default false). */
  traceLibraryInternals?: boolean;
  /** Also emit internal events: choicepoint push/pop, cut, catch entry/exit (default false). */
  internalEvents?: boolean;
  /**
   * When a sink throws (from `accept`, or a write failure from `flush`,
   * `drain` or `close`): `"detach"` (default) detaches it, goes on, and
   * records it in {@linkcode Tracer.errors} (`flush()` and `close()` then
   * reject); `"abort"` lets the error propagate (out of the query).
   */
  onSinkError?: SinkErrorPolicy;
}

const EMPTY_GOAL = mkAtom("");

/** A custom filter: return false to drop the event (it then gets no step id). */
export type TraceFilterFn = (event: TraceEvent) => boolean;

/**
 * The tracer of one engine. Created by `new Engine(src, { trace: true })` as
 * `engine.tracer`.
 *
 * @example
 * ```ts
 * import { Engine, CollectorSink } from "../mod.ts";
 * const e = new Engine("p(1).", { trace: { runId: "r1" } });
 * const sink = new CollectorSink();
 * e.tracer!.addSink(sink);
 * e.tracer!.setFilters({ ports: ["call", "exit"] });
 * e.once("p(X)");
 * console.log(sink.events.map((r) => `${r.port} ${r.goal}`)); // ["call p(_G1)", "exit p(1)"]
 * ```
 */
export class Tracer implements PortHooks {
  #m: Machine;
  /** The sinks, and what happens when one fails. */
  #set: SinkSet;
  /** `#set.list`: the attached sinks. */
  #sinks: TraceSink[];
  /**
   * The only sink, when it is an unbounded `CollectorSink` and nothing else
   * reads the event (no custom filter, bindings or timestamps): port events
   * then go to it as plain numbers, and the event object is not filled.
   */
  #direct: CollectorSink | null = null;
  #filterFn: TraceFilterFn | null = null;
  #filters: CompiledFilters = compileFilters({});
  #spy = new Set<string>();
  #gen = 0;
  #builtins: boolean;
  #internals: boolean;
  #policy: "none" | "names" | "namesValues";
  #maxDepth: number;
  #maxItems: number;
  #timestamps: boolean;
  #fixedRunId: string | undefined;
  #event: TraceEvent;
  #sid = 0;
  #bid = 0;
  #sampleCount = 0;
  #runStart = 0;
  #bindsAtStart = 0;
  #runId = "";
  #run: RunContext;
  #queryNames: Map<Var, string> | null = null;
  #names: [string, Var][] = [];
  /** In-place term changes so far (see `beforeTermChange`). */
  #changes = 0;
  /** Set while emitting a redo whose goal is as at its call (see `PortHooks.redo`). */
  #asCalled = false;
  /** Events emitted (after filtering) since the tracer was created. */
  emitted = 0;
  /** Whether internal events are emitted (the machine reads this at each run). */
  readonly internalEvents: boolean;
  /** The run's binding history while a sink uses one (the machine reads this at each run). */
  bindLog: BindingLog | null = null;

  /**
   * Creates a tracer for a machine; the engine installs it.
   *
   * @param m The machine.
   * @param options Options.
   */
  constructor(m: Machine, options: TracerOptions = {}) {
    this.#m = m;
    this.#set = new SinkSet(options.onSinkError, () => this.emitted);
    this.#sinks = this.#set.list;
    this.#builtins = options.traceBuiltins ?? true;
    this.#internals = options.traceLibraryInternals ?? false;
    const policy = options.bindings ?? "none";
    if (policy !== "none" && policy !== "names" && policy !== "namesValues") {
      throw new TypeError(
        `Invalid bindings policy "${policy}": expected none, names or namesValues`,
      );
    }
    this.#policy = policy;
    this.#maxDepth = options.maxTermDepth ?? 4;
    this.#maxItems = options.maxListItems ?? 10;
    if (!Number.isInteger(this.#maxDepth) || this.#maxDepth < 0) {
      throw new RangeError(`Invalid maxTermDepth: ${this.#maxDepth}`);
    }
    if (!Number.isInteger(this.#maxItems) || this.#maxItems < 0) {
      throw new RangeError(`Invalid maxListItems: ${this.#maxItems}`);
    }
    this.#timestamps = options.timestamps ?? false;
    this.internalEvents = options.internalEvents ?? false;
    this.#fixedRunId = options.runId;
    this.#run = new RunContext(m.ops, this.#maxDepth, this.#maxItems);
    // The event's lazy parts: computed from the tracer's state at the emission.
    const source: EventSource = {
      runId: () => this.runId,
      bindingsOn: policy !== "none",
      goalText: (e) => this.#goalText(e),
      goalCanonical: (e) =>
        formatTerm(e.goal!, {
          ops: this.#m.ops,
          quoted: true,
          ignoreOps: true,
          varName: this.#run.varName,
        }),
      bindings: (e) => this.#policy === "none" || e.kind !== "" ? undefined : this.#bindings(e),
      snapshot: (e) => this.#snapshot(e),
    };
    this.#event = new TraceEvent(this.#set.guard(source));
  }

  // ------------------------------------------------------------- public API

  /**
   * Adds a sink; every sink receives every event that passes the filters.
   *
   * @param sink The sink.
   */
  addSink(sink: TraceSink): void {
    this.#set.add(sink);
    this.#sinksChanged();
  }

  /**
   * Removes a sink (it is not closed).
   *
   * @param sink The sink.
   * @returns Whether it was attached.
   */
  removeSink(sink: TraceSink): boolean {
    if (!this.#set.remove(sink)) return false;
    this.#sinksChanged();
    return true;
  }

  /** The attached sinks. */
  get sinks(): readonly TraceSink[] {
    return this.#sinks;
  }

  /**
   * The sinks that failed and were detached (`onSinkError: "detach"`),
   * oldest first; see {@linkcode SinkFailure} for the counts.
   *
   * @example
   * ```ts
   * import { Engine, JsonlSink } from "../mod.ts";
   * const file = Deno.openSync(Deno.makeTempFileSync(), { write: true });
   * file.close(); // every write will fail
   * const e = new Engine("p(1).", { trace: true });
   * e.tracer!.addSink(new JsonlSink(file));
   * console.log(e.once("p(X)")?.text.X); // "1": the query is not affected
   * await e.tracer!.close().catch(() => {}); // rejects: the sink failed
   * console.log(e.tracer!.errors[0].lost); // 2 (call and exit)
   * ```
   */
  get errors(): readonly SinkFailure[] {
    return this.#set.failures;
  }

  /**
   * Sets (or clears, with `null`) a custom filter run on each candidate event.
   *
   * @param fn The filter.
   */
  setFilter(fn: TraceFilterFn | null): void {
    if (fn !== null && typeof fn !== "function") {
      throw new TypeError("setFilter expects a function or null");
    }
    this.#filterFn = fn;
    this.#sinksChanged();
  }

  /** Decides whether port events can skip the event object (see `#direct`). */
  #sinksChanged(): void {
    const s = this.#sinks;
    // Exactly the collector class: a subclass may override `accept`.
    const only = s.length === 1 && Object.getPrototypeOf(s[0]) === CollectorSink.prototype
      ? s[0] as CollectorSink
      : null;
    this.#direct = only !== null && only.usesHistory && this.#filterFn === null &&
        this.#policy === "none" && !this.#timestamps
      ? only
      : null;
  }

  /**
   * Replaces the declarative filters. Validated now: bad input throws.
   *
   * @param filters The filters (`{}` clears them).
   */
  setFilters(filters: TraceFilters): void {
    this.#filters = compileFilters(filters);
    if (filters.builtins !== undefined) this.#builtins = filters.builtins;
    this.#m.traceGen = ++this.#gen;
  }

  /**
   * Sets a spypoint: while any is set, only spied predicates are traced.
   *
   * @param pred `"name/arity"` or `"name"` (all arities).
   */
  spy(pred: string): void {
    if (typeof pred !== "string" || pred.length === 0) {
      throw new TypeError(`Invalid spypoint: "${pred}"`);
    }
    this.#spy.add(pred);
    this.#m.traceGen = ++this.#gen;
  }

  /**
   * Removes a spypoint.
   *
   * @param pred As given to {@linkcode Tracer.spy}.
   */
  nospy(pred: string): void {
    this.#spy.delete(pred);
    this.#m.traceGen = ++this.#gen;
  }

  /** Removes all spypoints. */
  nospyall(): void {
    this.#spy.clear();
    this.#m.traceGen = ++this.#gen;
  }

  /** The spypoints set. */
  get spypoints(): string[] {
    return [...this.#spy];
  }

  /**
   * Flushes every sink. A sink that fails is detached (`onSinkError:
   * "detach"`); then this rejects if a sink failed since the last `flush()`.
   */
  flush(): Promise<void> {
    return this.#set.flush();
  }

  /**
   * Closes every sink (and detaches them). Rejects, after closing the
   * others, when a sink failed since the last `close()`: with an `Error`
   * naming the sink and the events it lost (its `cause` is what the sink
   * threw), an `AggregateError` for several.
   */
  close(): Promise<void> {
    const closing = this.#set.close();
    this.#sinksChanged();
    return closing;
  }

  /** False when the filters reject every port: the machine then needs no full trail. */
  get trailAll(): boolean {
    return this.#filters.portMask !== 0 || this.internalEvents;
  }

  /**
   * The binding history grew past the machine's limit: the sinks that read
   * it format what they hold, and the run goes on with a fresh history.
   */
  historyFull(): void {
    for (const s of this.#sinks) if (s.usesHistory === true) s.settle?.();
    const old = this.bindLog!;
    // Unfinished boxes may still report fail, exception or redo "as at the
    // call": freeze their goals as they were then, while the old history is here.
    const reader = new HistoryReader(old);
    for (const inv of this.#m.live) {
      const box = inv as Box; // in call order: positions ascend
      if (box.callLog !== old || box.callSnap !== null) continue;
      reader.seek(box.callPos);
      box.callSnap = new GoalSnapshot(box.goal, this.#run, reader);
    }
    const log: BindingLog = [];
    this.bindLog = this.#m.bindLog = this.#event.history = log;
  }

  /** Lets the sinks that keep goals read them before a term changes in place. */
  beforeTermChange(): void {
    this.#changes++;
    for (const s of this.#sinks) s.settle?.();
  }

  /** True when some sink wants its backlog written before more events come. */
  get needsDrain(): boolean {
    for (const s of this.#sinks) if (s.needsDrain) return true;
    return false;
  }

  /** Waits until every sink's backlog is written. */
  drain(): Promise<void> {
    return this.#set.drain();
  }

  /**
   * @internal Starts a run (called by the engine for each query).
   *
   * @param queryId The query's number.
   * @param names The query's named variables.
   */
  startRun(queryId: number, names: [string, Var][]): void {
    // The run id is made on first use: a query that emits nothing (all
    // filtered out) pays for no UUID.
    this.#runId = this.#fixedRunId ?? "";
    this.#sid = 0;
    this.#bid = 0;
    this.#sampleCount = 0;
    this.#run = new RunContext(this.#m.ops, this.#maxDepth, this.#maxItems);
    this.#names = names;
    this.#queryNames = null;
    this.#runStart = this.#timestamps ? performance.now() : 0;
    this.#bindsAtStart = this.#m.binds;
    let history = false;
    for (const s of this.#sinks) if (s.usesHistory === true) history = true;
    // A new array per run: collectors keep the old ones for the events they hold.
    this.bindLog = history ? [] : null;
    const e = this.#event;
    e.history = this.bindLog;
    e.context = this.#run;
    e.queryId = queryId;
    e.timestamp = undefined;
  }

  /** The current run id. */
  get runId(): string {
    if (this.#runId === "") this.#runId = crypto.randomUUID();
    return this.#runId;
  }

  /** The query's variable names by variable, built when bindings need them. */
  #queryVarNames(): Map<Var, string> {
    if (this.#queryNames === null) {
      this.#queryNames = new Map();
      for (const [n, v] of this.#names) this.#queryNames.set(v, n);
    }
    return this.#queryNames;
  }

  // ------------------------------------------------------------- port hooks

  #maskOf(pred: Pred): number {
    const system = pred.kind !== P_USER || pred.library;
    const f = this.#filters;
    let mask = f.portMask;
    const ind = pred.fn.indicator, name = pred.fn.name.name;
    if (system && !this.#builtins) mask = 0;
    else if (this.#spy.size > 0 && !this.#spy.has(ind) && !this.#spy.has(name)) mask = 0;
    else if (f.include !== null && !f.include.has(ind) && !f.include.has(name)) mask = 0;
    else if (f.exclude.has(ind) || f.exclude.has(name)) mask = 0;
    pred.traceMask = mask;
    pred.traceGen = this.#gen;
    this.#m.traceGen = this.#gen;
    return mask;
  }

  /** Port hook: decides whether the call gets a box and reports its `call` port. */
  call(
    m: Machine,
    pred: Pred,
    args: Term[] | null,
    parent: Invocation | null,
    fromLib: boolean,
    pattern: Term,
    vars: Term[],
    serial: number,
  ): Invocation | null {
    const mask = pred.traceGen === this.#gen ? pred.traceMask : this.#maskOf(pred);
    if (mask === 0) return null;
    if (fromLib && !this.#internals && (pred.library || pred.kind !== P_USER)) return null;
    // An instantiated goal is built from `args` when first shown.
    const goal = pattern.tag === TMPL || pattern.tag === SLOT ? null : pattern;
    const box = new Box(
      ++this.#bid,
      parent as Box | null,
      pred,
      goal,
      args,
      pattern,
      vars,
      serial,
      m.cpTop,
      mask,
    );
    if (this.#policy !== "none") this.#collectNames(box, pattern, vars);
    this.#emit(Port.Call, box, false);
    return box;
  }

  /** Port hook: the invocation exited (`det` when no choicepoint of it is left). */
  exit(_m: Machine, inv: Invocation, det: boolean, height: number): void {
    this.#emit(Port.Exit, inv as Box, det, height);
  }

  /** Port hook: backtracking re-enters the invocation. */
  redo(_m: Machine, inv: Invocation, asCalled: boolean): void {
    this.#asCalled = asCalled;
    this.#emit(Port.Redo, inv as Box, false);
    this.#asCalled = false;
  }

  /** Port hook: the invocation failed. */
  fail(_m: Machine, inv: Invocation): void {
    this.#emit(Port.Fail, inv as Box, false);
  }

  /** Port hook: the invocation was left by an exception. */
  exception(_m: Machine, inv: Invocation, ball: Term): void {
    this.#event.ball = ball;
    this.#emit(Port.Exception, inv as Box, false);
    this.#event.ball = null;
  }

  /** Internal-event hook: emitted with port `internal`, attributed to the running box. */
  internal(m: Machine, kind: string, details: Record<string, number | string>): void {
    const e = this.#event;
    const owner = m.live.length > 0 ? m.live[m.live.length - 1] as Box : null;
    e.port = Port.Internal;
    e.invocation = owner;
    e.choicepoints = m.cpTop;
    e.goalHeight = m.frame.height;
    e.writeStamp = m.binds - this.#bindsAtStart;
    e.det = false;
    if (this.#timestamps) e.timestamp = performance.now() - this.#runStart;
    e.historyPos = this.bindLog === null ? 0 : this.bindLog.length;
    e.kind = kind;
    e.details = details;
    e._next();
    try {
      if (this.#filterFn !== null && !this.#filterFn(e)) return;
      e.stepId = ++this.#sid;
      this.emitted++;
      this.#set.accept(e);
    } finally {
      e.kind = "";
      e.details = undefined;
    }
  }

  #emit(port: Port, box: Box, det: boolean, height: number = this.#m.frame.height): void {
    if ((box.mask & (1 << port)) === 0) return;
    const f = this.#filters;
    if (box.depth < f.minDepth || box.depth > f.maxDepth) return;
    if (f.every > 1 && (this.#sampleCount++ % f.every) !== f.seed) return;
    const m = this.#m;
    const log = this.bindLog;
    // Where the history shows the goal: now, or as at the call (-1: the call
    // came before the history restarted; the goal must be frozen now instead).
    let pos = -1;
    if (log !== null) {
      if (port === Port.Call) {
        pos = box.callPos = log.length;
        box.callLog = log;
      } else if (!this.#sameAsCall(port)) pos = log.length;
      else if (box.callLog === log) pos = box.callPos;
    }
    const direct = this.#direct;
    if (direct !== null && pos >= 0) {
      // The collector takes numbers and reads the goal later through the history.
      this.emitted++;
      const stamp = m.binds - this.#bindsAtStart;
      direct.acceptPort(port, det, m.cpTop, height, stamp, ++this.#sid, box, pos, this.#event);
      return;
    }
    const e = this.#event;
    e.port = port;
    e.invocation = box;
    e.choicepoints = m.cpTop;
    e.goalHeight = height;
    e.writeStamp = m.binds - this.#bindsAtStart;
    e.det = det;
    if (this.#timestamps) e.timestamp = performance.now() - this.#runStart;
    e.historyPos = log === null ? 0 : pos;
    e._next();
    if (this.#filterFn !== null && !this.#filterFn(e)) return;
    e.stepId = ++this.#sid;
    this.emitted++;
    if (this.#set.accept(e)) this.#m.requestPause();
  }

  // ---------------------------------------------------------- goal text etc.

  #goalText(e: TraceEvent): string {
    const box = e.invocation as Box;
    const port = e.port;
    // At fail, exception and redo into its own clauses the goal is shown as
    // at the call (backtracking may have undone bindings made before it).
    if (this.#sameAsCall(port)) {
      if (box.callText !== null) return box.callText;
      if (box.callSnap !== null) return box.callSnap.text;
    }
    if (box.callText !== null && box.callChanges === this.#changes) {
      // Nothing bound since the call (a test like `X > 1`), or every binding
      // made since undone: while tracing, each binding is trailed, so the
      // trail back at its height at the call means the goal is as called
      // (a redo into a choicepoint the box's first goal left, say).
      if (
        port === Port.Exit
          ? box.callBinds === this.#m.binds
          : box.callTrail === this.#m.trail.length
      ) {
        return box.callText;
      }
    }
    const text = this.#run.format(box.goal);
    if (port === Port.Call) {
      box.callText = text;
      box.callBinds = this.#m.binds;
      box.callTrail = this.#m.trail.length;
      box.callChanges = this.#changes;
    }
    return text;
  }

  /** Ports at which a box's goal is exactly as it was at its call. */
  #sameAsCall(port: Port): boolean {
    return port === Port.Fail || port === Port.Exception || (port === Port.Redo && this.#asCalled);
  }

  #snapshot(e: TraceEvent): GoalSnapshot {
    if (e.kind !== "") return new GoalSnapshot(EMPTY_GOAL, this.#run);
    const box = e.invocation as Box;
    const port = e.port;
    if (this.#sameAsCall(port)) {
      // Everything bound inside the box has been undone: the goal is as at its call.
      return box.callSnap ??= new GoalSnapshot(box.goal, this.#run);
    }
    const snap = new GoalSnapshot(box.goal, this.#run);
    if (port === Port.Call) box.callSnap = snap;
    return snap;
  }

  #collectNames(box: Box, pattern: Term, vars: Term[]): void {
    const names: string[] = [];
    const values: Term[] = [];
    const seen = new Set<string>();
    const stack: Term[] = [pattern];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (t.tag === SLOT) {
        const s = t as Slot;
        if (!s.name.startsWith("_") && !seen.has(s.name)) {
          seen.add(s.name);
          names.push(s.name);
          values.push(vars[s.index]);
        }
      } else if (t.tag === VAR) {
        const d = deref(t);
        const n = this.#queryVarNames().get(t as Var);
        if (n !== undefined && !n.startsWith("_") && !seen.has(n)) {
          seen.add(n);
          names.push(n);
          values.push(d);
        }
      } else if (t.tag === STRUCT || t.tag === TMPL) {
        const args = (t as Struct).args;
        for (let i = args.length - 1; i >= 0; i--) stack.push(args[i]);
      }
    }
    if (names.length > 0) {
      box.names = names;
      box.values = values;
    }
  }

  #bindings(e: TraceEvent): EventBindings | undefined {
    const box = e.invocation as Box | null;
    if (box === null || box.names === null) return undefined;
    const out: EventBindings = {};
    for (let i = 0; i < box.names.length; i++) {
      out[box.names[i]] = this.#policy === "names" ? null : this.#run.format(box.values![i]);
    }
    return out;
  }
}

export { ALL_PORTS };
