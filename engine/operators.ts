/**
 * The operator table (ISO 6.3.4.4, table 7). Each engine owns one, so `op/3`
 * in one engine never changes how another parses.
 *
 * @module
 */

/** {@linkcode Operators.roles}: the atom is a prefix operator. */
export const ROLE_PREFIX = 1;
/** {@linkcode Operators.roles}: the atom is an infix operator. */
export const ROLE_INFIX = 2;
/** {@linkcode Operators.roles}: the atom is a postfix operator. */
export const ROLE_POSTFIX = 4;
const ROLES = 7;
/** Marks a cache entry as filled (an atom with no role is cached as this alone). */
const LOOKED_UP = 8;
/** Atoms past this id (made at run time) are looked up uncached, so the cache stays small. */
const ROLE_CACHE_IDS = 1 << 16;

/** Operator types (ISO 6.3.4.2). */
export type OpType = "xfx" | "xfy" | "yfx" | "fy" | "fx" | "xf" | "yf";

/**
 * One operator definition.
 *
 * @example
 * ```ts
 * import type { OpDef } from "./operators.ts";
 * const plus: OpDef = { priority: 500, type: "yfx" };
 * ```
 */
export interface OpDef {
  /** 1..1200. */
  priority: number;
  /** The associativity type. */
  type: OpType;
}

/**
 * The three roles a name can have as an operator.
 *
 * @example
 * ```ts
 * import { Operators } from "./operators.ts";
 * const ops = new Operators();
 * console.log(ops.infix("+")?.priority); // 500
 * ```
 */
export class Operators {
  #prefix = new Map<string, OpDef>();
  #infix = new Map<string, OpDef>();
  #postfix = new Map<string, OpDef>();
  /**
   * Roles by atom id (see {@linkcode Operators.roles}), 0 for not looked up
   * yet; emptied by every change. The writer asks for each functor it writes,
   * and an array load is cheaper than hashing the name into three maps.
   */
  #roles: number[] = [];

  /** Creates a table holding the ISO standard operators plus SWI's usual extras. */
  constructor() {
    const table: [number, OpType, string[]][] = [
      [1200, "xfx", [":-", "-->"]],
      [1200, "fx", [":-", "?-"]],
      [1100, "xfy", [";", "|"]],
      [1050, "xfy", ["->", "*->"]],
      [1000, "xfy", [","]],
      [900, "fy", ["\\+"]],
      [700, "xfx", [
        "=",
        "\\=",
        "==",
        "\\==",
        "@<",
        "@>",
        "@=<",
        "@>=",
        "=..",
        "=@=",
        "\\=@=",
        "is",
        "=:=",
        "=\\=",
        "<",
        ">",
        "=<",
        ">=",
      ]],
      [600, "xfy", [":"]],
      [500, "yfx", ["+", "-", "/\\", "\\/", "xor"]],
      [400, "yfx", ["*", "/", "//", "rem", "mod", "div", "<<", ">>", "rdiv"]],
      [200, "xfx", ["**"]],
      [200, "xfy", ["^"]],
      [200, "fy", ["-", "+", "\\"]],
      [1150, "fx", [
        "dynamic",
        "discontiguous",
        "initialization",
        "multifile",
        "module_transparent",
        "meta_predicate",
        "table",
      ]],
    ];
    for (const [p, t, names] of table) for (const n of names) this.add(p, t, n);
  }

  /**
   * Defines (priority > 0) or removes (priority 0) an operator; no checks,
   * `op/3` validates before calling.
   *
   * @param priority 0..1200.
   * @param type The type.
   * @param name The operator's name.
   */
  add(priority: number, type: OpType, name: string): void {
    const map = type.length === 2 ? (type[0] === "f" ? this.#prefix : this.#postfix) : this.#infix;
    if (priority === 0) map.delete(name);
    else map.set(name, { priority, type });
    if (this.#roles.length > 0) this.#roles = [];
  }

  /**
   * The roles of an atom as an operator: a bit set of
   * {@linkcode ROLE_PREFIX}, {@linkcode ROLE_INFIX} and
   * {@linkcode ROLE_POSTFIX} (0: not an operator). Cached per atom id.
   *
   * @param name An atom, by text and dense id.
   * @param name.name The atom's text.
   * @param name.id The atom's dense id.
   * @returns The roles.
   */
  roles(name: { readonly name: string; readonly id: number }): number {
    const id = name.id;
    const cache = this.#roles;
    const r = id < cache.length ? cache[id] : 0;
    if (r !== 0) return r & ROLES;
    const text = name.name;
    const roles = (this.#prefix.has(text) ? ROLE_PREFIX : 0) |
      (this.#infix.has(text) ? ROLE_INFIX : 0) | (this.#postfix.has(text) ? ROLE_POSTFIX : 0);
    if (id < ROLE_CACHE_IDS) {
      while (cache.length <= id) cache.push(0);
      cache[id] = roles | LOOKED_UP;
    }
    return roles;
  }

  /**
   * The prefix definition of `name`, if any.
   *
   * @param name An atom's text.
   * @returns The definition.
   */
  prefix(name: string): OpDef | undefined {
    return this.#prefix.get(name);
  }

  /**
   * The infix definition of `name`, if any.
   *
   * @param name An atom's text.
   * @returns The definition.
   */
  infix(name: string): OpDef | undefined {
    return this.#infix.get(name);
  }

  /**
   * The postfix definition of `name`, if any.
   *
   * @param name An atom's text.
   * @returns The definition.
   */
  postfix(name: string): OpDef | undefined {
    return this.#postfix.get(name);
  }

  /**
   * True when `name` is an operator of any kind.
   *
   * @param name An atom's text.
   * @returns Whether it is an operator.
   */
  isOp(name: string): boolean {
    return this.#prefix.has(name) || this.#infix.has(name) || this.#postfix.has(name);
  }

  /**
   * Every definition, for `current_op/3`.
   *
   * @returns Triples of priority, type, name.
   */
  all(): [number, OpType, string][] {
    const out: [number, OpType, string][] = [];
    for (const m of [this.#prefix, this.#infix, this.#postfix]) {
      for (const [n, d] of m) out.push([d.priority, d.type, n]);
    }
    return out;
  }
}
