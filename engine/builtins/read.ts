/**
 * Term input (ISO 8.14.1): `read/1,2`, `read_term/2,3`.
 *
 * A stream keeps one {@linkcode Reader} over the rest of its text, reused
 * while nothing else moves the read position, so reading a file term by
 * term scans it once. Each read advances the stream past the end token
 * (and the layout character after it); a syntax error skips past the bad
 * term, then raises `syntax_error`.
 *
 * @module
 */
import { domainError, PrologThrow } from "../errors.ts";
import type { DoubleQuotes } from "../flags.ts";
import type { Machine } from "../machine.ts";
import { Reader, type ReadResult } from "../parser.ts";
import { type PStream, resolveStream } from "../stream.ts";
import {
  ATOM,
  type Atom,
  deref,
  EOF,
  INT,
  type Int,
  mkAtom,
  mkInt,
  mkList,
  mkStruct,
  NIL,
  STRUCT,
  type Struct,
  type Term,
} from "../term.ts";
import { listArg, nonVar } from "./_args.ts";
import { endOfInput, mustBeText } from "./_streams.ts";
import type { BuiltinTable } from "./registry.ts";

/** A stream's reader: `reader` reads `text.slice(base)` under `dq`. */
interface ReadCache {
  reader: Reader;
  text: string;
  base: number;
  dq: DoubleQuotes;
  /** Line and column of the stream at `base`, to report absolute error positions. */
  line: number;
  col: number;
}

const caches = new WeakMap<PStream, ReadCache>();

/** What `read_term` was asked for (ISO 8.14.1 read options, plus SWI's). */
interface ReadOpts {
  variables: Term | null;
  variableNames: Term | null;
  singletons: Term | null;
  syntaxErrors: "error" | "fail" | "quiet" | "dec10";
  dq: DoubleQuotes | null;
}

const NO_OPTS: ReadOpts = {
  variables: null,
  variableNames: null,
  singletons: null,
  syntaxErrors: "error",
  dq: null,
};

const DQ_VALUES = ["codes", "chars", "atom", "string"];
const SYNTAX_ERRORS = ["error", "fail", "quiet", "dec10"];

/** Parses a read option list (ISO 8.14.1.3). */
function readOptions(t: Term): ReadOpts {
  const list = listArg(t);
  if (list.length === 0) return NO_OPTS;
  for (const item of list) nonVar(item);
  const o: ReadOpts = { ...NO_OPTS };
  for (const item of list) {
    const opt = deref(item);
    if (opt.tag !== STRUCT || (opt as Struct).fn.arity !== 1) throw domainError("read_option", opt);
    const arg = (opt as Struct).args[0];
    switch ((opt as Struct).fn.name.name) {
      case "variables":
        o.variables = arg;
        break;
      case "variable_names":
        o.variableNames = arg;
        break;
      case "singletons":
        o.singletons = arg;
        break;
      case "syntax_errors": {
        const v = nonVar(arg);
        if (v.tag !== ATOM || !SYNTAX_ERRORS.includes((v as Atom).name)) {
          throw domainError("read_option", opt);
        }
        o.syntaxErrors = (v as Atom).name as ReadOpts["syntaxErrors"];
        break;
      }
      case "double_quotes": {
        const v = nonVar(arg);
        if (v.tag !== ATOM || !DQ_VALUES.includes((v as Atom).name)) {
          throw domainError("read_option", opt);
        }
        o.dq = (v as Atom).name as DoubleQuotes;
        break;
      }
      default:
        throw domainError("read_option", opt);
    }
  }
  return o;
}

/** Rewrites a syntax error's `Line:Column` from slice-relative to stream-absolute. */
function absolute(e: PrologThrow, c: ReadCache): PrologThrow {
  if (c.base === 0) return e;
  const ball = e.ball;
  if (ball.tag !== STRUCT || (ball as Struct).fn.name.name !== "error") return e;
  const ctx = deref((ball as Struct).args[1]);
  if (ctx.tag !== STRUCT || (ctx as Struct).fn.name.name !== "context") return e;
  const pos = deref((ctx as Struct).args[0]);
  if (pos.tag !== STRUCT || (pos as Struct).fn.name.name !== ":") return e;
  const l = deref((pos as Struct).args[0]);
  const col = deref((pos as Struct).args[1]);
  if (l.tag !== INT || col.tag !== INT) return e;
  const line = (l as Int).val;
  const absLine = c.line + line - 1;
  const absCol = line === 1 ? c.col + (col as Int).val : (col as Int).val;
  return new PrologThrow(
    mkStruct("error", [
      (ball as Struct).args[0],
      mkStruct("context", [
        mkStruct(":", [mkInt(absLine), mkInt(absCol)]),
        (ctx as Struct).args[1],
      ]),
    ]),
  );
}

/**
 * Reads the next clause from a text input stream.
 *
 * @returns The term read, or `null` at the end of the stream.
 * @throws {PrologThrow} `syntax_error`, after moving past the bad term.
 */
function readFrom(s: PStream, m: Machine, dq: DoubleQuotes): ReadResult | null {
  if (s.pastEof) {
    endOfInput(s, true);
    return null;
  }
  let c = caches.get(s);
  if (c === undefined || c.base + c.reader.offset !== s.pos || c.text !== s.text || c.dq !== dq) {
    const slice = s.pos === 0 ? s.text : s.text.slice(s.pos);
    c = {
      reader: new Reader(slice, { ops: m.ops, doubleQuotes: dq }),
      text: s.text,
      base: s.pos,
      dq,
      line: s.line,
      col: s.col,
    };
    caches.set(s, c);
  }
  const before = c.reader.offset;
  let r: ReadResult | null;
  try {
    r = c.reader.next();
  } catch (e) {
    if (!(e instanceof PrologThrow)) throw e;
    c.reader.skipToEnd();
    const after = c.reader.offset;
    // No end token after the error: the bad term runs to the end of the text.
    s.advanceTo(after === before ? s.text.length : c.base + after);
    throw absolute(e, c);
  }
  if (r === null) {
    s.advanceTo(s.text.length);
    endOfInput(s, true);
    return null;
  }
  s.advanceTo(c.base + c.reader.offset);
  return r;
}

/** `Name = Var` pairs. */
function namePairs(pairs: readonly [string, Term][]): Term {
  if (pairs.length === 0) return NIL;
  return mkList(pairs.map(([n, v]) => mkStruct("=", [mkAtom(n), v])));
}

/** `read_term/3` on stream `s` (ISO 8.14.1). */
function readTermFrom(s: PStream, m: Machine, term: Term, optsTerm: Term): boolean {
  const o = readOptions(optsTerm);
  mustBeText(s, "input");
  const dq = o.dq ?? m.flags.doubleQuotes;
  let r: ReadResult | null;
  for (;;) {
    try {
      r = readFrom(s, m, dq);
      break;
    } catch (e) {
      if (!(e instanceof PrologThrow) || o.syntaxErrors === "error") throw e;
      if (o.syntaxErrors !== "dec10") return false;
      m.io.userError.write(`Syntax error: ${syntaxMessage(e.ball)}\n`);
    }
  }
  if (r === null) {
    return m.unify(term, EOF) &&
      (o.variables === null || m.unify(o.variables, NIL)) &&
      (o.variableNames === null || m.unify(o.variableNames, NIL)) &&
      (o.singletons === null || m.unify(o.singletons, NIL));
  }
  return m.unify(term, r.term) &&
    (o.variables === null || m.unify(o.variables, mkList(r.variables))) &&
    (o.variableNames === null || m.unify(o.variableNames, namePairs(r.varNames))) &&
    (o.singletons === null || m.unify(o.singletons, namePairs(r.singletons)));
}

/** The message of a `syntax_error(M)` ball, for `syntax_errors(dec10)`. */
function syntaxMessage(ball: Term): string {
  if (ball.tag === STRUCT && (ball as Struct).args.length > 0) {
    const f = deref((ball as Struct).args[0]);
    if (f.tag === STRUCT && (f as Struct).fn.name.name === "syntax_error") {
      const msg = deref((f as Struct).args[0]);
      if (msg.tag === ATOM) return (msg as Atom).name;
    }
  }
  return "unreadable term";
}

/** The read builtins. */
export const readBuiltins: BuiltinTable = {
  det: {
    // ISO 8.14.1 read_term/2,3, read/1,2
    "read_term/2": (a, m) => readTermFrom(m.io.curIn, m, a[0], a[1]),
    "read_term/3": (a, m) => {
      const s = resolveStream(m.io, a[0], "input");
      return readTermFrom(s, m, a[1], a[2]);
    },
    "read/1": (a, m) => readTermFrom(m.io.curIn, m, a[0], NIL),
    "read/2": (a, m) => readTermFrom(resolveStream(m.io, a[0], "input"), m, a[1], NIL),
  },
};
