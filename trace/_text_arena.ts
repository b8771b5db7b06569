/**
 * Goal texts kept as bytes: the final text of a pending box in a long chain
 * of them (a traced loop leaves one pending box per iteration).
 *
 * A JS string of a short goal text costs ~32 bytes of heap and the
 * reference to it 8 more; the same text as UTF-8 in one shared buffer costs
 * its length plus a length byte. The arena is a bump allocator: the text of
 * a slot that is reused later stays behind as garbage until the arena is
 * full, then the texts still referenced are copied into a fresh buffer (the
 * caller names them: the live boxes' slots).
 *
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The first capacity (64 KiB). */
const FIRST_CAP = 1 << 16;

/**
 * Texts in one growable byte buffer, each addressed by its offset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TextArena } from "./_text_arena.ts";
 * const a = new TextArena();
 * const at = a.put("loop(9999)");
 * assert.equal(a.get(at), "loop(9999)");
 * assert.equal(a.get(a.put("ünïcödé('β')")), "ünïcödé('β')");
 * ```
 */
export class TextArena {
  /**
   * The bytes: per text, its UTF-8 length times two plus its tag as a
   * LEB128 number, then its UTF-8.
   */
  #bytes: Uint8Array = new Uint8Array(0);
  /** Bytes in use. */
  #top = 0;

  /** Bytes the arena holds (in use or garbage). */
  get size(): number {
    return this.#top;
  }

  /**
   * Whether `put(text)` needs room the buffer does not have (the caller
   * then compacts or lets it grow).
   *
   * @param text The text.
   * @returns Whether it does not fit.
   */
  full(text: string): boolean {
    // A UTF-16 unit becomes at most 3 UTF-8 bytes; 5 bytes of length.
    return this.#top + text.length * 3 + 5 > this.#bytes.length;
  }

  /**
   * Stores a text (the buffer grows if it must).
   *
   * @param text The text.
   * @param tag One bit kept with it ({@linkcode TextArena.tagAt}).
   * @returns Its offset, for {@linkcode TextArena.get}.
   */
  put(text: string, tag: 0 | 1 = 0): number {
    if (this.full(text)) this.#grow(this.#top + text.length * 3 + 5);
    const b = this.#bytes, at = this.#top, n = text.length;
    let p = at + 1, ascii = n < 64;
    // The usual goal text is short ASCII: one length byte, a byte per unit.
    if (ascii) {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c >= 128) {
          ascii = false;
          break;
        }
        b[p++] = c;
      }
    }
    if (ascii) {
      b[at] = n * 2 + tag;
      this.#top = p;
      return at;
    }
    const bytes = encoder.encode(text);
    p = at;
    for (let len = bytes.length * 2 + tag;; len = Math.floor(len / 128)) {
      if (len < 128) {
        b[p++] = len;
        break;
      }
      b[p++] = (len & 127) | 128;
    }
    b.set(bytes, p);
    this.#top = p + bytes.length;
    return at;
  }

  /**
   * The text at an offset `put` returned.
   *
   * @param at The offset.
   * @returns The text.
   */
  get(at: number): string {
    const b = this.#bytes, end = this.#end(b, at);
    // The text starts after the length's last byte (the one below 128).
    let p = at;
    while (b[p] >= 128) p++;
    return decoder.decode(b.subarray(p + 1, end));
  }

  /**
   * Makes room when the buffer is full: copies the texts still referenced
   * into a fresh buffer, dropping the garbage, or, when there is little
   * garbage, grows the buffer (by half while small, then by a quarter).
   *
   * @param offsets The referenced texts' offsets, replaced by their new ones.
   */
  compact(offsets: number[]): void {
    const old = this.#bytes;
    let live = 0;
    for (const at of offsets) live += this.#end(old, at) - at;
    if (live > this.#top - (this.#top >> 2)) {
      this.#grow(this.#top + (this.#top >> (this.#top < 1 << 20 ? 1 : 2)));
      return;
    }
    const fresh = new Uint8Array(Math.max(FIRST_CAP, live + (live >> 1)));
    let top = 0;
    for (let i = 0; i < offsets.length; i++) {
      const at = offsets[i], end = this.#end(old, at);
      fresh.set(old.subarray(at, end), top);
      offsets[i] = top;
      top += end - at;
    }
    this.#bytes = fresh;
    this.#top = top;
    // Freed now, not at a later collection: the memory gauge counts it.
    (old.buffer as ArrayBuffer).transfer(0);
  }

  /** Forgets every text (a small buffer is kept). */
  clear(): void {
    if (this.#bytes.length > FIRST_CAP) this.#bytes = new Uint8Array(0);
    this.#top = 0;
  }

  /**
   * The tag the text at an offset was stored with.
   *
   * @param at The offset.
   * @returns The tag.
   */
  tagAt(at: number): 0 | 1 {
    const b = this.#bytes;
    // The tag is the lowest bit of the first LEB128 byte.
    return (b[at] & 1) as 0 | 1;
  }

  /** Where the text at `at` ends. */
  #end(b: Uint8Array, at: number): number {
    let v = 0, shift = 1, p = at;
    for (;;) {
      const x = b[p++];
      v += (x & 127) * shift;
      if (x < 128) break;
      shift *= 128;
    }
    return p + Math.floor(v / 2);
  }

  #grow(need: number): void {
    let cap = Math.max(FIRST_CAP, this.#bytes.length);
    while (cap < need) cap += cap >> (cap < 1 << 20 ? 1 : 2);
    this.#bytes = new Uint8Array((this.#bytes.buffer as ArrayBuffer).transfer(cap));
  }
}
