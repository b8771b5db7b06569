/**
 * Trace events: the Byrd-box ports and the tracer-owned event object.
 *
 * One {@linkcode TraceEvent} instance is reused for every emission (no
 * allocation per event); a sink that keeps data copies it in `accept()`
 * ({@linkcode toRecord} does that). The goal text is formatted only when
 * something asks for it, once per emission.
 *
 * @module
 */
import { functorById, type Term } from "../engine/term.ts";
import type { BindingLog } from "../engine/unify.ts";
import {
  B_DEPTH,
  B_FN,
  B_ID,
  B_PARENT,
  BOX,
  boxGoal,
  PortLog,
  R_CPS,
  R_FLAG,
  R_HEAD,
  R_HEIGHT,
  R_POS,
  R_STAMP,
  ROW,
} from "../engine/ports.ts";
import type { GoalSnapshot, RunContext } from "./snapshot.ts";

export type { BindingLog, GoalSnapshot, RunContext };

/** Port numbers; also the `p` values of the JSONL schema. */
export const Port = {
  /** The goal is called. */
  Call: 0,
  /** The goal succeeded. */
  Exit: 1,
  /** Backtracking re-enters the goal. */
  Redo: 2,
  /** The goal failed (no more solutions). */
  Fail: 3,
  /** The goal was left by an exception. */
  Exception: 4,
  /** Not a port: an internal event (`kind` and `details` say what happened). */
  Internal: 5,
} as const;

/** A port number. */
export type Port = (typeof Port)[keyof typeof Port];

/** Lower-case port names, indexed by port number. */
export const PORT_NAMES: readonly PortName[] = [
  "call",
  "exit",
  "redo",
  "fail",
  "exception",
  "internal",
];

/** A port name (`internal` marks internal events, which are not ports). */
export type PortName = "call" | "exit" | "redo" | "fail" | "exception" | "internal";

/**
 * Parses a port name (case-insensitive).
 *
 * @param name E.g. `"call"` or `"EXIT"`.
 * @returns The port number.
 * @throws {TypeError} for an unknown name.
 * @example
 * ```ts
 * import { portOf } from "./events.ts";
 * console.log(portOf("exit")); // 1
 * ```
 */
export function portOf(name: string): Port {
  const i = PORT_NAMES.indexOf(name.toLowerCase() as PortName);
  if (i < 0 || i === Port.Internal) {
    throw new TypeError(
      `Unknown port "${name}": expected one of ${PORT_NAMES.slice(0, 5).join(", ")}`,
    );
  }
  return i as Port;
}

/** Bindings at an event: variable name → value text (`null` under the `names` policy). */
export type EventBindings = Record<string, string | null>;

/**
 * What the events of one run share: the query's id, the formatting context,
 * the binding history, and the run id (made on first use).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TraceRun } from "./events.ts";
 * import { RunContext } from "./snapshot.ts";
 * import { Operators } from "../engine/operators.ts";
 * const run = new TraceRun("r1", 3, new RunContext(new Operators(), 4, 10), null);
 * assert.equal(run.runId, "r1");
 * ```
 */
export class TraceRun {
  /** The query's sequence number in its engine (`qid`). */
  readonly queryId: number;
  /** The run's formatting context (operators, caps, variable names `_G1`, ...). */
  readonly context: RunContext;
  /** The run's binding history while a sink uses one (replaced when it restarts), else `null`. */
  history: BindingLog | null;
  #id: string;

  /**
   * Creates a run.
   *
   * @param runId A fixed run id, or `""` for a random UUID made on first use.
   * @param queryId The query's number.
   * @param context The formatting context.
   * @param history The binding history, or `null`.
   */
  constructor(runId: string, queryId: number, context: RunContext, history: BindingLog | null) {
    this.#id = runId;
    this.queryId = queryId;
    this.context = context;
    this.history = history;
  }

  /** The run id (`rid`): a query that emits nothing pays for no UUID. */
  get runId(): string {
    if (this.#id === "") this.#id = crypto.randomUUID();
    return this.#id;
  }
}

const NO_ROWS = new Int32Array(ROW);
const NO_LOG = new PortLog();

/**
 * The event passed to filters and sinks: a view of one row of the tracer's
 * event log (see `engine/ports.ts`) and of its box. Owned by the tracer and
 * reused: read it inside `accept()`/the filter, never keep the object.
 *
 * @example
 * ```ts
 * import type { TraceEvent } from "./events.ts";
 * function isExit(e: TraceEvent): boolean { return e.port === 1; }
 * ```
 */
export class TraceEvent {
  #log: PortLog = NO_LOG;
  #rows: Int32Array = NO_ROWS;
  #k = 0;
  /** 1, 2, 3, ... over events that passed the filters (`sid`). */
  stepId = 0;
  /** The run the event belongs to (`null` before the first run). */
  run: TraceRun | null = null;
  /** Milliseconds since the run started (`t`), when timestamps are on. */
  timestamp: number | undefined = undefined;
  /** The exception term, on the `exception` port. */
  ball: Term | null = null;
  /** Kind of an internal event (`k`): `cp_push`, `cp_pop`, `cut`, `catch_enter`, `catch_exit`; empty for port events. */
  kind = "";
  /** Details of an internal event (`d`). */
  details: Record<string, number | string> | undefined = undefined;
  #source: EventSource | null;
  /** Emissions so far; a cached lazy part is valid while its stamp equals this. */
  #gen = 0;
  #textGen = -1;
  #text = "";
  #bindingsGen = -1;
  #bindings: EventBindings | undefined = undefined;
  #snapshotGen = -1;
  #snapshot: GoalSnapshot | null = null;

  /**
   * Creates an event; the tracer passes itself as the source of the lazy parts.
   *
   * @param source Computes goal text, bindings and snapshots (none: they are empty).
   */
  constructor(source: EventSource | null = null) {
    this.#source = source;
  }

  /** The port. */
  get port(): Port {
    return (this.#rows[this.#k + R_HEAD] & 7) as Port;
  }

  /** On `exit`: no choicepoint of this invocation is left, so no `redo` can follow (`d`). */
  get det(): boolean {
    const h = this.#rows[this.#k + R_HEAD];
    return (h & 7) === 1 && (h & R_FLAG) !== 0;
  }

  /**
   * At fail, exception and a redo into the box's own clauses: every binding
   * made since the call is undone, so the goal is exactly as it was called.
   */
  get asCalled(): boolean {
    const h = this.#rows[this.#k + R_HEAD], port = h & 7;
    return port === 3 || port === 4 || (port === 2 && (h & R_FLAG) !== 0);
  }

  /** Choicepoint stack height (`cd`). */
  get choicepoints(): number {
    return this.#rows[this.#k + R_CPS];
  }

  /** Continuation height: pending frames (`gh`). */
  get goalHeight(): number {
    return this.#rows[this.#k + R_HEIGHT];
  }

  /** Variable bindings made so far in this run (`ws`). */
  get writeStamp(): number {
    return this.#rows[this.#k + R_STAMP];
  }

  /**
   * Length of {@linkcode TraceEvent.history} at this event: the goal is as
   * it was then. -1 when the history cannot show it (a goal to be shown as
   * at its call, made before the history was restarted): use `snapshot()`.
   */
  get historyPos(): number {
    return this.#rows[this.#k + R_POS];
  }

  /** @internal The box's slot in the tracer's box table (0: none). */
  get slot(): number {
    return this.#rows[this.#k + R_HEAD] >>> 4;
  }

  /** @internal The box table the event's box is in. */
  get log(): PortLog {
    return this.#log;
  }

  /** The query's sequence number in its engine (`qid`). */
  get queryId(): number {
    return this.run === null ? 0 : this.run.queryId;
  }

  /**
   * The run's binding history, kept while a sink sets
   * {@linkcode TraceSink.usesHistory}; `null` otherwise. With it and
   * {@linkcode TraceEvent.historyPos}, `goal` can be shown later as it is
   * now (see `HistoryReader`), without copying it at each event.
   */
  get history(): BindingLog | null {
    return this.run === null ? null : this.run.history;
  }

  /** The run's formatting context (operators, caps, variable names `_G1`, ...). */
  get context(): RunContext | null {
    return this.run === null ? null : this.run.context;
  }

  /** `"name/arity"` of the predicate (an interned string). */
  get predId(): string {
    const slot = this.slot;
    return slot === 0 ? "" : functorById(this.#log.boxes[slot * BOX + B_FN])!.indicator;
  }

  /** The live goal term (bindings as of now; they may change after the event); `null` for internal events. */
  get goal(): Term | null {
    const slot = this.slot;
    return slot === 0 || this.kind !== "" ? null : boxGoal(this.#log, slot);
  }

  /** Number of traced ancestor invocations (`fd`). */
  get depth(): number {
    const slot = this.slot;
    return slot === 0 ? 0 : this.#log.boxes[slot * BOX + B_DEPTH];
  }

  /** Per-run id of this invocation (`bid`). */
  get invocationId(): number {
    const slot = this.slot;
    return slot === 0 ? 0 : this.#log.boxes[slot * BOX + B_ID];
  }

  /** Per-run id of the parent invocation, 0 for the query's own goals (`pbid`). */
  get parentId(): number {
    const slot = this.slot;
    if (slot === 0) return 0;
    const b = this.#log.boxes, parent = b[slot * BOX + B_PARENT];
    return parent === 0 ? 0 : b[parent * BOX + B_ID];
  }

  /** The run id (`rid`); made on first use in each run. */
  get runId(): string {
    return this.run === null ? "" : this.run.runId;
  }

  /**
   * The goal frozen as it is now, to format later: what a sink that keeps
   * events stores instead of text. Taken once per event.
   */
  snapshot(): GoalSnapshot {
    if (this.#snapshotGen !== this.#gen) {
      this.#snapshot = this.#source!.snapshot(this);
      this.#snapshotGen = this.#gen;
    }
    return this.#snapshot!;
  }

  /** The goal as text (`writeq` style, capped, variables `_G1`, `_G2`, ...); computed once per event. */
  get goalText(): string {
    if (this.#textGen !== this.#gen) {
      this.#text = this.#source === null || this.kind !== "" || this.slot === 0
        ? ""
        : this.#source.goalText(this);
      this.#textGen = this.#gen;
    }
    return this.#text;
  }

  /** The goal in canonical form (`write_canonical`, uncapped), computed on demand. */
  get goalCanonical(): string {
    return this.#source === null || this.kind !== "" || this.slot === 0
      ? ""
      : this.#source.goalCanonical(this);
  }

  /** Bindings under the tracer's bindings policy, computed on demand. */
  get bindings(): EventBindings | undefined {
    if (this.#source === null || !this.#source.bindingsOn) return undefined;
    if (this.#bindingsGen !== this.#gen) {
      this.#bindings = this.#source.bindings(this);
      this.#bindingsGen = this.#gen;
    }
    return this.#bindings;
  }

  /**
   * @internal Points the event at row `row` of `log` (a new emission: the
   * lazy parts of the previous one are dropped).
   */
  _at(log: PortLog, row: number): void {
    this.#log = log;
    this.#rows = log.rows;
    this.#k = row * ROW;
    this.#gen++;
  }
}

/**
 * Computes the lazy parts of a {@linkcode TraceEvent} (implemented by the tracer).
 *
 * @example
 * ```ts
 * import type { EventSource } from "./events.ts";
 * function hasBindings(s: EventSource): boolean { return s.bindingsOn; }
 * ```
 */
export interface EventSource {
  /** False when no event has bindings (the `none` policy): `bindings` is then not called. */
  readonly bindingsOn: boolean;
  /** The event's goal as text. */
  goalText(e: TraceEvent): string;
  /** The event's goal in canonical form. */
  goalCanonical(e: TraceEvent): string;
  /** The event's bindings, or `undefined` under the `none` policy. */
  bindings(e: TraceEvent): EventBindings | undefined;
  /** The event's goal, frozen. */
  snapshot(e: TraceEvent): GoalSnapshot;
}

/**
 * A plain, serialisable copy of an event, as kept by `CollectorSink`.
 *
 * @example
 * ```ts
 * import type { EventRecord } from "./events.ts";
 * const r: Partial<EventRecord> = { port: "call", predId: "foo/1" };
 * ```
 */
export interface EventRecord {
  /** Port name. */
  port: PortName;
  /** `"name/arity"`. */
  predId: string;
  /** Goal text as of the event. */
  goal: string;
  /** `fd`. */
  depth: number;
  /** `cd`. */
  choicepoints: number;
  /** `gh`. */
  goalHeight: number;
  /** `ws`. */
  writeStamp: number;
  /** `sid`. */
  stepId: number;
  /** `rid`. */
  runId: string;
  /** `qid`. */
  queryId: number;
  /** `bid`. */
  invocationId: number;
  /** `pbid`. */
  parentId: number;
  /** Deterministic exit. */
  det: boolean;
  /** Bindings, when the policy is not `none`. */
  bindings?: EventBindings;
  /** Timestamp, when enabled. */
  timestamp?: number;
  /** Internal event kind. */
  kind?: string;
  /** Internal event details. */
  details?: Record<string, number | string>;
}

/**
 * Copies an event into a plain record (goal as text).
 *
 * @param e The event.
 * @returns The record.
 * @example
 * ```ts
 * import { toRecord, TraceEvent } from "./events.ts";
 * const r = toRecord(new TraceEvent());
 * console.log(r.port); // "call"
 * ```
 */
export function toRecord(e: TraceEvent): EventRecord {
  const r: EventRecord = {
    port: PORT_NAMES[e.port],
    predId: e.predId,
    goal: e.goalText,
    depth: e.depth,
    choicepoints: e.choicepoints,
    goalHeight: e.goalHeight,
    writeStamp: e.writeStamp,
    stepId: e.stepId,
    runId: e.runId,
    queryId: e.queryId,
    invocationId: e.invocationId,
    parentId: e.parentId,
    det: e.det,
  };
  const b = e.bindings;
  if (b !== undefined) r.bindings = b;
  if (e.timestamp !== undefined) r.timestamp = e.timestamp;
  if (e.kind !== "") {
    r.kind = e.kind;
    if (e.details !== undefined) r.details = e.details;
  }
  return r;
}
