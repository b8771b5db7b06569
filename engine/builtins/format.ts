/**
 * Formatted output (SWI-Prolog `format/1,2,3`), output capture
 * (`with_output_to/2`) and `print_message/2`. None of these is in ISO;
 * they follow SWI-Prolog. The directive interpreter lives in
 * `_format_core.ts`, number text in `_format_num.ts`.
 *
 * @module
 */
import { domainError, instantiationError, typeError } from "../errors.ts";
import type { Machine } from "../machine.ts";
import { deref, listToArray, type Term, VAR } from "../term.ts";
import { outputStream } from "./write.ts";
import { formatToString } from "./_format_core.ts";
import { messagePrefix, messageText } from "./_format_message.ts";
import { captureOutput, listText, parseSink, unifySink } from "./_format_sink.ts";
import type { BuiltinTable } from "./registry.ts";

/** The text of a format argument: an atom, string, code or char list (or number). */
function formatSpec(t: Term): string {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  const text = listText(t, true);
  if (text === null) throw typeError("text", t);
  return text;
}

/** Format arguments: a proper list, or any other term as a single argument (SWI). */
function formatArgs(t: Term): Term[] {
  return listToArray(t) ?? [t];
}

/** format/2 on the current output. */
function formatOut(m: Machine, fmt: Term, args: Term[]): boolean {
  const spec = formatSpec(fmt);
  const s = m.io.curOut;
  const text = formatToString(m, spec, args, s.col);
  if (text === null) return false;
  s.write(text);
  return true;
}

/** The formatted-output builtins. */
export const formatBuiltins: BuiltinTable = {
  det: {
    // SWI-Prolog format/1,2,3.
    "format/1": (a, m) => formatOut(m, a[0], []),
    "format/2": (a, m) => formatOut(m, a[0], formatArgs(a[1])),
    "format/3": (a, m) => {
      const dest = deref(a[0]);
      const sink = dest.tag === VAR ? null : parseSink(dest);
      if (sink === null) {
        const s = outputStream(m, dest);
        const text = formatToString(m, formatSpec(a[1]), formatArgs(a[2]), s.col);
        if (text === null) return false;
        s.write(text);
        return true;
      }
      const text = formatToString(m, formatSpec(a[1]), formatArgs(a[2]), 0);
      return text !== null && unifySink(m, sink, text);
    },
    // SWI-Prolog with_output_to/2: like once/1, with output captured.
    "with_output_to/2": (a, m) => {
      const dest = deref(a[0]);
      if (dest.tag === VAR) throw instantiationError();
      const sink = parseSink(dest);
      if (sink === null) throw domainError("output_sink", dest);
      const text = captureOutput(m, a[1]);
      return text !== null && unifySink(m, sink, text);
    },
    // SWI-Prolog print_message/2, reduced to one line on user_error.
    "print_message/2": (a, m) => {
      const kind = deref(a[0]);
      if (kind.tag === VAR) throw instantiationError();
      const prefix = messagePrefix(kind);
      if (prefix !== null) m.io.userError.write(prefix + messageText(m, a[1]) + "\n");
      return true;
    },
  },
};
