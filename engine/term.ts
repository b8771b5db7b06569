/**
 * Term representation.
 *
 * Every term is an object with a numeric `tag` as its first field, so the hot
 * paths (deref, unify, the solver) dispatch with one `switch (t.tag)`. Atoms
 * and functors are interned: comparing them is comparing references. Small
 * integers live in {@linkcode Int} (JS numbers that are safe integers);
 * anything beyond 2^53 is a {@linkcode BigInt_} so no precision is lost.
 *
 * @module
 */

/** Tag of an unbound or bound variable. */
export const VAR = 0;
/** Tag of an atom. */
export const ATOM = 1;
/** Tag of a small (safe) integer. */
export const INT = 2;
/** Tag of an integer beyond the safe range. */
export const BIG = 3;
/** Tag of a float. */
export const FLT = 4;
/** Tag of a compound term. */
export const STRUCT = 5;
/** Tag of a string object (SWI-Prolog style `"text"` with `double_quotes=string`). */
export const STR = 6;
/** Tag of a clause-local variable slot inside a compiled clause (never seen by user code). */
export const SLOT = 7;

/** Tag of a non-ground compound inside a compiled clause (never seen by user code). */
export const TMPL = 8;

/** Any Prolog term. */
export type Term = Var | Atom | Int | BigInt_ | Float | Struct | PString | Slot | Template;

let varSerial = 0;

/**
 * A logic variable. `ref` is `null` while unbound. `serial` grows with every
 * new variable: a binding needs trailing only when the variable is older than
 * the newest choicepoint (the WAM's conditional trailing).
 *
 * @example Binding by mutation
 * ```ts
 * import { Var, mkAtom, deref } from "./term.ts";
 * const v = new Var();
 * v.ref = mkAtom("a");
 * console.log(deref(v) === mkAtom("a")); // true
 * ```
 */
export class Var {
  /** Always {@linkcode VAR}. */
  readonly tag: 0 = VAR;
  /** The term this variable is bound to, or `null`. */
  ref: Term | null = null;
  /** Creation order; see the class comment. */
  readonly serial: number;
  /**
   * Creates a fresh unbound variable.
   *
   * @param serial Age to give it instead of a new one: a clause frame creates
   *   its body variables lazily but dates them to the frame's creation, so
   *   bindings made after a later choicepoint are trailed and undone.
   */
  constructor(serial?: number) {
    this.serial = serial ?? varSerial++;
  }
}

/**
 * Takes a serial number for something that must count as older than every
 * variable created after it (a clause frame).
 *
 * @returns The serial.
 * @example
 * ```ts
 * import { takeSerial } from "./term.ts";
 * const s = takeSerial();
 * console.log(takeSerial() > s); // true
 * ```
 */
export function takeSerial(): number {
  return varSerial++;
}

/** Returns the serial the next new variable will get. */
export function nextVarSerial(): number {
  return varSerial;
}

/**
 * An interned atom: one object per name, so `===` is atom equality.
 *
 * @example
 * ```ts
 * import { mkAtom } from "./term.ts";
 * console.log(mkAtom("foo") === mkAtom("foo")); // true
 * ```
 */
export class Atom {
  /** Always {@linkcode ATOM}. */
  readonly tag: 1 = ATOM;
  /** The atom's text. */
  readonly name: string;
  /** Dense id, usable as an array index. */
  readonly id: number;
  /** The functor `name/0`, cached so atom goals need no table lookup. */
  fn0: Functor | null = null;
  /** @internal Use {@linkcode mkAtom}. */
  constructor(name: string, id: number) {
    this.name = name;
    this.id = id;
  }
}

/**
 * A safe integer (|n| ≤ 2^53 − 1).
 *
 * @example
 * ```ts
 * import { mkInt } from "./term.ts";
 * console.log(mkInt(42).val); // 42
 * ```
 */
export class Int {
  /** Always {@linkcode INT}. */
  readonly tag: 2 = INT;
  /** The value, always a safe integer. */
  readonly val: number;
  /** @internal Use {@linkcode mkInt}. */
  constructor(val: number) {
    this.val = val;
  }
}

/**
 * An integer outside the safe range. Never holds a value that fits an
 * {@linkcode Int}: {@linkcode mkInteger} normalises.
 *
 * @example
 * ```ts
 * import { mkInteger } from "./term.ts";
 * console.log(mkInteger(2n ** 64n).tag); // 3
 * ```
 */
export class BigInt_ {
  /** Always {@linkcode BIG}. */
  readonly tag: 3 = BIG;
  /** The value. */
  readonly val: bigint;
  /** @internal Use {@linkcode mkInteger}. */
  constructor(val: bigint) {
    this.val = val;
  }
}

/**
 * A double-precision float.
 *
 * @example
 * ```ts
 * import { Float } from "./term.ts";
 * console.log(new Float(1.5).val); // 1.5
 * ```
 */
export class Float {
  /** Always {@linkcode FLT}. */
  readonly tag: 4 = FLT;
  /** The value. */
  readonly val: number;
  /** Creates a float term. */
  constructor(val: number) {
    this.val = val;
  }
}

/**
 * An interned name/arity pair. `id` indexes per-engine predicate tables, so a
 * call never builds a `"name/arity"` string.
 *
 * @example
 * ```ts
 * import { mkFunctor } from "./term.ts";
 * console.log(mkFunctor("foo", 2) === mkFunctor("foo", 2)); // true
 * ```
 */
export class Functor {
  /** The name. */
  readonly name: Atom;
  /** The arity. */
  readonly arity: number;
  /** Dense id, usable as an array index. */
  readonly id: number;
  /** `"name/arity"`, built once. */
  readonly indicator: string;
  /** @internal Use {@linkcode mkFunctor}. */
  constructor(name: Atom, arity: number, id: number) {
    this.name = name;
    this.arity = arity;
    this.id = id;
    this.indicator = `${name.name}/${arity}`;
  }
}

/**
 * A compound term.
 *
 * @example
 * ```ts
 * import { mkStruct, mkAtom } from "./term.ts";
 * const t = mkStruct("f", [mkAtom("a")]);
 * console.log(t.fn.indicator); // "f/1"
 * ```
 */
export class Struct {
  /** Always {@linkcode STRUCT}. */
  readonly tag: 5 = STRUCT;
  /** The principal functor. */
  readonly fn: Functor;
  /** The arguments; `args.length === fn.arity`. */
  readonly args: Term[];
  /** Creates a compound term; prefer {@linkcode mkStruct}. */
  constructor(fn: Functor, args: Term[]) {
    this.fn = fn;
    this.args = args;
  }
}

/**
 * A string object, as SWI-Prolog's `"text"` under `double_quotes=string`.
 *
 * @example
 * ```ts
 * import { PString } from "./term.ts";
 * console.log(new PString("hi").val); // "hi"
 * ```
 */
export class PString {
  /** Always {@linkcode STR}. */
  readonly tag: 6 = STR;
  /** The text. */
  readonly val: string;
  /** Creates a string term. */
  constructor(val: string) {
    this.val = val;
  }
}

/**
 * A variable slot of a compiled clause: clause terms refer to their variables
 * by index, and a call fills a fresh frame instead of copying the clause.
 *
 * @example
 * ```ts
 * import { Slot } from "./term.ts";
 * console.log(new Slot(0, "X").index); // 0
 * ```
 */
export class Slot {
  /** Always {@linkcode SLOT}. */
  readonly tag: 7 = SLOT;
  /** Index into the frame. */
  readonly index: number;
  /** Source name of the variable (for bindings display). */
  readonly name: string;
  /** Creates a slot. */
  constructor(index: number, name: string) {
    this.index = index;
    this.name = name;
  }
}

/**
 * A compound inside a compiled clause that contains slots. Ground compounds
 * stay plain {@linkcode Struct}s and are shared, never copied, by calls.
 *
 * @example
 * ```ts
 * import { Template, Slot, mkFunctor } from "./term.ts";
 * const t = new Template(mkFunctor("f", 1), [new Slot(0, "X")]);
 * console.log(t.args.length); // 1
 * ```
 */
export class Template {
  /** Always {@linkcode TMPL}. */
  readonly tag: 8 = TMPL;
  /** The principal functor. */
  readonly fn: Functor;
  /** Argument patterns. */
  readonly args: Term[];
  /** Creates a template. */
  constructor(fn: Functor, args: Term[]) {
    this.fn = fn;
    this.args = args;
  }
}

const atomTable = new Map<string, Atom>();
const atomsById: Atom[] = [];

/**
 * Returns the interned atom for `name`.
 *
 * @param name The atom's text.
 * @returns The one atom with that text.
 * @example
 * ```ts
 * import { mkAtom } from "./term.ts";
 * console.log(mkAtom("[]").name); // "[]"
 * ```
 */
export function mkAtom(name: string): Atom {
  let a = atomTable.get(name);
  if (a === undefined) {
    a = new Atom(name, atomsById.length);
    atomsById.push(a);
    atomTable.set(name, a);
  }
  return a;
}

/**
 * Returns every atom interned so far (for `current_atom`-style enumeration).
 *
 * @returns A snapshot array.
 * @example
 * ```ts
 * import { allAtoms } from "./term.ts";
 * console.log(allAtoms().length > 0); // true
 * ```
 */
export function allAtoms(): Atom[] {
  return atomsById.slice();
}

const functorTable = new Map<number, Functor[]>();
let functorCount = 0;
/** Every functor, by id. */
const functorsById: Functor[] = [];

/**
 * Returns the interned functor `name/arity`.
 *
 * @param name The name, as text or atom.
 * @param arity The arity.
 * @returns The one functor with that name and arity.
 * @example
 * ```ts
 * import { mkFunctor } from "./term.ts";
 * console.log(mkFunctor("-", 2).indicator); // "-/2"
 * ```
 */
export function mkFunctor(name: string | Atom, arity: number): Functor {
  const atom = typeof name === "string" ? mkAtom(name) : name;
  let row = functorTable.get(atom.id);
  if (row === undefined) {
    row = [];
    functorTable.set(atom.id, row);
  }
  let f = row[arity];
  if (f === undefined) {
    f = new Functor(atom, arity, functorCount++);
    row[arity] = f;
    functorsById.push(f);
  }
  return f;
}

/**
 * The functor with a given id (see {@linkcode Functor.id}).
 *
 * @param id A functor id.
 * @returns The functor, or `undefined` when no functor has that id.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { functorById, mkFunctor } from "./term.ts";
 * const f = mkFunctor("f", 2);
 * assert.equal(functorById(f.id), f);
 * ```
 */
export function functorById(id: number): Functor | undefined {
  return functorsById[id];
}

/**
 * Builds a compound term.
 *
 * @param name The functor name.
 * @param args The arguments.
 * @returns The term `name(args...)`.
 * @example
 * ```ts
 * import { mkStruct, mkInt } from "./term.ts";
 * console.log(mkStruct("-", [mkInt(1)]).fn.indicator); // "-/1"
 * ```
 */
export function mkStruct(name: string | Atom, args: Term[]): Struct {
  return new Struct(mkFunctor(name, args.length), args);
}

const SMALL_MIN = -256;
const SMALL_MAX = 1024;
const smallInts: Int[] = [];
for (let i = SMALL_MIN; i <= SMALL_MAX; i++) smallInts.push(new Int(i));

/**
 * Returns an integer term for a safe integer; small values are shared.
 *
 * @param n A safe integer.
 * @returns The term.
 * @example
 * ```ts
 * import { mkInt } from "./term.ts";
 * console.log(mkInt(3) === mkInt(3)); // true
 * ```
 */
export function mkInt(n: number): Int {
  if (n >= SMALL_MIN && n <= SMALL_MAX && (n | 0) === n && !Object.is(n, -0)) {
    return smallInts[n - SMALL_MIN];
  }
  return new Int(n === 0 ? 0 : n);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Returns the integer term for a bigint, as an {@linkcode Int} when it fits.
 *
 * @param n Any integer.
 * @returns The normalised term.
 * @example
 * ```ts
 * import { mkInteger } from "./term.ts";
 * console.log(mkInteger(5n).tag); // 2
 * ```
 */
export function mkInteger(n: bigint): Int | BigInt_ {
  if (n <= MAX_SAFE && n >= MIN_SAFE) return mkInt(Number(n));
  return new BigInt_(n);
}

/**
 * Follows variable bindings to the term a variable stands for.
 *
 * @param t A term.
 * @returns An unbound variable or a non-variable term.
 * @example
 * ```ts
 * import { Var, deref } from "./term.ts";
 * const v = new Var();
 * console.log(deref(v) === v); // true
 * ```
 */
export function deref(t: Term): Term {
  while (t.tag === VAR) {
    const r = (t as Var).ref;
    if (r === null) return t;
    t = r;
  }
  return t;
}

/** The atom `[]`. */
export const NIL: Atom = mkAtom("[]");
/** The atom `true`. */
export const TRUE: Atom = mkAtom("true");
/** The atom `fail`. */
export const FAIL: Atom = mkAtom("fail");
/** The atom `{}`. */
export const CURLY: Atom = mkAtom("{}");
/** The atom `end_of_file`. */
export const EOF: Atom = mkAtom("end_of_file");
/** The list constructor `'.'/2` (ISO). */
export const DOT: Functor = mkFunctor(".", 2);
/** `','/2`. */
export const COMMA: Functor = mkFunctor(",", 2);
/** `':-'/2`. */
export const NECK: Functor = mkFunctor(":-", 2);
/** `':-'/1`. */
export const DIRECTIVE: Functor = mkFunctor(":-", 1);
/** `'-'/2`, the pair functor. */
export const MINUS2: Functor = mkFunctor("-", 2);

/**
 * Builds a list cell `[head|tail]`.
 *
 * @param head The head.
 * @param tail The tail.
 * @returns The cell.
 * @example
 * ```ts
 * import { cons, mkInt, NIL } from "./term.ts";
 * console.log(cons(mkInt(1), NIL).fn.indicator); // "./2"
 * ```
 */
export function cons(head: Term, tail: Term): Struct {
  return new Struct(DOT, [head, tail]);
}

/**
 * Builds a proper list, or a partial list ending in `tail`.
 *
 * @param items The elements.
 * @param tail The tail, `[]` by default.
 * @returns The list term.
 * @example
 * ```ts
 * import { mkList, mkInt, listToArray } from "./term.ts";
 * console.log(listToArray(mkList([mkInt(1), mkInt(2)]))?.length); // 2
 * ```
 */
export function mkList(items: readonly Term[], tail: Term = NIL): Term {
  let l = tail;
  for (let i = items.length - 1; i >= 0; i--) l = new Struct(DOT, [items[i], l]);
  return l;
}

/**
 * Converts a proper list to an array of (not dereferenced) elements.
 *
 * @param t A term.
 * @returns The elements, or `null` if `t` is not a proper list.
 * @example
 * ```ts
 * import { listToArray, NIL } from "./term.ts";
 * console.log(listToArray(NIL)); // []
 * ```
 */
export function listToArray(t: Term): Term[] | null {
  const out: Term[] = [];
  const list = t;
  t = deref(t);
  while (t.tag === STRUCT && t.fn === DOT) {
    if (out.length === LONG_LIST && isCyclicList(list)) return null;
    out.push(t.args[0]);
    t = deref(t.args[1]);
  }
  return t === NIL ? out : null;
}

/**
 * List length past which the list walks of builtins check once whether the
 * list is cyclic (`L = [a|L]`), which would make them run out of memory.
 */
export const LONG_LIST = 1 << 16;

/** Where {@linkcode skipList} stopped. */
export interface ListSkip {
  /**
   * List cells walked. For a cyclic list this bounds the distinct cells from
   * above: walking this many cells from the start visits every one of them.
   */
  length: number;
  /**
   * Where the walk ended, dereferenced: `[]` (a proper list), a variable (a
   * partial list), a list cell (a cyclic list) or any other term.
   */
  tail: Term;
}

/**
 * Walks the spine of a list, stopping on a cycle (Brent's algorithm: one
 * reference comparison per cell), like SWI-Prolog's `'$skip_list'/3`.
 *
 * @param t A term.
 * @returns The cells walked and the tail.
 * @example
 * ```ts
 * import { mkAtom, mkList, NIL, skipList, Var } from "./term.ts";
 * console.log(skipList(mkList([mkAtom("a")])).tail === NIL); // true
 * const L = new Var();
 * L.ref = mkList([mkAtom("a")], L);
 * console.log(skipList(L).tail !== NIL); // true (a cyclic list)
 * ```
 */
export function skipList(t: Term): ListSkip {
  let l = deref(t);
  let n = 0;
  // Brent: every cell is compared with `mark`, which moves to the current
  // cell each time `n` reaches a power of two.
  let mark = l, next = 1;
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    l = deref((l as Struct).args[1]);
    if (l === mark) return { length: n + 1, tail: l };
    if (++n === next) {
      mark = l;
      next <<= 1;
    }
  }
  return { length: n, tail: l };
}

/**
 * True when the list spine of `t` runs into a cycle (`L = [a|L]`): a
 * {@linkcode skipList} walk that ends on a list cell.
 *
 * @param t A term.
 * @returns Whether following the tails of `t` never ends.
 * @example
 * ```ts
 * import { isCyclicList, mkList, mkAtom } from "./term.ts";
 * console.log(isCyclicList(mkList([mkAtom("a")]))); // false
 * ```
 */
export function isCyclicList(t: Term): boolean {
  const end = skipList(t).tail;
  return end.tag === STRUCT && (end as Struct).fn === DOT;
}

/**
 * True for callable terms (atoms and compounds).
 *
 * @param t A dereferenced term.
 * @returns Whether `t` is callable.
 * @example
 * ```ts
 * import { isCallable, mkAtom } from "./term.ts";
 * console.log(isCallable(mkAtom("a"))); // true
 * ```
 */
export function isCallable(t: Term): t is Atom | Struct {
  return t.tag === ATOM || t.tag === STRUCT;
}

/**
 * True for integers of either size.
 *
 * @param t A dereferenced term.
 * @returns Whether `t` is an integer.
 * @example
 * ```ts
 * import { isInteger, mkInt } from "./term.ts";
 * console.log(isInteger(mkInt(1))); // true
 * ```
 */
export function isInteger(t: Term): t is Int | BigInt_ {
  return t.tag === INT || t.tag === BIG;
}

/**
 * True for atomic terms (atoms, numbers, strings).
 *
 * @param t A dereferenced term.
 * @returns Whether `t` is atomic.
 * @example
 * ```ts
 * import { isAtomic, mkInt } from "./term.ts";
 * console.log(isAtomic(mkInt(1))); // true
 * ```
 */
export function isAtomic(t: Term): boolean {
  const g = t.tag;
  return g === ATOM || g === INT || g === BIG || g === FLT || g === STR;
}

/**
 * Returns the functor of a callable term (an atom is `name/0`).
 *
 * @param t An atom or compound.
 * @returns Its functor.
 * @example
 * ```ts
 * import { functorOf, mkAtom } from "./term.ts";
 * console.log(functorOf(mkAtom("go")).indicator); // "go/0"
 * ```
 */
export function functorOf(t: Atom | Struct): Functor {
  if (t.tag === STRUCT) return t.fn;
  return t.fn0 ??= mkFunctor(t, 0);
}
