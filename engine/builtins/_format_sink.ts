/**
 * Output capture for `with_output_to/2`, `format/3` and the `~@` format
 * directive: running a goal with a temporary stream as current output, and
 * the SWI-Prolog sinks `atom(A)`, `string(S)`, `codes(C)`, `codes(C, T)`,
 * `chars(C)` and `chars(C, T)` that receive the captured text.
 *
 * @module
 */
import type { Machine } from "../machine.ts";
import { PStream } from "../stream.ts";
import {
  ATOM,
  type Atom,
  BIG,
  deref,
  DOT,
  INT,
  isCyclicList,
  LONG_LIST,
  mkAtom,
  mkInt,
  mkList,
  NIL,
  PString,
  STR,
  STRUCT,
  type Struct,
  type Term,
} from "../term.ts";

/**
 * A parsed text sink: what kind of text to build and where it goes.
 *
 * @example
 * ```ts
 * import type { Sink } from "./_format_sink.ts";
 * import { Var } from "../term.ts";
 * const s: Sink = { kind: "codes", target: new Var(), tail: null };
 * ```
 */
export interface Sink {
  /** The kind of text. */
  kind: "atom" | "string" | "codes" | "chars";
  /** The term unified with the text. */
  target: Term;
  /** The tail of a `codes/2` or `chars/2` difference list. */
  tail: Term | null;
}

/**
 * Recognises a sink term.
 *
 * @param t A dereferenced term.
 * @returns The sink, or `null` if `t` is not one of the sink forms.
 * @example
 * ```ts
 * import { parseSink } from "./_format_sink.ts";
 * import { mkStruct, Var } from "../term.ts";
 * console.log(parseSink(mkStruct("atom", [new Var()]))?.kind); // atom
 * ```
 */
export function parseSink(t: Term): Sink | null {
  if (t.tag !== STRUCT) return null;
  const s = t as Struct;
  const name = s.fn.name.name;
  if (s.fn.arity === 1) {
    if (name === "atom" || name === "string" || name === "codes" || name === "chars") {
      return { kind: name, target: s.args[0], tail: null };
    }
  } else if (s.fn.arity === 2 && (name === "codes" || name === "chars")) {
    return { kind: name, target: s.args[0], tail: s.args[1] };
  }
  return null;
}

/**
 * Unifies a sink with text.
 *
 * @param m The machine.
 * @param sink The sink.
 * @param text The text.
 * @returns Whether unification succeeded.
 * @example
 * ```ts ignore
 * unifySink(m, parseSink(t)!, "hello");
 * ```
 */
export function unifySink(m: Machine, sink: Sink, text: string): boolean {
  let value: Term;
  switch (sink.kind) {
    case "atom":
      value = mkAtom(text);
      break;
    case "string":
      value = new PString(text);
      break;
    case "codes": {
      const items: Term[] = [];
      for (const ch of text) items.push(mkInt(ch.codePointAt(0)!));
      value = mkList(items, sink.tail ?? NIL);
      break;
    }
    case "chars": {
      const items: Term[] = [];
      for (const ch of text) items.push(mkAtom(ch));
      value = mkList(items, sink.tail ?? NIL);
      break;
    }
  }
  return m.unify(sink.target, value);
}

/**
 * Runs `goal` once (like `once/1`) with a fresh stream as current output
 * and returns what it wrote. The previous current output is restored
 * however the goal ends; exceptions propagate.
 *
 * @param m The machine.
 * @param goal The goal.
 * @returns The captured text, or `null` if the goal failed.
 * @example
 * ```ts ignore
 * const text = captureOutput(m, goalTerm); // "hello" for write(hello)
 * ```
 */
export function captureOutput(m: Machine, goal: Term): string | null {
  const parts: string[] = [];
  const s = PStream.output((text) => {
    parts.push(text);
  });
  const io = m.io;
  const saved = io.curOut;
  io.add(s);
  io.curOut = s;
  let ok = false;
  try {
    ok = m.solveOnce(goal);
  } finally {
    io.curOut = saved;
    s.closed = true;
    io.byId.delete(s.id);
  }
  return ok ? parts.join("") : null;
}

/** True for the name of a one-char atom. */
function isCharName(name: string): boolean {
  return name.length === 1 || (name.length === 2 && name.codePointAt(0)! > 0xffff);
}

/**
 * The text of a `~s` argument or a format string: a code list, a char list
 * or a string (and, if `atomic`, an atom or number).
 *
 * @param t A dereferenced term.
 * @param atomic Also accept atoms and numbers.
 * @returns The text, or `null` if `t` is not text.
 * @example
 * ```ts
 * import { listText } from "./_format_sink.ts";
 * import { mkList, mkInt } from "../term.ts";
 * console.log(listText(mkList([mkInt(104), mkInt(105)]), false)); // hi
 * ```
 */
export function listText(t: Term, atomic: boolean): string | null {
  switch (t.tag) {
    case STR:
      return t.val;
    case ATOM:
      if (t === NIL) return "";
      return atomic ? (t as Atom).name : null;
    case INT:
    case BIG:
      return atomic ? String(t.val) : null;
    case STRUCT:
      break;
    default:
      return null;
  }
  let out = "";
  let l: Term = t;
  let n = 0;
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (++n === LONG_LIST && isCyclicList(t)) return null;
    const e = deref((l as Struct).args[0]);
    if (e.tag === INT && e.val >= 0 && e.val <= 0x10ffff) out += String.fromCodePoint(e.val);
    else if (e.tag === ATOM && isCharName(e.name)) out += e.name;
    else return null;
    l = deref((l as Struct).args[1]);
  }
  return l === NIL ? out : null;
}
