/**
 * The port contract between the solver and whatever watches it: Byrd boxes
 * and their events as numbers in typed arrays.
 *
 * A traced call gets a box: a slot in a box table ({@linkcode PortLog.boxes})
 * holding its id, predicate, parent, depth, the choicepoint height and the
 * binding-history position at the call, its port mask and state. Each event
 * is one row of five numbers ({@linkcode PortLog.rows}): the box's slot with
 * the port and a flag, the choicepoint height, the goal height, the write
 * stamp and the history position. Nothing is allocated per event, and per
 * box only the goal's parts are kept (the call's argument array, which the
 * call made anyway). Goals and their text are rebuilt from those parts and
 * the binding history only when somebody reads them.
 *
 * {@linkcode Ports} owns the live-box stack and the Byrd-box rules: exits
 * (with the boxes a last call leaves pending), fail, redo order
 * (outermost first), exceptions and cut. The machine calls it with numbers;
 * a {@linkcode PortListener} (the tracer) configures it and, in synchronous
 * mode, is called after each row. In deferred mode (a lone collector) each
 * report is a row on a tape ({@linkcode TAPE} numbers), and the rules run on
 * the tape when the rows are read ({@linkcode Ports.settle}).
 *
 * @module
 */
import { P_USER, type Pred } from "./database.ts";
import { instantiate } from "./compile.ts";
import { deref, functorById, mkAtom, STRUCT, Struct, type Term, VAR } from "./term.ts";
import type { BindingLog } from "./unify.ts";

/** The call port. */
export const PORT_CALL = 0;
/** The exit port. */
export const PORT_EXIT = 1;
/** The redo port. */
export const PORT_REDO = 2;
/** The fail port. */
export const PORT_FAIL = 3;
/** The exception port. */
export const PORT_EXCEPTION = 4;
/** Not a port: an internal event (choicepoint push/pop, cut, catch). */
export const PORT_INTERNAL = 5;

// Box table columns (stride BOX).
/** Box column: the box's id in its run (1, 2, ...). */
export const B_ID = 0;
/** Box column: the predicate's functor id. */
export const B_FN = 1;
/** Box column: the parent box's slot (0: none). */
export const B_PARENT = 2;
/** Box column: number of traced ancestors. */
export const B_DEPTH = 3;
/** Box column: choicepoint height at the call (an exit at this height is deterministic). */
export const B_CP = 4;
/** Box column: port mask (bits 0–5) and state ({@linkcode EXITED}). */
export const B_FLAGS = 5;
/** Box column: the box that exits right after this one (a caller whose last call this is). */
export const B_TAIL = 6;
/**
 * Numbers per box. (The binding-history position at the call is in
 * {@linkcode PortLog.pos}, written only while a run keeps a history.)
 */
export const BOX = 7;
/** State bit: exited, and not yet re-entered by a redo. */
export const EXITED = 1 << 8;

// Row columns (stride ROW).
/** Row column: `slot << 4 | flag << 3 | port`; the flag marks a deterministic exit, or a redo into the box's own clauses. */
export const R_HEAD = 0;
/** Row column: choicepoint height. */
export const R_CPS = 1;
/** Row column: goal height. */
export const R_HEIGHT = 2;
/** Row column: bindings made in the run so far. */
export const R_STAMP = 3;
/** Row column: binding-history position of the goal (-1: none). */
export const R_POS = 4;
/** Numbers per row. */
export const ROW = 5;
/** The flag bit of {@linkcode R_HEAD}. */
export const R_FLAG = 8;
/**
 * A capacity of at least `need + 1`: doubling while small, then by a
 * quarter, so a long run's tables are at most a quarter larger than needed.
 */
function grownCap(cap: number, need: number): number {
  while (cap <= need) cap = cap < 1 << 20 ? cap * 2 : cap + (cap >> 2);
  return cap;
}

/**
 * `a` with room for `length` numbers: its buffer transferred, so the old
 * memory is freed now, not at a later collection (a table of millions of
 * pending boxes would otherwise be held twice). `a` is detached.
 */
function grownArray(a: Int32Array, length: number): Int32Array {
  return new Int32Array((a.buffer as ArrayBuffer).transfer(length * 4));
}

/**
 * What a box keeps of its goal (see {@linkcode PortLog.goal}): the call's
 * arguments, a goal run in place, the goal once built, or its final text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type BoxGoalPart, PortLog } from "./ports.ts";
 * import { mkAtom } from "./term.ts";
 * const log = new PortLog();
 * const args: BoxGoalPart = [mkAtom("a")];
 * log.setGoal(1, args);
 * assert.equal(log.goal(1), args);
 * ```
 */
export type BoxGoalPart = Term[] | InPlaceGoal | Term | string;

/**
 * Slots from this one on (a long chain of pending boxes) keep their goals
 * in a map rather than in {@linkcode PortLog.goals}, and a final text as a
 * number in a typed array ({@linkcode PortLog.setTextAt}): the box table
 * then grows by typed arrays only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FAR_SLOT, PortLog } from "./ports.ts";
 * const log = new PortLog();
 * log.setGoal(FAR_SLOT, "p(1)");
 * assert.equal(log.goals.length, 0);
 * assert.equal(log.goal(FAR_SLOT), "p(1)");
 * ```
 */
export const FAR_SLOT = 1 << 14;

/** The goal of a box that kept none (see {@linkcode Ports.keepGoals}). */
const NO_GOAL: Term = mkAtom("");
/** Slots above this cannot be packed into a row head. */
const MAX_SLOT = (1 << 26) - 1;

/**
 * Boxes and event rows, in growable typed arrays. Slot 0 is never used (it
 * means "no box").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PortLog } from "./ports.ts";
 * const log = new PortLog();
 * assert.equal(log.boxTop, 1);
 * assert.equal(log.rowTop, 0);
 * ```
 */
export class PortLog {
  /** The box table, {@linkcode BOX} numbers per slot. */
  boxes: Int32Array = new Int32Array(64 * BOX);
  /**
   * Per slot below {@linkcode FAR_SLOT} (read and write any slot with
   * {@linkcode PortLog.goal} and {@linkcode PortLog.setGoal}): the call's
   * arguments, a goal run in place, or the goal once built; or, once a
   * listener that shows goals only as text knows the text cannot change
   * (see {@linkcode finalArgs}), the text.
   */
  goals: (BoxGoalPart | undefined)[] = [];
  /** The same for slots from {@linkcode FAR_SLOT} on that hold one. */
  #far: Map<number, BoxGoalPart> = new Map();
  /** Per slot from {@linkcode FAR_SLOT} on: where a listener keeps the goal's text (-1: it does not). */
  #textAt: Int32Array = new Int32Array(0);
  /**
   * Per slot, while the box's run keeps a binding history: its position at
   * the call (-1: the history restarted since). Empty otherwise, so a
   * pending box of a run without one costs no number for it.
   */
  pos: Int32Array = new Int32Array(0);
  /** The next slot never used. */
  boxTop = 1;
  /** Slots the arrays have room for. */
  boxCap = 64;
  /** Event rows, {@linkcode ROW} numbers each. */
  rows: Int32Array = new Int32Array(256 * ROW);
  /** Rows written. */
  rowTop = 0;
  /** Rows the array has room for. */
  rowCap = 256;
  /** Whether boxes keep their goals (see {@linkcode Ports.keepGoals}). */
  keepGoals = true;

  /**
   * What box `slot` keeps of its goal: as {@linkcode PortLog.goals} holds
   * it, or, for a slot from {@linkcode FAR_SLOT} on whose text a listener
   * keeps, the number it gave {@linkcode PortLog.setTextAt}.
   *
   * @param slot The box.
   * @returns The goal's parts, the text's locator, or `undefined`.
   */
  goal(slot: number): BoxGoalPart | number | undefined {
    if (slot < FAR_SLOT) return this.goals[slot];
    const g = this.#far.get(slot);
    if (g !== undefined) return g;
    const at = slot < this.#textAt.length ? this.#textAt[slot] : -1;
    return at >= 0 ? at : undefined;
  }

  /**
   * Sets what box `slot` keeps of its goal.
   *
   * @param slot The box.
   * @param g The goal's parts (`undefined`: nothing).
   */
  setGoal(slot: number, g: BoxGoalPart | undefined): void {
    if (slot < FAR_SLOT) {
      this.goals[slot] = g;
      return;
    }
    if (g === undefined) this.#far.delete(slot);
    else this.#far.set(slot, g);
    if (slot < this.#textAt.length) this.#textAt[slot] = -1;
  }

  /**
   * For a slot from {@linkcode FAR_SLOT} on: the box keeps only its goal's
   * text, which the listener keeps at `at` (a long chain of pending boxes
   * then costs no JS object per box).
   *
   * @param slot The box (at least {@linkcode FAR_SLOT}).
   * @param at Where the listener keeps the text (at least 0).
   */
  setTextAt(slot: number, at: number): void {
    this.#far.delete(slot);
    if (slot >= this.#textAt.length) {
      const old = this.#textAt.length;
      this.#textAt = grownArray(this.#textAt, grownCap(Math.max(old, FAR_SLOT), slot));
      this.#textAt.fill(-1, old);
    }
    this.#textAt[slot] = at;
  }

  /**
   * Sets the binding-history position at the call of box `slot`.
   *
   * @param slot The box.
   * @param at The position (-1: none).
   */
  setPos(slot: number, at: number): void {
    if (slot >= this.pos.length) this.pos = grownArray(this.pos, grownCap(this.boxCap, slot));
    this.pos[slot] = at;
  }

  /** Makes room for slot `slot`. */
  growBoxes(slot: number): void {
    const cap = this.boxCap = grownCap(this.boxCap, slot);
    this.boxes = grownArray(this.boxes, cap * BOX);
  }

  /** Makes room for row `row`. */
  growRows(row: number): void {
    const cap = this.rowCap = grownCap(this.rowCap, row);
    this.rows = grownArray(this.rows, cap * ROW);
  }

  /** Forgets every box and row (keeps the arrays while they are small). */
  clear(): void {
    if (this.boxTop > 1 << 16) {
      this.boxCap = 64;
      this.boxes = new Int32Array(64 * BOX);
      this.goals = [];
      this.pos = new Int32Array(0);
    }
    if (this.#far.size > 0) this.#far = new Map();
    if (this.#textAt.length > 0) this.#textAt = new Int32Array(0);
    if (this.rowTop > 1 << 16) {
      this.rowCap = 256;
      this.rows = new Int32Array(256 * ROW);
    }
    this.boxTop = 1;
    this.rowTop = 0;
  }
}

/**
 * What {@linkcode Ports} reads from the machine at each event.
 *
 * @example
 * ```ts
 * import type { PortMachine } from "./ports.ts";
 * const m: PortMachine = { cpTop: 1, binds: 0, bindLog: null };
 * ```
 */
export interface PortMachine {
  /** Choicepoint height. */
  readonly cpTop: number;
  /** Bindings made so far. */
  readonly binds: number;
  /** The run's binding history, or `null`. */
  readonly bindLog: BindingLog | null;
}

/**
 * Configures {@linkcode Ports} and receives what it reports (the tracer).
 *
 * @example
 * ```ts
 * import type { PortListener } from "./ports.ts";
 * const quiet: PortListener = { maskOf: (p) => (p.traceMask = 0), event: () => true };
 * ```
 */
export interface PortListener {
  /** Computes the port mask of `pred` for the current configuration and stores it on `pred`. */
  maskOf(pred: Pred): number;
  /**
   * A row was written at `row` of `ports.log`: in synchronous mode after
   * every row, otherwise only for a row whose goal the history cannot show
   * (`R_POS` is -1). In synchronous mode the listener counts the events it
   * keeps (`ports.sid`, `ports.emitted`); returns false when it drops the row.
   */
  event(ports: Ports, row: number): boolean;
  /** Synchronous mode: a box was created in `slot` (its call event may be filtered out). */
  boxCreated?(ports: Ports, slot: number, pattern: Term, vars: Term[]): void;
  /** An internal event, written at `row` with port {@linkcode PORT_INTERNAL}; counted like `event`. */
  internal?(
    ports: Ports,
    row: number,
    kind: string,
    details: Record<string, number | string>,
  ): boolean;
  /** A term is about to change in place (see `Machine.beforeTermChange`). */
  beforeTermChange?(): void;
  /**
   * Deferred mode: the rules reached the first report of the run started
   * with `token` (see {@linkcode Ports.startRun}); its rows follow in `ports.log`.
   */
  runStarted?(ports: Ports, token: unknown): void;
  /** The binding history passed `machine.historyLimit` entries (see `Machine.historyLimit`). */
  historyFull?(): void;
}

// The tape of a deferred run: one row of TAPE numbers per report of the
// machine, turned into event rows by the Byrd-box rules when somebody reads.
/** Tape column: `slot << 5 | flags | kind` (call, exit) or the kind alone. */
const T_HEAD = 0;
/** Tape column: call: the functor id; back: the box count at the choicepoint; cut: the height cut to. */
const T_A = 1;
/** Tape column: call: the parent's slot; back: `owner << 1 | own`. */
const T_B = 2;
/** Tape column: the goal height. */
const T_HEIGHT = 3;
/** Tape column: the choicepoint height. */
const T_CPS = 4;
/** Tape column: bindings made so far. */
const T_STAMP = 5;
/** Tape column: the binding history's length. */
const T_POS = 6;
/**
 * Tape column: call: the port mask, and for a goal run in place its
 * instruction index `<< 6`; back with `F_EXITED`: the history's length at the exit.
 */
const T_X = 7;
/** Numbers per tape row. */
const TAPE = 8;
const K_CALL = 0;
const K_EXIT = 1;
const K_BACK = 2;
const K_CUT = 3;
/** A deferred run starts (`T_A`: its entry in the run starts): its reports follow. */
const K_RUN = 4;
/** Call flag: the goal runs in place (its reference is the caller's frame). */
const F_IN_PLACE = 8;
/** Call flag: the box also exited there and then (a test that succeeded); back flag: the retried fact exited. */
const F_EXITED = 16;
/** Back flag, with `F_EXITED`: the retry took the last clause (its choicepoint is gone at the exit). */
const F_POPPED = 32;

/** What the rules need of a deferred run when they reach its first report. */
interface RunStart {
  readonly token: unknown;
  readonly bindsAtStart: number;
  readonly history: boolean;
  readonly minDepth: number;
  readonly maxDepth: number;
  readonly every: number;
  readonly seed: number;
}

/**
 * What the tape keeps of a frame whose goal runs in place (the machine's
 * `Frame`): its code shows the goal's pattern, its slots and serial its variables.
 *
 * @example
 * ```ts
 * import type { InPlaceFrame } from "./ports.ts";
 * import { mkAtom } from "./term.ts";
 * const f: InPlaceFrame = { code: [{ goal: mkAtom("true") }], vars: [], serial: 0 };
 * ```
 */
export interface InPlaceFrame {
  /** The frame's instructions; the one at the goal's index holds its pattern. */
  readonly code: readonly { readonly goal: Term | null }[];
  /** The frame's slots. */
  readonly vars: Term[];
  /** The age of the variables the frame creates. */
  readonly serial: number;
}
/**
 * The goal of a box run in place, as the box keeps it until something
 * reads it: the pattern over the caller's frame slots.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { boxGoal, InPlaceGoal, PortLog } from "./ports.ts";
 * import { mkAtom } from "./term.ts";
 * const log = new PortLog();
 * log.goals[1] = new InPlaceGoal(mkAtom("true"), [], 0);
 * assert.equal(boxGoal(log, 1), mkAtom("true"));
 * ```
 */
export class InPlaceGoal {
  /**
   * Keeps a goal run in place.
   *
   * @param pattern The goal's pattern in the caller's clause.
   * @param vars The caller's frame slots.
   * @param serial The age of the variables the caller's frame creates.
   */
  constructor(public pattern: Term, public vars: Term[], public serial: number) {}
  /** The goal, once instantiated (the box's variables must stay the same ones). */
  goal: Term | null = null;

  /**
   * Reuses this object for the next goal run in place in the same slot.
   *
   * @param pattern The goal's pattern in the caller's clause.
   * @param vars The caller's frame slots.
   * @param serial The age of the variables the caller's frame creates.
   */
  set(pattern: Term, vars: Term[], serial: number): void {
    this.pattern = pattern;
    this.vars = vars;
    this.serial = serial;
    this.goal = null;
  }
}

/** Tape rows kept before the rules run on them even though nobody reads yet. */
const TAPE_MAX = 1 << 16;

/**
 * The Byrd-box recorder of one machine: the live-box stack, the rules of the
 * ports, and the filters that can be decided from numbers (port mask per
 * predicate, depth range, sampling).
 *
 * In a synchronous run the rules run at each report and the listener gets
 * every row at once. In a deferred run (a lone collector) a report is a few
 * stores on a tape, and the rules run on the tape when the rows are read
 * ({@linkcode Ports.settle}), when the run's next report needs them (an
 * exception), or when the tape is full: the same rows, later.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Ports } from "./ports.ts";
 * const machine = { cpTop: 1, binds: 0, bindLog: null };
 * const ports = new Ports({ maskOf: (p) => (p.traceMask = 0), event: () => true }, machine);
 * assert.equal(ports.liveTop, 0);
 * ```
 */
export class Ports {
  /** Where boxes and rows go. */
  log: PortLog = new PortLog();
  /** The listener. */
  readonly listener: PortListener;
  /** The machine read at each event. */
  readonly m: PortMachine;
  /** Run the rules and call the listener at every report (else reports wait on a tape). */
  sync = true;
  /** Reuse the slots of finished boxes (else every box keeps its slot). */
  recycle = true;
  /** The configuration generation: `Pred.traceGen` equal to it means `traceMask` is current. */
  gen = 0;
  /** Show the internal calls of library predicates. */
  internals = false;
  /** Events of boxes shallower than this are dropped. */
  minDepth = 0;
  /** Events of boxes deeper than this are dropped. */
  maxDepth: number = Infinity;
  /** Keep every `every`-th event ... */
  every = 1;
  /** ... the one whose count modulo `every` is `seed`. */
  seed = 0;
  /**
   * Boxes made in this run (the last box id). A choicepoint records it
   * (`invTop`): the boxes live when it was made are the live boxes with
   * ids up to it, as long as it exists.
   */
  bid = 0;
  /** Events kept in this run (the last step id); current after {@linkcode Ports.settle}. */
  sid = 0;
  /** Events kept since the recorder was made; current after {@linkcode Ports.settle}. */
  emitted = 0;
  /** Bindings before the run started (write stamps count from there). */
  bindsAtStart = 0;
  /** The row where this run's rows start in `log`. */
  runRow = 0;
  /** Whether the machine reports internal events (read at the start of each run). */
  internalEvents = false;
  /**
   * Whether every binding is trailed, so that backtracking restores each
   * goal as it was at its call (read at the start of each run). False
   * when whatever shows goals at fail, exception and redo keeps what it
   * read at the call, or reads a binding history: conditional trailing.
   */
  trailAll = true;
  /**
   * Whether boxes keep what showing their goals needs (the call's
   * arguments). False when nothing reads goals: pending boxes then hold no
   * JS objects.
   */
  keepGoals = true;
  /** The binding history the machine keeps for the run, or `null` (read at the start of each run). */
  history: BindingLog | null = null;
  /** The exception term while exception events are reported. */
  ball: Term | null = null;
  /** Live boxes (called and not finished), oldest first: `live[0..liveTop)`; current after {@linkcode Ports.settle}. */
  live: Int32Array = new Int32Array(64);
  /** Number of live boxes. */
  liveTop = 0;
  #free: Int32Array = new Int32Array(64);
  #freeTop = 0;
  #chain: Int32Array = new Int32Array(16);
  #sampleCount = 0;
  #tape: Int32Array = new Int32Array(256 * TAPE);
  /** Per tape row of a call: its arguments, or the frame of a goal run in place. */
  #refs: (Term[] | InPlaceFrame | undefined)[] = [];
  #tapeTop = 0;
  /** Boxes the rules have made so far in the run they are at (they catch up with `bid`). */
  #made = 0;
  /** The starts of the deferred runs on the tape, by the index in their `K_RUN` row. */
  #runStarts: RunStart[] = [];
  // The filters and the write-stamp base of the deferred run the rules are at.
  #dBinds = 0;
  #dHistory = false;
  #dMinDepth = 0;
  #dMaxDepth = Infinity;
  #dEvery = 1;
  #dSeed = 0;

  /**
   * Creates a recorder.
   *
   * @param listener Its listener.
   * @param m The machine it records.
   */
  constructor(listener: PortListener, m: PortMachine) {
    this.listener = listener;
    this.m = m;
  }

  /**
   * Starts a run: no box is live; box and step ids start again.
   * (`history`, `trailAll`, `keepGoals` and `internalEvents` are set before.)
   * A synchronous run drops what is left on the tape: settle it first. A
   * deferred run's reports go on the tape after those of earlier deferred
   * runs into the same log; the rules tell the listener when they reach it
   * (`runStarted` with `token`).
   *
   * @param log Where the run's boxes and rows go.
   * @param sync Whether the rules run and the listener is called at every report.
   * @param recycle Whether finished boxes give their slots back.
   * @param token What the listener gets back for a deferred run.
   */
  startRun(log: PortLog, sync: boolean, recycle: boolean, token?: unknown): void {
    if (this.#tapeTop !== 0 && (sync || log !== this.log)) this.discard();
    this.log = log;
    this.sync = sync;
    this.recycle = recycle;
    log.keepGoals = this.keepGoals;
    this.bid = 0;
    this.bindsAtStart = this.m.binds;
    if (!sync) {
      const k = this.#tapeRow(), t = this.#tape;
      t[k + T_HEAD] = K_RUN;
      t[k + T_A] = this.#runStarts.length;
      this.#runStarts.push({
        token,
        bindsAtStart: this.bindsAtStart,
        history: this.history !== null,
        minDepth: this.minDepth,
        maxDepth: this.maxDepth,
        every: this.every,
        seed: this.seed,
      });
      return;
    }
    this.#startRules();
    this.#dBinds = this.bindsAtStart;
    if (recycle) log.clear();
    this.runRow = log.rowTop;
  }

  /** The rules start on a run: no box is live; box and step ids start again. */
  #startRules(): void {
    this.liveTop = 0;
    this.#freeTop = 0;
    this.#made = 0;
    this.sid = 0;
    this.#sampleCount = 0;
  }

  /** The rules reach a deferred run's first report. */
  #runRow(index: number): void {
    const r = this.#runStarts[index];
    this.#startRules();
    this.#dBinds = r.bindsAtStart;
    this.#dHistory = r.history;
    this.#dMinDepth = r.minDepth;
    this.#dMaxDepth = r.maxDepth;
    this.#dEvery = r.every;
    this.#dSeed = r.seed;
    this.runRow = this.log.rowTop;
    this.listener.runStarted?.(this, r.token);
  }

  /**
   * Runs the Byrd-box rules on the reports waiting on the tape: afterwards
   * the log holds every row so far, and `sid`, `emitted` and the live
   * boxes are current. Does nothing in a synchronous run.
   */
  settle(): void {
    const n = this.#tapeTop;
    if (n === 0) return;
    this.#tapeTop = 0;
    const t = this.#tape;
    for (let i = 0; i < n; i++) {
      const k = i * TAPE, head = t[k];
      switch (head & 7) {
        case K_CALL:
          this.#callRow(i, k, head);
          break;
        case K_EXIT:
          this.#exitRule(head >>> 5, t[k + T_HEIGHT], t[k + T_CPS], t[k + T_STAMP], t[k + T_POS]);
          break;
        case K_BACK: {
          const ob = t[k + T_B], height = t[k + T_HEIGHT], cps = t[k + T_CPS];
          const stamp = t[k + T_STAMP], pos = t[k + T_POS];
          this.#backtrackRule(t[k + T_A], ob >>> 1, (ob & 1) !== 0, height, cps, stamp, pos);
          if ((head & F_EXITED) !== 0) {
            // The retried fact's exit: each binding of its head added two history entries.
            const x = t[k + T_X];
            const popped = (head & F_POPPED) !== 0 ? 1 : 0;
            this.#exitRule(ob >>> 1, height + 1, cps - popped, stamp + ((x - pos) >> 1), x);
          }
          break;
        }
        case K_CUT:
          this.#cutRule(t[k + T_A]);
          break;
        case K_RUN:
          this.#runRow(t[k + T_A]);
          break;
      }
    }
    this.#runStarts.length = 0;
    this.#refs = [];
  }

  /** The rules for a call row at tape row `i` (offset `k`): the box is made, then its call reported. */
  #callRow(i: number, k: number, head: number): void {
    const t = this.#tape, log = this.log;
    const slot = head >>> 5, x = t[k + T_X];
    const height = t[k + T_HEIGHT], cps = t[k + T_CPS], stamp = t[k + T_STAMP], pos = t[k + T_POS];
    const min = this.#dMinDepth, max = this.#dMaxDepth;
    this.#fillBox(slot, ++this.#made, t[k + T_A], t[k + T_B], cps, pos, x & 63, min, max);
    if (log.keepGoals) {
      const ref = this.#refs[i]!;
      if ((head & F_IN_PLACE) === 0) log.setGoal(slot, ref as Term[]);
      else {
        const f = ref as InPlaceFrame;
        this.#keepInPlace(slot, f.code[x >>> 6].goal!, f.vars, f.serial);
      }
    }
    this.#push(slot);
    this.#emit(slot, PORT_CALL, 0, height, cps, stamp, pos);
    if ((head & F_EXITED) !== 0) this.#exitRule(slot, height, cps, stamp, pos);
  }

  /**
   * Writes the box of a call into `slot`: its id, predicate, parent,
   * depth, choicepoint height and history position at the call, and its
   * port mask (none outside the depth range `min..max`).
   */
  #fillBox(
    slot: number,
    id: number,
    fn: number,
    parent: number,
    cps: number,
    pos: number,
    mask: number,
    min: number,
    max: number,
  ): void {
    const b = this.log.boxes, o = slot * BOX;
    b[o + B_ID] = id;
    b[o + B_FN] = fn;
    b[o + B_PARENT] = parent;
    const depth = parent === 0 ? 0 : b[parent * BOX + B_DEPTH] + 1;
    b[o + B_DEPTH] = depth;
    b[o + B_CP] = cps;
    if (this.sync ? this.history !== null : this.#dHistory) this.log.setPos(slot, pos);
    // Events of a box outside the depth range are never reported.
    b[o + B_FLAGS] = depth < min || depth > max ? 0 : mask;
  }

  /** Keeps the goal of a box whose goal runs in place: its pattern over the caller's slots. */
  #keepInPlace(slot: number, pattern: Term, vars: Term[], serial: number): void {
    const log = this.log, g = log.goal(slot);
    // The slot's last in-place goal is reused: no allocation per comparison.
    if (g instanceof InPlaceGoal) g.set(pattern, vars, serial);
    else log.setGoal(slot, new InPlaceGoal(pattern, vars, serial));
  }

  /** The port mask of a call of `pred` (0: it gets no box). */
  #maskFor(pred: Pred, fromLib: boolean): number {
    const mask = pred.traceGen === this.gen ? pred.traceMask : this.listener.maskOf(pred);
    // Inside a library predicate only user predicates get boxes (unless internals are shown).
    if (fromLib && !this.internals && (pred.library || pred.kind !== P_USER)) return 0;
    return mask;
  }

  /** Drops the reports waiting on the tape (nobody will read the run's rows). */
  discard(): void {
    this.#tapeTop = 0;
    this.#runStarts.length = 0;
    // A fresh array: the young frames and argument arrays stored into it
    // then need no write barrier into an old one.
    this.#refs = [];
  }

  /** A new tape row (the tape grows, then is settled when full); returns its offset. */
  #tapeRow(): number {
    let top = this.#tapeTop;
    if (top * TAPE === this.#tape.length) {
      if (top >= TAPE_MAX) {
        this.settle();
        top = 0;
      } else {
        const t = new Int32Array(this.#tape.length * 2);
        t.set(this.#tape);
        this.#tape = t;
      }
    }
    this.#tapeTop = top + 1;
    return top * TAPE;
  }

  #alloc(): number {
    if (this.#freeTop > 0) return this.#free[--this.#freeTop];
    const log = this.log;
    const slot = log.boxTop++;
    if (slot >= log.boxCap) {
      if (slot > MAX_SLOT) throw new RangeError("Too many pending trace boxes");
      log.growBoxes(slot);
    }
    return slot;
  }

  #release(slot: number): void {
    if (!this.recycle) return;
    if (this.#freeTop === this.#free.length) {
      this.#free = grownArray(this.#free, grownCap(this.#free.length, this.#freeTop));
    }
    this.#free[this.#freeTop++] = slot;
  }

  #push(slot: number): void {
    if (this.liveTop === this.live.length) {
      this.live = grownArray(this.live, grownCap(this.live.length, this.liveTop));
    }
    this.live[this.liveTop++] = slot;
  }

  /** The binding history's length now (0 without one). */
  #histLength(): number {
    const hist = this.m.bindLog;
    return hist === null ? 0 : hist.length;
  }

  /**
   * A call: gives it a box unless the filters leave it none, and reports
   * its call port.
   *
   * @param pred The predicate.
   * @param args The call's arguments, or `null` for a goal run in place (then `pattern` over `vars`).
   * @param pattern The call's goal pattern.
   * @param vars The caller's frame slots.
   * @param serial The caller's variable serial.
   * @param parent The slot of the box the call runs in (0: none).
   * @param fromLib Whether the caller is the body of a library predicate.
   * @param height The goal height.
   * @returns The box's slot, or 0 for no box.
   */
  call(
    pred: Pred,
    args: Term[] | null,
    pattern: Term,
    vars: Term[],
    serial: number,
    parent: number,
    fromLib: boolean,
    height: number,
  ): number {
    const mask = this.#maskFor(pred, fromLib);
    if (mask === 0) return 0;
    if (!this.sync) {
      if (args !== null) return this.#deferCall(pred.fn.id, mask, args, 0, parent, height, false);
      const frame: InPlaceFrame = { code: [{ goal: pattern }], vars, serial };
      return this.#deferCall(pred.fn.id, mask, frame, 0, parent, height, true);
    }
    return this.#callNow(pred, mask, args, pattern, vars, serial, parent, height);
  }

  /** A call in a synchronous run: its box, then its call port. */
  #callNow(
    pred: Pred,
    mask: number,
    args: Term[] | null,
    pattern: Term,
    vars: Term[],
    serial: number,
    parent: number,
    height: number,
  ): number {
    const slot = this.#alloc();
    const log = this.log;
    const m = this.m, cps = m.cpTop, pos = this.#histLength();
    this.#fillBox(
      slot,
      ++this.bid,
      pred.fn.id,
      parent,
      cps,
      pos,
      mask,
      this.minDepth,
      this.maxDepth,
    );
    log.boxes[slot * BOX + B_TAIL] = 0;
    if (this.keepGoals) {
      if (args !== null) log.setGoal(slot, args);
      else this.#keepInPlace(slot, pattern, vars, serial);
      this.listener.boxCreated?.(this, slot, pattern, vars);
    }
    this.#push(slot);
    this.#emit(slot, PORT_CALL, 0, height, cps, m.binds, pos);
    return slot;
  }

  /**
   * A test run in place (an arithmetic comparison): its call, and with
   * {@linkcode Ports.passed} its exit, in one report. The frame and the
   * instruction index show its goal.
   *
   * @param pred The predicate.
   * @param frame The caller's frame.
   * @param pc The test's instruction index in it.
   * @param parent The slot of the box the test runs in (0: none).
   * @param fromLib Whether the caller is the body of a library predicate.
   * @param height The goal height.
   * @returns The box's slot, or 0 for no box.
   */
  test(
    pred: Pred,
    frame: InPlaceFrame,
    pc: number,
    parent: number,
    fromLib: boolean,
    height: number,
  ): number {
    const mask = this.#maskFor(pred, fromLib);
    if (mask === 0) return 0;
    if (!this.sync) return this.#deferCall(pred.fn.id, mask, frame, pc, parent, height, true);
    const goal = frame.code[pc].goal!;
    return this.#callNow(pred, mask, null, goal, frame.vars, frame.serial, parent, height);
  }

  /**
   * The test whose box `slot` {@linkcode Ports.test} just gave passed: its
   * exit (nothing has changed since its call).
   *
   * @param slot The box.
   * @param height The goal height.
   */
  passed(slot: number, height: number): void {
    if (this.sync) {
      this.exit(slot, height);
      return;
    }
    // The call row is the tape's last: no report came in between.
    this.#tape[(this.#tapeTop - 1) * TAPE + T_HEAD] |= F_EXITED;
  }

  /**
   * The exit of a fact whose clause a backtracking into the box's own
   * clauses retried (see {@linkcode Ports.backtrack}, `own`). In a deferred
   * run it is a flag on that backtracking's row.
   *
   * @param slot The box.
   * @param height The goal height at the exit.
   * @returns The height of the last exit reported (see {@linkcode Ports.exit}).
   */
  retried(slot: number, height: number): number {
    const top = this.#tapeTop;
    if (!this.sync && top > 0 && this.m.bindLog !== null) {
      const t = this.#tape, k = (top - 1) * TAPE, head = t[k + T_HEAD];
      // Nothing came in between (else the rules may have run on the tape since).
      if ((head & 7) === K_BACK && (head & F_EXITED) === 0 && t[k + T_B] >>> 1 === slot) {
        t[k + T_HEAD] = head | F_EXITED | (this.m.cpTop !== t[k + T_CPS] ? F_POPPED : 0);
        t[k + T_X] = this.m.bindLog.length;
        return this.#lastExitHeight(slot, height);
      }
    }
    return this.exit(slot, height);
  }

  /** A deferred call: a slot for its box, and a tape row the rules make the box from. */
  #deferCall(
    fn: number,
    mask: number,
    ref: Term[] | InPlaceFrame,
    pc: number,
    parent: number,
    height: number,
    inPlace: boolean,
  ): number {
    const log = this.log;
    const slot = log.boxTop++;
    if (slot >= log.boxCap) {
      if (slot > MAX_SLOT) throw new RangeError("Too many pending trace boxes");
      log.growBoxes(slot);
    }
    log.boxes[slot * BOX + B_TAIL] = 0;
    this.bid++;
    const m = this.m;
    const k = this.#tapeRow(), t = this.#tape;
    t[k + T_HEAD] = (slot << 5) | (inPlace ? F_IN_PLACE : 0) | K_CALL;
    t[k + T_A] = fn;
    t[k + T_B] = parent;
    t[k + T_HEIGHT] = height;
    t[k + T_CPS] = m.cpTop;
    t[k + T_STAMP] = m.binds;
    t[k + T_POS] = this.#histLength();
    t[k + T_X] = (pc << 6) | mask;
    this.#refs[this.#tapeTop - 1] = ref;
    return slot;
  }

  /**
   * Sets the box that exits right after `slot` exits: the caller whose
   * last call `slot` is, run without a frame of its own (last-call
   * optimisation while tracing).
   *
   * @param slot The callee's box.
   * @param caller The caller's box.
   */
  setTail(slot: number, caller: number): void {
    this.log.boxes[slot * BOX + B_TAIL] = caller;
  }

  /**
   * An exit, followed by the exits of the boxes left pending by last calls.
   *
   * @param slot The box.
   * @param height The goal height at the exit (each pending box's is one less).
   * @returns The height of the last exit reported.
   */
  exit(slot: number, height: number): number {
    const m = this.m;
    if (this.sync) return this.#exitRule(slot, height, m.cpTop, m.binds, this.#histLength());
    const k = this.#tapeRow(), t = this.#tape;
    t[k + T_HEAD] = (slot << 5) | K_EXIT;
    t[k + T_HEIGHT] = height;
    t[k + T_CPS] = m.cpTop;
    t[k + T_STAMP] = m.binds;
    t[k + T_POS] = this.#histLength();
    return this.#lastExitHeight(slot, height);
  }

  /** The height of the last exit an exit of `slot` at `height` reports (its tail chain's). */
  #lastExitHeight(slot: number, height: number): number {
    const b = this.log.boxes;
    for (let s = b[slot * BOX + B_TAIL]; s !== 0; s = b[s * BOX + B_TAIL]) height--;
    return height;
  }

  #exitRule(slot: number, height: number, cps: number, stamp: number, hpos: number): number {
    for (;;) {
      const b = this.log.boxes, o = slot * BOX;
      const det = cps === b[o + B_CP];
      if (det) {
        const live = this.live;
        if (this.liveTop > 0 && live[this.liveTop - 1] === slot) this.liveTop--;
        else {
          let i = this.liveTop - 1;
          while (i >= 0 && live[i] !== slot) i--;
          if (i >= 0) {
            for (let k = i + 1; k < this.liveTop; k++) this.#release(live[k]);
            this.liveTop = i;
          }
        }
      } else {
        b[o + B_FLAGS] |= EXITED;
      }
      const tail = b[o + B_TAIL];
      this.#emit(slot, PORT_EXIT, det ? 1 : 0, height, cps, stamp, hpos);
      if (det) this.#release(slot);
      if (tail === 0) return height;
      slot = tail;
      height--;
    }
  }

  /**
   * Backtracking to a choicepoint: fail for every live box newer than it,
   * then redo for the exited boxes it re-enters, outermost first.
   *
   * @param boxes The box count ({@linkcode Ports.bid}) when the choicepoint was made.
   * @param owner The box the choicepoint's code runs in (0: none).
   * @param own Whether it holds `owner`'s own clause alternatives.
   * @param height The height of the continuation resumed.
   */
  backtrack(boxes: number, owner: number, own: boolean, height: number): void {
    const m = this.m;
    if (this.sync) {
      this.#backtrackRule(boxes, owner, own, height, m.cpTop, m.binds, this.#histLength());
      return;
    }
    const k = this.#tapeRow(), t = this.#tape;
    t[k + T_HEAD] = K_BACK;
    t[k + T_A] = boxes;
    t[k + T_B] = (owner << 1) | (own ? 1 : 0);
    t[k + T_HEIGHT] = height;
    t[k + T_CPS] = m.cpTop;
    t[k + T_STAMP] = m.binds;
    t[k + T_POS] = this.#histLength();
  }

  #backtrackRule(
    boxes: number,
    owner: number,
    own: boolean,
    height: number,
    cps: number,
    stamp: number,
    hpos: number,
  ): void {
    const live = this.live;
    while (this.liveTop > 0) {
      const slot = live[this.liveTop - 1];
      if (this.log.boxes[slot * BOX + B_ID] <= boxes) break;
      this.liveTop--;
      this.#emit(slot, PORT_FAIL, 0, height, cps, stamp, hpos);
      this.#release(slot);
    }
    if (owner === 0) return;
    const b = this.log.boxes;
    if ((b[owner * BOX + B_FLAGS] & EXITED) === 0) return;
    const parent = b[owner * BOX + B_PARENT];
    if (parent === 0 || (b[parent * BOX + B_FLAGS] & EXITED) === 0) {
      // The common case: one box is re-entered.
      b[owner * BOX + B_FLAGS] &= ~EXITED;
      this.#emit(owner, PORT_REDO, own ? 1 : 0, height, cps, stamp, hpos);
      return;
    }
    let n = 0, slot = owner;
    while (slot !== 0 && (this.log.boxes[slot * BOX + B_FLAGS] & EXITED) !== 0) {
      if (n === this.#chain.length) {
        const c = new Int32Array(n * 2);
        c.set(this.#chain);
        this.#chain = c;
      }
      this.#chain[n++] = slot;
      slot = this.log.boxes[slot * BOX + B_PARENT];
    }
    while (n > 0) {
      const s = this.#chain[--n];
      this.log.boxes[s * BOX + B_FLAGS] &= ~EXITED;
      this.#emit(s, PORT_REDO, own && s === owner ? 1 : 0, height, cps, stamp, hpos);
    }
  }

  /**
   * An exception leaves every live box newer than the catching
   * choicepoint: exception for the unfinished ones.
   *
   * @param boxes The box count when that choicepoint was made.
   * @param ball The exception term.
   * @param height The goal height.
   */
  exception(boxes: number, ball: Term, height: number): void {
    this.settle();
    const m = this.m, cps = m.cpTop, stamp = m.binds, hpos = this.#histLength();
    this.ball = ball;
    try {
      while (this.liveTop > 0) {
        const slot = this.live[this.liveTop - 1];
        if (this.log.boxes[slot * BOX + B_ID] <= boxes) break;
        this.liveTop--;
        if ((this.log.boxes[slot * BOX + B_FLAGS] & EXITED) === 0) {
          this.#emit(slot, PORT_EXCEPTION, 0, height, cps, stamp, hpos);
        }
        this.#release(slot);
      }
    } finally {
      this.ball = null;
    }
  }

  /**
   * A cut to choicepoint height `height`: exited boxes whose choicepoints
   * were all cut away are finished (no redo or fail will come for them).
   *
   * @param height The choicepoint height cut back to.
   */
  cut(height: number): void {
    if (this.sync) {
      this.#cutRule(height);
    } else if (this.bid !== 0) {
      const k = this.#tapeRow(), t = this.#tape;
      t[k + T_HEAD] = K_CUT;
      t[k + T_A] = height;
    }
  }

  #cutRule(height: number): void {
    const live = this.live, b = this.log.boxes;
    while (this.liveTop > 0) {
      const o = live[this.liveTop - 1] * BOX;
      if ((b[o + B_FLAGS] & EXITED) === 0 || b[o + B_CP] < height) break;
      this.#release(live[--this.liveTop]);
    }
  }

  /**
   * An internal event (only while the listener takes them), attributed to
   * the newest live box.
   *
   * @param kind What happened.
   * @param details Its numbers.
   * @param height The goal height.
   */
  internal(kind: string, details: Record<string, number | string>, height: number): void {
    this.settle();
    const m = this.m;
    const slot = this.liveTop > 0 ? this.live[this.liveTop - 1] : 0;
    const row = this.#row(slot, PORT_INTERNAL, 0, height, m.cpTop, m.binds, 0);
    this.listener.internal?.(this, row, kind, details);
  }

  /** A term is about to change in place: the rows so far are settled, then the listener is told. */
  beforeTermChange(): void {
    this.settle();
    this.listener.beforeTermChange?.();
  }

  /** The binding history passed the machine's limit: the rows so far are settled, then the listener is told. */
  historyFull(): void {
    this.settle();
    this.listener.historyFull?.();
  }

  /** Marks the call positions of live boxes as gone (the binding history restarted). */
  forgetCallPositions(): void {
    const log = this.log;
    for (let i = 0; i < this.liveTop; i++) log.setPos(this.live[i], -1);
  }

  #emit(
    slot: number,
    port: number,
    flag: number,
    height: number,
    cps: number,
    stamp: number,
    hpos: number,
  ): void {
    const b = this.log.boxes, o = slot * BOX;
    if ((b[o + B_FLAGS] & (1 << port)) === 0) return;
    const every = this.sync ? this.every : this.#dEvery;
    if (every > 1 && (this.#sampleCount++ % every) !== (this.sync ? this.seed : this.#dSeed)) {
      return;
    }
    // At fail, exception and a redo into its own clauses the goal is as at
    // the call: every binding made since has been undone.
    const pos = !(this.sync ? this.history !== null : this.#dHistory)
      ? 0
      : port === PORT_CALL || port === PORT_EXIT || (port === PORT_REDO && flag === 0)
      ? hpos
      : this.log.pos[slot];
    const row = this.#row(slot, port, flag, height, cps, stamp, pos);
    if (this.sync) {
      this.listener.event(this, row);
      return;
    }
    if (pos < 0) this.listener.event(this, row);
    this.sid++;
    this.emitted++;
  }

  /** Writes a row; advances `rowTop` unless in synchronous mode (the row is then scratch). */
  #row(
    slot: number,
    port: number,
    flag: number,
    height: number,
    cps: number,
    stamp: number,
    pos: number,
  ): number {
    const log = this.log;
    const row = log.rowTop;
    if (row >= log.rowCap) log.growRows(row);
    const r = log.rows, k = row * ROW;
    r[k + R_HEAD] = (slot << 4) | (flag << 3) | port;
    r[k + R_CPS] = cps;
    r[k + R_HEIGHT] = height;
    r[k + R_STAMP] = stamp - this.#dBinds;
    r[k + R_POS] = pos;
    if (!this.sync) log.rowTop = row + 1;
    return row;
  }
}

/**
 * The goal of the box in `slot`, built from what the call kept the first
 * time it is asked for (most goals are never shown).
 *
 * @param log The box table.
 * @param slot The box's slot.
 * @returns The live goal term.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { B_FN, BOX, boxGoal, PortLog } from "./ports.ts";
 * import { mkAtom, mkFunctor } from "./term.ts";
 * import { formatTerm } from "./writer.ts";
 * import { Operators } from "./operators.ts";
 * const log = new PortLog();
 * log.boxes[1 * BOX + B_FN] = mkFunctor("p", 1).id;
 * log.goals[1] = [mkAtom("a")];
 * assert.equal(formatTerm(boxGoal(log, 1), { ops: new Operators() }), "p(a)");
 * ```
 */
export function boxGoal(log: PortLog, slot: number): Term {
  if (!log.keepGoals) return NO_GOAL; // not kept: nothing reads goals
  const g = log.goal(slot)!;
  if (Array.isArray(g)) {
    // Not cached: the box keeps only the arguments (a pending box stays small).
    const fn = functorById(log.boxes[slot * BOX + B_FN])!;
    return g.length === 0 ? fn.name : new Struct(fn, g);
  }
  if (typeof g === "string" || typeof g === "number") {
    throw new Error("boxGoal: only the text of this goal was kept (a sink that reads text only)");
  }
  if (!(g instanceof InPlaceGoal)) return g;
  // Cached: instantiating creates the variables of the caller's missing slots once.
  return g.goal ??= instantiate(g.pattern, g.vars, g.serial);
}

/**
 * Whether the text of a box's goal can never show differently: every
 * argument of the call is atomic now (a variable bound to an atomic value
 * counts; a compound could still change in place, a variable could be
 * bound). A listener whose sinks read goals only as text may then replace
 * the arguments by the text (a string in {@linkcode PortLog.goals}, or,
 * from {@linkcode FAR_SLOT} on, a number that locates it in the listener's
 * storage: {@linkcode PortLog.setTextAt}), so a long chain of pending boxes
 * (a traced loop) keeps a short text each.
 *
 * @param log The box table.
 * @param slot The box.
 * @returns Whether the goal's arguments are all atomic.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { finalArgs, PortLog } from "./ports.ts";
 * import { mkAtom, Var } from "./term.ts";
 * const log = new PortLog();
 * log.goals[1] = [mkAtom("a")];
 * assert.equal(finalArgs(log, 1), true);
 * log.goals[2] = [new Var()];
 * assert.equal(finalArgs(log, 2), false);
 * ```
 */
export function finalArgs(log: PortLog, slot: number): boolean {
  const g = log.goal(slot);
  if (!Array.isArray(g)) return false;
  for (let i = 0; i < g.length; i++) {
    const a = deref(g[i]);
    if (a.tag === VAR || a.tag === STRUCT) return false;
  }
  return true;
}
