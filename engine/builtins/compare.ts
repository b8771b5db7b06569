/**
 * Term comparison (ISO 8.4): the standard order of terms, `compare/3`,
 * `==`, `\==`, `@<`, `@>`, `@=<`, `@>=`, and sorting (ISO 8.4.3 `sort/2`,
 * 8.4.4 `keysort/2`, plus SWI-Prolog's `msort/2` and `sort/4`).
 *
 * Sorting collects the list into an array and uses `Array.prototype.sort`,
 * which is stable (ES2019), with {@linkcode compareTerms} as comparator.
 *
 * @module
 */
import { domainError, instantiationError, PrologThrow, typeError } from "../errors.ts";
import {
  ATOM,
  type Atom,
  type BigInt_,
  deref,
  DOT,
  type Float,
  FLT,
  INT,
  type Int,
  MINUS2,
  mkAtom,
  mkInt,
  mkList,
  mkStruct,
  NIL,
  type PString,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  Var,
} from "../term.ts";
import { listArg } from "./_args.ts";
import type { BuiltinTable } from "./registry.ts";

/** Rank of each tag in the standard order (ISO 7.2): Var < Number < Atom < String < Compound. */
const RANK = [0, 2, 1, 1, 1, 4, 3];

/**
 * Compares two strings by Unicode code points (JS `<` compares UTF-16 code
 * units, which puts astral characters before U+E000..U+FFFF).
 */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        // Move surrogates (D800-DFFF) above E000-FFFF: code point order.
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * Compares two numbers: by value; NaN before every other number; when the
 * values are equal a float comes before an integer (SWI-Prolog: `1.0 @< 1`)
 * and `-0.0` before `0.0`.
 */
function compareNumbers(a: Term, b: Term): number {
  const ta = a.tag, tb = b.tag;
  // Mixed number/bigint comparisons are exact in JS.
  const x = (a as Int | BigInt_ | Float).val, y = (b as Int | BigInt_ | Float).val;
  if (ta === INT && tb === INT) return x < y ? -1 : x > y ? 1 : 0;
  if (ta === FLT && x !== x) return tb === FLT && y !== y ? 0 : -1;
  if (tb === FLT && y !== y) return 1;
  if (x < y) return -1;
  if (x > y) return 1;
  if (ta === tb) {
    if (ta === FLT && x === 0) {
      const nx = Object.is(x, -0), ny = Object.is(y, -0);
      return nx === ny ? 0 : nx ? -1 : 1;
    }
    return 0;
  }
  return ta === FLT ? -1 : tb === FLT ? 1 : 0;
}

// Pending argument pairs. compareTerms never re-enters itself, so one shared
// stack serves every call (it is reset before each return).
const pending: Term[] = [];

/**
 * Compares two terms in the standard order (ISO 7.2): Var < Number < Atom <
 * String < Compound. Variables by age; numbers by value (float first when
 * equal); atoms and strings by code points; compounds by arity, then name,
 * then arguments left to right. Iterative: the last argument is compared by
 * looping, so two long lists need no stack at all.
 *
 * @param a A term.
 * @param b A term.
 * @returns Negative, zero or positive.
 * @example
 * ```ts
 * import { compareTerms } from "./compare.ts";
 * import { mkAtom, mkInt } from "../term.ts";
 * console.log(compareTerms(mkInt(1), mkAtom("a")) < 0); // true
 * ```
 */
export function compareTerms(a: Term, b: Term): number {
  if (a === b) return 0;
  const base = pending.length;
  let c = 0;
  for (;;) {
    a = deref(a);
    b = deref(b);
    if (a !== b) {
      const ra = RANK[a.tag], rb = RANK[b.tag];
      if (ra !== rb) {
        c = ra < rb ? -1 : 1;
        break;
      }
      switch (ra) {
        case 0:
          c = (a as Var).serial < (b as Var).serial ? -1 : 1;
          break;
        case 1:
          c = compareNumbers(a, b);
          break;
        case 2:
          c = compareText((a as Atom).name, (b as Atom).name);
          break;
        case 3:
          c = compareText((a as PString).val, (b as PString).val);
          break;
        default: {
          const fa = (a as Struct).fn, fb = (b as Struct).fn;
          if (fa !== fb) {
            c = fa.arity !== fb.arity
              ? (fa.arity < fb.arity ? -1 : 1)
              : compareText(fa.name.name, fb.name.name);
            break;
          }
          const xs = (a as Struct).args, ys = (b as Struct).args;
          // Push the later pairs so the first argument is compared next.
          for (let i = xs.length - 1; i > 0; i--) pending.push(xs[i], ys[i]);
          a = xs[0];
          b = ys[0];
          continue;
        }
      }
      if (c !== 0) break;
    }
    if (pending.length === base) return 0;
    b = pending.pop()!;
    a = pending.pop()!;
  }
  pending.length = base;
  return c;
}

const LT = mkAtom("<"), EQ = mkAtom("="), GT = mkAtom(">");
const ORDER_ATOMS = [LT, EQ, GT];

// ---------------------------------------------------------------- sorting

/**
 * ISO 8.4.3.3 / 8.4.4.3: the output argument must be a list or partial list;
 * with `pairs`, each of its elements must be a variable or a pair.
 */
function checkOutput(t: Term, pairs: boolean): void {
  let l = deref(t);
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    if (pairs) {
      const e = deref((l as Struct).args[0]);
      if (e.tag !== VAR && (e.tag !== STRUCT || (e as Struct).fn !== MINUS2)) {
        throw typeError("pair", e);
      }
    }
    l = deref((l as Struct).args[1]);
  }
  if (l.tag !== VAR && l !== NIL) throw typeError("list", deref(t));
}

/** Drops every element equal (under `cmp`) to its predecessor; `xs` is sorted. */
function dedupe<T>(xs: T[], cmp: (a: T, b: T) => number): T[] {
  if (xs.length < 2) return xs;
  let k = 1;
  for (let i = 1; i < xs.length; i++) {
    if (cmp(xs[k - 1], xs[i]) !== 0) xs[k++] = xs[i];
  }
  xs.length = k;
  return xs;
}

function descending(a: Term, b: Term): number {
  return compareTerms(b, a);
}

/** One element with its sort key. */
type Keyed = { key: Term; term: Term };

function byKey(a: Keyed, b: Keyed): number {
  return compareTerms(a.key, b.key);
}

function byKeyDescending(a: Keyed, b: Keyed): number {
  return compareTerms(b.key, a.key);
}

/** `existence_error(argument, N, Term)` as SWI-Prolog raises for `sort/4` keys out of range. */
function argumentMissing(n: number, t: Term): PrologThrow {
  return new PrologThrow(
    mkStruct("error", [mkStruct("existence_error", [mkAtom("argument"), mkInt(n), t]), new Var()]),
  );
}

/** The key of `e` for `sort/4` with key argument `n` (> 0). */
function keyOf(e: Term, n: number): Term {
  e = deref(e);
  if (e.tag === VAR) throw instantiationError();
  if (e.tag !== STRUCT) throw typeError("compound", e);
  const args = (e as Struct).args;
  if (args.length < n) throw argumentMissing(n, e);
  return args[n - 1];
}

/** Sort orders of `sort/4`: [descending, remove duplicates]. */
const SORT4_ORDERS = new Map<Atom, [boolean, boolean]>([
  [mkAtom("@<"), [false, true]],
  [mkAtom("@=<"), [false, false]],
  [mkAtom("@>"), [true, true]],
  [mkAtom("@>="), [true, false]],
]);

/** The elements of a list argument, dereferenced. */
function derefItems(t: Term): Term[] {
  const items = listArg(t);
  for (let i = 0; i < items.length; i++) items[i] = deref(items[i]);
  return items;
}

/** Comparison builtins (ISO 8.4) and sorting (ISO 8.4.3, 8.4.4; SWI-Prolog msort/2, sort/4). */
export const compareBuiltins: BuiltinTable = {
  det: {
    // ISO 8.4.1: term comparison
    "==/2": (a) => compareTerms(a[0], a[1]) === 0,
    "\\==/2": (a) => compareTerms(a[0], a[1]) !== 0,
    "@</2": (a) => compareTerms(a[0], a[1]) < 0,
    "@>/2": (a) => compareTerms(a[0], a[1]) > 0,
    "@=</2": (a) => compareTerms(a[0], a[1]) <= 0,
    "@>=/2": (a) => compareTerms(a[0], a[1]) >= 0,
    // ISO 8.4.2: compare/3 (errors per Cor.2: type_error(atom), domain_error(order))
    "compare/3": (a, m) => {
      const o = deref(a[0]);
      if (o.tag !== VAR) {
        if (o.tag !== ATOM) throw typeError("atom", o);
        if (o !== LT && o !== EQ && o !== GT) throw domainError("order", o);
      }
      const c = compareTerms(a[1], a[2]);
      return m.unify(o, ORDER_ATOMS[c < 0 ? 0 : c === 0 ? 1 : 2]);
    },
    // ISO 8.4.3: sort/2 (duplicates removed)
    "sort/2": (a, m) => {
      const items = derefItems(a[0]);
      checkOutput(a[1], false);
      return m.unify(a[1], mkList(dedupe(items.sort(compareTerms), compareTerms)));
    },
    // SWI-Prolog msort/2: sort/2 keeping duplicates
    "msort/2": (a, m) => {
      const items = derefItems(a[0]);
      checkOutput(a[1], false);
      return m.unify(a[1], mkList(items.sort(compareTerms)));
    },
    // ISO 8.4.4: keysort/2 (stable, duplicates kept)
    "keysort/2": (a, m) => {
      const items = listArg(a[0]);
      const keyed: Keyed[] = new Array(items.length);
      for (let i = 0; i < items.length; i++) {
        const e = deref(items[i]);
        if (e.tag === VAR) throw instantiationError();
        if (e.tag !== STRUCT || (e as Struct).fn !== MINUS2) throw typeError("pair", e);
        keyed[i] = { key: (e as Struct).args[0], term: e };
      }
      checkOutput(a[1], true);
      keyed.sort(byKey);
      return m.unify(a[1], mkList(keyed.map((k) => k.term)));
    },
    // SWI-Prolog sort/4: sort(Key, Order, List, Sorted)
    "sort/4": (a, m) => {
      const k = deref(a[0]);
      if (k.tag === VAR) throw instantiationError();
      if (k.tag !== INT) throw typeError("integer", k);
      const n = (k as Int).val;
      if (n < 0) throw domainError("not_less_than_zero", k);
      const o = deref(a[1]);
      if (o.tag === VAR) throw instantiationError();
      if (o.tag !== ATOM) throw typeError("atom", o);
      const order = SORT4_ORDERS.get(o as Atom);
      if (order === undefined) throw domainError("order", o);
      const [desc, unique] = order;
      const items = derefItems(a[2]);
      checkOutput(a[3], false);
      let sorted: Term[];
      if (n === 0) {
        const cmp = desc ? descending : compareTerms;
        items.sort(cmp);
        sorted = unique ? dedupe(items, cmp) : items;
      } else {
        let keyed: Keyed[] = new Array(items.length);
        for (let i = 0; i < items.length; i++) {
          keyed[i] = { key: keyOf(items[i], n), term: items[i] };
        }
        const cmp = desc ? byKeyDescending : byKey;
        keyed.sort(cmp);
        if (unique) keyed = dedupe(keyed, cmp);
        sorted = keyed.map((x) => x.term);
      }
      return m.unify(a[3], mkList(sorted));
    },
  },
};
