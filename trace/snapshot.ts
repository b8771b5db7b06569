/**
 * Goal snapshots: a copy of a goal as it is at one event, so it can be
 * formatted later (bindings are mutable and undone on backtracking).
 * Copies stop where the goal text would be capped anyway, so snapshotting a
 * goal holding a million-element list costs no more than its first items.
 *
 * @module
 */
import type { Operators } from "../engine/operators.ts";
import {
  ATOM,
  deref,
  DOT,
  mkAtom,
  STRUCT,
  Struct,
  type Term,
  VAR,
  type Var,
} from "../engine/term.ts";
import { formatTermGeneral, type WriteOptions } from "../engine/writer.ts";
import { fastFormat, type FastOptions } from "../engine/_write_fast.ts";
import { type BindingLog, UNDONE } from "../engine/unify.ts";

/**
 * Stands for a variable that was unbound at the snapshot; never bound
 * itself. Shaped like a `Var` (tag, ref, serial) so the writer treats it as
 * one, but not a subclass: constructing it stays cheap.
 */
export class FrozenVar {
  /** Always `VAR`. */
  readonly tag: 0 = VAR;
  /** Always `null`: a frozen variable is never bound. */
  readonly ref: null = null;
  /** The live variable's serial. */
  readonly serial: number;
  /** The live variable it stands for (names are per live variable). */
  readonly orig: Var;
  /** Creates a placeholder for `orig`. */
  constructor(orig: Var) {
    this.serial = orig.serial;
    this.orig = orig;
  }
}

/** What formatting a run's goals needs: operators, caps, and the run's variable names. */
export class RunContext {
  /** Operators of the engine. */
  readonly ops: Operators;
  /** Depth cap. */
  readonly maxDepth: number;
  /** List cap. */
  readonly maxItems: number;
  // Weak: a long run names many variables that die soon after (a loop's
  // fresh `N1`); a name must outlive only its variable.
  #names: WeakMap<Var, string> | null = null;
  #named = 0;
  #opts: WriteOptions | null = null;
  #fast: FastOptions | null = null;

  /** Creates a context (one per run: what it allocates waits for the first goal formatted). */
  constructor(ops: Operators, maxDepth: number, maxItems: number) {
    this.ops = ops;
    this.maxDepth = maxDepth;
    this.maxItems = maxItems;
  }

  /** Number of variables named so far in the run (the last name is `_G` + this). */
  get named(): number {
    return this.#named;
  }

  /** Formats a variable by its run name (`_G1`, `_G2`, ... in first-formatted order). */
  readonly varName = (v: Var): string => {
    const key = v instanceof FrozenVar ? v.orig : v;
    const names = this.#names ??= new WeakMap();
    let n = names.get(key);
    if (n === undefined) {
      n = `_G${++this.#named}`;
      names.set(key, n);
    }
    return n;
  };

  /**
   * Formats a (live or snapshot) term with the run's caps and names.
   *
   * @param t The term.
   * @returns Its `writeq` text.
   */
  format(t: Term): string {
    // The writer's fast path first, with options made once per run (what
    // `formatTerm` would do, minus building its options on every call).
    const fast = fastFormat(
      t,
      this.#fast ??= {
        ops: this.ops,
        quoted: true,
        maxDepth: this.maxDepth,
        maxItems: this.maxItems,
        varName: this.varName,
      },
      1200,
    );
    if (fast !== null) return fast;
    this.#opts ??= {
      ops: this.ops,
      quoted: true,
      maxDepth: this.maxDepth,
      maxListItems: this.maxItems,
      listDepth: false,
      varName: this.varName,
    };
    return formatTermGeneral(t, this.#opts);
  }
}

const ELLIPSIS = mkAtom("...");

/**
 * A goal frozen at one event; its text is formatted on first use.
 *
 * @example
 * ```ts
 * import type { GoalSnapshot } from "./snapshot.ts";
 * function show(s: GoalSnapshot): string { return s.text; }
 * ```
 */
export class GoalSnapshot {
  /** The frozen copy. */
  readonly term: Term;
  #ctx: RunContext;
  #text: string | null = null;
  /**
   * Creates a snapshot of `goal` now, or, with `at`, as it was at the
   * history position `at` has been moved to. With `whole`, the copy is not
   * cut where the text would be (the canonical form is read from it too).
   */
  constructor(goal: Term, ctx: RunContext, at: HistoryReader | null = null, whole = false) {
    this.#ctx = ctx;
    this.term = whole ? freeze(goal, 0, 0, at) : freeze(goal, ctx.maxDepth, ctx.maxItems, at);
  }
  /** The goal's text as of the snapshot. */
  get text(): string {
    return this.#text ??= this.#ctx.format(this.term);
  }
}

/**
 * Copies `t` resolving bindings, with unbound variables replaced by
 * {@linkcode FrozenVar}s, cut off below `maxDepth` levels and after
 * `maxItems` list elements (0 = no cap) exactly where the writer would cut.
 */
function freeze(t: Term, maxDepth: number, maxItems: number, at: HistoryReader | null): Term {
  const caps = new Caps(maxDepth > 0 ? maxDepth : Infinity, maxItems > 0 ? maxItems : Infinity, at);
  return copy(t, 1, caps);
}

/** What a copy needs besides the term: the caps and where bindings are read. */
class Caps {
  constructor(
    readonly maxDepth: number,
    readonly maxItems: number,
    readonly at: HistoryReader | null,
  ) {}
  deref(t: Term): Term {
    return this.at === null ? deref(t) : this.at.deref(t);
  }
}

function copy(t: Term, depth: number, caps: Caps): Term {
  t = caps.deref(t);
  if (t.tag === VAR) return new FrozenVar(t as Var) as unknown as Var;
  if (t.tag !== STRUCT) return t;
  if (depth > caps.maxDepth) return ELLIPSIS;
  const s = t as Struct;
  if (s.fn === DOT) return copyList(s, depth, caps);
  const n = s.args.length;
  const args = new Array<Term>(n);
  let same = true;
  for (let i = 0; i < n; i++) {
    const a = s.args[i];
    const c = a.tag === ATOM ? a : copy(a, depth + 1, caps);
    if (c !== a) same = false;
    args[i] = c;
  }
  return same ? s : new Struct(s.fn, args);
}

/** Lists are one level deep (the tracer's `listDepth: false`), capped by item count. */
function copyList(l: Struct, depth: number, caps: Caps): Term {
  const items: Term[] = [];
  let t: Term = l;
  while (t.tag === STRUCT && (t as Struct).fn === DOT) {
    if (items.length >= caps.maxItems) {
      t = ELLIPSIS;
      break;
    }
    items.push(copy((t as Struct).args[0], depth + 1, caps));
    t = caps.deref((t as Struct).args[1]);
  }
  let tail: Term = t.tag === VAR
    ? new FrozenVar(t as Var) as unknown as Var
    : t.tag === STRUCT
    ? copy(t, depth + 1, caps)
    : t;
  for (let i = items.length - 1; i >= 0; i--) tail = new Struct(DOT, [items[i], tail]);
  return tail;
}

/**
 * Reads a {@linkcode BindingLog} forwards: after `seek(pos)`, `deref` sees
 * every variable as it was when the log had `pos` entries. Variables the
 * log never mentions are read live (nothing changed them since the log
 * started). Seeking backwards replays from the start.
 *
 * @example
 * ```ts
 * import { HistoryReader } from "./snapshot.ts";
 * import { bind, type BindingLog } from "../engine/unify.ts";
 * import { mkAtom, Var } from "../engine/term.ts";
 * const log: BindingLog = [];
 * const v = new Var();
 * bind(v, mkAtom("a"), { trail: [], varMark: 0, binds: 0, bindLog: log });
 * const r = new HistoryReader(log);
 * r.seek(0);
 * console.log(r.deref(v) === v); // true: unbound before the binding
 * ```
 */
export class HistoryReader {
  readonly #log: BindingLog;
  /** Value at `#pos` of each variable the scanned part of the log mentions (`null`: unbound). */
  #state = new Map<Var, Term | null>();
  #pos = 0;
  #scanned = 0;

  /**
   * Creates a reader at position 0.
   *
   * @param log The history.
   */
  constructor(log: BindingLog) {
    this.#log = log;
  }

  /** The history read. */
  get log(): BindingLog {
    return this.#log;
  }

  /**
   * Moves to a position: the state after the first `pos` entries.
   *
   * @param pos A length the log had.
   */
  seek(pos: number): void {
    if (pos < this.#pos) {
      this.#state.clear();
      this.#pos = this.#scanned = 0;
    }
    this.#scan();
    const log = this.#log, state = this.#state;
    let i = this.#pos;
    while (i < pos) {
      if (log[i] === UNDONE) {
        state.set(log[i + 1] as Var, null);
      } else {
        state.set(log[i] as Var, log[i + 1]);
      }
      i += 2;
    }
    this.#pos = i;
  }

  /** Records the state before its first mention of every variable in the new part of the log. */
  #scan(): void {
    const log = this.#log, state = this.#state;
    let i = this.#scanned;
    while (i < log.length) {
      // Before its first mention a variable was unbound: a history started
      // while variables were bound begins with their bindings.
      const v = (log[i] === UNDONE ? log[i + 1] : log[i]) as Var;
      if (!state.has(v)) state.set(v, null);
      i += 2;
    }
    this.#scanned = i;
  }

  /**
   * Dereferences a term as of the current position.
   *
   * @param t A term.
   * @returns Its value then: a non-variable, or the unbound variable ending the chain.
   */
  deref(t: Term): Term {
    while (t.tag === VAR) {
      const s = this.#state.get(t as Var);
      const val = s === undefined ? (t as Var).ref : s;
      if (val === null) return t;
      t = val;
    }
    return t;
  }
}
