/**
 * Character and byte input/output (ISO 8.12, 8.13): `get_char/1,2`,
 * `peek_char/1,2`, `put_char/1,2`, `get_code/1,2`, `peek_code/1,2`,
 * `put_code/1,2`, `get_byte/1,2`, `peek_byte/1,2`, `put_byte/1,2`; and the
 * character conversion table (ISO 8.14.5, 8.14.6): `char_conversion/2`,
 * `current_char_conversion/2`.
 *
 * Each input builtin checks its stream, then its item argument, then the
 * stream type, and only then reads, so an error never consumes input.
 *
 * @module
 */
import { LAST, MORE } from "../database.ts";
import { instantiationError, representationError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import { type PStream, resolveStream } from "../stream.ts";
import {
  type Atom,
  BIG,
  deref,
  EOF,
  INT,
  type Int,
  mkAtom,
  mkInt,
  type Term,
  VAR,
} from "../term.ts";
import { isChar, nonVar } from "./_args.ts";
import { endOfInput, mustBeBinary, mustBeText } from "./_streams.ts";
import type { BuiltinTable } from "./registry.ts";

const MAX_CODE = 0x10ffff;
const MINUS_ONE = mkInt(-1);

/** One-character atoms of the Latin-1 range, built once. */
const CHAR_ATOMS: Atom[] = [];
for (let c = 0; c < 256; c++) CHAR_ATOMS.push(mkAtom(String.fromCharCode(c)));

/** The one-character atom for code `c`. */
function charAtom(c: number): Atom {
  return c < 256 ? CHAR_ATOMS[c] : mkAtom(String.fromCodePoint(c));
}

/** The item argument of `get_char`/`peek_char`: a variable or an in-character (ISO 8.12.1.3). */
function checkInChar(t: Term): Term {
  t = deref(t);
  if (t.tag !== VAR && t !== EOF && !isChar(t)) throw typeError("in_character", t);
  return t;
}

/** The item argument of `get_code`/`peek_code`: a variable or an in-character code. */
function checkInCode(t: Term): Term {
  t = deref(t);
  if (t.tag === VAR) return t;
  if (t.tag === BIG) throw representationError("in_character_code");
  if (t.tag !== INT) throw typeError("integer", t);
  const c = (t as Int).val;
  if (c < -1 || c > MAX_CODE) throw representationError("in_character_code");
  return t;
}

/** The item argument of `get_byte`/`peek_byte`: a variable or an in-byte (ISO 8.13.1.3). */
function checkInByte(t: Term): Term {
  t = deref(t);
  if (t.tag === VAR) return t;
  if (t.tag !== INT || (t as Int).val < -1 || (t as Int).val > 255) {
    throw typeError("in_byte", t);
  }
  return t;
}

/** Reads (or peeks) one code from a text input stream, applying eof_action at the end. */
function readCode(s: PStream, consume: boolean): number {
  if (s.pos < s.text.length && !s.pastEof) return consume ? s.getCode() : s.peekCode();
  endOfInput(s, consume);
  return -1;
}

/** Reads (or peeks) one byte from a binary input stream. */
function readByte(s: PStream, consume: boolean): number {
  const b = s.bytes;
  if (b !== null && s.pos < b.length && !s.pastEof) {
    const v = b[s.pos];
    if (consume) {
      s.pos++;
      s.chars++;
    }
    return v;
  }
  endOfInput(s, consume);
  return -1;
}

/** `get_char`/`peek_char` on `s` (ISO 8.12.1, 8.12.2). */
function inChar(s: PStream, item: Term, m: Machine, consume: boolean): boolean {
  const t = checkInChar(item);
  mustBeText(s, "input");
  const c = readCode(s, consume);
  return m.unify(t, c < 0 ? EOF : charAtom(c));
}

/** `get_code`/`peek_code` on `s` (ISO 8.12.1, 8.12.2). */
function inCode(s: PStream, item: Term, m: Machine, consume: boolean): boolean {
  const t = checkInCode(item);
  mustBeText(s, "input");
  const c = readCode(s, consume);
  return m.unify(t, c < 0 ? MINUS_ONE : mkInt(c));
}

/** `get_byte`/`peek_byte` on `s` (ISO 8.13.1, 8.13.2). */
function inByte(s: PStream, item: Term, m: Machine, consume: boolean): boolean {
  const t = checkInByte(item);
  mustBeBinary(s, "input");
  const b = readByte(s, consume);
  return m.unify(t, b < 0 ? MINUS_ONE : mkInt(b));
}

/** `put_char` (ISO 8.12.3). */
function putChar(s: PStream, item: Term): boolean {
  const t = nonVar(item);
  if (!isChar(t)) throw typeError("character", t);
  mustBeText(s, "output");
  s.write(t.name);
  return true;
}

/** `put_code` (ISO 8.12.3). */
function putCode(s: PStream, item: Term): boolean {
  const t = nonVar(item);
  if (t.tag === BIG) throw representationError("character_code");
  if (t.tag !== INT) throw typeError("integer", t);
  const c = (t as Int).val;
  if (c < 0 || c > MAX_CODE) throw representationError("character_code");
  mustBeText(s, "output");
  s.write(c < 256 ? CHAR_ATOMS[c].name : String.fromCodePoint(c));
  return true;
}

/** `put_byte` (ISO 8.13.3). */
function putByte(s: PStream, item: Term): boolean {
  const t = nonVar(item);
  if (t.tag !== INT || (t as Int).val < 0 || (t as Int).val > 255) throw typeError("byte", t);
  mustBeBinary(s, "output");
  const b = (t as Int).val;
  if (s.file !== null) {
    s.file.byte(b);
    s.chars++;
  } else {
    s.write(String.fromCharCode(b));
  }
  return true;
}

// --- character conversion (ISO 8.14.5, 8.14.6) --------------------------------

const CONVERSION_KEY = "char_conversion";

/**
 * The engine's character conversion table (ISO 7.4.2.6): only non-identity
 * pairs are stored. Shared through `m.ext` so a reader can apply it.
 *
 * @param m The machine.
 * @returns The table, created on first use.
 */
export function conversions(m: Machine): Map<Atom, Atom> {
  let t = m.ext.get(CONVERSION_KEY) as Map<Atom, Atom> | undefined;
  if (t === undefined) {
    t = new Map();
    m.ext.set(CONVERSION_KEY, t);
  }
  return t;
}

/** An argument of `char_conversion/2`: a character (representation_error otherwise). */
function conversionChar(t: Term): Atom {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  if (!isChar(t)) throw representationError("character");
  return t;
}

/** An argument of `current_char_conversion/2`: a variable or a character. */
function optionalChar(t: Term): Atom | null {
  t = deref(t);
  if (t.tag === VAR) return null;
  if (!isChar(t)) throw typeError("character", t);
  return t;
}

/** `current_char_conversion/2`: enumerates the non-identity pairs of the table. */
function* currentCharConversion(a: Term[], m: Machine): Generator<number, void, void> {
  const from = optionalChar(a[0]);
  optionalChar(a[1]);
  const table = conversions(m);
  if (from !== null) {
    const to = table.get(from);
    if (to !== undefined && m.unify(a[1], to)) yield LAST;
    return;
  }
  const pairs = [...table];
  for (let i = 0; i < pairs.length; i++) {
    const [f, t] = pairs[i];
    if (m.attempt(() => m.unify(a[0], f) && m.unify(a[1], t))) {
      yield i === pairs.length - 1 ? LAST : MORE;
    }
  }
}

/** The char_io builtins. */
export const charIoBuiltins: BuiltinTable = {
  det: {
    // ISO 8.12.1 get_char/1,2, get_code/1,2
    "get_char/1": (a, m) => inChar(m.io.curIn, a[0], m, true),
    "get_char/2": (a, m) => inChar(resolveStream(m.io, a[0], "input"), a[1], m, true),
    "get_code/1": (a, m) => inCode(m.io.curIn, a[0], m, true),
    "get_code/2": (a, m) => inCode(resolveStream(m.io, a[0], "input"), a[1], m, true),
    // ISO 8.12.2 peek_char/1,2, peek_code/1,2
    "peek_char/1": (a, m) => inChar(m.io.curIn, a[0], m, false),
    "peek_char/2": (a, m) => inChar(resolveStream(m.io, a[0], "input"), a[1], m, false),
    "peek_code/1": (a, m) => inCode(m.io.curIn, a[0], m, false),
    "peek_code/2": (a, m) => inCode(resolveStream(m.io, a[0], "input"), a[1], m, false),
    // ISO 8.12.3 put_char/1,2, put_code/1,2
    "put_char/1": (a, m) => putChar(m.io.curOut, a[0]),
    "put_char/2": (a, m) => putChar(resolveStream(m.io, a[0], "output"), a[1]),
    "put_code/1": (a, m) => putCode(m.io.curOut, a[0]),
    "put_code/2": (a, m) => putCode(resolveStream(m.io, a[0], "output"), a[1]),
    // ISO 8.13.1 get_byte/1,2
    "get_byte/1": (a, m) => inByte(m.io.curIn, a[0], m, true),
    "get_byte/2": (a, m) => inByte(resolveStream(m.io, a[0], "input"), a[1], m, true),
    // ISO 8.13.2 peek_byte/1,2
    "peek_byte/1": (a, m) => inByte(m.io.curIn, a[0], m, false),
    "peek_byte/2": (a, m) => inByte(resolveStream(m.io, a[0], "input"), a[1], m, false),
    // ISO 8.13.3 put_byte/1,2
    "put_byte/1": (a, m) => putByte(m.io.curOut, a[0]),
    "put_byte/2": (a, m) => putByte(resolveStream(m.io, a[0], "output"), a[1]),
    // ISO 8.14.5 char_conversion/2
    "char_conversion/2": (a, m) => {
      const from = conversionChar(a[0]);
      const to = conversionChar(a[1]);
      const table = conversions(m);
      if (from === to) table.delete(from);
      else table.set(from, to);
      return true;
    },
  },
  nondet: {
    // ISO 8.14.6 current_char_conversion/2
    "current_char_conversion/2": currentCharConversion,
  },
};
