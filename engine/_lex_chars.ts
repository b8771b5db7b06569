/**
 * Character classes of the tokenizer (ISO 6.5): a table for ASCII codes,
 * Unicode property tests beyond it, and the control escapes. Private to
 * `lexer.ts`.
 *
 * @module
 */

/** Class bit: a lower-case letter. */
export const LOWER = 1;
/** Class bit: an upper-case letter or `_`. */
export const UPPER = 2;
/** Class bit: a decimal digit. */
export const DIGIT = 4;
/** Class bit: a graphic (symbol) character. */
export const GRAPHIC = 8;
/** Class bit: layout. */
export const LAYOUT = 16;
/** Class bit: a solo character, `!` or `;`. */
export const SOLO = 32;
/** Class bit: punctuation, `( ) [ ] { } , |`. */
export const PUNCT = 64;
/** Class bits of an alphanumeric character. */
export const ALNUM: number = LOWER | UPPER | DIGIT;

/** The class of each ASCII code (0: none, such as quotes, `%` and controls). */
export const CLASS: Uint8Array = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[95] = UPPER;
for (const ch of "#$&*+-./:<=>?@^~\\") CLASS[ch.charCodeAt(0)] = GRAPHIC;
for (const c of [9, 10, 11, 12, 13, 32]) CLASS[c] = LAYOUT;
CLASS[33] = SOLO;
CLASS[59] = SOLO;
for (const ch of "()[]{},|") CLASS[ch.charCodeAt(0)] = PUNCT;

/** An upper-case or title-case letter beyond ASCII (starts a variable). */
export const U_UPPER: RegExp = /^[\p{Lu}\p{Lt}]$/u;
/** A letter beyond ASCII. */
export const U_LETTER: RegExp = /^\p{L}$/u;
/** A letter, digit or mark beyond ASCII. */
export const U_ALNUM: RegExp = /^[\p{L}\p{N}\p{M}]$/u;
/** Layout beyond ASCII. */
export const U_SPACE: RegExp = /^\s$/u;

/**
 * Whether code point `cp` continues a name or variable.
 *
 * @param cp A code point.
 * @returns True for letters, digits, `_` and marks.
 */
export function isAlnum(cp: number): boolean {
  return cp < 128 ? (CLASS[cp] & ALNUM) !== 0 : U_ALNUM.test(String.fromCodePoint(cp));
}

/**
 * Whether code unit `c` is layout.
 *
 * @param c A UTF-16 code unit.
 * @returns True for spaces, tabs, newlines and Unicode white space.
 */
export function isLayout(c: number): boolean {
  return c < 128 ? CLASS[c] === LAYOUT : U_SPACE.test(String.fromCharCode(c));
}

/**
 * Whether code `c` is a digit in `radix` (2, 8, 10 or 16).
 *
 * @param c A character code (NaN past the end of the text is never a digit).
 * @param radix The radix.
 * @returns True for a digit.
 */
export function isDigit(c: number, radix: number): boolean {
  if (radix <= 10) return c >= 48 && c < 48 + radix;
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** The one-character escapes `\a`, `\n`, `\\`, ... (ISO 6.4.2.1) and what they stand for. */
export const CONTROL_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "`": "`",
};
