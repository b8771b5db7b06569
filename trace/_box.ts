/**
 * The tracer's invocation record (internal to `trace/`): one per traced
 * call, kept by the solver's live stack and by sinks that keep events.
 *
 * @module
 */
import type { Pred } from "../engine/database.ts";
import type { Invocation } from "../engine/machine.ts";
import { Struct, type Term } from "../engine/term.ts";
import type { BindingLog } from "../engine/unify.ts";
import { instantiate } from "../engine/compile.ts";
import type { GoalSnapshot } from "./snapshot.ts";

/**
 * One traced invocation (a Byrd box) as the tracer keeps it: what the
 * solver needs (`Invocation`) plus what the tracer caches for showing its
 * goal at later ports.
 *
 * @example
 * ```ts
 * import type { Box } from "./_box.ts";
 * function idOf(b: Box): number { return b.id; }
 * ```
 */
export class Box implements Invocation {
  readonly id: number;
  readonly parent: Box | null;
  readonly depth: number;
  readonly pred: Pred;
  /** The goal as called: the goal term itself, or built on demand from the arguments or the pattern. */
  #goal: Term | null;
  readonly #args: Term[] | null;
  /** With no arguments: the call's pattern, the caller's slots and their serial. */
  readonly #pattern: Term;
  readonly #vars: Term[];
  readonly #serial: number;
  readonly cpAtCall: number;
  exited = false;
  readonly mask: number;
  names: string[] | null = null;
  values: Term[] | null = null;
  /** Snapshot taken at the call port, reused at fail/exception (same bindings). */
  callSnap: GoalSnapshot | null = null;
  /** Goal text formatted at the call port, reused likewise. */
  callText: string | null = null;
  /** Binding history position at the call port, in `callLog`. */
  callPos = 0;
  callLog: BindingLog | null = null;
  /** Bindings and in-place changes made before the call: unchanged at the exit, the goal is too. */
  callBinds = -1;
  /** The trail's length at the call (see `#goalText`). */
  callTrail = -1;
  callChanges = 0;
  constructor(
    id: number,
    parent: Box | null,
    pred: Pred,
    goal: Term | null,
    args: Term[] | null,
    pattern: Term,
    vars: Term[],
    serial: number,
    cpAtCall: number,
    mask: number,
  ) {
    this.id = id;
    this.parent = parent;
    this.depth = parent === null ? 0 : parent.depth + 1;
    this.pred = pred;
    this.#goal = goal;
    this.#args = args;
    this.#pattern = pattern;
    this.#vars = vars;
    this.#serial = serial;
    this.cpAtCall = cpAtCall;
    this.mask = mask;
  }

  /** The live goal term, built on first use (many boxes are never shown). */
  get goal(): Term {
    return this.#goal ??= this.#args !== null
      ? new Struct(this.pred.fn, this.#args)
      : instantiate(this.#pattern, this.#vars, this.#serial);
  }
}
