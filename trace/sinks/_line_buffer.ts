/**
 * The byte buffer behind the text sinks: lines are encoded straight into
 * one `Uint8Array`, piece by piece, without first joining them into a
 * string. Most of a trace line is ASCII (numbers, JSON keys, port names,
 * goal text), so ASCII is written one char code per byte and only other
 * text goes through `TextEncoder.encodeInto`.
 *
 * Why not build each line as a string and encode that: joining ~25 pieces
 * per JSONL line makes a rope that must be flattened and then encoded; in
 * the `medium` bench that cost more than the rest of the sink together.
 *
 * Two ways to append. The methods of {@linkcode LineBuffer} check for room
 * at each piece. The `put*` functions write into the array returned by
 * {@linkcode LineBuffer.reserve} at a position the caller keeps in a local
 * (no room check, no field update per piece) and the caller commits the end
 * with {@linkcode LineBuffer.commit}: the sinks' per-event path. Text that
 * repeats on every line (JSON keys, `] CALL name/arity: `) is encoded once
 * as a {@linkcode Fragment} and copied eight bytes at a time.
 *
 * @module
 */

const NL = 10;
const QUOTE = 34;
const BACKSLASH = 92;

/** Bytes {@linkcode putNum} may write: `String(n)` of any number fits. */
export const NUM_BYTES = 32;

/** Capacity up to which a buffer grown by a long line stays grown. */
const KEEP_GROWN = 1 << 20;

const encoder = new TextEncoder();

/**
 * A line-oriented byte buffer. Bytes before {@linkcode LineBuffer.lineStart}
 * are complete lines; the bytes after it belong to the line being built.
 * When a piece does not fit, the buffer asks its owner (the `full`
 * callback) to write out the complete lines, which moves the unfinished line
 * to the front; a line longer than the whole buffer grows it.
 *
 * @example
 * ```ts
 * import { LineBuffer } from "./_line_buffer.ts";
 * const b = new LineBuffer(64, () => {});
 * b.begin();
 * b.ascii("sid=");
 * b.num(42);
 * b.json('say "hi"');
 * b.end();
 * console.log(new TextDecoder().decode(b.bytes.subarray(0, b.lineStart))); // sid=42"say \"hi\""\n
 * ```
 */
export class LineBuffer {
  #buf: Uint8Array;
  #view: DataView;
  #size: number;
  #pos = 0;
  #start = 0;
  #full: () => void;

  /**
   * Creates a buffer.
   *
   * @param size Bytes held (a longer line grows it).
   * @param full Called when a piece does not fit and complete lines are
   * buffered: must write out the bytes before `lineStart` and call
   * `drop(lineStart)`, or throw.
   */
  constructor(size: number, full: () => void) {
    this.#size = size;
    this.#buf = new Uint8Array(size);
    this.#view = new DataView(this.#buf.buffer);
    this.#full = full;
  }

  /** A view of the backing array for {@linkcode putFragment}; valid until the next append. */
  get view(): DataView {
    return this.#view;
  }

  /** The backing array; valid until the next append. */
  get bytes(): Uint8Array {
    return this.#buf;
  }

  /** Bytes used, including an unfinished line. */
  get length(): number {
    return this.#pos;
  }

  /** Where the line being built starts: everything before it is complete lines. */
  get lineStart(): number {
    return this.#start;
  }

  /** Starts a line (discarding the bytes of a line that was never ended). */
  begin(): void {
    this.#pos = this.#start;
  }

  /** Ends the line with a newline (room for it is always kept). */
  end(): void {
    this.#buf[this.#pos++] = NL;
    this.#start = this.#pos;
  }

  /**
   * Removes the first `n` bytes (written out by the owner), moving the rest
   * to the front.
   *
   * @param n Bytes to drop, at most `lineStart`.
   */
  drop(n: number): void {
    const rest = this.#pos - n;
    if (rest > 0) this.#buf.copyWithin(0, n, this.#pos);
    this.#pos = rest;
    this.#start -= n;
    if (rest === 0) this.#shrink();
  }

  /** Forgets everything (after a write failure). */
  clear(): void {
    this.#pos = 0;
    this.#start = 0;
    this.#shrink();
  }

  /** Once empty, a buffer grown large by a long line goes back to its size. */
  #shrink(): void {
    const n = this.#buf.length;
    if (n > this.#size && n > KEEP_GROWN) this.#setBuffer(new Uint8Array(this.#size));
  }

  #setBuffer(buf: Uint8Array): void {
    this.#buf = buf;
    this.#view = new DataView(buf.buffer);
  }

  /**
   * Makes room for `need` more bytes and returns the backing array, to be
   * written from {@linkcode LineBuffer.length} with the `put*` functions;
   * then {@linkcode LineBuffer.commit} the new end.
   *
   * @param need Bytes about to be written.
   * @returns The backing array.
   */
  reserve(need: number): Uint8Array {
    if (this.#pos + need >= this.#buf.length) this.#makeRoom(need);
    return this.#buf;
  }

  /**
   * Sets the end of the data after writing into the array from `reserve`.
   *
   * @param pos The position after the last byte written.
   */
  commit(pos: number): void {
    this.#pos = pos;
  }

  /** Makes room for `need` more bytes plus the newline. */
  #makeRoom(need: number): void {
    if (this.#start > 0) {
      this.#full();
      if (this.#pos + need < this.#buf.length) return;
    }
    // The line alone is longer than the buffer.
    const bigger = new Uint8Array(Math.max(2 * this.#buf.length, this.#pos + need + 1));
    bigger.set(this.#buf.subarray(0, this.#pos));
    this.#setBuffer(bigger);
  }

  /**
   * Appends text known to be ASCII (every char code below 128).
   *
   * @param s The text.
   */
  ascii(s: string): void {
    this.#pos = putAscii(this.reserve(s.length), this.#pos, s);
  }

  /**
   * Appends a number as `String(n)` writes it.
   *
   * @param n The number.
   */
  num(n: number): void {
    this.#pos = putNum(this.reserve(NUM_BYTES), this.#pos, n);
  }

  /**
   * Appends any text, UTF-8 encoded.
   *
   * @param s The text.
   */
  text(s: string): void {
    const p = putText(this.reserve(s.length), this.#pos, s);
    if (p >= 0) {
      this.#pos = p;
      return;
    }
    // Not ASCII: `encodeInto`, making room as it goes.
    for (;;) {
      const r = encoder.encodeInto(s, this.#buf.subarray(this.#pos, this.#buf.length - 1));
      this.#pos += r.written;
      if (r.read === s.length) return;
      s = s.slice(r.read);
      // Three bytes per UTF-16 unit is the most UTF-8 needs.
      this.#makeRoom(3 * s.length);
    }
  }

  /**
   * Appends `s` as a JSON string literal, exactly as `JSON.stringify(s)`
   * writes it.
   *
   * @param s The string.
   */
  json(s: string): void {
    const p = putJsonString(this.reserve(s.length + 2), this.#pos, s);
    if (p >= 0) this.#pos = p;
    else this.text(JSON.stringify(s));
  }
}

/**
 * Writes ASCII text at `p`; `s.length` bytes must be reserved.
 *
 * @param buf The array from {@linkcode LineBuffer.reserve}.
 * @param p Where to write.
 * @param s Text whose char codes are all below 128.
 * @returns The position after it.
 */
export function putAscii(buf: Uint8Array, p: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) buf[p + i] = s.charCodeAt(i);
  return p + n;
}

/**
 * Writes `s` at `p` if it is ASCII; `s.length` bytes must be reserved.
 *
 * @param buf The array from {@linkcode LineBuffer.reserve}.
 * @param p Where to write.
 * @param s Any text.
 * @returns The position after it, or -1 if `s` is not ASCII (then use {@linkcode LineBuffer.text}).
 */
export function putText(buf: Uint8Array, p: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return -1;
    buf[p + i] = c;
  }
  return p + n;
}

/**
 * Writes a number as `String(n)` would, at `p`; {@linkcode NUM_BYTES}
 * bytes must be reserved. Counters (non-negative integers below 2^31) are
 * written digit by digit, without making a string.
 *
 * @param buf The array from {@linkcode LineBuffer.reserve}.
 * @param p Where to write.
 * @param n The number.
 * @returns The position after it.
 */
export function putNum(buf: Uint8Array, p: number, n: number): number {
  if (!(n >= 0 && n <= 0x7fffffff && (n | 0) === n)) return putAscii(buf, p, String(n));
  if (n < 10) {
    buf[p] = 48 + n;
    return p + 1;
  }
  if (n < 100) {
    // Most counters in a trace are one or two digits: no loop for those.
    const q = (n / 10) | 0;
    buf[p] = 48 + q;
    buf[p + 1] = 48 + n - 10 * q;
    return p + 2;
  }
  let end = p + 3;
  for (let m = 1000; m <= n; m *= 10) end++;
  p = end;
  do {
    const q = (n / 10) | 0;
    buf[--p] = 48 + n - 10 * q;
    n = q;
  } while (n > 0);
  return end;
}

/**
 * Writes `s` as a JSON string literal at `p` if it is printable ASCII
 * without `"` or `\`, which `JSON.stringify` copies as is; `s.length + 2`
 * bytes must be reserved.
 *
 * @param buf The array from {@linkcode LineBuffer.reserve}.
 * @param p Where to write.
 * @param s The string.
 * @returns The position after it, or -1 if `s` needs escaping or is not
 * ASCII (then use {@linkcode LineBuffer.json}).
 */
export function putJsonString(buf: Uint8Array, p: number, s: string): number {
  const n = s.length;
  buf[p++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x80 || c === QUOTE || c === BACKSLASH) return -1;
    buf[p++] = c;
  }
  buf[p++] = QUOTE;
  return p;
}

/**
 * Text encoded once (a JSON key, a cached prefix), copied eight bytes at a
 * time by {@linkcode putFragment}: most of a JSONL line is such text, and a
 * wide store costs about what a byte store does.
 *
 * The eight-byte words are held as `float64` values, the widest store a
 * `DataView` makes without a `BigInt`. A double is copied bit for bit
 * unless it is a NaN (one NaN may be stored as another), and no word of
 * UTF-8 text is a NaN: read little-endian, a word is a NaN only when its
 * last byte is 0x7f or 0xff and the byte before it is 0xf0 or more. In
 * UTF-8 a byte of 0xf0 or more starts a four-byte sequence, so the byte
 * after it is 0x80..0xbf; 0xff never occurs; and the zero padding of the
 * last word is never 0x7f. The constructor checks it all the same.
 *
 * @example
 * ```ts
 * import { Fragment } from "./_line_buffer.ts";
 * console.log(new Fragment(',"cd":').length); // 6
 * ```
 */
export class Fragment {
  /** Bytes of the text. */
  readonly length: number;
  /** The bytes, eight to a word read as a little-endian double; the last word padded with zeros. */
  readonly words: Float64Array;
  /**
   * Encodes `text`.
   *
   * @param text The text.
   * @throws {Error} if a word would be a NaN (impossible for UTF-8; see the class comment).
   */
  constructor(text: string) {
    const bytes = encoder.encode(text);
    this.length = bytes.length;
    const padded = new Uint8Array((bytes.length + 7) & ~7);
    padded.set(bytes);
    this.words = new Float64Array(padded.buffer);
    for (let i = 0; i < this.words.length; i++) {
      if (Number.isNaN(this.words[i])) {
        throw new Error(`Fragment: cannot encode ${JSON.stringify(text)}`);
      }
    }
  }
}

/**
 * Bytes {@linkcode putFragment} may write past the fragment's end (the rest
 * of its last word): scratch beyond the data, but inside the reservation.
 */
export const FRAGMENT_SLACK = 7;

/**
 * Copies a fragment at `p`; `f.length + FRAGMENT_SLACK` bytes must be reserved.
 *
 * @param view The view from {@linkcode LineBuffer.view}, after `reserve`.
 * @param p Where to write.
 * @param f The fragment.
 * @returns The position after it.
 */
export function putFragment(view: DataView, p: number, f: Fragment): number {
  const w = f.words;
  // Little-endian: the first byte of each word goes first, on any platform.
  for (let i = 0; i < w.length; i++) view.setFloat64(p + 8 * i, w[i], true);
  return p + f.length;
}

/** Numbers below this get their own cached fragment in a {@linkcode NumberFragments}. */
const SMALL = 64;

/**
 * `before` + a number + `after`, for a number that is usually small (a
 * depth, a choicepoint count): for 0 to 63 the whole text is one cached
 * {@linkcode Fragment}, so a line pays one copy instead of two copies and a
 * number. Other numbers are written between the two parts.
 *
 * @example
 * ```ts
 * import { LineBuffer, NumberFragments } from "./_line_buffer.ts";
 * const b = new LineBuffer(64, () => {});
 * const cd = new NumberFragments(',"cd":', ',"gh":');
 * b.begin();
 * const buf = b.reserve(2 * cd.maxLength);
 * b.commit(cd.put(b.view, buf, cd.put(b.view, buf, b.length, 3), 1234));
 * b.end();
 * console.log(new TextDecoder().decode(b.bytes.subarray(0, b.lineStart))); // ,"cd":3,"gh":,"cd":1234,"gh":\n
 * ```
 */
export class NumberFragments {
  /** Bytes {@linkcode NumberFragments.put} may write (slack included): reserve this much. */
  readonly maxLength: number;
  readonly #beforeText: string;
  readonly #afterText: string;
  readonly #before: Fragment;
  readonly #after: Fragment;
  /** `before + n + after` for n below the length, built up to the largest n seen. */
  readonly #small: Fragment[] = [];

  /**
   * Encodes the parts.
   *
   * @param before Text before the number.
   * @param after Text after it.
   */
  constructor(before: string, after: string) {
    this.#beforeText = before;
    this.#afterText = after;
    this.#before = new Fragment(before);
    this.#after = new Fragment(after);
    this.maxLength = this.#before.length + NUM_BYTES + this.#after.length + FRAGMENT_SLACK;
  }

  /**
   * Writes `before`, `n` as `String(n)` writes it, and `after`, at `p`;
   * {@linkcode NumberFragments.maxLength} bytes must be reserved.
   *
   * @param view The view from {@linkcode LineBuffer.view}, after `reserve`.
   * @param buf The array from {@linkcode LineBuffer.reserve}.
   * @param p Where to write.
   * @param n The number.
   * @returns The position after it.
   */
  put(view: DataView, buf: Uint8Array, p: number, n: number): number {
    // Kept small so that V8 inlines it: the rest is in `#putOther`.
    // `n >>> 0 === n`: a non-negative integer (-0 too, which String() writes as 0).
    const small = this.#small;
    if (n >>> 0 === n && n < small.length) return putFragment(view, p, small[n]);
    return this.#putOther(view, buf, p, n);
  }

  #putOther(view: DataView, buf: Uint8Array, p: number, n: number): number {
    const small = this.#small;
    if (n >>> 0 === n && n < SMALL) {
      while (small.length <= n) {
        small.push(new Fragment(this.#beforeText + small.length + this.#afterText));
      }
      return putFragment(view, p, small[n]);
    }
    return putFragment(view, putNum(buf, putFragment(view, p, this.#before), n), this.#after);
  }
}
