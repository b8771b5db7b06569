/**
 * The Byrd-box tracer: configures the machine's port recorder
 * (`engine/ports.ts`) from the filters and spypoints, and hands each event
 * (a view of one row of the recorder's log) to the sinks. A lone unbounded
 * `CollectorSink` gets no per-event call at all: the recorder defers its
 * rules and writes the rows into the collector's log when it is read.
 *
 * @module
 */
import { P_USER, type Pred } from "../engine/database.ts";
import type { Machine } from "../engine/machine.ts";
import {
  B_FLAGS,
  B_FN,
  BOX,
  boxGoal,
  FAR_SLOT,
  finalArgs,
  type PortListener,
  PortLog,
  Ports,
} from "../engine/ports.ts";
import {
  deref,
  functorById,
  mkAtom,
  mkInt,
  SLOT,
  type Slot,
  STRUCT,
  Struct,
  type Term,
  TMPL,
  VAR,
  Var,
} from "../engine/term.ts";
import type { BindingLog } from "../engine/unify.ts";
import { formatTerm } from "../engine/writer.ts";
import { type EventBindings, type EventSource, Port, TraceEvent, TraceRun } from "./events.ts";
import { GoalSnapshot, HistoryReader, RunContext } from "./snapshot.ts";
import { ALL_PORTS, type CompiledFilters, compileFilters, type TraceFilters } from "./filters.ts";
import type { TraceSink } from "./sinks/sink.ts";
import { CollectorSink } from "./sinks/collector.ts";
import { type SinkErrorPolicy, type SinkFailure, SinkSet } from "./_sink_set.ts";
import { TextArena } from "./_text_arena.ts";

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
/** The ports that show a goal as at its call: redo, fail, exception. */
const AS_CALLED_PORTS = (1 << Port.Redo) | (1 << Port.Fail) | (1 << Port.Exception);

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
export class Tracer implements PortListener {
  #m: Machine;
  /** @internal The machine's port recorder, configured by this tracer (the engine installs it). */
  readonly ports: Ports;
  /** The box table and scratch row of synchronous runs. */
  #log = new PortLog();
  /** The sinks, and what happens when one fails. */
  #set: SinkSet;
  /** `#set.list`: the attached sinks. */
  #sinks: TraceSink[];
  /**
   * The only sink, when it is an unbounded `CollectorSink` and nothing else
   * reads the event (no custom filter, bindings, timestamps or internal
   * events): the recorder then writes rows straight into its log.
   */
  #direct: CollectorSink | null = null;
  /** The collector of the current run, when it runs direct. */
  #directRun: CollectorSink | null = null;
  /** The collector the recorder's deferred rows go to (also after its run ended, until they are settled). */
  #deferredTo: CollectorSink | null = null;
  /** The run's binding history restarted (see `historyFull`). */
  #restarted = false;
  #filterFn: TraceFilterFn | null = null;
  #filters: CompiledFilters = compileFilters({});
  #spy = new Set<string>();
  #gen = 0;
  #builtins: boolean;
  #policy: "none" | "names" | "namesValues";
  #maxDepth: number;
  #maxItems: number;
  #timestamps: boolean;
  #fixedRunId: string | undefined;
  #event: TraceEvent;
  #runStart = 0;
  #run: TraceRun;
  #queryNames: Map<Var, string> | null = null;
  #names: [string, Var][] = [];
  /** In-place term changes so far (see `beforeTermChange`). */
  #changes = 0;
  #untraced = 0;
  /** Per box slot, what its box's goal looked like at its call (synchronous runs). */
  #calls: (CallRecord | undefined)[] = [];
  /** The call records of slots from {@linkcode FAR_SLOT} on (a long chain of pending boxes keeps few). */
  #farCalls: Map<number, CallRecord> = new Map();
  /** Records dropped from {@linkcode Tracer.#farCalls}, for reuse. */
  #spareCalls: CallRecord[] = [];
  /** Whether boxes keep their goal as at the call when made (see `boxCreated`). */
  #eager = false;
  /** Whether every sink reads goals only as text (see {@linkcode TraceSink.readsTextOnly}). */
  #textOnly = false;
  /** The final goal texts of pending boxes in slots from `FAR_SLOT` on. */
  readonly #arena: TextArena = new TextArena();
  /**
   * Per functor id, in this run: what its goals' texts start with in
   * functional notation (`loop(`), or "" when a probe did not show one. The
   * arena keeps a text that starts with it (and ends with `)`) without both.
   */
  #prefixes: (string | undefined)[] = [];
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
    this.ports = new Ports(this, m);
    this.#set = new SinkSet(options.onSinkError, () => this.emitted);
    this.#sinks = this.#set.list;
    this.#builtins = options.traceBuiltins ?? true;
    this.ports.internals = options.traceLibraryInternals ?? false;
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
    this.#run = new TraceRun(
      "",
      0,
      new RunContext(m.ops, this.#maxDepth, this.#maxItems),
      null,
    );
    // The event's lazy parts: computed from the tracer's state at the emission.
    const source: EventSource = {
      bindingsOn: policy !== "none",
      goalText: (e) => this.#goalText(e),
      goalCanonical: (e) => this.#goalCanonical(e),
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

  /** Events emitted (after filtering) since the tracer was created. */
  get emitted(): number {
    this.ports.settle();
    return this.ports.emitted;
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

  /** Decides whether runs can write rows straight into a lone collector (see `#direct`). */
  #sinksChanged(): void {
    const s = this.#sinks;
    // Exactly the collector class: a subclass may override `accept`.
    const only = s.length === 1 && Object.getPrototypeOf(s[0]) === CollectorSink.prototype
      ? s[0] as CollectorSink
      : null;
    this.#direct = only !== null && only.usesHistory && this.#filterFn === null &&
        this.#policy === "none" && !this.#timestamps && !this.internalEvents
      ? only
      : null;
  }

  /**
   * Replaces the declarative filters. Validated now: bad input throws.
   *
   * @param filters The filters (`{}` clears them).
   */
  setFilters(filters: TraceFilters): void {
    const f = this.#filters = compileFilters(filters);
    if (filters.builtins !== undefined) this.#builtins = filters.builtins;
    const p = this.ports;
    p.minDepth = f.minDepth;
    p.maxDepth = f.maxDepth;
    p.every = f.every;
    p.seed = f.seed;
    this.#newConfig();
  }

  /** Predicates' port masks are computed again (see `Pred.traceGen`). */
  #newConfig(): void {
    this.#m.traceGen = this.ports.gen = ++this.#gen;
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
    this.#newConfig();
  }

  /**
   * Removes a spypoint.
   *
   * @param pred As given to {@linkcode Tracer.spy}.
   */
  nospy(pred: string): void {
    this.#spy.delete(pred);
    this.#newConfig();
  }

  /** Removes all spypoints. */
  nospyall(): void {
    this.#spy.clear();
    this.#newConfig();
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

  /**
   * Queries that ran untraced because they were started while another
   * traced query of the engine was still open (a tracer follows one open
   * query at a time; see `Engine.query`).
   */
  get untracedQueries(): number {
    return this.#untraced;
  }

  /** @internal Counts a query that runs untraced (see {@linkcode Tracer.untracedQueries}). */
  _untracedQuery(): void {
    this.#untraced++;
  }

  /** False when the filters reject every port (and no internal event is asked for): queries then run untraced. */
  get reportsAny(): boolean {
    return this.#filters.portMask !== 0 || this.internalEvents;
  }

  /**
   * Port listener: the binding history grew past the machine's limit. The
   * sinks that read it format what they hold, and the run goes on with a
   * fresh history.
   */
  historyFull(): void {
    for (const s of this.#sinks) if (s.usesHistory === true) s.settle?.();
    const old = this.bindLog!;
    // Unfinished boxes may still report fail, exception or redo "as at the
    // call": freeze their goals as they were then, while the old history is here.
    const reader = new HistoryReader(old);
    const p = this.ports, log = p.log;
    for (let i = 0; i < p.liveTop; i++) {
      const slot = p.live[i]; // in call order: positions ascend
      const pos = log.pos[slot];
      if (pos < 0) continue;
      reader.seek(pos);
      this.#record(slot).snap = new GoalSnapshot(boxGoal(log, slot), this.#run.context, reader);
    }
    p.forgetCallPositions();
    // The new history starts with the bindings backtracking can still undo
    // (the trail's): an undoing in it names only the variable.
    const fresh: BindingLog = [];
    for (const v of this.#m.trail) if (v instanceof Var && v.ref !== null) fresh.push(v, v.ref);
    this.bindLog =
      this.#m.bindLog =
      p.history =
      this.#run.history =
        fresh;
    this.#restarted = true;
    this.#directRun?.startDirectRun(this.#run, log.rowTop, p.sid);
  }

  /** Port listener: lets the sinks that keep goals read them before a term changes in place. */
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
   * @internal Starts a run (called by the engine for each query, before the
   * machine starts it).
   *
   * @param queryId The query's number.
   * @param names The query's named variables.
   */
  startRun(queryId: number, names: [string, Var][]): void {
    this.endRun();
    // The previous runs' reports still on the recorder's tape wait there for
    // the same collector's next read; for any other sink they are settled now.
    // (A run whose history restarted settles: its goals were frozen by this tracer.)
    if (this.#direct === null || this.#direct !== this.#deferredTo || this.#restarted) {
      this.ports.settle();
    }
    this.#restarted = false;
    let history = false;
    for (const s of this.#sinks) if (s.usesHistory === true) history = true;
    // A new array per run: collectors keep the old ones for the events they hold.
    this.bindLog = history ? [] : null;
    // The run id is made on first use: a query that emits nothing (all
    // filtered out) pays for no UUID.
    const run = this.#run = new TraceRun(
      this.#fixedRunId ?? "",
      queryId,
      new RunContext(this.#m.ops, this.#maxDepth, this.#maxItems),
      this.bindLog,
    );
    this.#names = names;
    this.#queryNames = null;
    this.#runStart = this.#timestamps ? performance.now() : 0;
    const e = this.#event;
    e.run = run;
    e.timestamp = undefined;
    const p = this.ports;
    // While nothing reads goals, bindings need not be trailed to show them.
    // (A tracer with no sink yet keeps them: one may be added during the run.)
    let goals = this.#filterFn !== null || this.#policy !== "none" || this.#sinks.length === 0;
    for (const s of this.#sinks) if (s.readsGoals !== false) goals = true;
    p.keepGoals = goals;
    p.history = goals ? this.bindLog : null;
    p.internalEvents = this.internalEvents;
    const direct = this.#direct;
    p.trailAll = goals && direct === null && this.#needsFullTrail();
    const f = this.#filters;
    this.#eager = goals && direct === null &&
      (this.#filterFn !== null || f.every > 1 || (f.portMask & (1 << Port.Call)) === 0);
    let textOnly = this.#filterFn === null && this.#policy === "none" && this.#sinks.length > 0;
    for (const s of this.#sinks) {
      if (s.readsGoals !== false && s.readsTextOnly !== true) textOnly = false;
    }
    this.#textOnly = textOnly;
    this.#arena.clear();
    if (this.#prefixes.length > 0) this.#prefixes = [];
    if (this.#farCalls.size > 0) this.#farCalls = new Map();
    if (direct !== null) {
      direct.attach(p);
      p.startRun(direct.log, false, false, new DeferredRun(direct, run));
      this.#directRun = direct;
    } else {
      p.startRun(this.#log, true, true);
    }
  }

  /**
   * Whether fail, exception and redo need the machine to restore each goal
   * exactly as at its call (every binding trailed). Not when each sink
   * reads a binding history or keeps what it read at the call (when the
   * call port may not reach the sinks, `boxCreated` keeps it for them).
   */
  #needsFullTrail(): boolean {
    if (this.#sinks.length === 0) return true;
    for (const s of this.#sinks) {
      if (s.readsGoals !== false && s.usesHistory !== true && s.readsAtCall !== true) return true;
    }
    return false;
  }

  /** @internal The run's query is closed: a collector written directly may reuse its box table. */
  endRun(): void {
    this.#directRun?.endDirectRun();
    this.#directRun = null;
  }

  /** The current run id. */
  get runId(): string {
    return this.#run.runId;
  }

  /** The query's variable names by variable, built when bindings need them. */
  #queryVarNames(): Map<Var, string> {
    if (this.#queryNames === null) {
      this.#queryNames = new Map();
      for (const [n, v] of this.#names) this.#queryNames.set(v, n);
    }
    return this.#queryNames;
  }

  // ---------------------------------------------------------- port listener

  /**
   * Port listener: the port mask of `pred` under the current filters,
   * spypoints and options (stored on `pred` until they change).
   *
   * @param pred The predicate.
   * @returns Bit `1 << port` for each port to report (0: no box at all).
   */
  maskOf(pred: Pred): number {
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

  /** Port listener: the recorder's rules reached a deferred run; its rows go to its collector. */
  runStarted(p: Ports, token: unknown): void {
    const d = token as DeferredRun;
    this.#deferredTo = d.sink;
    d.sink.startDirectRun(d.run, p.log.rowTop, 0);
  }

  /** Port listener: a box was made in `slot` (synchronous runs). */
  boxCreated(p: Ports, slot: number, pattern: Term, vars: Term[]): void {
    this.#callOf(slot)?.clear();
    if (this.#policy !== "none") this.#collectNames(slot, pattern, vars);
    // The call port may not reach the sinks (a custom filter, sampling, a
    // port filter): keep now what fail, exception and redo will show.
    if (this.#eager && (p.log.boxes[slot * BOX + B_FLAGS] & AS_CALLED_PORTS) !== 0) {
      const goal = boxGoal(p.log, slot), r = this.#record(slot);
      r.snap = new GoalSnapshot(goal, this.#run.context, null, true);
      if (this.#policy !== "none") r.bindings = this.#bindingsNow(slot);
    }
  }

  /** Port listener: an event row; hands the event to the filter and the sinks. */
  event(p: Ports, row: number): boolean {
    const e = this.#event;
    e._at(p.log, row);
    e.ball = p.ball;
    if (!p.sync) {
      // A direct run's row whose goal the history cannot show: freeze it now.
      this.#deferredTo!.freezeRow(row, this.#snapshot(e));
      return true;
    }
    if (this.#timestamps) e.timestamp = performance.now() - this.#runStart;
    if (this.#filterFn !== null && !this.#filterFn(e)) return false;
    e.stepId = ++p.sid;
    p.emitted++;
    this.#dispatch(e);
    return true;
  }

  /** Port listener: an internal event, attributed to the running box. */
  internal(p: Ports, row: number, kind: string, details: Record<string, number | string>): boolean {
    const e = this.#event;
    e._at(p.log, row);
    e.ball = null;
    e.kind = kind;
    e.details = details;
    if (this.#timestamps) e.timestamp = performance.now() - this.#runStart;
    try {
      if (this.#filterFn !== null && !this.#filterFn(e)) return false;
      e.stepId = ++p.sid;
      p.emitted++;
      this.#dispatch(e);
      return true;
    } finally {
      e.kind = "";
      e.details = undefined;
    }
  }

  #dispatch(e: TraceEvent): void {
    if (this.#set.accept(e)) this.#m.requestPause();
  }

  // ---------------------------------------------------------- goal text etc.

  /** The call record of `slot` (made when first needed; reused by the slot's later boxes). */
  #record(slot: number): CallRecord {
    if (slot < FAR_SLOT) return this.#calls[slot] ??= new CallRecord();
    let r = this.#farCalls.get(slot);
    if (r === undefined) {
      r = this.#spareCalls.pop() ?? new CallRecord();
      r.clear();
      this.#farCalls.set(slot, r);
    }
    return r;
  }

  /** The call record of `slot`, if it has one. */
  #callOf(slot: number): CallRecord | undefined {
    return slot < FAR_SLOT ? this.#calls[slot] : this.#farCalls.get(slot);
  }

  /** Drops the call record of `slot`. */
  #dropCall(slot: number): void {
    if (slot < FAR_SLOT) {
      this.#calls[slot] = undefined;
      return;
    }
    const r = this.#farCalls.get(slot);
    if (r === undefined) return;
    this.#farCalls.delete(slot);
    if (this.#spareCalls.length < 64) this.#spareCalls.push(r);
  }

  #goalText(e: TraceEvent): string {
    const slot = e.slot, log = e.log;
    const kept = log.goal(slot);
    if (typeof kept === "string") return kept; // final (see finalArgs)
    if (typeof kept === "number") return this.#arenaGet(log, slot, kept);
    const r = this.#callOf(slot);
    if (r !== undefined) {
      const text0 = this.#textFromCall(e, r);
      if (text0 !== null) return text0;
    }
    const text = this.#run.context.format(boxGoal(log, slot));
    if (e.port === Port.Call) this.#keepCallText(log, slot, r, text);
    return text;
  }

  /** The text read at the box's call, if it still shows the goal (`null`: format it again). */
  #textFromCall(e: TraceEvent, r: CallRecord): string | null {
    const text0 = r.text;
    // At fail, exception and redo into its own clauses the goal is shown as
    // at the call (backtracking may have undone bindings made before it).
    if (e.asCalled) {
      if (text0 !== null) return text0;
      if (r.snap !== null) return r.snap.text;
      return null;
    }
    if (text0 === null || r.changes !== this.#changes) return null;
    // Nothing bound since the call (a test like `X > 1`), or, when every
    // binding is trailed, every binding made since undone: the trail back
    // at its height at the call means the goal is as called (a redo into a
    // choicepoint the box's first goal left, say).
    const m = this.#m;
    if (
      r.binds === m.binds ||
      (e.port !== Port.Exit && this.ports.trailAll && r.trail === m.trail.length)
    ) {
      return text0;
    }
    return null;
  }

  /** Keeps the text of a box's goal at its call (only the text, when it cannot change). */
  #keepCallText(log: PortLog, slot: number, r: CallRecord | undefined, text: string): void {
    if (this.#textOnly && finalArgs(log, slot)) {
      // Below FAR_SLOT a final text stays a JS string (read again at no cost);
      // from there on a run has a long chain of pending boxes, kept as bytes
      // (under half the memory; decoded at each reread).
      if (slot < FAR_SLOT) log.setGoal(slot, text);
      else {
        const pre = this.#prefixOf(log.boxes[slot * BOX + B_FN]);
        // What the box's functor shows anyway is not stored: `loop(` and `)`.
        const strip = pre !== "" && text.length > pre.length && text.startsWith(pre) &&
          text.endsWith(")");
        log.setTextAt(slot, this.#arenaPut(strip ? text.slice(pre.length, -1) : text, strip));
      }
      // The slot's record would outlive its use here: a pending box keeps only the text.
      if (r !== undefined && r.snap === null) this.#dropCall(slot);
      return;
    }
    const w = r ?? this.#record(slot), m = this.#m;
    w.text = text;
    w.binds = m.binds;
    w.trail = m.trail.length;
    w.changes = this.#changes;
  }

  /** The text of box `slot`'s goal, kept in the arena at `at`. */
  #arenaGet(log: PortLog, slot: number, at: number): string {
    const a = this.#arena, t = a.get(at);
    if (a.tagAt(at) === 0) return t;
    return this.#prefixOf(log.boxes[slot * BOX + B_FN]) + t + ")";
  }

  /** What goals of functor `fn` start with in functional notation ("": not known). */
  #prefixOf(fn: number): string {
    let pre = this.#prefixes[fn];
    if (pre !== undefined) return pre;
    const f = functorById(fn)!;
    const zeros = Array.from({ length: f.arity }, () => mkInt(0));
    const probe = this.#run.context.format(new Struct(f, zeros));
    const tail = zeros.map(() => "0").join(",") + ")";
    pre = "";
    if (probe.endsWith(tail)) {
      const p = probe.slice(0, probe.length - tail.length);
      if (p.endsWith("(")) pre = p;
    }
    this.#prefixes[fn] = pre;
    return pre;
  }

  /** Stores the final text of a box's goal in the arena; `full`, it first drops the texts of finished boxes. */
  #arenaPut(text: string, tag: boolean): number {
    const a = this.#arena;
    if (a.full(text) && a.size > 0) {
      const p = this.ports, log = p.log, slots: number[] = [], offsets: number[] = [];
      for (let i = 0; i < p.liveTop; i++) {
        const slot = p.live[i], g = log.goal(slot);
        if (typeof g === "number") {
          slots.push(slot);
          offsets.push(g);
        }
      }
      a.compact(offsets);
      for (let i = 0; i < slots.length; i++) log.setTextAt(slots[i], offsets[i]);
    }
    return a.put(text, tag ? 1 : 0);
  }

  /** Like `#goalText`, in canonical form: at fail, exception and redo into its own clauses as at the call. */
  #goalCanonical(e: TraceEvent): string {
    const slot = e.slot, r = this.#callOf(slot);
    if (e.asCalled && r !== undefined) {
      if (r.canon !== null) return r.canon;
      if (r.snap !== null) return this.#canonical(r.snap.term);
    }
    const text = this.#canonical(boxGoal(e.log, slot));
    if (e.port === Port.Call) this.#record(slot).canon = text;
    return text;
  }

  #canonical(t: Term): string {
    return formatTerm(t, {
      ops: this.#m.ops,
      quoted: true,
      ignoreOps: true,
      varName: this.#run.context.varName,
    });
  }

  #snapshot(e: TraceEvent): GoalSnapshot {
    const context = this.#run.context;
    if (e.kind !== "") return new GoalSnapshot(EMPTY_GOAL, context);
    const slot = e.slot;
    if (e.asCalled) {
      // Everything bound inside the box has been undone: the goal is as at its call.
      return this.#record(slot).snap ??= new GoalSnapshot(boxGoal(e.log, slot), context);
    }
    const snap = new GoalSnapshot(boxGoal(e.log, slot), context);
    if (e.port === Port.Call) this.#record(slot).snap = snap;
    return snap;
  }

  #collectNames(slot: number, pattern: Term, vars: Term[]): void {
    const names: string[] = [];
    const values: (Term | FrameSlot)[] = [];
    const seen = new Set<string>();
    const stack: Term[] = [pattern];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (t.tag === SLOT) {
        const s = t as Slot;
        if (!s.name.startsWith("_") && !seen.has(s.name)) {
          seen.add(s.name);
          names.push(s.name);
          // A slot the frame has not created yet (`W` in `r :- W < 1`) is
          // read when the bindings are: showing the goal may have created it.
          const v = vars[s.index];
          values.push(v !== undefined ? v : new FrameSlot(vars, s.index));
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
    const r = this.#record(slot);
    r.varNames = names.length > 0 ? names : null;
    r.varValues = names.length > 0 ? values : null;
  }

  #bindings(e: TraceEvent): EventBindings | undefined {
    const slot = e.slot;
    const r = slot === 0 ? undefined : this.#callOf(slot);
    if (r === undefined || r.varNames === null) return undefined;
    // As the goal: at fail, exception and redo into its own clauses, as at the call.
    if (e.asCalled) {
      const at = r.bindings;
      if (at !== null && at !== undefined) return at;
    }
    const out = this.#bindingsNow(slot);
    if (e.port === Port.Call) r.bindings = out;
    return out;
  }

  #bindingsNow(slot: number): EventBindings {
    const r = this.#callOf(slot)!;
    const names = r.varNames!, values = r.varValues!;
    const out: EventBindings = {};
    for (let i = 0; i < names.length; i++) {
      if (this.#policy === "names") {
        out[names[i]] = null;
        continue;
      }
      let v = values[i];
      if (v instanceof FrameSlot) {
        const t = v.vars[v.index];
        // Never created: a fresh variable (goals run in place bind
        // nothing). The frame is left alone: its slots belong to the machine.
        v = values[i] = t !== undefined ? t : new Var();
      }
      out[names[i]] = this.#run.context.format(v);
    }
    return out;
  }
}

/** A deferred run, as the recorder gives it back when its rules reach it. */
class DeferredRun {
  constructor(readonly sink: CollectorSink, readonly run: TraceRun) {}
}

/**
 * What a box's goal looked like at its call, for fail, exception and redo
 * (and the exit, when nothing changed since): one per box slot, cleared
 * and reused by the slot's next box.
 */
class CallRecord {
  /** The goal's text at the call. */
  text: string | null = null;
  /** The machine's binding count at the call. */
  binds = 0;
  /** The trail's length at the call. */
  trail = 0;
  /** In-place term changes before the call. */
  changes = 0;
  /** The goal frozen as at the call, when the call port may not reach the sinks. */
  snap: GoalSnapshot | null = null;
  /** The goal in canonical form at the call. */
  canon: string | null = null;
  /** The bindings shown at the call. */
  bindings: EventBindings | undefined | null = null;
  /** The names of the variables in the box's clause-level goal (bindings policy). */
  varNames: string[] | null = null;
  /** Their values (or the frame slots to read them from). */
  varValues: (Term | FrameSlot)[] | null = null;

  /** Forgets the previous box. */
  clear(): void {
    this.text = null;
    this.snap = null;
    this.canon = null;
    this.bindings = null;
    this.varNames = null;
    this.varValues = null;
  }
}

/** A frame slot not created yet when a box was made (see `#collectNames`). */
class FrameSlot {
  constructor(readonly vars: Term[], readonly index: number) {}
}

export { ALL_PORTS };
