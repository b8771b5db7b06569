/**
 * Prolog streams (ISO 7.10). A stream is either an output stream that hands
 * text to a writer callback (stdout, a capture buffer, a file) or an input
 * stream over text held in memory with a read position. Streams appear in
 * terms as `'$stream'(Id)`.
 *
 * @module
 */
import { type Atom, mkFunctor, mkInt, Struct, type Term } from "./term.ts";

/** Stream mode (ISO 7.10.1.1). */
export type StreamMode = "read" | "write" | "append";

let nextStreamId = 0;

/**
 * One open stream.
 *
 * @example
 * ```ts
 * import { PStream } from "./stream.ts";
 * let out = "";
 * const s = PStream.output((t) => { out += t; });
 * s.write("hi");
 * console.log(out); // "hi"
 * ```
 */
export class PStream {
  /** Unique id (the argument of `'$stream'/1`). */
  readonly id: number = nextStreamId++;
  /** Mode. */
  readonly mode: StreamMode;
  /** Alias, if any. */
  alias: Atom | null = null;
  /** `text` or `binary`. */
  type: "text" | "binary" = "text";
  /** File name, for file streams. */
  fileName: string | null = null;
  /** `eof_action`: `error`, `eof_code` or `reset`. */
  eofAction: "error" | "eof_code" | "reset" = "eof_code";
  /** Whether `reposition(true)` was requested and is possible. */
  reposition = false;
  /** Set once closed. */
  closed = false;
  /** Input text (read streams). */
  text = "";
  /** Input bytes (binary read streams). */
  bytes: Uint8Array | null = null;
  /** Read position (index into `text` or `bytes`). */
  pos = 0;
  /** 1-based line of the read position; for output, of the write position. */
  line = 1;
  /** Characters written or read so far. */
  chars = 0;
  /** 0-based column (characters since the last newline). */
  col = 0;
  /** Set after end of stream was read once (`past` state). */
  pastEof = false;
  /** The term `'$stream'(Id)`. */
  readonly term: Struct;
  #sink: ((text: string) => void) | null;
  #flush: (() => void) | null;

  /** Creates a stream; use the static constructors. */
  constructor(mode: StreamMode, sink: ((text: string) => void) | null, flush?: () => void) {
    this.mode = mode;
    this.#sink = sink;
    this.#flush = flush ?? null;
    this.term = new Struct(STREAM_FN, [mkInt(this.id)]);
  }

  /**
   * An output stream writing to `sink`.
   *
   * @param sink Receives text.
   * @param flush Called by `flush_output`.
   * @returns The stream.
   */
  static output(sink: (text: string) => void, flush?: () => void): PStream {
    return new PStream("write", sink, flush);
  }

  /**
   * An input stream over `text`.
   *
   * @param text The whole input.
   * @returns The stream.
   */
  static input(text: string): PStream {
    const s = new PStream("read", null);
    s.text = text;
    return s;
  }

  /** True for input streams. */
  get isInput(): boolean {
    return this.mode === "read";
  }

  /**
   * Writes text, tracking line and column.
   *
   * @param s The text.
   */
  write(s: string): void {
    if (s.length === 0) return;
    this.#sink!(s);
    this.chars += s.length;
    const nl = s.lastIndexOf("\n");
    if (nl < 0) {
      this.col += s.length;
    } else {
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) this.line++;
      this.col = s.length - nl - 1;
    }
  }

  /** Flushes buffered output. */
  flush(): void {
    this.#flush?.();
  }
}

/** `'$stream'/1`. */
export const STREAM_FN = mkFunctor("$stream", 1);

/**
 * True when `t` is a stream term `'$stream'(N)`.
 *
 * @param t A dereferenced term.
 * @returns Whether it is a stream term.
 * @example
 * ```ts
 * import { isStreamTerm, PStream } from "./stream.ts";
 * console.log(isStreamTerm(PStream.input("").term)); // true
 * ```
 */
export function isStreamTerm(t: Term): t is Struct {
  return t.tag === 5 && (t as Struct).fn === STREAM_FN;
}

/**
 * The stream table of one engine: standard streams, current input/output,
 * aliases (ISO 7.10.2).
 *
 * @example
 * ```ts
 * import { StreamTable } from "./stream.ts";
 * let out = "";
 * const io = new StreamTable((t) => { out += t; }, () => {});
 * io.curOut.write("x");
 * console.log(out); // "x"
 * ```
 */
export class StreamTable {
  /** `user_input`. */
  readonly userInput: PStream;
  /** `user_output`. */
  readonly userOutput: PStream;
  /** `user_error`. */
  readonly userError: PStream;
  /** Current input stream. */
  curIn: PStream;
  /** Current output stream. */
  curOut: PStream;
  /** Open streams by id. */
  readonly byId: Map<number, PStream> = new Map();
  /** Streams by alias name. */
  readonly byAlias: Map<string, PStream> = new Map();

  /**
   * Creates the table.
   *
   * @param out Where `user_output` text goes.
   * @param err Where `user_error` text goes.
   * @param input Text of `user_input` (empty by default).
   */
  constructor(out: (s: string) => void, err: (s: string) => void, input = "") {
    this.userInput = PStream.input(input);
    this.userOutput = PStream.output(out);
    this.userError = PStream.output(err);
    this.curIn = this.userInput;
    this.curOut = this.userOutput;
    for (
      const [name, s] of [
        ["user_input", this.userInput],
        ["user_output", this.userOutput],
        ["user_error", this.userError],
      ] as const
    ) {
      this.add(s);
      this.byAlias.set(name, s);
    }
  }

  /**
   * Registers an open stream.
   *
   * @param s The stream.
   */
  add(s: PStream): void {
    this.byId.set(s.id, s);
  }
}
