/**
 * Stream selection and control (ISO 8.11): `open/3,4`, `close/1,2`,
 * `current_input/1`, `current_output/1`, `set_input/1`, `set_output/1`,
 * `flush_output/0,1`, `stream_property/2`, `at_end_of_stream/0,1`,
 * `set_stream_position/2`, plus SWI-Prolog's `set_stream/2`, `is_stream/1`
 * and `stream_position_data/3`.
 *
 * File input is read whole at `open` (text is decoded as UTF-8, binary kept
 * as bytes); file output is buffered by a {@linkcode FileSink} and written on
 * flush, on close, or when the buffer grows large.
 *
 * @module
 */
import { LAST, MORE } from "../database.ts";
import {
  domainError,
  existenceError,
  instantiationError,
  permissionError,
  type PrologThrow,
  systemError,
  typeError,
} from "../errors.ts";
import type { Machine } from "../machine.ts";
import { FileSink, isStreamTerm, PStream, resolveStream, type StreamTable } from "../stream.ts";
import {
  ATOM,
  type Atom,
  deref,
  type Functor,
  INT,
  type Int,
  listToArray,
  mkAtom,
  mkFunctor,
  mkInt,
  mkStruct,
  NIL,
  type PString,
  STR,
  STRUCT,
  Struct,
  type Term,
  VAR,
} from "../term.ts";
import { atomArg, isChar, listArg, nonVar } from "./_args.ts";
import { uninstantiationError } from "./_streams.ts";
import type { BuiltinTable } from "./registry.ts";

const TRUE_A = mkAtom("true");
const FALSE_A = mkAtom("false");
const INPUT_A = mkAtom("input");
const OUTPUT_A = mkAtom("output");
const POSITION_FN = mkFunctor("$stream_position", 4);

/** What `open/4` was asked for (ISO 7.10.2.11 stream options). */
interface OpenOptions {
  type: "text" | "binary";
  reposition: boolean | null;
  alias: Atom | null;
  eofAction: "error" | "eof_code" | "reset";
}

/** SWI-Prolog options accepted by `open/4` and ignored (files are always UTF-8). */
const IGNORED_OPEN_OPTIONS = new Set([
  "encoding/1",
  "bom/1",
  "buffer/1",
  "close_on_abort/1",
  "create/1",
  "lock/1",
  "newline/1",
  "wait/1",
]);

/** The argument of a one-argument option, which must be one of `allowed`. */
function choice(o: Struct, allowed: readonly string[]): string {
  const v = nonVar(o.args[0]);
  if (v.tag !== ATOM || !allowed.includes((v as Atom).name)) {
    throw domainError("stream_option", o);
  }
  return (v as Atom).name;
}

/** Parses the options of `open/4` (ISO 8.11.5.3 c, g, h). */
function openOptions(list: Term[]): OpenOptions {
  const o: OpenOptions = { type: "text", reposition: null, alias: null, eofAction: "error" };
  for (const item of list) {
    const t = nonVar(item);
    if (t.tag !== STRUCT) throw domainError("stream_option", t);
    const s = t as Struct;
    switch (s.fn.indicator) {
      case "type/1":
        o.type = choice(s, ["text", "binary"]) as OpenOptions["type"];
        break;
      case "reposition/1":
        o.reposition = choice(s, ["true", "false"]) === "true";
        break;
      case "eof_action/1":
        o.eofAction = choice(s, ["error", "eof_code", "reset"]) as OpenOptions["eofAction"];
        break;
      case "alias/1": {
        const a = nonVar(s.args[0]);
        if (a.tag !== ATOM) throw domainError("stream_option", s);
        o.alias = a as Atom;
        break;
      }
      default:
        if (!IGNORED_OPEN_OPTIONS.has(s.fn.indicator)) throw domainError("stream_option", s);
        nonVar(s.args[0]);
    }
  }
  return o;
}

/** Maps a Deno file-system error to the ISO error for opening `src`. */
function openError(e: unknown, src: Term): PrologThrow {
  if (e instanceof Deno.errors.NotFound) return existenceError("source_sink", src);
  if (
    e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable ||
    e instanceof Deno.errors.IsADirectory
  ) {
    return permissionError("open", "source_sink", src);
  }
  return systemError(e instanceof Error ? e.message : String(e));
}

/** Opens the file `path` as a stream of `mode`. */
function openFile(
  path: string,
  src: Term,
  mode: "read" | "write" | "append",
  o: OpenOptions,
): PStream {
  let s: PStream;
  if (mode === "read") {
    let data: Uint8Array;
    try {
      data = Deno.readFileSync(path);
    } catch (e) {
      throw openError(e, src);
    }
    if (o.type === "binary") {
      s = PStream.input("");
      s.bytes = data;
    } else {
      s = PStream.input(new TextDecoder().decode(data));
    }
    s.reposition = o.reposition ?? true;
  } else {
    if (mode === "append" && o.reposition === true) {
      throw permissionError("open", "source_sink", mkStruct("reposition", [TRUE_A]));
    }
    let file: Deno.FsFile;
    let start = 0;
    try {
      file = Deno.openSync(
        path,
        mode === "write"
          ? { write: true, create: true, truncate: true }
          : { append: true, create: true },
      );
      if (mode === "append") start = file.statSync().size;
    } catch (e) {
      throw openError(e, src);
    }
    const sink = new FileSink(file, start);
    s = new PStream(mode, (t) => sink.text(t), () => sink.flush());
    s.file = sink;
    s.reposition = o.reposition ?? mode === "write";
  }
  s.type = o.type;
  s.eofAction = o.eofAction;
  s.fileName = path;
  return s;
}

/**
 * The file name of a source/sink: an atom, or (as SWI-Prolog allows) a
 * string or a non-empty code or character list.
 */
function sourcePath(t: Term): string | null {
  if (t.tag === ATOM) return t === NIL ? null : (t as Atom).name;
  if (t.tag === STR) return (t as PString).val;
  const items = listToArray(t);
  if (items === null || items.length === 0) return null;
  let path = "";
  for (const x of items) {
    const c = deref(x);
    if (c.tag === INT && (c as Int).val >= 0 && (c as Int).val <= 0x10ffff) {
      path += String.fromCodePoint((c as Int).val);
    } else if (isChar(c)) {
      path += c.name;
    } else {
      return null;
    }
  }
  return path;
}

/** `open/4` (ISO 8.11.5): the checks in the order of 8.11.5.3. */
function open(a: Term[], m: Machine): boolean {
  const src = deref(a[0]);
  const mode = deref(a[1]);
  if (src.tag === VAR || mode.tag === VAR) throw instantiationError();
  const list = listArg(a[3]);
  for (const item of list) nonVar(item);
  const out = deref(a[2]);
  if (out.tag !== VAR) throw uninstantiationError(out);
  const path = sourcePath(src);
  if (path === null) throw domainError("source_sink", src);
  if (mode.tag !== ATOM) throw typeError("atom", mode);
  const o = openOptions(list);
  const mn = (mode as Atom).name;
  if (mn !== "read" && mn !== "write" && mn !== "append") throw domainError("io_mode", mode);
  const io = m.io;
  if (o.alias !== null && io.byAlias.has(o.alias.name)) {
    throw permissionError("open", "source_sink", mkStruct("alias", [o.alias]));
  }
  const s = openFile(path, src, mn, o);
  io.add(s);
  if (o.alias !== null) {
    s.alias = o.alias;
    io.byAlias.set(o.alias.name, s);
  }
  return m.unify(out, s.term);
}

/**
 * Finds the open stream named by a stream-or-alias argument, or `null` when
 * there is none (ISO 7.10.2.1 checks, without the existence error).
 */
function lookupStream(io: StreamTable, t: Term): PStream | null {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  if (t.tag === ATOM) return io.byAlias.get((t as Atom).name) ?? null;
  if (!isStreamTerm(t)) throw domainError("stream_or_alias", t);
  const id = deref(t.args[0]);
  const s = id.tag === INT ? io.byId.get((id as Int).val) : undefined;
  return s === undefined || s.closed ? null : s;
}

/** `close/2` (ISO 8.11.6). Standard streams stay open; `force(true)` ignores errors. */
function close(m: Machine, st: Term, opts: Term): boolean {
  let force = false;
  for (const item of listArg(opts)) {
    const o = nonVar(item);
    if (o.tag === STRUCT && (o as Struct).fn === FORCE_FN) {
      const v = nonVar((o as Struct).args[0]);
      if (v === TRUE_A) {
        force = true;
        continue;
      }
      if (v === FALSE_A) continue;
    }
    throw domainError("close_option", o);
  }
  const io = m.io;
  const s = lookupStream(io, st);
  if (s === null) {
    if (force) return true;
    throw existenceError("stream", deref(st));
  }
  if (io.isStandard(s)) return true;
  io.remove(s);
  try {
    s.close();
  } catch (e) {
    if (!force) throw systemError(e instanceof Error ? e.message : String(e));
  }
  return true;
}

const FORCE_FN = mkFunctor("force", 1);

/** `current_input/1`, `current_output/1` (ISO 8.11.1, 8.11.2). */
function current(t: Term, s: PStream, m: Machine): boolean {
  const d = deref(t);
  if (d.tag !== VAR && !isStreamTerm(d)) throw domainError("stream", d);
  return m.unify(d, s.term);
}

/** The term `'$stream_position'(Chars, Line, LinePos, Bytes)` for `s`. */
function positionOf(s: PStream): Term {
  return new Struct(POSITION_FN, [
    mkInt(s.chars),
    mkInt(s.line),
    mkInt(s.col),
    mkInt(s.byteCount()),
  ]);
}

/** Builds the values of one stream property (ISO 7.10.2.13) for `s`. */
type PropBuilder = (s: PStream, io: StreamTable, out: Term[]) => void;

function one(name: string, f: (s: PStream) => Term | null): [Functor, PropBuilder] {
  return [mkFunctor(name, 1), (s, _io, out) => {
    const v = f(s);
    if (v !== null) out.push(mkStruct(name, [v]));
  }];
}

/** The properties in enumeration order, keyed by functor. */
const PROPS: Map<Functor, PropBuilder> = new Map([
  one("file_name", (s) => s.fileName === null ? null : mkAtom(s.fileName)),
  one("mode", (s) => mkAtom(s.mode)),
  [mkFunctor("input", 0), (s, _io, out) => {
    if (s.isInput) out.push(INPUT_A);
  }],
  [mkFunctor("output", 0), (s, _io, out) => {
    if (!s.isInput) out.push(OUTPUT_A);
  }],
  [mkFunctor("alias", 1), (s, io, out) => {
    for (const [name, t] of io.byAlias) if (t === s) out.push(mkStruct("alias", [mkAtom(name)]));
  }],
  one("position", positionOf),
  one("end_of_stream", (s) => s.isInput ? mkAtom(s.endOfStream()) : null),
  one("eof_action", (s) => mkAtom(s.eofAction)),
  one("reposition", (s) => s.reposition ? TRUE_A : FALSE_A),
  one("type", (s) => mkAtom(s.type)),
  one("encoding", (s) => mkAtom(s.type === "binary" ? "octet" : "utf8")),
]);

/** `stream_property/2` (ISO 8.11.8): all (stream, property) pairs that match. */
function* streamProperty(a: Term[], m: Machine): Generator<number, void, void> {
  const st = deref(a[0]);
  const io = m.io;
  let streams: PStream[];
  if (st.tag === VAR) {
    streams = [...io.byId.values()];
  } else if (isStreamTerm(st)) {
    const id = deref(st.args[0]);
    const s = id.tag === INT ? io.byId.get((id as Int).val) : undefined;
    if (s === undefined || s.closed) throw existenceError("stream", st);
    streams = [s];
  } else {
    throw domainError("stream", st);
  }
  const p = deref(a[1]);
  let only: PropBuilder | null = null;
  if (p.tag !== VAR) {
    const fn = p.tag === ATOM
      ? mkFunctor(p as Atom, 0)
      : p.tag === STRUCT
      ? (p as Struct).fn
      : null;
    only = fn === null ? null : PROPS.get(fn) ?? null;
    if (only === null) throw domainError("stream_property", p);
  }
  const pairs: [PStream, Term][] = [];
  const vals: Term[] = [];
  for (const s of streams) {
    vals.length = 0;
    if (only !== null) only(s, io, vals);
    else for (const f of PROPS.values()) f(s, io, vals);
    for (const v of vals) pairs.push([s, v]);
  }
  for (let i = 0; i < pairs.length; i++) {
    const [s, v] = pairs[i];
    if (m.attempt(() => m.unify(st, s.term) && m.unify(p, v))) {
      yield i === pairs.length - 1 ? LAST : MORE;
    }
  }
}

/** True for a well-formed `'$stream_position'(C, L, LP, B)` term. */
function isPosition(p: Term): p is Struct {
  if (p.tag !== STRUCT || (p as Struct).fn !== POSITION_FN) return false;
  for (const x of (p as Struct).args) {
    const v = deref(x);
    if (v.tag !== INT || (v as Int).val < 0) return false;
  }
  return true;
}

/** `set_stream_position/2` (ISO 8.11.9). */
function setStreamPosition(a: Term[], m: Machine): boolean {
  const st = deref(a[0]);
  const p = deref(a[1]);
  if (st.tag === VAR || p.tag === VAR) throw instantiationError();
  if (st.tag !== ATOM && !isStreamTerm(st)) throw domainError("stream_or_alias", st);
  if (!isPosition(p)) throw domainError("stream_position", p);
  const s = resolveStream(m.io, st, "any");
  if (!s.reposition) throw permissionError("reposition", "stream", st);
  const [c, l, lp, b] = p.args.map((x) => (deref(x) as Int).val);
  if (s.isInput) {
    if (s.bytes !== null) {
      s.pos = Math.min(b, s.bytes.length);
    } else {
      // The char count is in code points; find the matching string index.
      const t = s.text;
      let i = 0;
      for (let n = 0; n < c && i < t.length; n++) {
        const h = t.charCodeAt(i);
        i += h >= 0xd800 && h <= 0xdbff ? 2 : 1;
      }
      s.pos = i;
    }
    s.pastEof = false;
  } else {
    if (s.file === null) throw permissionError("reposition", "stream", st);
    s.file.seek(b);
  }
  s.chars = c;
  s.line = l;
  s.col = lp;
  return true;
}

/** ISO 8.11.9 `at_end_of_stream/0,1`: output streams are never at their end. */
function atEnd(s: PStream): boolean {
  return s.isInput && (s.pastEof || s.atEnd);
}

/** Switches an input stream between text and binary (SWI `set_stream(S, type(T))`). */
function setType(s: PStream, type: "text" | "binary"): void {
  if (s.type === type) return;
  if (s.isInput) {
    if (type === "binary") {
      s.bytes = new TextEncoder().encode(s.text.slice(s.pos));
      s.text = "";
    } else {
      s.text = new TextDecoder().decode(s.bytes!.subarray(s.pos));
      s.bytes = null;
    }
    s.pos = 0;
  }
  s.type = type;
}

/** Properties `set_stream/2` accepts and ignores. */
const IGNORED_SET = new Set([
  "encoding/1",
  "buffer/1",
  "buffer_size/1",
  "close_on_abort/1",
  "newline/1",
  "record_position/1",
  "representation_errors/1",
  "timeout/1",
  "tty/1",
  "file_name/1",
]);

/** SWI-Prolog `set_stream/2`: alias, eof_action, type, line_position. */
function setStream(a: Term[], m: Machine): boolean {
  const io = m.io;
  const s = resolveStream(io, a[0], "any");
  const p = nonVar(a[1]);
  if (p.tag !== STRUCT || (p as Struct).fn.arity !== 1) throw domainError("stream_property", p);
  const ps = p as Struct;
  const v = nonVar(ps.args[0]);
  switch (ps.fn.name.name) {
    case "alias": {
      const name = atomArg(v);
      const old = io.byAlias.get(name.name);
      if (old !== undefined && old.alias === name) old.alias = null;
      io.byAlias.set(name.name, s);
      if (!io.isStandard(s)) s.alias = name;
      return true;
    }
    case "eof_action":
      if (v === mkAtom("error") || v === mkAtom("eof_code") || v === mkAtom("reset")) {
        s.eofAction = (v as Atom).name as PStream["eofAction"];
        return true;
      }
      throw domainError("eof_action", v);
    case "type":
      if (v === mkAtom("text") || v === mkAtom("binary")) {
        setType(s, (v as Atom).name as "text" | "binary");
        return true;
      }
      throw domainError("type", v);
    case "line_position":
      if (v.tag !== INT) throw typeError("integer", v);
      s.col = (v as Int).val;
      return true;
  }
  if (IGNORED_SET.has(ps.fn.indicator)) return true;
  throw domainError("stream_property", p);
}

const POSITION_FIELDS = ["char_count", "line_count", "line_position", "byte_count"];

/** SWI `stream_position_data(?Field, +Pos, -Data)`. */
function* positionData(a: Term[], m: Machine): Generator<number, void, void> {
  const f = deref(a[0]);
  const p = nonVar(a[1]);
  if (!isPosition(p)) throw domainError("stream_position", p);
  if (f.tag !== VAR) {
    const i = POSITION_FIELDS.indexOf(atomArg(f).name);
    if (i < 0) throw domainError("stream_position_data", f);
    if (m.unify(a[2], p.args[i])) yield LAST;
    return;
  }
  for (let i = 0; i < 4; i++) {
    if (m.attempt(() => m.unify(f, mkAtom(POSITION_FIELDS[i])) && m.unify(a[2], p.args[i]))) {
      yield i === 3 ? LAST : MORE;
    }
  }
}

/** The stream builtins. */
export const streamBuiltins: BuiltinTable = {
  det: {
    // ISO 8.11.5 open/3,4
    "open/3": (a, m) => open([a[0], a[1], a[2], NIL], m),
    "open/4": open,
    // ISO 8.11.6 close/1,2
    "close/1": (a, m) => close(m, a[0], NIL),
    "close/2": (a, m) => close(m, a[0], a[1]),
    // ISO 8.11.1-8.11.4 stream selection
    "current_input/1": (a, m) => current(a[0], m.io.curIn, m),
    "current_output/1": (a, m) => current(a[0], m.io.curOut, m),
    "set_input/1": (a, m) => {
      m.io.curIn = resolveStream(m.io, a[0], "input");
      return true;
    },
    "set_output/1": (a, m) => {
      m.io.curOut = resolveStream(m.io, a[0], "output");
      return true;
    },
    // ISO 8.11.7 flush_output/0,1
    "flush_output/0": (_a, m) => {
      m.io.curOut.flush();
      return true;
    },
    "flush_output/1": (a, m) => {
      resolveStream(m.io, a[0], "output").flush();
      return true;
    },
    // ISO 8.11.8 at_end_of_stream/0,1
    "at_end_of_stream/0": (_a, m) => atEnd(m.io.curIn),
    "at_end_of_stream/1": (a, m) => atEnd(resolveStream(m.io, a[0], "any")),
    // ISO 8.11.9 set_stream_position/2
    "set_stream_position/2": setStreamPosition,
    // SWI-Prolog extensions
    "set_stream/2": setStream,
    "is_stream/1": (a, m) => {
      const t = deref(a[0]);
      if (t.tag !== ATOM && !isStreamTerm(t)) return false;
      return lookupStream(m.io, t) !== null;
    },
  },
  nondet: {
    // ISO 8.11.8 stream_property/2
    "stream_property/2": streamProperty,
    "stream_position_data/3": positionData,
  },
};
