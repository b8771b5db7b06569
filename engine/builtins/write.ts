/**
 * Term output builtins (ISO 8.14.2 `write_term/2,3` and its shorthands,
 * ISO 8.12.3 `nl/0,1`), plus SWI-Prolog's `print/1,2`, `writeln/1,2` and
 * `tab/1,2`. Every term goes through `engine/writer.ts`; this module only
 * picks the options and the stream.
 *
 * @module
 */
import { domainError, instantiationError, permissionError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import { type PStream, resolveStream } from "../stream.ts";
import {
  ATOM,
  type Atom,
  deref,
  DOT,
  INT,
  type Int,
  isCyclicList,
  LONG_LIST,
  mkFunctor,
  NIL,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  type Var,
} from "../term.ts";
import { isSymbolCode, lastCodePoint } from "../_write_text.ts";
import { formatTerm, type WriteOptions } from "../writer.ts";
import { evalInteger } from "./_eval.ts";
import type { BuiltinTable } from "./registry.ts";

/**
 * Resolves a stream-or-alias argument to a text output stream (ISO 8.14.2.3:
 * instantiation, domain, existence and permission errors, including
 * `permission_error(output, binary_stream, S)`).
 *
 * @param m The machine.
 * @param t The stream-or-alias argument.
 * @returns The stream.
 * @example
 * ```ts ignore
 * const s = outputStream(m, mkAtom("user_error"));
 * s.write("oops\n");
 * ```
 */
export function outputStream(m: Machine, t: Term): PStream {
  const s = resolveStream(m.io, t, "output");
  if (s.type === "binary") throw permissionError("output", "binary_stream", deref(t));
  return s;
}

/**
 * The text of a term as `write/1` (`quoted` false) or `writeq/1` (`quoted`
 * true) prints it, with `'$VAR'(N)` written as a variable name.
 *
 * @param m The machine (for its operator table).
 * @param t The term.
 * @param quoted Quote atoms and strings that need it.
 * @returns The text.
 * @example
 * ```ts ignore
 * textOfTerm(m, mkAtom("hello world"), true); // "'hello world'"
 * ```
 */
export function textOfTerm(m: Machine, t: Term, quoted: boolean): string {
  return formatTerm(t, { ops: m.ops, quoted, numberVars: true });
}

/**
 * Parsed `write_term/2,3` options: the writer's options plus what is added
 * around the term.
 *
 * @example
 * ```ts ignore
 * const o: TermOutput = { opts: { ops: m.ops, quoted: true }, fullstop: true, nl: true };
 * ```
 */
export interface TermOutput {
  /** Options for `formatTerm`. */
  opts: WriteOptions;
  /** `fullstop(true)`: end with ` .` or `.`. */
  fullstop: boolean;
  /** `nl(true)`: end with a newline. */
  nl: boolean;
}

const EQ2 = mkFunctor("=", 2);

/** Reads the boolean argument of option `o`; ISO 8.14.2.3 e for anything else. */
function boolOption(o: Struct): boolean {
  const v = deref(o.args[0]);
  if (v.tag === VAR) throw instantiationError();
  if (v.tag === ATOM) {
    if ((v as Atom).name === "true") return true;
    if ((v as Atom).name === "false") return false;
  }
  throw domainError("write_option", o);
}

/** Reads an integer option argument in `lo..hi`. */
function intOption(o: Struct, lo: number, hi: number): number {
  const v = deref(o.args[0]);
  if (v.tag === VAR) throw instantiationError();
  if (v.tag !== INT || (v as Int).val < lo || (v as Int).val > hi) {
    throw domainError("write_option", o);
  }
  return (v as Int).val;
}

/** Reads an atom option argument (one of `allowed`, if given). */
function atomOption(o: Struct, allowed?: readonly string[]): string {
  const v = deref(o.args[0]);
  if (v.tag === VAR) throw instantiationError();
  if (v.tag !== ATOM) throw domainError("write_option", o);
  const name = (v as Atom).name;
  if (allowed !== undefined && !allowed.includes(name)) throw domainError("write_option", o);
  return name;
}

/**
 * `variable_names(['X'=V, ...])` (ISO 7.10.5, Cor.2): a map from the unbound
 * variables to their names; the first name given for a variable wins.
 */
function variableNames(o: Struct): Map<Var, string> {
  const names = new Map<Var, string>();
  let l = deref(o.args[0]);
  let n = 0;
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (++n === LONG_LIST && isCyclicList(o.args[0])) throw typeError("list", deref(o.args[0]));
    const e = deref((l as Struct).args[0]);
    if (e.tag === VAR) throw instantiationError();
    if (e.tag !== STRUCT || (e as Struct).fn !== EQ2) throw domainError("write_option", o);
    const name = deref((e as Struct).args[0]);
    if (name.tag === VAR) throw instantiationError();
    if (name.tag !== ATOM) throw domainError("write_option", o);
    const v = deref((e as Struct).args[1]);
    if (v.tag === VAR && !names.has(v as Var)) names.set(v as Var, (name as Atom).name);
    l = deref((l as Struct).args[1]);
  }
  if (l.tag === VAR) throw instantiationError();
  if (l !== NIL) throw domainError("write_option", o);
  return names;
}

/** SWI-Prolog boolean options accepted and ignored (the writer has no use for them). */
const IGNORED_BOOLEANS = new Set([
  "portray",
  "portrayed",
  "character_escapes",
  "cycles",
  "dotlists",
  "no_lists",
  "partial",
  "quote_non_ascii",
]);

function applyOption(out: TermOutput, t: Term): void {
  const o = deref(t);
  if (o.tag === VAR) throw instantiationError();
  if (o.tag !== STRUCT || (o as Struct).fn.arity !== 1) throw domainError("write_option", o);
  const s = o as Struct;
  const opts = out.opts;
  switch (s.fn.name.name) {
    case "quoted":
      opts.quoted = boolOption(s);
      return;
    case "ignore_ops":
      opts.ignoreOps = boolOption(s);
      return;
    case "numbervars":
      opts.numberVars = boolOption(s);
      return;
    case "brace_terms":
      opts.braceTerms = boolOption(s);
      return;
    case "fullstop":
      out.fullstop = boolOption(s);
      return;
    case "nl":
      out.nl = boolOption(s);
      return;
    case "max_depth":
      opts.maxDepth = intOption(s, 0, Number.MAX_SAFE_INTEGER);
      return;
    case "priority":
      opts.priority = intOption(s, 0, 1200);
      return;
    case "variable_names": {
      const names = variableNames(s);
      opts.varName = (v) => names.get(v) ?? `_G${v.serial}`;
      return;
    }
    // The writer has a single spacing style; next_argument is accepted
    // for compatibility but written like standard.
    case "spacing":
      atomOption(s, ["standard", "next_argument"]);
      return;
    case "attributes":
      atomOption(s, ["ignore", "dots", "write", "portray"]);
      return;
    case "module":
    case "blobs":
      atomOption(s);
      return;
  }
  if (IGNORED_BOOLEANS.has(s.fn.name.name)) {
    boolOption(s);
    return;
  }
  throw domainError("write_option", o);
}

/**
 * Parses a `write_term/2,3` option list (ISO 8.14.2.3): a partial list or
 * a variable element gives `instantiation_error`, a non-list
 * `type_error(list, L)`, an unknown or ill-typed option
 * `domain_error(write_option, O)`. Options default to false.
 *
 * @param m The machine.
 * @param list The option list.
 * @returns The parsed options.
 * @example
 * ```ts ignore
 * const out = writeOptions(m, listTerm); // e.g. [quoted(true), max_depth(3)]
 * ```
 */
export function writeOptions(m: Machine, list: Term): TermOutput {
  if (isCyclicList(list)) throw typeError("list", deref(list));
  let l = deref(list);
  while (l.tag === STRUCT && (l as Struct).fn === DOT) l = deref((l as Struct).args[1]);
  if (l.tag === VAR) throw instantiationError();
  if (l !== NIL) throw typeError("list", deref(list));
  const out: TermOutput = { opts: { ops: m.ops }, fullstop: false, nl: false };
  l = deref(list);
  while (l !== NIL) {
    applyOption(out, (l as Struct).args[0]);
    l = deref((l as Struct).args[1]);
  }
  return out;
}

/**
 * The text `write_term/2` emits for `t` under parsed options, including the
 * `fullstop` and `nl` suffixes. A full stop after a symbol char gets a
 * space so it does not glue to it (`a = + .`).
 *
 * @param t The term.
 * @param out The parsed options.
 * @returns The text.
 * @example
 * ```ts ignore
 * termText(t, writeOptions(m, opts));
 * ```
 */
export function termText(t: Term, out: TermOutput): string {
  let text = formatTerm(t, out.opts);
  if (out.fullstop) {
    text += text.length > 0 && isSymbolCode(lastCodePoint(text)) ? " ." : ".";
  }
  if (out.nl) text += "\n";
  return text;
}

/** Options of the fixed writers, per machine (the operator table is per engine). */
interface Presets {
  write: WriteOptions;
  writeq: WriteOptions;
  canonical: WriteOptions;
}

const presets = new WeakMap<Machine, Presets>();

function presetsOf(m: Machine): Presets {
  let p = presets.get(m);
  if (p === undefined) {
    p = {
      write: { ops: m.ops, numberVars: true },
      writeq: { ops: m.ops, quoted: true, numberVars: true },
      canonical: { ops: m.ops, quoted: true, ignoreOps: true },
    };
    presets.set(m, p);
  }
  return p;
}

/**
 * The writer options of `write/1` (`w`), `print/1` and `writeq/1` (`q`) or
 * `write_canonical/1` (`k`), as the `~w ~p ~q ~k` format directives use them.
 *
 * @param m The machine.
 * @param kind Which writer.
 * @returns Shared options; do not mutate.
 * @example
 * ```ts ignore
 * formatTerm(t, presetOptions(m, "q"));
 * ```
 */
export function presetOptions(m: Machine, kind: "w" | "q" | "k"): WriteOptions {
  const p = presetsOf(m);
  return kind === "w" ? p.write : kind === "q" ? p.writeq : p.canonical;
}

/**
 * The count of `tab/1,2`: an integer, or an arithmetic expression
 * (SWI-Prolog evaluates the argument).
 */
function evalCount(t: Term): number {
  const v = deref(t);
  if (v.tag === INT) return (v as Int).val;
  return Number(evalInteger(v));
}

function tab(m: Machine, s: PStream, n: number): boolean {
  m.reserve(n);
  if (n > 0) s.write(" ".repeat(n));
  return true;
}

/** The output builtins. */
export const writeBuiltins: BuiltinTable = {
  det: {
    // ISO 8.14.2: write_term/2,3 and its shorthands write/1,2, writeq/1,2,
    // print/1,2 and write_canonical/1,2.
    "write/1": (a, m) => {
      m.io.curOut.write(formatTerm(a[0], presetsOf(m).write));
      return true;
    },
    "write/2": (a, m) => {
      outputStream(m, a[0]).write(formatTerm(a[1], presetsOf(m).write));
      return true;
    },
    "writeq/1": (a, m) => {
      m.io.curOut.write(formatTerm(a[0], presetsOf(m).writeq));
      return true;
    },
    "writeq/2": (a, m) => {
      outputStream(m, a[0]).write(formatTerm(a[1], presetsOf(m).writeq));
      return true;
    },
    // SWI-Prolog: print/1 is write_term(T, [portray(true), numbervars(true),
    // quoted(true)]); portray/1 hooks are not called.
    "print/1": (a, m) => {
      m.io.curOut.write(formatTerm(a[0], presetsOf(m).writeq));
      return true;
    },
    "print/2": (a, m) => {
      outputStream(m, a[0]).write(formatTerm(a[1], presetsOf(m).writeq));
      return true;
    },
    "write_canonical/1": (a, m) => {
      m.io.curOut.write(formatTerm(a[0], presetsOf(m).canonical));
      return true;
    },
    "write_canonical/2": (a, m) => {
      outputStream(m, a[0]).write(formatTerm(a[1], presetsOf(m).canonical));
      return true;
    },
    "write_term/2": (a, m) => {
      const out = writeOptions(m, a[1]);
      m.io.curOut.write(termText(a[0], out));
      return true;
    },
    "write_term/3": (a, m) => {
      const s = outputStream(m, a[0]);
      const out = writeOptions(m, a[2]);
      s.write(termText(a[1], out));
      return true;
    },
    "writeln/1": (a, m) => {
      m.io.curOut.write(formatTerm(a[0], presetsOf(m).write) + "\n");
      return true;
    },
    "writeln/2": (a, m) => {
      outputStream(m, a[0]).write(formatTerm(a[1], presetsOf(m).write) + "\n");
      return true;
    },
    // ISO 8.12.3 nl/0,1.
    "nl/0": (_a, m) => {
      m.io.curOut.write("\n");
      return true;
    },
    "nl/1": (a, m) => {
      outputStream(m, a[0]).write("\n");
      return true;
    },
    // SWI-Prolog tab/1,2: the count is an arithmetic expression.
    "tab/1": (a, m) => tab(m, m.io.curOut, evalCount(a[0])),
    "tab/2": (a, m) => {
      const s = outputStream(m, a[0]);
      return tab(m, s, evalCount(a[1]));
    },
  },
};
