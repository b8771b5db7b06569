/**
 * Prolog streams (ISO 7.10). A stream is either an output stream that hands
 * text to a writer callback (stdout, a capture buffer, a file) or an input
 * stream over text held in memory with a read position. Streams appear in
 * terms as `'$stream'(Id)`.
 *
 * @module
 */
import { domainError, existenceError, instantiationError, permissionError } from "./errors.ts";
import {
  ATOM,
  type Atom,
  deref,
  type Int,
  mkFunctor,
  mkInt,
  Struct,
  type Term,
  VAR,
} from "./term.ts";

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
  /** The file behind an output file stream (buffered writes, seeking). */
  file: FileSink | null = null;
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
    // Characters are code points: a surrogate pair counts once.
    let chars = 0, col = this.col;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff) continue; // low surrogate: already counted
      chars++;
      if (c === 10) {
        this.line++;
        col = 0;
      } else {
        col++;
      }
    }
    this.chars += chars;
    this.col = col;
  }

  /** Flushes buffered output. */
  flush(): void {
    this.#flush?.();
  }

  /** True when an input stream has no more data (ISO `end_of_stream(at)` or `past`). */
  get atEnd(): boolean {
    return this.pos >= (this.bytes !== null ? this.bytes.length : this.text.length);
  }

  /**
   * The ISO 7.10.2.9 `end_of_stream` property of an input stream.
   *
   * @returns `not`, `at` or `past`.
   */
  endOfStream(): "not" | "at" | "past" {
    if (this.pastEof) return "past";
    return this.atEnd ? "at" : "not";
  }

  /**
   * Reads one character code of a text input stream and tracks the position.
   * End-of-stream handling (eof_action) is the caller's business.
   *
   * @returns The code, or -1 at the end of the text.
   */
  getCode(): number {
    const p = this.pos;
    const t = this.text;
    if (p >= t.length) return -1;
    const c = t.codePointAt(p)!;
    this.pos = p + (c > 0xffff ? 2 : 1);
    this.chars++;
    if (c === 10) {
      this.line++;
      this.col = 0;
    } else {
      this.col++;
    }
    return c;
  }

  /**
   * The next character code of a text input stream, not consumed.
   *
   * @returns The code, or -1 at the end of the text.
   */
  peekCode(): number {
    return this.pos < this.text.length ? this.text.codePointAt(this.pos)! : -1;
  }

  /**
   * Moves the read position of a text input stream forward to `to`,
   * counting the characters and lines passed.
   *
   * @param to The new offset into `text`, not before `pos`.
   */
  advanceTo(to: number): void {
    const t = this.text;
    let chars = this.chars;
    let col = this.col;
    let line = this.line;
    for (let i = this.pos; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const h = t.charCodeAt(i - 1);
        if (h >= 0xd800 && h <= 0xdbff) continue; // second half of a pair
      }
      chars++;
      if (c === 10) {
        line++;
        col = 0;
      } else {
        col++;
      }
    }
    this.pos = to;
    this.chars = chars;
    this.col = col;
    this.line = line;
  }

  /**
   * The byte count of the current position: bytes read or written, or for a
   * text input stream the UTF-8 length of the text before the read position.
   *
   * @returns The byte offset.
   */
  byteCount(): number {
    if (this.isInput) return this.bytes !== null ? this.pos : utf8Length(this.text, this.pos);
    if (this.file !== null) return this.file.byteCount();
    return this.chars;
  }

  /** Flushes and releases the stream's file and marks it closed. */
  close(): void {
    this.closed = true;
    if (this.file !== null) {
      const f = this.file;
      this.file = null;
      f.close();
    }
  }
}

/** UTF-8 length of `s.slice(0, end)`. */
function utf8Length(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Pending output beyond this many characters or bytes is written out. */
const FLUSH_AT = 65536;

/**
 * The file behind an output stream: text and bytes are buffered and written
 * with `writeSync` on flush, on close, or when the buffer grows large.
 *
 * @example
 * ```ts ignore
 * import { FileSink, PStream } from "./stream.ts";
 * const f = new FileSink(Deno.openSync("out.txt", { write: true, create: true }), 0);
 * const s = PStream.output((t) => f.text(t), () => f.flush());
 * s.file = f;
 * s.write("hello\n");
 * s.close();
 * ```
 */
export class FileSink {
  #file: Deno.FsFile;
  #chunks: string[] = [];
  #size = 0;
  #bytes: number[] = [];
  #written: number;
  static #enc = new TextEncoder();

  /**
   * Wraps an open file.
   *
   * @param file The file, open for writing.
   * @param start Its current byte offset (the size for append mode).
   */
  constructor(file: Deno.FsFile, start: number) {
    this.#file = file;
    this.#written = start;
  }

  /**
   * Buffers text (written as UTF-8).
   *
   * @param s The text.
   */
  text(s: string): void {
    if (this.#bytes.length !== 0) this.flush();
    this.#chunks.push(s);
    this.#size += s.length;
    if (this.#size >= FLUSH_AT) this.flush();
  }

  /**
   * Buffers one byte.
   *
   * @param b The byte (0..255).
   */
  byte(b: number): void {
    if (this.#size !== 0) this.flush();
    this.#bytes.push(b);
    if (this.#bytes.length >= FLUSH_AT) this.flush();
  }

  /** Writes out everything buffered. */
  flush(): void {
    if (this.#size !== 0) {
      const data = FileSink.#enc.encode(this.#chunks.join(""));
      this.#chunks = [];
      this.#size = 0;
      this.#writeAll(data);
    }
    if (this.#bytes.length !== 0) {
      const data = Uint8Array.from(this.#bytes);
      this.#bytes = [];
      this.#writeAll(data);
    }
  }

  #writeAll(data: Uint8Array): void {
    let off = 0;
    while (off < data.length) off += this.#file.writeSync(data.subarray(off));
    this.#written += data.length;
  }

  /**
   * Bytes written so far, pending ones included (flushes to count them).
   *
   * @returns The byte offset of the write position.
   */
  byteCount(): number {
    this.flush();
    return this.#written;
  }

  /**
   * Moves the write position (for `set_stream_position/2`).
   *
   * @param offset The byte offset from the start of the file.
   */
  seek(offset: number): void {
    this.flush();
    this.#file.seekSync(offset, Deno.SeekMode.Start);
    this.#written = offset;
  }

  /** Flushes and closes the file. */
  close(): void {
    try {
      this.flush();
    } finally {
      this.#file.close();
    }
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

  /**
   * Unregisters a stream being closed (ISO 8.11.6): drops it and its
   * aliases, and makes the standard streams current again if it was current.
   *
   * @param s The stream.
   */
  remove(s: PStream): void {
    this.byId.delete(s.id);
    for (const [name, t] of this.byAlias) if (t === s) this.byAlias.delete(name);
    // A standard alias moved to `s` by set_stream/2 falls back to its own stream.
    if (!this.byAlias.has("user_input")) this.byAlias.set("user_input", this.userInput);
    if (!this.byAlias.has("user_output")) this.byAlias.set("user_output", this.userOutput);
    if (!this.byAlias.has("user_error")) this.byAlias.set("user_error", this.userError);
    if (this.curIn === s) this.curIn = this.userInput;
    if (this.curOut === s) this.curOut = this.userOutput;
  }

  /**
   * True for `user_input`, `user_output` and `user_error`, which `close/1` leaves open.
   *
   * @param s A stream.
   * @returns Whether it is a standard stream.
   */
  isStandard(s: PStream): boolean {
    return s === this.userInput || s === this.userOutput || s === this.userError;
  }
}

/**
 * Resolves a stream-or-alias argument (ISO 7.10.2.1) to an open stream.
 *
 * @param io The stream table.
 * @param t The argument.
 * @param want `input` or `output` to check the direction (permission_error otherwise), or `any`.
 * @returns The stream.
 * @example
 * ```ts
 * import { resolveStream, StreamTable } from "./stream.ts";
 * import { mkAtom } from "./term.ts";
 * const io = new StreamTable(() => {}, () => {});
 * console.log(resolveStream(io, mkAtom("user_output"), "output") === io.userOutput); // true
 * ```
 */
export function resolveStream(io: StreamTable, t: Term, want: "input" | "output" | "any"): PStream {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  let s: PStream | undefined;
  if (t.tag === ATOM) {
    s = io.byAlias.get((t as Atom).name);
    if (s === undefined) throw existenceError("stream", t);
  } else if (isStreamTerm(t)) {
    const id = deref(t.args[0]);
    s = io.byId.get((id as Int).val);
    if (s === undefined || s.closed) throw existenceError("stream", t);
  } else {
    throw domainError("stream_or_alias", t);
  }
  if (want === "input" && !s.isInput) {
    throw permissionError("input", "stream", t);
  }
  if (want === "output" && s.isInput) {
    throw permissionError("output", "stream", t);
  }
  return s;
}
