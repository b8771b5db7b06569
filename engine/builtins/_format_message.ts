/**
 * One-line message text for `print_message/2`, after SWI-Prolog's
 * `boot/messages.pl`: ISO error terms read as `Type error: ...`,
 * `format(Format, Args)` is formatted, anything else is an unknown message.
 *
 * @module
 */
import type { Machine } from "../machine.ts";
import {
  ATOM,
  type Atom,
  BIG,
  deref,
  DOT,
  FLT,
  INT,
  listToArray,
  NIL,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
} from "../term.ts";
import { textOfTerm } from "./write.ts";
import { formatToString } from "./_format_core.ts";
import { listText } from "./_format_sink.ts";

/** "an atom", "a compound", ...: how SWI describes the culprit of a type error. */
function describe(t: Term): string {
  switch (t.tag) {
    case VAR:
      return "a var";
    case INT:
    case BIG:
      return "an integer";
    case FLT:
      return "a float";
    case STR:
      return "a string";
    case ATOM:
      return t === NIL ? "an empty_list" : "an atom";
    case STRUCT:
      return t.fn === DOT ? "a list" : "a compound";
  }
  return "a term";
}

function isStruct(t: Term, name: string, arity: number): boolean {
  return t.tag === STRUCT && t.fn.arity === arity && t.fn.name.name === name;
}

/** The text of an ISO error's formal term. */
function formalText(m: Machine, f: Term): string {
  const q = (t: Term) => textOfTerm(m, t, true);
  const w = (t: Term) => textOfTerm(m, t, false);
  if (f.tag === ATOM && f.name === "instantiation_error") {
    return "Arguments are not sufficiently instantiated";
  }
  if (f.tag !== STRUCT) return "Unknown error term: " + q(f);
  const a = f.args;
  switch (f.fn.name.name + "/" + f.fn.arity) {
    case "type_error/2":
      return `Type error: \`${w(a[0])}' expected, found \`${q(a[1])}' (${describe(deref(a[1]))})`;
    case "domain_error/2":
      return `Domain error: \`${w(a[0])}' expected, found \`${q(a[1])}'`;
    case "existence_error/2":
      if (deref(a[0]).tag === ATOM && (deref(a[0]) as Atom).name === "procedure") {
        return "Unknown procedure: " + q(a[1]);
      }
      return `${w(a[0])} \`${q(a[1])}' does not exist`;
    case "permission_error/3":
      return `No permission to ${w(a[0])} ${w(a[1]).replaceAll("_", " ")} \`${q(a[2])}'`;
    case "representation_error/1":
      return `Cannot represent due to \`${w(a[0])}'`;
    case "evaluation_error/1":
      return `Arithmetic: evaluation error: \`${w(a[0])}'`;
    case "resource_error/1":
      return "Not enough resources: " + w(a[0]);
    case "syntax_error/1":
      return "Syntax error: " + w(a[0]);
    case "system_error/1":
      return "System error: " + w(a[0]);
    case "uninstantiation_error/1":
      return `Cannot unify \`${q(a[0])}' with an instantiated argument`;
    case "format/1":
      return "Format error: " + w(a[0]);
    case "format_argument_type/2":
      return `Illegal argument to format sequence ~${w(a[0])}: ${q(a[1])}`;
  }
  return "Unknown error term: " + q(f);
}

/** `error(Formal, Context)`: `Where: Formal text (Message)`. */
function errorText(m: Machine, e: Struct): string {
  let text = formalText(m, deref(e.args[0]));
  const ctx = deref(e.args[1]);
  if (isStruct(ctx, "context", 2)) {
    const where = deref((ctx as Struct).args[0]);
    const msg = deref((ctx as Struct).args[1]);
    if (where.tag !== VAR) text = textOfTerm(m, where, true) + ": " + text;
    if (msg.tag !== VAR && msg !== NIL) text += " (" + textOfTerm(m, msg, false) + ")";
  }
  return text;
}

/**
 * The one-line text of a message term.
 *
 * @param m The machine.
 * @param msg The message term.
 * @returns The text, without prefix or newline.
 * @example
 * ```ts ignore
 * messageText(m, errorTerm); // "Type error: `integer' expected, found `a' (an atom)"
 * ```
 */
export function messageText(m: Machine, msg: Term): string {
  const t = deref(msg);
  if (isStruct(t, "error", 2)) return errorText(m, t as Struct);
  if (isStruct(t, "format", 2)) {
    const [f, a] = (t as Struct).args;
    const fmt = listText(deref(f), true);
    if (fmt !== null) {
      const args = listToArray(a) ?? [a];
      const text = formatToString(m, fmt, args, 0);
      if (text !== null) return text;
    }
  }
  return "Unknown message: " + textOfTerm(m, t, true);
}

/**
 * The line prefix for a message kind, or `null` for kinds that print
 * nothing (`informational`, `silent`, `banner`, `debug(_)`, ...).
 *
 * @param kind The dereferenced kind term.
 * @returns The prefix.
 * @example
 * ```ts
 * import { messagePrefix } from "./_format_message.ts";
 * import { mkAtom } from "../term.ts";
 * console.log(messagePrefix(mkAtom("warning"))); // Warning:
 * ```
 */
export function messagePrefix(kind: Term): string | null {
  if (kind.tag !== ATOM) return null;
  switch (kind.name) {
    case "error":
      return "ERROR: ";
    case "warning":
      return "Warning: ";
    case "help":
    case "information":
    case "query":
      return "";
  }
  return null;
}
