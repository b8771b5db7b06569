/**
 * Conversion of answers to plain JS values for the query API.
 *
 * @module
 */
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  deref,
  DOT,
  type Float,
  FLT,
  INT,
  type Int,
  NIL,
  type PString,
  STR,
  STRUCT,
  type Struct,
  type Term,
} from "./term.ts";

/**
 * A Prolog term as plain JS data: atoms and strings are strings, integers
 * numbers (bigints beyond 2^53), floats numbers, proper lists arrays,
 * compounds `{ functor, args }`, unbound variables `null`.
 */
export type JsValue =
  | string
  | number
  | bigint
  | null
  | JsValue[]
  | { functor: string; args: JsValue[] };

/**
 * Converts a term to a {@linkcode JsValue} (iterative over list tails).
 *
 * @param t The term.
 * @returns The JS value.
 * @example
 * ```ts
 * import { toJs } from "./values.ts";
 * import { mkList, mkInt } from "./term.ts";
 * console.log(toJs(mkList([mkInt(1), mkInt(2)]))); // [1, 2]
 * ```
 */
export function toJs(t: Term): JsValue {
  t = deref(t);
  switch (t.tag) {
    case ATOM:
      return t === NIL ? [] : (t as Atom).name;
    case INT:
      return (t as Int).val;
    case BIG:
      return (t as BigInt_).val;
    case FLT:
      return (t as Float).val;
    case STR:
      return (t as PString).val;
    case STRUCT: {
      const s = t as Struct;
      if (s.fn === DOT) {
        const out: JsValue[] = [];
        let l: Term = s;
        while (l.tag === STRUCT && (l as Struct).fn === DOT) {
          out.push(toJs((l as Struct).args[0]));
          l = deref((l as Struct).args[1]);
        }
        if (l === NIL) return out;
        return {
          functor: ".",
          args: [out.length > 0 ? out[0] : null, toJs((s as Struct).args[1])],
        };
      }
      return { functor: s.fn.name.name, args: s.args.map(toJs) };
    }
    default:
      return null;
  }
}
