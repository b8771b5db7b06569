/**
 * A fast path for the term writer: most goals a tracer prints (`num(42)`,
 * `app([1,2],[3],_G1)`, `X mod 2=:=0`) use no brackets, no prefix operators
 * and no tricky spacing. This writes those directly with string
 * concatenation and gives up (returns `null`) on anything else, which the
 * general writer then handles. A property test checks that both agree.
 *
 * @module
 */
import type { Operators } from "./operators.ts";
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

const quotedCache = new Map<string, string>();

function atomText(name: string, quoted: boolean): string {
  if (!quoted) return name;
  let text = quotedCache.get(name);
  if (text === undefined) {
    if (quotedCache.size >= 4096) quotedCache.clear();
    text = formatAtom(name, true);
    quotedCache.set(name, text);
  }
  return text;
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
      return operand && v < 0 ? null : String(v);
    }
    case BIG: {
      const v = (t as BigInt_).val;
      return operand && v < 0n ? null : String(v);
    }
    case ATOM: {
      const name = (t as Atom).name;
      if (o.ops.isOp(name)) return null;
      return atomText(name, o.quoted);
    }
    case STRUCT:
      return struct(t as Struct, prec, depth);
    default:
      return null;
  }
}

function struct(s: Struct, prec: number, depth: number): string | null {
  const name = s.fn.name.name;
  const args = s.args;
  const n = args.length;
  if (n === 2 && name === ".") return list(s, depth);
  if (n === 1 && (name === "{}" || name === "$VAR")) return null;
  if (n === 2) {
    const op = o.ops.infix(name);
    if (op !== undefined) return infix(name, op.priority, op.type, args, prec, depth);
  }
  if (n <= 2 && (o.ops.prefix(name) !== undefined || o.ops.postfix(name) !== undefined)) {
    return null;
  }
  if (o.quoted && (name === "[]" || name === "{}")) return null;
  let out = atomText(name, o.quoted) + "(";
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

/** Priority of an operand as written by `write`: only operator terms have one. */
function priorityOf(t: Term): number {
  while (t.tag === VAR && (t as Var).ref !== null) t = (t as Var).ref!;
  if (t.tag !== STRUCT) return 0;
  const s = t as Struct;
  if (s.args.length !== 2 || s.fn.name.name === ".") return 0;
  const op = o.ops.infix(s.fn.name.name);
  return op === undefined ? 0 : op.priority;
}

function infix(
  name: string,
  p: number,
  type: string,
  args: Term[],
  prec: number,
  depth: number,
): string | null {
  if (p > prec) return null; // would need brackets
  const lp = type === "yfx" ? p : p - 1;
  const rp = type === "xfy" ? p : p - 1;
  if (priorityOf(args[0]) > lp || priorityOf(args[1]) > rp) return null;
  const left = write(args[0], lp, depth + 1, true);
  if (left === null || left.length === 0) return null;
  const right = write(args[1], rp, depth + 1, true);
  if (right === null || right.length === 0) return null;
  if (name === ",") return left + "," + right;
  if (name === "|") return null;
  const lastL = left.charCodeAt(left.length - 1);
  const firstR = right.charCodeAt(0);
  const first = name.charCodeAt(0);
  if (isAlnumCode(first)) {
    // `1 rem 2`: spaced on both sides, as the general writer does after an
    // alphanumeric left operand.
    if (!isAlnumCode(lastL) || !isAlnumCode(firstR)) return null;
    return left + " " + atomText(name, o.quoted) + " " + right;
  }
  for (let i = 0; i < name.length; i++) if (!isSymbolCode(name.charCodeAt(i))) return null;
  if (isSymbolCode(lastL) || isSymbolCode(firstR) || firstR === 40) return null;
  return left + name + right;
}
