/**
 * The frames of the reader's explicit parse stack (see `Parser.parse` in
 * `_read_parser.ts`): each waits for one subterm. Private to the reader.
 *
 * @module
 */
import type { Term } from "./term.ts";

// Kinds of parse frames, each waiting for one subterm.
/** `name(left, •)`: the right operand of an infix operator. */
export const K_INFIX = 0;
/** `name(•)`: the operand of a prefix operator. */
export const K_PREFIX = 1;
/** `( • )`. */
export const K_PAREN = 2;
/** `{ • }`. */
export const K_CURLY = 3;
/** `[items, •`: a list element. */
export const K_LIST = 4;
/** `[items | •]`: a list's tail. */
export const K_TAIL = 5;
/** `name(items, •`: an argument. */
export const K_ARGS = 6;

/**
 * Frames beyond this many are dropped between terms, so one very deep term
 * does not keep its stack alive for the rest of the text.
 */
export const KEPT_FRAMES = 1024;

/**
 * The default deepest nesting read (`ReadOptions.maxDepth`): far beyond any
 * depth a program needs (SWI reads 10,000 levels), it bounds the reader's
 * memory (a frame and the term it builds, about 100 bytes a level: 1.6 GB)
 * so that absurd input is refused with a catchable `resource_error(memory)`
 * rather than exhausting the JS heap, which would kill the process.
 */
export const MAX_DEPTH = 1 << 24;

/** One pending subterm of the term being read; see `Parser.parse`. */
export class Frame {
  /** One of the `K_` kinds. */
  kind = 0;
  /** The priority bound and argument context to restore when the subterm is done. */
  max = 0;
  inArg = false;
  /** The operator or functor name. */
  name = "";
  /** The operator's priority. */
  prio = 0;
  /** The left operand of an infix operator. */
  left: Term | null = null;
  /** The list elements or arguments read so far. */
  items: Term[] | null = null;

  /** Drops the references to terms. */
  clear(): void {
    this.left = null;
    this.items = null;
  }
}
