/**
 * Number text for `format/2`: the integer directives `~d ~D ~I ~r ~R` and
 * the float directives `~e ~f ~g` (and upper-case `~E ~G`).
 *
 * Floats are printed from their exact binary value with round-half-even,
 * as C's `printf` does, so `~2f` of `0.125` is `0.12` and `~20f` of `0.1`
 * shows the double's real digits. Integers of any size print exactly.
 *
 * @module
 */

/**
 * Writes an integer in decimal with `div` digits after an inserted decimal
 * point (`~2d`: `1234` → `12.34`) and the integer part grouped in runs of
 * `group` digits separated by `sep` (`~D` uses `,` and 3; `~I` uses `_`).
 *
 * @param n The integer.
 * @param div Digits after the point; 0 for none.
 * @param sep Group separator, or `""` for no grouping.
 * @param group Digits per group.
 * @returns The text.
 * @example Fixed point with grouping
 * ```ts
 * import { formatDecimal } from "./_format_num.ts";
 * console.log(formatDecimal(1234567n, 2, ",", 3)); // 12,345.67
 * ```
 */
export function formatDecimal(n: bigint, div: number, sep: string, group: number): string {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  let frac = "";
  if (div > 0) {
    if (digits.length <= div) digits = "0".repeat(div - digits.length + 1) + digits;
    frac = "." + digits.slice(digits.length - div);
    digits = digits.slice(0, digits.length - div);
  }
  if (sep !== "" && group > 0 && digits.length > group) {
    const parts: string[] = [];
    let end = digits.length;
    for (; end > group; end -= group) parts.push(digits.slice(end - group, end));
    parts.push(digits.slice(0, end));
    digits = parts.reverse().join(sep);
  }
  return (neg ? "-" : "") + digits + frac;
}

/**
 * Writes an integer in radix 2..36, with lower- or upper-case letters.
 *
 * @param n The integer.
 * @param radix The radix.
 * @param upper Use `A`..`Z` for digits above 9 (`~R`).
 * @returns The text.
 * @example
 * ```ts
 * import { formatRadix } from "./_format_num.ts";
 * console.log(formatRadix(255n, 16, true)); // FF
 * ```
 */
export function formatRadix(n: bigint, radix: number, upper: boolean): string {
  const s = n.toString(radix);
  return upper ? s.toUpperCase() : s;
}

/** A non-negative rational `num / den`: the exact value of a double or integer. */
type Exact = [num: bigint, den: bigint];

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite, non-negative double. */
function exactOf(x: number): Exact {
  if (Number.isInteger(x)) return [BigInt(x), 1n];
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    mant |= 1n << 52n;
    e = biased - 1075;
  }
  // Non-integers have e < 0 here.
  return [mant, 1n << BigInt(-e)];
}

/** `round(num / den)` with ties to even, as IEEE/C rounding does. */
function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

/** `round(v * 10^k)` for a possibly negative `k`. */
function scaled([num, den]: Exact, k: number): bigint {
  return k >= 0 ? roundDiv(num * pow10(k), den) : roundDiv(num, den * pow10(-k));
}

/** `%.pf`: the digits of `v` rounded to `p` decimals. */
function fixed(v: Exact, p: number): string {
  const digits = scaled(v, p).toString();
  if (p === 0) return digits;
  const padded = digits.length <= p ? "0".repeat(p - digits.length + 1) + digits : digits;
  return padded.slice(0, padded.length - p) + "." + padded.slice(padded.length - p);
}

/** The mantissa digits (`p + 1` of them) and decimal exponent of `v > 0`. */
function sciDigits(v: Exact, p: number): [string, number] {
  // The exponent is within one of the digit-count difference; fix it up.
  let e = v[0].toString().length - v[1].toString().length;
  const lo = pow10(p);
  const hi = lo * 10n;
  for (;;) {
    const q = scaled(v, p - e);
    if (q >= hi) e++;
    else if (q < lo) e--;
    else return [q.toString(), e];
  }
}

/** `%.pe`. */
function sci(v: Exact, p: number, upper: boolean): string {
  let digits: string;
  let e: number;
  if (v[0] === 0n) {
    digits = "0".repeat(p + 1);
    e = 0;
  } else {
    [digits, e] = sciDigits(v, p);
  }
  const mant = p === 0 ? digits : digits[0] + "." + digits.slice(1);
  const exp = Math.abs(e) < 10 ? "0" + Math.abs(e) : String(Math.abs(e));
  return mant + (upper ? "E" : "e") + (e < 0 ? "-" : "+") + exp;
}

/** Drops trailing fraction zeros (and a bare point) as `%g` does. */
function trimZeros(s: string): string {
  if (!s.includes(".")) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/** `%.pg`: `%e` style for very small or large exponents, else `%f`; no trailing zeros. */
function general(v: Exact, p: number, upper: boolean): string {
  const prec = p === 0 ? 1 : p;
  const e = v[0] === 0n ? 0 : sciDigits(v, prec - 1)[1];
  if (e < -4 || e >= prec) {
    const s = sci(v, prec - 1, upper);
    const at = s.indexOf(upper ? "E" : "e");
    return trimZeros(s.slice(0, at)) + s.slice(at);
  }
  return trimZeros(fixed(v, prec - 1 - e));
}

/**
 * Formats a number as C's `printf` does for `%.{p}f`, `%.{p}e`, `%.{p}g`
 * and their upper-case forms, from its exact value.
 *
 * @param x The number (a float, or an integer of any size).
 * @param how One of `f e E g G`.
 * @param p The precision (digits after the point; significant digits for `g`).
 * @returns The text.
 * @example The float directives
 * ```ts
 * import { formatFloatAs } from "./_format_num.ts";
 * console.log(formatFloatAs(3.14159, "f", 4)); // 3.1416
 * console.log(formatFloatAs(1.0, "e", 6)); // 1.000000e+00
 * console.log(formatFloatAs(0.0001, "g", 6)); // 0.0001
 * console.log(formatFloatAs(10n ** 20n, "f", 1)); // 100000000000000000000.0
 * ```
 */
export function formatFloatAs(x: number | bigint, how: string, p: number): string {
  const upper = how === "E" || how === "G";
  if (typeof x === "number" && !Number.isFinite(x)) {
    const s = Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    return upper ? s.toUpperCase() : s;
  }
  let neg: boolean;
  let v: Exact;
  if (typeof x === "bigint") {
    neg = x < 0n;
    v = [neg ? -x : x, 1n];
  } else {
    neg = x < 0 || Object.is(x, -0);
    v = exactOf(Math.abs(x));
  }
  let s: string;
  if (how === "f") s = fixed(v, p);
  else if (how === "e" || how === "E") s = sci(v, p, upper);
  else s = general(v, p, upper);
  return neg ? "-" + s : s;
}
