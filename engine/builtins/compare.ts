/**
 * Term comparison (ISO 8.4): the standard order of terms, `compare/3`,
 * `==`, `\==`, `@<`, `@>`, `@=<`, `@>=`, and sorting (ISO 8.4.3 `sort/2`,
 * 8.4.4 `keysort/2`, plus SWI-Prolog's `msort/2` and `sort/4`).
 *
 * Sorting collects the list into an array and uses `Array.prototype.sort`,
 * which is stable (ES2019), with {@linkcode compareTerms} as comparator.
 * A cyclic list is a `type_error(list)`, except that `sort/2` (and `sort/4`
 * when it drops duplicates) sorts its elements, as SWI-Prolog does.
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
  type Functor,
  INT,
  type Int,
  MINUS2,
  mkAtom,
  mkInt,
  mkList,
  mkStruct,
  NIL,
  type PString,
  skipList,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  Var,
} from "../term.ts";
import { nextWalkBudget, WALK_BUDGET } from "../cycles.ts";
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

/**
 * The order of variables that share a serial (the body variables of one
 * clause frame): numbered on first comparison, so the standard order stays
 * total and stable while they live.
 */
const varNumbers = new WeakMap<Var, number>();
let nextVarNumber = 0;

function varNumber(v: Var): number {
  let n = varNumbers.get(v);
  if (n === undefined) varNumbers.set(v, n = nextVarNumber++);
  return n;
}

/** Compares two distinct variables: by age, then by {@linkcode varNumber}. */
function compareVars(a: Var, b: Var): number {
  if (a.serial !== b.serial) return a.serial < b.serial ? -1 : 1;
  return varNumber(a) < varNumber(b) ? -1 : 1;
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
 * Cyclic terms (rational trees) compare coinductively, as in SWI-Prolog:
 * two with the same infinite unfolding are equal. A comparison that passes
 * {@linkcode WALK_BUDGET} pairs of compounds asks {@linkcode nextWalkBudget}
 * about both terms; once both are cyclic (or much shared) it starts again
 * in {@linkcode compareLinked}.
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
  const a0 = a, b0 = b;
  const base = pending.length;
  let budget = WALK_BUDGET, spent = WALK_BUDGET;
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
        case 1:
        case 2:
        case 3:
          c = compareAtomic(a, b, ra);
          break;
        default: {
          const fa = (a as Struct).fn, fb = (b as Struct).fn;
          if (fa !== fb) {
            c = compareFunctors(fa, fb);
            break;
          }
          if (--budget === 0) {
            // Walking either term to its end ends the comparison too.
            budget = nextWalkBudget(a0, spent) || nextWalkBudget(b0, spent);
            if (budget === 0) {
              pending.length = base;
              return compareLinked(a0, b0);
            }
            spent += budget;
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

/** Compares two distinct functors: by arity, then by name. */
function compareFunctors(fa: Functor, fb: Functor): number {
  return fa.arity !== fb.arity
    ? (fa.arity < fb.arity ? -1 : 1)
    : compareText(fa.name.name, fb.name.name);
}

/** Compares two distinct non-compound terms of the same rank. */
function compareAtomic(a: Term, b: Term, rank: number): number {
  switch (rank) {
    case 0:
      return compareVars(a as Var, b as Var);
    case 1:
      return compareNumbers(a, b);
    case 2:
      return compareText((a as Atom).name, (b as Atom).name);
    default:
      return compareText((a as PString).val, (b as PString).val);
  }
}

/** The compound `s` stands for in {@linkcode compareLinked}: the root of its class. */
function linkedTo(links: Map<Struct, Struct>, s: Struct): Struct {
  for (let t = links.get(s); t !== undefined; t = links.get(s)) s = t;
  return s;
}

/**
 * {@linkcode compareTerms} for cyclic (or much-shared) terms, like
 * SWI-Prolog's `compareStandard()` with `linkTermsCyclic()`: each left
 * compound compared is linked to the right one (both first replaced by the
 * roots of their classes), and compounds linked count as equal from then on.
 * Each link joins two classes, so this ends on any pair of rational trees,
 * in time linear in their distinct compounds.
 */
function compareLinked(a: Term, b: Term): number {
  const links = new Map<Struct, Struct>();
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
      if (ra !== 4) {
        c = compareAtomic(a, b, ra);
        if (c !== 0) break;
      } else {
        const x = linkedTo(links, a as Struct), y = linkedTo(links, b as Struct);
        if (x !== y) {
          if (x.fn !== y.fn) {
            c = compareFunctors(x.fn, y.fn);
            break;
          }
          links.set(x, y);
          const xs = x.args, ys = y.args;
          for (let i = xs.length - 1; i > 0; i--) pending.push(xs[i], ys[i]);
          a = xs[0];
          b = ys[0];
          continue;
        }
      }
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
 * ISO 8.4.3.3 / 8.4.4.3: the output argument must be a list or partial list
 * (a cyclic list is neither); with `pairs`, each of its elements must be a
 * variable or a pair.
 */
function checkOutput(t: Term, pairs: boolean): void {
  const { length, tail } = skipList(t);
  if (pairs) {
    let l = deref(t);
    for (let i = 0; i < length; i++) {
      const e = deref((l as Struct).args[0]);
      if (e.tag !== VAR && (e.tag !== STRUCT || (e as Struct).fn !== MINUS2)) {
        throw typeError("pair", e);
      }
      l = deref((l as Struct).args[1]);
    }
  }
  if (tail.tag !== VAR && tail !== NIL) throw typeError("list", deref(t));
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

/**
 * The elements of a list argument, dereferenced. A partial list is an
 * instantiation error and any other non-list a `type_error(list)`. So is a
 * cyclic list, unless `cyclic` allows it: SWI-Prolog's `sort/2` (and
 * `sort/4` when it drops duplicates) sorts the elements of a cyclic list,
 * of which some are then collected more than once.
 */
function derefItems(t: Term, cyclic = false): Term[] {
  const { length, tail } = skipList(t);
  if (tail.tag === VAR) throw instantiationError();
  if (tail !== NIL && !(cyclic && tail.tag === STRUCT && (tail as Struct).fn === DOT)) {
    throw typeError("list", deref(t));
  }
  const items = new Array<Term>(length);
  let l = deref(t) as Struct;
  for (let i = 0; i < length; i++) {
    items[i] = deref(l.args[0]);
    l = deref(l.args[1]) as Struct;
  }
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
      const items = derefItems(a[0], true);
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
      const items = derefItems(a[0]);
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
      const items = derefItems(a[2], unique);
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
