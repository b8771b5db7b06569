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
  // Iterative: a job fills one slot of an output array; compounds and lists
  // push jobs for their parts, so deep terms cannot overflow the JS stack.
  const root: JsValue[] = [null];
  const jobs: [Term, JsValue[], number][] = [[t, root, 0]];
  while (jobs.length > 0) {
    const [term, out, at] = jobs.pop()!;
    const x = deref(term);
    switch (x.tag) {
      case ATOM:
        out[at] = x === NIL ? [] : (x as Atom).name;
        break;
      case INT:
        out[at] = (x as Int).val;
        break;
      case BIG:
        out[at] = (x as BigInt_).val;
        break;
      case FLT:
        out[at] = (x as Float).val;
        break;
      case STR:
        out[at] = (x as PString).val;
        break;
      case STRUCT: {
        const s = x as Struct;
        if (s.fn === DOT) {
          // Walk the spine once: a proper list becomes an array, a partial
          // list '.'(Head, Tail) with the same shape as any compound.
          const items: Term[] = [];
          let l: Term = s;
          while (l.tag === STRUCT && (l as Struct).fn === DOT) {
            items.push((l as Struct).args[0]);
            l = deref((l as Struct).args[1]);
          }
          if (l === NIL) {
            const arr: JsValue[] = new Array(items.length);
            out[at] = arr;
            for (let i = items.length - 1; i >= 0; i--) jobs.push([items[i], arr, i]);
          } else {
            // A partial list: cells '.'(Head, Tail), built in one pass.
            let slot = out, index = at;
            for (const item of items) {
              const cell: JsValue[] = [null, null];
              slot[index] = { functor: ".", args: cell };
              jobs.push([item, cell, 0]);
              slot = cell;
              index = 1;
            }
            jobs.push([l, slot, index]);
          }
          break;
        }
        const args: JsValue[] = new Array(s.args.length);
        out[at] = { functor: s.fn.name.name, args };
        for (let i = s.args.length - 1; i >= 0; i--) jobs.push([s.args[i], args, i]);
        break;
      }
      default:
        out[at] = null;
    }
  }
  return root[0];
}
