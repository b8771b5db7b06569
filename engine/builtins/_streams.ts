/**
 * Helpers shared by the stream, character I/O and term input builtins:
 * text/binary checks, end-of-stream handling (ISO 7.10.2.9, 7.10.2.11) and
 * the one error helper `errors.ts` lacks.
 *
 * @module
 */
import { permissionError, PrologThrow } from "../errors.ts";
import type { PStream } from "../stream.ts";
import { mkStruct, type Term, Var } from "../term.ts";

/**
 * `uninstantiation_error(Culprit)` (ISO Cor.2 7.12.2 k): an output argument was bound.
 *
 * @param culprit The bound argument.
 * @returns The exception to throw.
 */
export function uninstantiationError(culprit: Term): PrologThrow {
  return new PrologThrow(
    mkStruct("error", [mkStruct("uninstantiation_error", [culprit]), new Var()]),
  );
}

/**
 * Checks that `s` is a text stream, for character and term I/O (ISO 8.12, 8.14).
 *
 * @param s The stream.
 * @param dir `input` or `output`, the action named in the error.
 */
export function mustBeText(s: PStream, dir: "input" | "output"): void {
  if (s.type === "binary") throw permissionError(dir, "binary_stream", s.term);
}

/**
 * Checks that `s` is a binary stream, for byte I/O (ISO 8.13).
 *
 * @param s The stream.
 * @param dir `input` or `output`, the action named in the error.
 */
export function mustBeBinary(s: PStream, dir: "input" | "output"): void {
  if (s.type !== "binary") throw permissionError(dir, "text_stream", s.term);
}

/**
 * Applies the stream's `eof_action` when a read finds no more data
 * (ISO 7.10.2.11): reading past the end raises a permission error under
 * `error`; otherwise the end is reported again. A consuming read moves the
 * stream to `past`, except under `reset`, which leaves it readable.
 *
 * @param s The input stream, at its end.
 * @param consume False for peeks, which leave the stream `at` its end.
 */
export function endOfInput(s: PStream, consume: boolean): void {
  if (s.pastEof && s.eofAction === "error") {
    throw permissionError("input", "past_end_of_stream", s.term);
  }
  if (consume) s.pastEof = s.eofAction !== "reset";
}
