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
import { formatTerm } from "../engine/writer.ts";

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
  /** Names given to the run's variables, in first-formatted order. */
  readonly names: Map<Var, string> = new Map();
  /** Formats a variable by its run name. */
  readonly varName: (v: Var) => string;

  /** Creates a context. */
  constructor(ops: Operators, maxDepth: number, maxItems: number) {
    this.ops = ops;
    this.maxDepth = maxDepth;
    this.maxItems = maxItems;
    this.varName = (v: Var) => {
      const key = v instanceof FrozenVar ? v.orig : v;
      let n = this.names.get(key);
      if (n === undefined) {
        n = `_G${this.names.size + 1}`;
        this.names.set(key, n);
      }
      return n;
    };
  }

  /**
   * Formats a (live or snapshot) term with the run's caps and names.
   *
   * @param t The term.
   * @returns Its `writeq` text.
   */
  format(t: Term): string {
    return formatTerm(t, {
      ops: this.ops,
      quoted: true,
      maxDepth: this.maxDepth,
      maxListItems: this.maxItems,
      listDepth: false,
      varName: this.varName,
    });
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
  /** Creates a snapshot of `goal` now. */
  constructor(goal: Term, ctx: RunContext) {
    this.#ctx = ctx;
    this.term = freeze(goal, ctx.maxDepth, ctx.maxItems);
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
function freeze(t: Term, maxDepth: number, maxItems: number): Term {
  return copy(t, 1, maxDepth > 0 ? maxDepth : Infinity, maxItems > 0 ? maxItems : Infinity);
}

function copy(t: Term, depth: number, maxDepth: number, maxItems: number): Term {
  t = deref(t);
  if (t.tag === VAR) return new FrozenVar(t as Var) as unknown as Var;
  if (t.tag !== STRUCT) return t;
  if (depth > maxDepth) return ELLIPSIS;
  const s = t as Struct;
  if (s.fn === DOT) return copyList(s, depth, maxDepth, maxItems);
  const n = s.args.length;
  const args = new Array<Term>(n);
  let same = true;
  for (let i = 0; i < n; i++) {
    const a = s.args[i];
    const c = a.tag === ATOM ? a : copy(a, depth + 1, maxDepth, maxItems);
    if (c !== a) same = false;
    args[i] = c;
  }
  return same ? s : new Struct(s.fn, args);
}

/** Lists are one level deep (the tracer's `listDepth: false`), capped by item count. */
function copyList(l: Struct, depth: number, maxDepth: number, maxItems: number): Term {
  const items: Term[] = [];
  let t: Term = l;
  while (t.tag === STRUCT && (t as Struct).fn === DOT) {
    if (items.length >= maxItems) {
      t = ELLIPSIS;
      break;
    }
    items.push(copy((t as Struct).args[0], depth + 1, maxDepth, maxItems));
    t = deref((t as Struct).args[1]);
  }
  let tail: Term = t.tag === VAR
    ? new FrozenVar(t as Var) as unknown as Var
    : t.tag === STRUCT
    ? copy(t, depth + 1, maxDepth, maxItems)
    : t;
  for (let i = items.length - 1; i >= 0; i--) tail = new Struct(DOT, [items[i], tail]);
  return tail;
}
