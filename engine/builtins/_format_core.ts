/**
 * The `format/2` directive interpreter (SWI-Prolog `pl-fmt.c` semantics).
 *
 * Output since the last column stop that follows a fill point (`~t`) is
 * held back as the *pending segment*; a column stop (`~N|`, `~N+`) then
 * distributes the missing width over the segment's fill points, or pads
 * at the stop when it has none. Text longer than the column is never
 * truncated. The whole result is built as one string, so a format error
 * emits nothing.
 *
 * @module
 */
import { domainError, PrologThrow } from "../errors.ts";
import type { Machine } from "../machine.ts";
import {
  ATOM,
  BIG,
  deref,
  FLT,
  INT,
  mkAtom,
  mkInt,
  mkStruct,
  STR,
  STRUCT,
  type Term,
  Var,
} from "../term.ts";
import { formatFloat, formatTerm } from "../writer.ts";
import { presetOptions, termText, writeOptions } from "./write.ts";
import { evalArith } from "./_eval.ts";
import { formatDecimal, formatFloatAs, formatRadix } from "./_format_num.ts";
import { captureOutput, listText } from "./_format_sink.ts";

/**
 * A format error, `error(format(Message), _)` as SWI-Prolog raises it.
 *
 * @param message What is wrong.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { formatError } from "./_format_core.ts";
 * const e = formatError("not enough arguments");
 * ```
 */
export function formatError(message: string): PrologThrow {
  return new PrologThrow(
    mkStruct("error", [mkStruct("format", [mkAtom(message)]), new Var()]),
  );
}

/** `error(format_argument_type(Directive, Arg), _)`: a bad argument for a directive (SWI). */
function argError(directive: string, arg: Term): PrologThrow {
  return new PrologThrow(
    mkStruct("error", [
      mkStruct("format_argument_type", [mkAtom(directive), arg]),
      new Var(),
    ]),
  );
}

const DEFAULT = -1;

/** One run of the interpreter over one format string. */
class Formatter {
  readonly #m: Machine;
  readonly #args: Term[];
  #next = 0;
  /** Text ready for output. */
  readonly #out: string[] = [];
  /** Current column (code points since the last newline). */
  #column: number;
  /** The last column stop. */
  #tabStop = 0;
  /** Text of the pending segment after its first fill point. */
  #pending = "";
  /** Fill points: offsets into `#pending` and their pad chars. */
  #fillAt: number[] = [];
  #fillPad: string[] = [];

  /** `s` repeated `n` times, within the memory limit (`~1000000000c`). */
  #repeat(s: string, n: number): string {
    this.#m.reserve(n * s.length);
    return s.repeat(n);
  }

  constructor(m: Machine, args: Term[], column: number) {
    this.#m = m;
    this.#args = args;
    this.#column = column;
  }

  /** Interprets `fmt`; returns the text, or `null` if a `~@` goal failed. */
  run(fmt: string): string | null {
    const n = fmt.length;
    let i = 0;
    while (i < n) {
      const tilde = fmt.indexOf("~", i);
      if (tilde < 0) {
        this.#emit(fmt.slice(i));
        break;
      }
      if (tilde > i) this.#emit(fmt.slice(i, tilde));
      i = tilde + 1;
      let arg = DEFAULT;
      let c = fmt.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        arg = 0;
        while (c >= 48 && c <= 57) {
          arg = arg * 10 + c - 48;
          c = fmt.charCodeAt(++i);
        }
      } else if (c === 42) { // `*`: the argument comes from the list
        const t = deref(this.#arg());
        if (t.tag !== INT || t.val < 0) {
          throw formatError("no or negative integer for `*' argument");
        }
        arg = t.val;
        i++;
      } else if (c === 96) { // `` `c ``: a character as the argument
        const cp = fmt.codePointAt(i + 1);
        if (cp === undefined) throw formatError("truncated format specification");
        arg = cp;
        i += cp > 0xffff ? 3 : 2;
      }
      if (fmt.charCodeAt(i) === 58) i++; // `:` (locale) modifier: the default locale
      if (i >= n) throw formatError("truncated format specification");
      const d = fmt[i++];
      if (!this.#directive(d, arg)) return null;
    }
    if (this.#fillAt.length > 0) this.#out.push(this.#pending); // unclosed ~t: no padding
    if (this.#next < this.#args.length) throw formatError("too many arguments");
    return this.#out.join("");
  }

  #arg(): Term {
    if (this.#next >= this.#args.length) throw formatError("not enough arguments");
    return this.#args[this.#next++];
  }

  #emit(s: string): void {
    if (this.#fillAt.length === 0) this.#out.push(s);
    else this.#pending += s;
    let col = this.#column;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 10 || c === 13) col = 0;
      else if (c === 9) col = (col | 7) + 1;
      else if (c === 8) col = col > 0 ? col - 1 : 0;
      else if (c < 0xdc00 || c > 0xdfff) col++; // a low surrogate is not a new char
    }
    this.#column = col;
  }

  /** A column stop at `stop`: pads the pending segment at its fill points. */
  #columnStop(stop: number): void {
    const at = this.#fillAt;
    const pads = this.#fillPad;
    if (at.length === 0) {
      at.push(0);
      pads.push(" ");
    }
    const n = at.length;
    const sizes = new Array<number>(n).fill(0);
    let space = stop - this.#column;
    if (space > 0) {
      const each = Math.floor(space / n);
      sizes.fill(each);
      space -= each * n;
      // The remainder goes to the fill points around the middle, as in SWI.
      const mid = n >> 1;
      for (let k = 0; space > 0; k++, space--) {
        const idx = mid + (k % 2 === 1 ? k : -k);
        sizes[((idx % n) + n) % n]++;
      }
    }
    const pending = this.#pending;
    let last = 0;
    for (let k = 0; k < n; k++) {
      if (at[k] > last) this.#out.push(pending.slice(last, at[k]));
      if (sizes[k] > 0) this.#out.push(this.#repeat(pads[k], sizes[k]));
      last = at[k];
    }
    if (last < pending.length) this.#out.push(pending.slice(last));
    this.#pending = "";
    at.length = 0;
    pads.length = 0;
    this.#column = this.#tabStop = stop;
  }

  #integer(t: Term): bigint {
    t = deref(t);
    if (t.tag === STRUCT) t = evalArith(t);
    if (t.tag === INT) return BigInt(t.val);
    if (t.tag === BIG) return t.val;
    throw formatError("~D expects an integer argument");
  }

  #number(t: Term, d: string): number | bigint {
    t = deref(t);
    if (t.tag === STRUCT) t = evalArith(t);
    if (t.tag === INT) return BigInt(t.val);
    if (t.tag === BIG || t.tag === FLT) return t.val;
    throw argError(d, t);
  }

  #atomic(t: Term): string {
    t = deref(t);
    switch (t.tag) {
      case ATOM:
        return t.name;
      case INT:
      case BIG:
        return String(t.val);
      case FLT:
        return formatFloat(t.val);
      case STR:
        return t.val;
    }
    throw argError("a", t);
  }

  /** Runs one directive; false when a `~@` goal fails. */
  #directive(d: string, arg: number): boolean {
    const m = this.#m;
    switch (d) {
      case "w":
        this.#emit(formatTerm(this.#arg(), presetOptions(m, "w")));
        break;
      case "p": // print/1: portray hooks are not supported
      case "q":
        this.#emit(formatTerm(this.#arg(), presetOptions(m, "q")));
        break;
      case "k":
        this.#emit(formatTerm(this.#arg(), presetOptions(m, "k")));
        break;
      case "W": {
        const t = this.#arg();
        this.#emit(termText(t, writeOptions(m, this.#arg())));
        break;
      }
      case "a":
        this.#emit(this.#atomic(this.#arg()));
        break;
      case "c": {
        const t = deref(this.#arg());
        if (t.tag !== INT || t.val < 0 || t.val > 0x10ffff) throw argError("c", t);
        const ch = String.fromCodePoint(t.val);
        this.#emit(arg === DEFAULT ? ch : this.#repeat(ch, arg));
        break;
      }
      case "d":
      case "D":
        this.#emit(
          formatDecimal(
            this.#integer(this.#arg()),
            arg === DEFAULT ? 0 : arg,
            d === "D" ? "," : "",
            3,
          ),
        );
        break;
      case "I": // SWI: digit groups separated by `_`, `arg` digits each (3)
        this.#emit(formatDecimal(this.#integer(this.#arg()), 0, "_", arg === DEFAULT ? 3 : arg));
        break;
      case "r":
      case "R": {
        let t = deref(this.#arg());
        if (arg === DEFAULT) throw formatError("r,R requires radix specifier");
        if (arg < 2 || arg > 36) throw domainError("radix", mkInt(arg));
        if (t.tag === STRUCT) t = evalArith(t);
        let n: bigint;
        if (t.tag === INT) n = BigInt(t.val);
        else if (t.tag === BIG) n = t.val;
        else throw argError(d, t);
        this.#emit(formatRadix(n, arg, d === "R"));
        break;
      }
      case "e":
      case "E":
      case "f":
      case "g":
      case "G":
        this.#emit(formatFloatAs(this.#number(this.#arg(), d), d, arg === DEFAULT ? 6 : arg));
        break;
      case "s": {
        const t = deref(this.#arg());
        const text = listText(t, false);
        if (text === null) throw argError("s", t);
        this.#emit(text);
        break;
      }
      case "i":
        this.#arg();
        break;
      case "n":
        this.#emit(arg === DEFAULT ? "\n" : this.#repeat("\n", arg));
        break;
      case "N": {
        let count = arg === DEFAULT ? 1 : arg;
        if (this.#column === 0) count--;
        if (count > 0) this.#emit(this.#repeat("\n", count));
        break;
      }
      case "~":
        this.#emit("~");
        break;
      case "t":
        this.#fillAt.push(this.#pending.length);
        this.#fillPad.push(arg === DEFAULT ? " " : String.fromCodePoint(arg));
        break;
      case "|":
        this.#columnStop(arg === DEFAULT ? this.#column : arg);
        break;
      case "+":
        this.#columnStop(this.#tabStop + (arg === DEFAULT ? 8 : arg));
        break;
      case "@": {
        const text = captureOutput(m, this.#arg());
        if (text === null) return false;
        this.#emit(text);
        break;
      }
      default:
        throw formatError(`unknown directive: ~${d}`);
    }
    return true;
  }
}

/**
 * Interprets a format string.
 *
 * @param m The machine (for operators, and for `~@` and expressions).
 * @param fmt The format text.
 * @param args The arguments.
 * @param column The output column where the text will start.
 * @returns The text, or `null` if a `~@` goal failed.
 * @example
 * ```ts ignore
 * formatToString(m, "~a~t~8|~w", [mkAtom("ab"), mkInt(1)], 0); // "ab      1"
 * ```
 */
export function formatToString(
  m: Machine,
  fmt: string,
  args: Term[],
  column: number,
): string | null {
  return new Formatter(m, args, column).run(fmt);
}
