/**
 * The nondeterministic cores of `atom_concat/3` (ISO 8.16.2) and
 * `sub_atom/5` (ISO 8.16.3), shared with `string_concat/3`,
 * `text_concat/3` and `sub_string/5`: the callers check and extract the
 * texts, these enumerate the solutions.
 *
 * @module
 */
import { domainError, typeError } from "../errors.ts";
import { LAST, MORE } from "../database.ts";
import type { Machine } from "../machine.ts";
import { BIG, type BigInt_, deref, INT, type Int, mkInt, type Term, VAR } from "../term.ts";
import { cpLength, TextIndex } from "./_text.ts";

/** Unknown value of an optional integer argument. */
const FREE = -1;
/** An integer argument no solution can have (negative or huge). */
const NONE = -2;

/**
 * An optional non-negative integer argument of `sub_atom/5`: ISO 8.16.3.3
 * raises `type_error(integer, X)` for a non-integer and
 * `domain_error(not_less_than_zero, X)` for a negative integer (as the ISO
 * conformance suite, iso.tst, expects). For `sub_string/5` (`iso` false) a
 * negative integer simply has no solution, as in SWI-Prolog.
 */
function optInt(t: Term, iso: boolean): number {
  t = deref(t);
  if (t.tag === VAR) return FREE;
  if (t.tag === INT) {
    const v = (t as Int).val;
    if (v >= 0) return v;
  } else if (t.tag === BIG) {
    if ((t as BigInt_).val >= 0n) return NONE;
  } else {
    throw typeError("integer", t);
  }
  if (iso) throw domainError("not_less_than_zero", t);
  return NONE;
}

/**
 * Enumerates the ways `whole` splits into a prefix and a suffix and unifies
 * them with `a` and `b`, in order of increasing prefix length (ISO 8.16.2:
 * `atom_concat(X, Y, abc)` gives `''+abc` first).
 *
 * @param m The machine.
 * @param a The prefix argument.
 * @param b The suffix argument.
 * @param whole The text to split.
 * @param make Builds a result term.
 * @returns The solutions.
 */
export function* splits(
  m: Machine,
  a: Term,
  b: Term,
  whole: string,
  make: (s: string) => Term,
): Generator<number, void, void> {
  const ti = new TextIndex(whole);
  const n = ti.n;
  for (let i = 0; i <= n; i++) {
    const ok = m.attempt(() =>
      m.unify(a, make(ti.slice(0, i))) && m.unify(b, make(ti.slice(i, n)))
    );
    if (ok) yield i === n ? LAST : MORE;
  }
}

/**
 * The solutions of `sub_atom(Whole, B, L, A, Sub)`: `args[1..4]` are B, L,
 * A and Sub. Solutions come in SWI/ISO order: by B, then by L. When Sub is
 * known, its occurrences are found with `indexOf` instead of trying every
 * B/L pair.
 *
 * @param m The machine.
 * @param args The builtin's arguments.
 * @param whole The text searched.
 * @param sub The text of Sub if bound, else `null`.
 * @param make Builds Sub's value.
 * @param iso Whether a negative integer is a domain error (`sub_atom/5`)
 *   rather than no solution (`sub_string/5`).
 * @returns The solutions.
 */
export function* substrings(
  m: Machine,
  args: Term[],
  whole: string,
  sub: string | null,
  make: (s: string) => Term,
  iso = false,
): Generator<number, void, void> {
  let b = optInt(args[1], iso);
  let l = optInt(args[2], iso);
  const a = optInt(args[3], iso);
  if (b === NONE || l === NONE || a === NONE) return;
  const ti = new TextIndex(whole);
  const n = ti.n;
  const solve = (bb: number, ll: number): boolean =>
    m.attempt(() =>
      m.unify(args[1], mkInt(bb)) && m.unify(args[2], mkInt(ll)) &&
      m.unify(args[3], mkInt(n - bb - ll)) &&
      (sub !== null || m.unify(args[4], make(ti.slice(bb, bb + ll))))
    );
  if (sub !== null) {
    const sl = cpLength(sub);
    if ((l !== FREE && l !== sl) || sl > n) return;
    l = sl;
    if (b === FREE && a !== FREE) b = n - l - a;
    if (b !== FREE) {
      if (b < 0 || b + l > n || (a !== FREE && a !== n - b - l)) return;
      if (ti.slice(b, b + l) === sub && solve(b, l)) yield LAST;
      return;
    }
    if (sl === 0) {
      for (let i = 0; i <= n; i++) if (solve(i, 0)) yield i === n ? LAST : MORE;
      return;
    }
    const s = ti.s;
    let at = s.indexOf(sub);
    while (at >= 0) {
      const next = s.indexOf(sub, at + 1);
      const ci = ti.charIndex(at);
      if (ci >= 0 && solve(ci, l)) yield next < 0 ? LAST : MORE;
      at = next;
    }
    return;
  }
  if (b !== FREE) {
    if (b > n) return;
    if (l !== FREE) {
      if (b + l > n || (a !== FREE && a !== n - b - l)) return;
      if (solve(b, l)) yield LAST;
      return;
    }
    if (a !== FREE) {
      if (b + a > n) return;
      if (solve(b, n - b - a)) yield LAST;
      return;
    }
    for (let ll = 0; ll <= n - b; ll++) if (solve(b, ll)) yield ll === n - b ? LAST : MORE;
    return;
  }
  if (l !== FREE) {
    if (l > n) return;
    if (a !== FREE) {
      if (l + a > n) return;
      if (solve(n - l - a, l)) yield LAST;
      return;
    }
    for (let bb = 0; bb <= n - l; bb++) if (solve(bb, l)) yield bb === n - l ? LAST : MORE;
    return;
  }
  if (a !== FREE) {
    if (a > n) return;
    for (let bb = 0; bb <= n - a; bb++) if (solve(bb, n - a - bb)) yield bb === n - a ? LAST : MORE;
    return;
  }
  for (let bb = 0; bb <= n; bb++) {
    for (let ll = 0; ll <= n - bb; ll++) {
      if (solve(bb, ll)) yield bb === n ? LAST : MORE;
    }
  }
}
