/**
 * Buffered line output shared by the text sinks (`PrettySink`, `JsonlSink`).
 *
 * Lines are encoded straight into one fixed `Uint8Array` (a
 * {@linkcode LineBuffer}: no string joining, no per-line allocation) and
 * written in batches of about 64 KiB, always at line boundaries. The model
 * is the std `log/file_handler.ts` (before std removed `log`). A sink either
 * hands over a whole line ({@linkcode TextOutput.write}) or builds it in
 * place between {@linkcode TextOutput.beginLine} and
 * {@linkcode TextOutput.endLine}.
 *
 * Three kinds of target:
 * - a path: opened here (create + truncate, or `append`); may rotate;
 *   always closed by `close()` because this module opened it;
 * - a {@linkcode SyncWriter} (a `Deno.FsFile`, `Deno.stdout`, `Deno.stderr`):
 *   written with a `writeSync` loop; closed only with `closeTarget: true`;
 * - a `WritableStream<Uint8Array>`: written through a writer whose backlog is
 *   reported by `needsDrain` and awaited by `drain()`; `close()` releases the
 *   writer, or closes the stream with `closeTarget: true`.
 *
 * A write failure is kept and thrown (as one `Error` naming the sink, the
 * target and the number of lines lost) from the next `write()`, `flush()` or
 * `close()`. Lines written before the failure stay written.
 *
 * Also holds the small formatting helper both sinks share.
 *
 * @module
 */

import { Operators } from "../../engine/operators.ts";
import type { Term } from "../../engine/term.ts";
import { formatTerm } from "../../engine/writer.ts";
import { LineBuffer } from "./_line_buffer.ts";

const NL = 10;
const KIB = 1024;

/**
 * A target written synchronously: `Deno.FsFile`, `Deno.stdout`, `Deno.stderr`
 * or anything with the same `writeSync`.
 *
 * @example
 * ```ts
 * import type { SyncWriter } from "./_output.ts";
 * const w: SyncWriter = Deno.stderr;
 * ```
 */
export interface SyncWriter {
  /** Writes some bytes; returns how many were written. */
  writeSync(p: Uint8Array): number;
  /** Closes the target (used only for paths and with `closeTarget: true`). */
  close?(): void;
  /** Whether the target is a terminal (for colour "auto"). */
  isTerminal?(): boolean;
}

/**
 * Where a text sink writes: a file path, a synchronous writer, or a stream.
 *
 * @example
 * ```ts
 * import type { OutputTarget } from "./_output.ts";
 * const targets: OutputTarget[] = ["trace.jsonl", Deno.stderr, Deno.stdout.writable];
 * ```
 */
export type OutputTarget = string | SyncWriter | WritableStream<Uint8Array>;

/**
 * Options of the buffered output (shared by the text sinks).
 *
 * @example
 * ```ts
 * import type { OutputOptions } from "./_output.ts";
 * const o: OutputOptions = { maxFileSize: 1 << 20, maxFiles: 3 };
 * ```
 */
export interface OutputOptions {
  /** Path targets: append to an existing file instead of truncating it (default false). */
  append?: boolean;
  /** Path targets: rotate before a line would make the file larger than this many bytes. */
  maxFileSize?: number;
  /** Path targets: rotated files kept (`path.1` newest ... `path.N`); default 5; 0 keeps none. */
  maxFiles?: number;
  /** Close a caller-given file or stream in `close()` (default false: only paths are closed). */
  closeTarget?: boolean;
  /** Bytes buffered before a write (default 64 KiB). */
  bufferSize?: number;
  /** Stream targets: `needsDrain` is true above this many unwritten bytes (default 1 MiB). */
  maxBacklog?: number;
  /** Write after every line (default: only when the target is a terminal). */
  lineBuffered?: boolean;
}

function checkInt(owner: string, name: string, v: number | undefined, min: number): void {
  if (v !== undefined && (!Number.isInteger(v) || v < min)) {
    throw new RangeError(`${owner}: invalid ${name}: expected an integer >= ${min}, got ${v}`);
  }
}

function isNotFound(e: unknown): boolean {
  return e instanceof Deno.errors.NotFound;
}

function describe(target: OutputTarget): string {
  if (typeof target === "string") return JSON.stringify(target);
  if (target === Deno.stdout) return "stdout";
  if (target === Deno.stderr) return "stderr";
  if (target instanceof WritableStream) {
    if (target === Deno.stdout.writable) return "stdout";
    if (target === Deno.stderr.writable) return "stderr";
    return "stream";
  }
  return "file";
}

/**
 * Buffered, line-oriented byte output to a path, a synchronous writer or a
 * stream. Private to the text sinks.
 *
 * @example
 * ```ts
 * import { TextOutput } from "./_output.ts";
 * const path = Deno.makeTempFileSync();
 * const out = new TextOutput("MySink", path);
 * out.write("hello");
 * await out.close();
 * console.log(Deno.readTextFileSync(path)); // "hello\n"
 * ```
 */
export class TextOutput {
  /** The sink name used in error messages. */
  readonly sinkName: string;
  /** The target as shown in error messages (`"path"`, `stdout`, `stream`, ...). */
  readonly targetName: string;
  #path: string | null = null;
  #file: SyncWriter | null = null;
  #writer: WritableStreamDefaultWriter<Uint8Array> | null = null;
  #terminal = false;
  #closeTarget: boolean;
  #lineBuffered: boolean;
  #buf: LineBuffer;
  #bufferSize: number;
  /** Complete lines in the buffer. */
  #bufLines = 0;
  #fileSize = 0;
  #maxFileSize: number;
  #maxFiles: number;
  #given = 0;
  #written = 0;
  #backlog = 0;
  #maxBacklog: number;
  #tail: Promise<void> = Promise.resolve();
  #error: Error | null = null;
  #reported = false;
  #closed = false;

  /**
   * Opens the output.
   *
   * @param sinkName Name used in error messages, e.g. `"JsonlSink"`.
   * @param target Path, synchronous writer or stream.
   * @param options Options.
   * @throws {Error} when a path cannot be opened; {@linkcode RangeError} / {@linkcode TypeError} for bad options.
   */
  constructor(sinkName: string, target: OutputTarget, options: OutputOptions = {}) {
    this.sinkName = sinkName;
    checkInt(sinkName, "maxFileSize", options.maxFileSize, 1);
    checkInt(sinkName, "maxFiles", options.maxFiles, 0);
    checkInt(sinkName, "bufferSize", options.bufferSize, 16);
    checkInt(sinkName, "maxBacklog", options.maxBacklog, 0);
    this.#maxFileSize = options.maxFileSize ?? 0;
    this.#maxFiles = options.maxFiles ?? 5;
    this.#maxBacklog = options.maxBacklog ?? 1024 * KIB;
    this.#closeTarget = options.closeTarget ?? false;
    this.#bufferSize = options.bufferSize ?? 64 * KIB;
    this.#buf = new LineBuffer(this.#bufferSize, () => {
      this.#flushBuffer();
      this.#check();
    });
    this.targetName = typeof target === "string" || target instanceof WritableStream ||
        (target !== null && typeof target === "object" && typeof target.writeSync === "function")
      ? describe(target)
      : "";
    if (typeof target === "string") {
      this.#path = target;
      const append = options.append ?? false;
      try {
        this.#file = Deno.openSync(target, {
          write: true,
          create: true,
          truncate: !append,
          append,
        });
        if (append) this.#fileSize = Deno.statSync(target).size;
      } catch (e) {
        throw new Error(`${sinkName}: cannot open ${this.targetName}: ${(e as Error).message}`, {
          cause: e,
        });
      }
    } else if (target instanceof WritableStream) {
      this.#writer = target.getWriter();
      // Failures are reported through write() promises; keep these quiet.
      this.#writer.closed.catch(() => {});
      this.#terminal = (target === Deno.stdout.writable && Deno.stdout.isTerminal()) ||
        (target === Deno.stderr.writable && Deno.stderr.isTerminal());
    } else if (this.targetName !== "") {
      this.#file = target;
      this.#terminal = typeof target.isTerminal === "function" && target.isTerminal();
    } else {
      throw new TypeError(
        `${sinkName}: invalid target: expected a path, a Deno.FsFile (or other writeSync target) or a WritableStream`,
      );
    }
    if (this.#maxFileSize > 0 && this.#path === null) {
      throw new TypeError(`${sinkName}: maxFileSize needs a path target (rotation renames files)`);
    }
    this.#lineBuffered = options.lineBuffered ?? this.#terminal;
  }

  /** True when the target is a terminal (never for paths). */
  get isTerminal(): boolean {
    return this.#terminal;
  }

  /** True while a stream target has more unwritten bytes than `maxBacklog`. */
  get needsDrain(): boolean {
    return this.#backlog > this.#maxBacklog;
  }

  /** Lines given to {@linkcode TextOutput.write} that reached the target. */
  get linesWritten(): number {
    return this.#written;
  }

  /**
   * Adds one line (a newline is appended). Writes a batch when the buffer
   * is full.
   *
   * @param line The line, without its newline.
   * @throws {Error} if an earlier write failed or the output is closed.
   */
  write(line: string): void {
    this.beginLine().text(line);
    this.endLine();
  }

  /**
   * Starts a line built in place: append its pieces to the returned buffer,
   * then call {@linkcode TextOutput.endLine}. Compute everything that can
   * throw (goal text, ...) before: a line that is begun counts as given.
   *
   * @returns The buffer to append to (valid until `endLine`).
   * @throws {Error} if an earlier write failed or the output is closed.
   */
  beginLine(): LineBuffer {
    this.#check();
    this.#given++;
    this.#buf.begin();
    return this.#buf;
  }

  /**
   * Ends the line begun by {@linkcode TextOutput.beginLine} (appends the
   * newline); writes a batch when the buffer is full, rotating first when
   * the line would make the file too large.
   *
   * @throws {Error} if a write failed.
   */
  endLine(): void {
    const buf = this.#buf;
    const start = buf.lineStart;
    buf.end();
    if (
      this.#maxFileSize > 0 && this.#fileSize + buf.length > this.#maxFileSize &&
      this.#fileSize + start > 0
    ) {
      // The line goes to a fresh file: write what precedes it, rotate.
      this.#flushLines(start);
      this.#check();
      this.#rotate();
      this.#check();
    }
    this.#bufLines++;
    if (this.#lineBuffered || buf.length >= this.#bufferSize - 1) {
      this.#flushBuffer();
      this.#check();
    }
  }

  #check(): void {
    if (this.#error !== null) {
      this.#reported = true;
      throw this.#error;
    }
    if (this.#closed) {
      throw new Error(`${this.sinkName}: cannot write to ${this.targetName}: the sink is closed`);
    }
  }

  #fail(e: unknown): void {
    if (this.#error !== null) return;
    const lost = this.#given - this.#written;
    const why = e instanceof Error ? e.message : String(e);
    this.#error = new Error(
      `${this.sinkName}: cannot write to ${this.targetName}: ${why} (${lost} ${
        lost === 1 ? "line" : "lines"
      } not written)`,
      { cause: e },
    );
    this.#buf.clear();
    this.#bufLines = 0;
  }

  /** Writes out every complete line in the buffer. */
  #flushBuffer(): void {
    this.#flushLines(this.#buf.lineStart);
  }

  /**
   * Writes out the first `n` bytes of the buffer: the complete lines
   * counted in `#bufLines` (a line just ended but not yet counted stays).
   */
  #flushLines(n: number): void {
    if (n === 0 || this.#error !== null) return;
    const buf = this.#buf;
    const lines = this.#bufLines;
    this.#bufLines = 0;
    const chunk = buf.bytes.subarray(0, n);
    // A stream keeps the chunk until written: hand it a copy of the reused buffer.
    this.#emit(this.#writer !== null ? chunk.slice() : chunk, lines);
    if (this.#error === null) buf.drop(n);
  }

  #emit(bytes: Uint8Array, lines: number): void {
    if (this.#writer !== null) this.#emitStream(bytes, lines);
    else this.#emitSync(bytes, lines);
  }

  #emitSync(bytes: Uint8Array, lines: number): void {
    const file = this.#file!;
    let off = 0;
    try {
      while (off < bytes.length) {
        const n = file.writeSync(off === 0 ? bytes : bytes.subarray(off));
        if (!(n > 0)) throw new Error("the target accepted no bytes");
        off += n;
      }
    } catch (e) {
      let complete = 0, lastNl = -1;
      for (let i = 0; i < off; i++) {
        if (bytes[i] === NL) {
          complete++;
          lastNl = i;
        }
      }
      this.#written += complete;
      // Best effort: never leave a partial line at the end of a file we own.
      if (this.#path !== null && off > lastNl + 1) {
        try {
          (file as Deno.FsFile).truncateSync(this.#fileSize + lastNl + 1);
        } catch { /* the file may be unusable; nothing more to do */ }
      }
      this.#fileSize += lastNl + 1;
      this.#fail(e);
      return;
    }
    this.#fileSize += bytes.length;
    this.#written += lines;
  }

  #emitStream(bytes: Uint8Array, lines: number): void {
    const len = bytes.length;
    this.#backlog += len;
    this.#tail = this.#writer!.write(bytes).then(
      () => {
        this.#backlog -= len;
        this.#written += lines;
      },
      (e) => {
        this.#backlog -= len;
        this.#fail(e);
      },
    );
  }

  #rotate(): void {
    const path = this.#path!;
    try {
      this.#file!.close!();
    } catch { /* already closed: the rename below still works */ }
    try {
      if (this.#maxFiles > 0) {
        try {
          Deno.removeSync(`${path}.${this.#maxFiles}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        for (let i = this.#maxFiles - 1; i >= 1; i--) {
          try {
            Deno.renameSync(`${path}.${i}`, `${path}.${i + 1}`);
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
        }
        Deno.renameSync(path, `${path}.1`);
      }
      this.#file = Deno.openSync(path, { write: true, create: true, truncate: true });
      this.#fileSize = 0;
    } catch (e) {
      this.#fail(e);
    }
  }

  /** Waits until every stream write issued so far has settled. */
  async #settle(): Promise<void> {
    for (;;) {
      const t = this.#tail;
      await t;
      if (t === this.#tail) return;
    }
  }

  /**
   * Waits until the stream backlog is written (immediate for other targets).
   *
   * @throws {Error} if a write failed.
   */
  async drain(): Promise<void> {
    await this.#settle();
    this.#check();
  }

  /**
   * Writes everything accepted so far.
   *
   * @throws {Error} if a write failed (now or before) or the output is closed.
   */
  async flush(): Promise<void> {
    this.#check();
    this.#flushBuffer();
    await this.#settle();
    this.#check();
  }

  /**
   * Flushes, then closes the target if this output opened it (a path) or
   * `closeTarget` is set; otherwise releases it. A second call does nothing.
   *
   * @throws {Error} for a write failure not reported by an earlier call.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#flushBuffer();
    await this.#settle();
    this.#closed = true;
    try {
      if (this.#writer !== null) {
        if (this.#closeTarget && this.#error === null) await this.#writer.close();
        this.#writer.releaseLock();
      } else if (this.#path !== null || this.#closeTarget) {
        this.#file?.close?.();
      }
    } catch (e) {
      // A file closed underneath us was already reported as a write failure (or had nothing to write).
      if (this.#error === null && !(e instanceof Deno.errors.BadResource)) this.#fail(e);
    }
    if (this.#error !== null && !this.#reported) {
      this.#reported = true;
      throw this.#error;
    }
  }
}

let defaultOps: Operators | null = null;
const anonymous = () => "_";

/**
 * Formats an exception ball for a trace line: `writeq` style with the
 * standard operators, depth-capped, every variable written `_` (so the text
 * does not depend on variable serial numbers and stays reproducible).
 *
 * @param ball The exception term.
 * @returns Its text.
 * @example
 * ```ts
 * import { formatBall } from "./_output.ts";
 * import { mkAtom } from "../../engine/term.ts";
 * console.log(formatBall(mkAtom("oops"))); // oops
 * ```
 */
export function formatBall(ball: Term): string {
  defaultOps ??= new Operators();
  return formatTerm(ball, {
    ops: defaultOps,
    quoted: true,
    maxDepth: 6,
    maxListItems: 10,
    varName: anonymous,
  });
}
