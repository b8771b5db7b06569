/**
 * The evaluable functors (ISO 9.1.7, 9.3, 9.4, and SWI-Prolog's): tables
 * from functor and atom ids to the evaluator's opcodes, so evaluation finds
 * an operation with one typed-array load.
 *
 * @module
 */
import { mkAtom, mkFunctor } from "../term.ts";
import { O } from "./_eval_slow.ts";

// Functor id → opcode and atom id → opcode (for 0-arity evaluables); built
// by the `def` calls below, then frozen into typed arrays (0: not evaluable).
const fnOps: number[] = [];
const atomOps: number[] = [];

function def(name: string, arity: number, op: number): void {
  if (arity === 0) atomOps[mkAtom(name).id] = op;
  else fnOps[mkFunctor(name, arity).id] = op;
}

// 9.1.7 / 9.3 / 9.4 evaluable functors, plus SWI-Prolog's.
def("pi", 0, O.PI);
def("e", 0, O.E);
def("inf", 0, O.INF);
def("infinite", 0, O.INF);
def("nan", 0, O.NAN);
def("epsilon", 0, O.EPSILON);
def("max_tagged_integer", 0, O.MAX_TAGGED);
def("min_tagged_integer", 0, O.MIN_TAGGED);
def("random_float", 0, O.RANDOM_FLOAT);
def("cputime", 0, O.CPUTIME);
def("realtime", 0, O.REALTIME);
def("-", 1, O.NEG);
def("+", 1, O.POS);
def("abs", 1, O.ABS);
def("sign", 1, O.SIGN);
def("sqrt", 1, O.SQRT);
def("sin", 1, O.SIN);
def("cos", 1, O.COS);
def("tan", 1, O.TAN);
def("asin", 1, O.ASIN);
def("acos", 1, O.ACOS);
def("atan", 1, O.ATAN);
def("exp", 1, O.EXP);
def("log", 1, O.LOG);
def("log2", 1, O.LOG2);
def("log10", 1, O.LOG10);
def("float", 1, O.FLOAT);
def("integer", 1, O.INTEGER);
def("float_integer_part", 1, O.FIP);
def("float_fractional_part", 1, O.FFP);
def("truncate", 1, O.TRUNCATE);
def("round", 1, O.ROUND);
def("ceiling", 1, O.CEILING);
def("floor", 1, O.FLOOR);
def("\\", 1, O.BITNOT);
def("msb", 1, O.MSB);
def("lsb", 1, O.LSB);
def("popcount", 1, O.POPCOUNT);
def("random", 1, O.RANDOM);
def("sinh", 1, O.SINH);
def("cosh", 1, O.COSH);
def("tanh", 1, O.TANH);
def("asinh", 1, O.ASINH);
def("acosh", 1, O.ACOSH);
def("atanh", 1, O.ATANH);
def("cot", 1, O.COT);
def("acot", 1, O.ACOT);
def("eval", 1, O.EVAL);
def("+", 2, O.ADD);
def("plus", 2, O.ADD);
def("-", 2, O.SUB);
def("*", 2, O.MUL);
def("/", 2, O.DIV);
def("//", 2, O.IDIV);
def("mod", 2, O.MOD);
def("rem", 2, O.REM);
def("div", 2, O.FDIV);
def("min", 2, O.MIN);
def("max", 2, O.MAX);
def("gcd", 2, O.GCD);
def("lcm", 2, O.LCM);
def("**", 2, O.POW);
def("^", 2, O.IPOW);
def(">>", 2, O.SHR);
def("<<", 2, O.SHL);
def("/\\", 2, O.AND);
def("\\/", 2, O.OR);
def("xor", 2, O.XOR);
def("atan", 2, O.ATAN2);
def("atan2", 2, O.ATAN2);
def("log", 2, O.LOGB);
def("copysign", 2, O.COPYSIGN);
def("nexttoward", 2, O.NEXTTOWARD);
def("getbit", 2, O.GETBIT);
def("powm", 3, O.POWM);

/** Opcode per functor id (0: not evaluable). */
export const FN_OPS: Int32Array = Int32Array.from(fnOps, (op) => op ?? 0);
/** Opcode per atom id, for the evaluable constants (0: not evaluable). */
export const ATOM_OPS: Int32Array = Int32Array.from(atomOps, (op) => op ?? 0);
