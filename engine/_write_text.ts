/**
 * Token-level text for the term writer: character classes, atom quoting,
 * escapes inside quotes and float formatting. Kept apart from
 * `writer.ts`, which only decides layout (operators, brackets, spacing).
 *
 * @module
 */

/** Class bits for ASCII characters (ISO 6.4.2 and 6.5). */
const C_SYMBOL = 1; // graphic char: # $ & * + - . / : < = > ? @ ^ ~ \
const C_ALNUM = 2; // alphanumeric char: letter, digit or _
const C_PUNCT = 4; // ( ) [ ] { } , |
const C_DIGIT = 8;
const C_LOWER = 16;

const ASCII = new Uint8Array(128);
for (const ch of "#$&*+-./:<=>?@^~\\") ASCII[ch.charCodeAt(0)] |= C_SYMBOL;
for (const ch of "()[]{},|") ASCII[ch.charCodeAt(0)] |= C_PUNCT;
for (let c = 48; c <= 57; c++) ASCII[c] |= C_ALNUM | C_DIGIT;
for (let c = 65; c <= 90; c++) ASCII[c] |= C_ALNUM;
for (let c = 97; c <= 122; c++) ASCII[c] |= C_ALNUM | C_LOWER;
ASCII[95] |= C_ALNUM;

const WIDE_ALNUM = /^[\p{L}\p{N}\p{Mn}\p{Mc}]$/u;
const WIDE_LOWER = /^\p{Ll}$/u;
const WIDE_UPPER = /^[\p{Lu}\p{Lt}]$/u;

/**
 * True for a char that continues an identifier (letter, digit, `_`).
 *
 * @param c A code point.
 * @returns Whether `c` is alphanumeric in the ISO sense.
 * @example Letters, digits and underscore
 * ```ts
 * import { isAlnumCode } from "./_write_text.ts";
 * console.log(isAlnumCode("_".charCodeAt(0)), isAlnumCode("+".charCodeAt(0))); // true false
 * ```
 */
export function isAlnumCode(c: number): boolean {
  if (c < 128) return (ASCII[c] & C_ALNUM) !== 0;
  return WIDE_ALNUM.test(String.fromCodePoint(c));
}

/**
 * True for an ISO graphic (symbol) char.
 *
 * @param c A code point.
 * @returns Whether `c` glues to other symbol chars into one token.
 * @example A graphic char
 * ```ts
 * import { isSymbolCode } from "./_write_text.ts";
 * console.log(isSymbolCode("-".charCodeAt(0))); // true
 * ```
 */
export function isSymbolCode(c: number): boolean {
  return c < 128 && (ASCII[c] & C_SYMBOL) !== 0;
}

/**
 * True for a punctuation char: `( ) [ ] { } , |`.
 *
 * @param c A code point.
 * @returns Whether `c` is punctuation.
 * @example An open bracket
 * ```ts
 * import { isPunctCode } from "./_write_text.ts";
 * console.log(isPunctCode("(".charCodeAt(0))); // true
 * ```
 */
export function isPunctCode(c: number): boolean {
  return c < 128 && (ASCII[c] & C_PUNCT) !== 0;
}

/**
 * True for a decimal digit.
 *
 * @param c A code point.
 * @returns Whether `c` is `0`..`9`.
 * @example A digit
 * ```ts
 * import { isDigitCode } from "./_write_text.ts";
 * console.log(isDigitCode("7".charCodeAt(0))); // true
 * ```
 */
export function isDigitCode(c: number): boolean {
  return c < 128 && (ASCII[c] & C_DIGIT) !== 0;
}

function isLowerStart(c: number): boolean {
  if (c < 128) return (ASCII[c] & C_LOWER) !== 0;
  return WIDE_LOWER.test(String.fromCodePoint(c));
}

/**
 * The code point that ends `s` (a surrogate pair counts as one).
 *
 * @param s A non-empty string.
 * @returns Its last code point.
 * @example A surrogate pair at the end
 * ```ts
 * import { lastCodePoint } from "./_write_text.ts";
 * console.log(lastCodePoint("a😀") === 0x1f600); // true
 * ```
 */
export function lastCodePoint(s: string): number {
  const n = s.length;
  const c = s.charCodeAt(n - 1);
  if (c >= 0xdc00 && c <= 0xdfff && n >= 2) return s.codePointAt(n - 2) ?? c;
  return c;
}

/**
 * True when `name` can be written without quotes and read back as the same
 * atom (ISO 6.4.2): a letter-digit name starting with a lowercase letter, a
 * run of symbol chars (but not `.` alone, nor starting with a comment `/*`),
 * or one of the solo atoms `!`, `;`, `[]`, `{}`.
 *
 * @param name The atom's text.
 * @returns Whether quotes are needed.
 */
function needsQuotes(name: string): boolean {
  const n = name.length;
  if (n === 0) return true;
  const c0 = name.codePointAt(0)!;
  if (isLowerStart(c0)) {
    for (let i = c0 > 0xffff ? 2 : 1; i < n; i++) {
      const c = name.codePointAt(i)!;
      if (c > 0xffff) i++;
      if (!isAlnumCode(c)) return true;
    }
    return false;
  }
  if (isSymbolCode(c0)) {
    if (n === 1 && c0 === 46) return true; // '.' alone is the end token
    if (n >= 2 && c0 === 47 && name.charCodeAt(1) === 42) return true; // '/*'
    for (let i = 1; i < n; i++) if (!isSymbolCode(name.charCodeAt(i))) return true;
    return false;
  }
  return !(name === "[]" || name === "!" || name === ";" || name === "{}");
}

function mustEscape(c: number, quote: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 92 || c === quote;
}

function escapeChar(c: number, quote: number): string {
  switch (c) {
    case 7:
      return "\\a";
    case 8:
      return "\\b";
    case 9:
      return "\\t";
    case 10:
      return "\\n";
    case 11:
      return "\\v";
    case 12:
      return "\\f";
    case 13:
      return "\\r";
    case 92:
      return "\\\\";
  }
  if (c === quote) return "\\" + String.fromCharCode(c);
  return "\\x" + c.toString(16).toUpperCase() + "\\";
}

/**
 * Wraps `text` in `quote` (`'` or `"`), escaping as SWI-Prolog's `writeq`
 * does (ISO 6.4.2.1): `\n`, `\t`, `\\`, the quote itself as `\'`, the other
 * C escapes `\a \b \f \v \r`, and remaining control chars as `\xHH\`.
 *
 * @param text The raw text.
 * @param quote The quote char.
 * @returns The quoted token.
 * @example Escaping the quote
 * ```ts
 * import { quoteText } from "./_write_text.ts";
 * console.log(quoteText("it's", "'")); // 'it\'s'
 * ```
 */
export function quoteText(text: string, quote: "'" | '"'): string {
  const q = quote.charCodeAt(0);
  let i = 0;
  while (i < text.length && !mustEscape(text.charCodeAt(i), q)) i++;
  if (i === text.length) return quote + text + quote;
  const out: string[] = [quote];
  let start = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (mustEscape(c, q)) {
      if (i > start) out.push(text.slice(start, i));
      out.push(escapeChar(c, q));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  out.push(quote);
  return out.join("");
}

/**
 * Returns the text of an atom as `writeq` (quoted) or `write` prints it.
 *
 * @param name The atom's text.
 * @param quoted Whether to quote atoms that would not read back otherwise.
 * @returns The atom token.
 * @example Quoting rules
 * ```ts
 * import { formatAtom } from "./writer.ts";
 * console.log(formatAtom("foo", true)); // foo
 * console.log(formatAtom("Foo", true)); // 'Foo'
 * console.log(formatAtom("-->", true)); // -->
 * console.log(formatAtom(",", true)); // ','
 * console.log(formatAtom("[]", true)); // []
 * console.log(formatAtom("hello world", false)); // hello world
 * ```
 */
export function formatAtom(name: string, quoted: boolean): string {
  if (!quoted || !needsQuotes(name)) return name;
  return quoteText(name, "'");
}

/**
 * True when `name` is a variable name (`_` or an uppercase letter, then
 * alphanumerics), as `'$VAR'('Name')` needs under `numbervars(true)`.
 *
 * @param name An atom's text.
 * @returns Whether it reads back as a variable.
 * @example Variable names
 * ```ts
 * import { isVarName } from "./_write_text.ts";
 * console.log(isVarName("Foo"), isVarName("foo")); // true false
 * ```
 */
export function isVarName(name: string): boolean {
  const n = name.length;
  if (n === 0) return false;
  const c0 = name.codePointAt(0)!;
  if (c0 !== 95 && !(c0 >= 65 && c0 <= 90) && !(c0 > 127 && WIDE_UPPER.test(name[0]))) {
    return false;
  }
  for (let i = 1; i < n; i++) {
    const c = name.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (!isAlnumCode(c)) return false;
  }
  return true;
}

/**
 * Formats a float so it reads back as the same float: the shortest
 * round-trip digits, always with a `.`, in plain notation unless that needs
 * more than three zeros after the point or ends an integral value of 16 or
 * more digits (where SWI-Prolog switches to an exponent too), and the
 * SWI-Prolog spellings of the special values.
 *
 * @param x The value.
 * @returns The float token.
 * @example Floats that read back
 * ```ts
 * import { formatFloat } from "./writer.ts";
 * console.log(formatFloat(1)); // 1.0
 * console.log(formatFloat(1e21)); // 1.0e21
 * console.log(formatFloat(1e15)); // 1.0e15
 * console.log(formatFloat(123456789012345)); // 123456789012345.0
 * console.log(formatFloat(0.0001)); // 0.0001
 * console.log(formatFloat(1.5e-7)); // 1.5e-7
 * console.log(formatFloat(Infinity)); // 1.0Inf
 * console.log(formatFloat(NaN)); // 1.5NaN
 * ```
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return "1.5NaN";
  if (x === Infinity) return "1.0Inf";
  if (x === -Infinity) return "-1.0Inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // The shortest digits that read back as `x`, and where the point goes:
  // x = 0.DIGITS * 10^point.
  const sci = Math.abs(x).toExponential();
  const e = sci.indexOf("e");
  const digits = e > 1 ? sci[0] + sci.slice(2, e) : sci.slice(0, e);
  const point = Number(sci.slice(e + 1)) + 1;
  const sign = x < 0 ? "-" : "";
  // Where SWI-Prolog switches to an exponent: a point more than 3 places
  // before the first digit, or more than 15 places after it with nothing
  // after the point (an integral float of 16 or more digits).
  if (point <= 0) {
    if (point > -4) return sign + "0." + "0".repeat(-point) + digits;
  } else if (digits.length > point) {
    return sign + digits.slice(0, point) + "." + digits.slice(point);
  } else if (point <= 15) {
    return sign + digits + "0".repeat(point - digits.length) + ".0";
  }
  return sign + digits[0] + "." + (digits.length > 1 ? digits.slice(1) : "0") + "e" + (point - 1);
}
