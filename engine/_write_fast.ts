/**
 * A fast path for the term writer: most goals a tracer prints (`num(42)`,
 * `app([1,2],[3],_G1)`, `X mod 2=:=0`) use no brackets, no prefix operators
 * and no tricky spacing. This writes those directly with string
 * concatenation and gives up (returns `null`) on anything else, which the
 * general writer then handles. A property test checks that both agree.
 *
 * @module
 */
import { type OpDef, type Operators, ROLE_INFIX, ROLE_POSTFIX, ROLE_PREFIX } from "./operators.ts";
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  DOT,
  INT,
  type Int,
  NIL,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  type Var,
} from "./term.ts";
import { formatAtom, isAlnumCode, isSymbolCode } from "./_write_text.ts";

/** What the fast path needs of the writer's options. */
export interface FastOptions {
  ops: Operators;
  quoted: boolean;
  maxDepth: number;
  maxItems: number;
  varName: (v: Var) => string;
}

/**
 * Texts cached per atom id (atoms are interned with dense ids): the quoted
 * atom, the quoted atom followed by `(`, and an alphanumeric operator with
 * its spaces. Arrays, not maps: a traced goal repeats the same few functors,
 * and an array load is cheaper than hashing the name. Atoms past
 * `CACHED_IDS` (made by a program at run time) are formatted uncached, so
 * the arrays stay small however many atoms a program makes.
 */
const quotedById: (string | undefined)[] = [];
const openById: (string | undefined)[] = [];
const spacedById: (string | undefined)[] = [];
const CACHED_IDS = 1 << 16;

function cachedText(cache: (string | undefined)[], id: number): string | undefined {
  return id < cache.length ? cache[id] : undefined;
}

function cacheText(cache: (string | undefined)[], id: number, text: string): string {
  if (id < CACHED_IDS) {
    while (cache.length <= id) cache.push(undefined);
    cache[id] = text;
  }
  return text;
}

function quotedAtom(a: Atom): string {
  return cachedText(quotedById, a.id) ?? cacheText(quotedById, a.id, formatAtom(a.name, true));
}

function atomText(a: Atom, quoted: boolean): string {
  return quoted ? quotedAtom(a) : a.name;
}

/** `name(`, as a compound in functional notation starts. */
function openText(a: Atom, quoted: boolean): string {
  if (!quoted) return a.name + "(";
  return cachedText(openById, a.id) ?? cacheText(openById, a.id, quotedAtom(a) + "(");
}

/** ` name `, an alphanumeric infix operator with its spaces. */
function spacedText(a: Atom, quoted: boolean): string {
  if (!quoted) return " " + a.name + " ";
  return cachedText(spacedById, a.id) ?? cacheText(spacedById, a.id, " " + quotedAtom(a) + " ");
}

/**
 * Texts of the integers 0 to `SMALL_INTS - 1`, made on first use: goals
 * repeat small numbers (counters, arities, list elements), and an array
 * load is cheaper than `String(v)`'s lookup in V8's number-string cache.
 */
const intTexts: string[] = [];
const SMALL_INTS = 1024;

function smallInt(v: number): string {
  if (v < intTexts.length) return intTexts[v];
  while (intTexts.length <= v) intTexts.push(String(intTexts.length));
  return intTexts[v];
}

// Results of `write` are strings; `null` means "give up".
let o: FastOptions;

/**
 * Writes `t` at context priority `prec`, or returns `null` when the term
 * needs the general writer.
 *
 * @param t The term.
 * @param opts Options (no ignore_ops, no numbervars, list elements not counting as depth).
 * @param prec Context priority.
 * @returns The text, or `null`.
 */
export function fastFormat(t: Term, opts: FastOptions, prec: number): string | null {
  o = opts;
  return write(t, prec, 1, false);
}

/** `operand`: the term is an operand of an operator (numbers' signs and atoms matter). */
function write(t: Term, prec: number, depth: number, operand: boolean): string | null {
  while (t.tag === VAR && (t as Var).ref !== null) t = (t as Var).ref!;
  if (o.maxDepth > 0 && depth > o.maxDepth) return operand ? null : "...";
  // Deep terms go to the general writer, which does not recurse.
  if (depth > 100) return null;
  switch (t.tag) {
    case VAR:
      return o.varName(t as Var);
    case INT: {
      const v = (t as Int).val;
      // `v >>> 0 === v`: a non-negative integer (-0 too, which String() writes as 0).
      if (v >>> 0 === v && v < SMALL_INTS) return smallInt(v);
      return operand && v < 0 ? null : String(v);
    }
    case BIG: {
      const v = (t as BigInt_).val;
      return operand && v < 0n ? null : String(v);
    }
    case ATOM: {
      if (o.ops.roles(t as Atom) !== 0) return null;
      return atomText(t as Atom, o.quoted);
    }
    case STRUCT:
      return struct(t as Struct, prec, depth);
    default:
      return null;
  }
}

function struct(s: Struct, prec: number, depth: number): string | null {
  const functor = s.fn.name;
  const name = functor.name;
  const args = s.args;
  const n = args.length;
  const roles = n <= 2 ? o.ops.roles(functor) : 0;
  if (n === 2) {
    if (name === ".") return list(s, depth);
    if ((roles & ROLE_INFIX) !== 0) return infix(functor, o.ops.infix(name)!, args, prec, depth);
  } else if (n === 1 && (name === "{}" || name === "$VAR")) {
    return null;
  }
  if ((roles & (ROLE_PREFIX | ROLE_POSTFIX)) !== 0) return null;
  if (o.quoted && (name === "[]" || name === "{}")) return null;
  let out = openText(functor, o.quoted);
  for (let i = 0; i < n; i++) {
    const a = write(args[i], 999, depth + 1, false);
    if (a === null) return null;
    out += i === 0 ? a : "," + a;
  }
  return out + ")";
}

function list(s: Struct, depth: number): string | null {
  // Elements are one level deeper than the list; the tail does not add depth.
  const first = write(s.args[0], 999, depth + 1, false);
  if (first === null) return null;
  let out = "[" + first;
  let count = 1;
  let tail = s.args[1];
  for (;;) {
    while (tail.tag === VAR && (tail as Var).ref !== null) tail = (tail as Var).ref!;
    if (tail === NIL) return out + "]";
    if (o.maxItems > 0 && count >= o.maxItems) return out + "|...]";
    if (count > 10000) return null; // long (or cyclic) lists: the general writer
    if (tail.tag === STRUCT && (tail as Struct).fn === DOT) {
      const e = write((tail as Struct).args[0], 999, depth + 1, false);
      if (e === null) return null;
      out += "," + e;
      count++;
      tail = (tail as Struct).args[1];
      continue;
    }
    const rest = write(tail, 999, depth + 1, false);
    if (rest === null) return null;
    return out + "|" + rest + "]";
  }
}

/** The infix operator an operand is written with, if it is one (not a list cell). */
function infixOf(t: Term): OpDef | undefined {
  if (t.tag !== STRUCT) return undefined;
  const s = t as Struct;
  if (s.args.length !== 2 || s.fn.name.name === ".") return undefined;
  return (o.ops.roles(s.fn.name) & ROLE_INFIX) === 0 ? undefined : o.ops.infix(s.fn.name.name);
}

/**
 * Writes an operand of an infix operator. An operand that is itself an
 * infix term goes straight to `infix` with the definition already looked
 * up (what `write` and `struct` would do, minus a second lookup).
 */
function operand(t: Term, op: OpDef | undefined, prec: number, depth: number): string | null {
  if (op === undefined) return write(t, prec, depth, true);
  if ((o.maxDepth > 0 && depth > o.maxDepth) || depth > 100) return null;
  const s = t as Struct;
  return infix(s.fn.name, op, s.args, prec, depth);
}

function infix(
  functor: Atom,
  op: OpDef,
  args: Term[],
  prec: number,
  depth: number,
): string | null {
  const p = op.priority;
  if (p > prec) return null; // would need brackets
  const type = op.type;
  const lp = type === "yfx" ? p : p - 1;
  const rp = type === "xfy" ? p : p - 1;
  let a0 = args[0], a1 = args[1];
  while (a0.tag === VAR && (a0 as Var).ref !== null) a0 = (a0 as Var).ref!;
  while (a1.tag === VAR && (a1 as Var).ref !== null) a1 = (a1 as Var).ref!;
  const op0 = infixOf(a0), op1 = infixOf(a1);
  if ((op0 !== undefined && op0.priority > lp) || (op1 !== undefined && op1.priority > rp)) {
    return null;
  }
  const left = operand(a0, op0, lp, depth + 1);
  if (left === null || left.length === 0) return null;
  const right = operand(a1, op1, rp, depth + 1);
  if (right === null || right.length === 0) return null;
  const name = functor.name;
  if (name === ",") return left + "," + right;
  if (name === "|") return null;
  const lastL = left.charCodeAt(left.length - 1);
  const firstR = right.charCodeAt(0);
  const first = name.charCodeAt(0);
  if (isAlnumCode(first)) {
    // `1 rem 2`: spaced on both sides, as the general writer does after an
    // alphanumeric left operand.
    if (!isAlnumCode(lastL) || !isAlnumCode(firstR)) return null;
    return left + spacedText(functor, o.quoted) + right;
  }
  for (let i = 0; i < name.length; i++) if (!isSymbolCode(name.charCodeAt(i))) return null;
  if (isSymbolCode(lastL) || isSymbolCode(firstR) || firstR === 40) return null;
  return left + name + right;
}
