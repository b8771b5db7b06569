import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";
import { evalArith } from "../../../engine/builtins/arith.ts";
import { CMP_GT, cmpArithIn, evalArithDeep, evalIsIn } from "../../../engine/builtins/_eval.ts";
import { readTerm } from "../../../engine/parser.ts";
import { PrologThrow } from "../../../engine/errors.ts";
import {
  BIG,
  type BigInt_,
  deref,
  type Float,
  FLT,
  INT,
  type Int,
  mkAtom,
  mkFunctor,
  mkInt,
  mkStruct,
  Slot,
  Template,
  type Term,
} from "../../../engine/term.ts";

/** What a row expects: the text of `X`, plain success/failure, or an error term prefix. */
type Expect = string | boolean | { error: string };
type Row = [goal: string, expected: Expect];

const PROGRAM = `
fact(0, 1) :- !.
fact(N, F) :- N1 is N - 1, fact(N1, F1), F is N * F1.
count(N, N) :- !.
count(I, N) :- I1 is I + 1, count(I1, N).
`;

function check(e: Engine, goal: string, expected: Expect): void {
  if (typeof expected === "object") {
    assert.throws(
      () => e.once(goal),
      (err) => {
        assert.ok(err instanceof PrologError, `expected a Prolog error, got ${err}`);
        const text = e.format(err.term);
        assert.ok(text.startsWith(`error(${expected.error}`), `got ${text}`);
        return true;
      },
    );
    return;
  }
  const s = e.once(goal);
  if (typeof expected === "boolean") assert.equal(s !== null, expected);
  else assert.equal(s?.text.X, expected);
}

async function table(t: Deno.TestContext, rows: Row[]): Promise<void> {
  const e = new Engine(PROGRAM);
  for (const [goal, expected] of rows) {
    const shown = typeof expected === "object" ? `error(${expected.error}...)` : String(expected);
    await t.step(`${goal} -> ${shown}`, () => check(e, goal, expected));
  }
}

const err = (error: string) => ({ error });

Deno.test("is/2 evaluates integer arithmetic (ISO 9.1.7)", (t) =>
  table(t, [
    ["X is 1 + 2", "3"],
    ["X is 2 - 5", "-3"],
    ["X is 6 * 7", "42"],
    ["X is 7 / 2", "3.5"],
    ["X is 4 / 2", "2"],
    ["X is -7 / 2", "-3.5"],
    ["X is 4 / 2.0", "2.0"],
    ["X is 7 // 2", "3"],
    ["X is -7 // 2", "-3"],
    ["X is 7 // -2", "-3"],
    ["X is 7 mod 3", "1"],
    ["X is -7 mod 3", "2"],
    ["X is 7 mod -3", "-2"],
    ["X is -7 mod -3", "-1"],
    ["X is 7 rem 3", "1"],
    ["X is -7 rem 3", "-1"],
    ["X is 7 rem -3", "1"],
    ["X is 7 div 2", "3"],
    ["X is -7 div 2", "-4"],
    ["X is 7 div -2", "-4"],
    ["X is -(3)", "-3"],
    ["X is -(2.5)", "-2.5"],
    ["X is +(3)", "3"],
    ["X is 0 * -1", "0"],
    ["X is float(0 * -5)", "0.0"],
    ["Y = 3, X is Y * Y + 1", "10"],
    ["X is plus(1, 2)", "3"],
    ["X is eval(1 + 2)", "3"],
  ]));

Deno.test("is/2 evaluates sign, min/max and integer functions (ISO 9.1.7, 9.3, 9.4)", (t) =>
  table(t, [
    ["X is abs(-3)", "3"],
    ["X is abs(-3.5)", "3.5"],
    ["X is sign(-3)", "-1"],
    ["X is sign(0)", "0"],
    ["X is sign(2.5)", "1.0"],
    ["X is min(2, 3)", "2"],
    ["X is max(2, 3)", "3"],
    ["X is max(1, 2.0)", "2.0"],
    ["X is max(1, 1.0)", "1"],
    ["X is min(1, 1.0)", "1.0"],
    ["X is gcd(12, 18)", "6"],
    ["X is gcd(-12, 18)", "6"],
    ["X is gcd(0, 0)", "0"],
    ["X is lcm(4, 6)", "12"],
    ["X is msb(1)", "0"],
    ["X is msb(1000)", "9"],
    ["X is lsb(12)", "2"],
    ["X is popcount(7)", "3"],
    ["X is getbit(5, 2)", "1"],
    ["X is powm(2, 10, 1000)", "24"],
    ["X is 5 >> 1", "2"],
    ["X is -5 >> 1", "-3"],
    ["X is 1 << 4", "16"],
    ["X is 1 << -1", "0"],
    ["X is 5 /\\ 3", "1"],
    ["X is 5 \\/ 3", "7"],
    ["X is 5 xor 3", "6"],
    ["X is \\ 5", "-6"],
    ["X is \\ (-1)", "0"],
    ["X is max_tagged_integer", "9007199254740991"],
  ]));

Deno.test("is/2 evaluates powers (ISO 9.3.1, 9.3.10)", (t) =>
  table(t, [
    ["X is 2 ** 3", "8"],
    ["X is 2 ** -1", "0.5"],
    ["X is 2 ** 3.0", "8.0"],
    ["X is 2.0 ** 3", "8.0"],
    ["X is (-2) ** 3", "-8"],
    ["X is 0 ** 0", "1"],
    ["X is 0.0 ** 0", "1.0"],
    ["X is 2 ^ 3", "8"],
    ["X is 3 ^ 3 ^ 2", "19683"],
    ["X is (-1) ^ (-3)", "-1"],
    ["X is (-1) ^ (-2)", "1"],
    ["X is 1 ^ (-5)", "1"],
    ["X is 0 ^ 0", "1"],
    ["X is 2 ^ 3.0", "8.0"],
    ["X is 3 ^ 27", "7625597484987"],
    ["X is -5.0 ** 3", "-125.0"],
    ["X is -2 ^ 3.0", "-8.0"],
    ["X is -2.0 ^ 3.0", "-8.0"],
  ]));

Deno.test("is/2 evaluates float functions and constants (ISO 9.3)", (t) =>
  table(t, [
    ["X is sqrt(16)", "4.0"],
    ["X is sqrt(2.25)", "1.5"],
    ["X is sin(0)", "0.0"],
    ["X is cos(0)", "1.0"],
    ["X is tan(0.0)", "0.0"],
    ["X is atan(0)", "0.0"],
    ["X is acos(1)", "0.0"],
    ["X is exp(0)", "1.0"],
    ["X is log(1)", "0.0"],
    ["X is log2(8)", "3.0"],
    ["X is log(2, 8)", "3.0"],
    ["X is float(3)", "3.0"],
    ["X is integer(2.5)", "3"],
    ["X is integer(-2.5)", "-3"],
    ["X is integer(2.4)", "2"],
    ["X is float_integer_part(3.7)", "3.0"],
    ["X is float_integer_part(-3.7)", "-3.0"],
    ["X is float_fractional_part(2.5)", "0.5"],
    ["X is float_fractional_part(-2.5)", "-0.5"],
    ["X is truncate(3.7)", "3"],
    ["X is truncate(-3.7)", "-3"],
    ["X is round(3.5)", "4"],
    // ISO 9.1.6.1: round(X) = floor(X + 1/2); SWI-Prolog rounds half away from zero.
    ["X is round(-3.5)", "-3"],
    ["X is round(-4.5)", "-4"],
    ["X is round(4.5)", "5"],
    ["X is round(-3.6)", "-4"],
    ["X is round(0.49999999999999994)", "0"],
    ["X is round(-0.5)", "0"],
    ["X is round(1.0e20)", "100000000000000000000"],
    ["X is ceiling(3.2)", "4"],
    ["X is ceiling(-3.2)", "-3"],
    ["X is floor(3.7)", "3"],
    ["X is floor(-3.2)", "-4"],
    ["X is sinh(0.0)", "0.0"],
    ["X is cosh(0)", "1.0"],
    ["X is tanh(0)", "0.0"],
    ["X is asinh(0)", "0.0"],
    ["X is acosh(1)", "0.0"],
    ["X is atanh(0)", "0.0"],
    ["X is copysign(2, -0.0)", "-2.0"],
    ["X is pi", "3.141592653589793"],
    ["X is e", "2.718281828459045"],
    ["X is epsilon", "2.220446049250313e-16"],
    ["X is inf", "1.0Inf"],
    ["X is nan", "1.5NaN"],
    ["X is inf + 1", "1.0Inf"],
    ["X is 0.1 + 0.2", "0.30000000000000004"],
    ["asin(1) =:= pi / 2", true],
    ["atan(1) =:= pi / 4", true],
    ["atan(1, 1) =:= pi / 4", true],
    ["atan2(1, 1) =:= pi / 4", true],
    ["acot(1) =:= pi / 4", true],
    ["abs(cot(1.0) - cos(1.0) / sin(1.0)) < 1.0e-15", true],
    ["X is nexttoward(1.0, 2), X - 1.0 =:= epsilon", true],
    ["X is random(10), X >= 0, X < 10", true],
    ["X is random_float, X > 0, X < 1", true],
    ["X is cputime, X >= 0", true],
    ["X is realtime, X > 1600000000", true],
  ]));

Deno.test("is/2 evaluates one-element lists and strings as codes", (t) =>
  table(t, [
    ['X is "a"', "97"],
    ["X is [0'b]", "98"],
    ["X is [1 + 2]", "3"],
    ['X is "a" + 1', "98"],
  ]));

Deno.test("is/2 keeps integers exact beyond 2^53", (t) =>
  table(t, [
    ["X is 2 ** 200", "1606938044258990275541962092341162602522202993782792835301376"],
    ["X is 9007199254740993 + 1", "9007199254740994"],
    ["X is 9007199254740991 + 1", "9007199254740992"],
    ["X is -9007199254740991 - 2", "-9007199254740993"],
    [
      "X is 12345678901234567890 * 98765432109876543210",
      "1219326311370217952237463801111263526900",
    ],
    ["X is -(2 ** 63) // 3", "-3074457345618258602"],
    ["X is 9007199254740992 - 1, X == 9007199254740991", true],
    ["X is (1 << 100) rem 10", "6"],
    ["X is -(1 << 100) rem 10", "-6"],
    ["X is -(1 << 100) mod 10", "4"],
    ["X is -(1 << 100) div 3", "-422550200076076467165567735126"],
    ["X is 1 << 100", "1267650600228229401496703205376"],
    ["X is (1 << 100) >> 98", "4"],
    ["X is -(1 << 100) >> 99", "-2"],
    ["X is -(2 ** 70) >> (2 ** 70)", "-1"],
    ["X is (2 ** 64 - 1) /\\ 255", "255"],
    ["X is \\ (2 ** 64)", "-18446744073709551617"],
    ["X is (2 ** 64) xor (2 ** 64)", "0"],
    ["X is msb(2 ** 100)", "100"],
    ["X is gcd(2 ** 100, 6 ** 50)", "1125899906842624"],
    ["X is 2 ** 64 / 2 ** 60", "16"],
    ["X is (2 ** 64 + 1) / 2 ** 64", "1.0"],
    ["X is (10 ** 400 + 1) / 10 ** 399", "10.0"],
    ["X is truncate(1.0e20)", "100000000000000000000"],
    ["X is abs(-(2 ** 70))", "1180591620717411303424"],
    ["X is sign(-(2 ** 70))", "-1"],
    ["X is 3 ** 100", "515377520732011331036461129765621272702107522001"],
    ["X is powm(3, 2 ** 70, 1000007) - powm(3, 2 ** 70, 1000007)", "0"],
    ["abs(log(2 ** 2000) / log(2) - 2000) < 1.0e-9", true],
    ["float(2 ** 64) =:= 2 ** 64", true],
    ["fact(30, X)", "265252859812191058636308480000000"],
    ["count(9007199254740990, 9007199254740994)", true],
  ]));

Deno.test("is/2 unifies the result with a bound left side (ISO 8.6.1)", (t) =>
  table(t, [
    ["3 is 1 + 2", true],
    ["4 is 1 + 2", false],
    ["1.0 is 1", false],
    ["1 is 1.0", false],
    ["2.0 is 1.0 + 1", true],
    ["foo is 1", false],
    ["1 + 2 is 3", false],
    ["X = 5, X is 2 + 3", true],
    ["1606938044258990275541962092341162602522202993782792835301376 is 2 ** 200", true],
  ]));

Deno.test("is/2 raises ISO evaluation errors (ISO 9.1.4, 9.1.5)", (t) =>
  table(t, [
    ["X is Y", err("instantiation_error")],
    ["X is 1 + Y", err("instantiation_error")],
    ["X is foo", err("type_error(evaluable,foo/0)")],
    ["X is foo(1)", err("type_error(evaluable,foo/1)")],
    ["X is foo + 1", err("type_error(evaluable,foo/0)")],
    ["X is a", err("type_error(evaluable,a/0)")],
    ["X is []", err("type_error(evaluable,[]/0)")],
    ["X is max_integer", err("type_error(evaluable,max_integer/0)")],
    ['X is "ab"', err("type_error(evaluable,")],
    ["X is 1 / 0", err("evaluation_error(zero_divisor)")],
    ["X is 1 / 0.0", err("evaluation_error(zero_divisor)")],
    ["X is 1 // 0", err("evaluation_error(zero_divisor)")],
    ["X is 1 mod 0", err("evaluation_error(zero_divisor)")],
    ["X is 1 rem 0", err("evaluation_error(zero_divisor)")],
    ["X is 1 div 0", err("evaluation_error(zero_divisor)")],
    ["X is (2 ** 70) // 0", err("evaluation_error(zero_divisor)")],
    // ISO 9.3.1.3, 9.3.10.3: a zero base with a negative exponent is undefined
    // (SWI-Prolog says zero_divisor).
    ["X is 0 ** -1", err("evaluation_error(undefined)")],
    ["X is 0 ^ -1", err("evaluation_error(undefined)")],
    ["X is 0 ^ -2", err("evaluation_error(undefined)")],
    ["X is 0.0 ** -1", err("evaluation_error(undefined)")],
    ["X is 0 ** -2.0", err("evaluation_error(undefined)")],
    ["X is 0.0 ^ -2", err("evaluation_error(undefined)")],
    ["X is (2 ** 70 - 2 ** 70) ^ -(2 ** 70)", err("evaluation_error(undefined)")],
    // ISO 9.3.1.3: `**` with a negative base and a non-integer exponent.
    ["X is -2 ** 3.0", err("evaluation_error(undefined)")],
    ["X is -2.0 ** 3.0", err("evaluation_error(undefined)")],
    ["X is -2 ** 3.1", err("evaluation_error(undefined)")],
    ["X is -2 ^ 3.1", err("evaluation_error(undefined)")],
    ["X is cot(0)", err("evaluation_error(zero_divisor)")],
    ["X is 2 ^ -1", err("type_error(float,2)")],
    ["X is 2.5 // 2", err("type_error(integer,2.5)")],
    ["X is 5 mod 2.0", err("type_error(integer,2.0)")],
    ["X is 1.0 >> 1", err("type_error(integer,1.0)")],
    ["X is \\ 1.5", err("type_error(integer,1.5)")],
    ["X is msb(1.0)", err("type_error(integer,1.0)")],
    ["X is gcd(1.0, 2)", err("type_error(integer,1.0)")],
    ["X is sqrt(-1)", err("evaluation_error(undefined)")],
    ["X is log(0)", err("evaluation_error(undefined)")],
    ["X is log(-1)", err("evaluation_error(undefined)")],
    ["X is log(0.0)", err("evaluation_error(undefined)")],
    ["X is asin(2)", err("evaluation_error(undefined)")],
    ["X is acos(-2)", err("evaluation_error(undefined)")],
    ["X is acosh(0.5)", err("evaluation_error(undefined)")],
    ["X is atanh(1)", err("evaluation_error(undefined)")],
    ["X is atan2(0, 0)", err("evaluation_error(undefined)")],
    ["X is inf - inf", err("evaluation_error(undefined)")],
    ["X is integer(inf)", err("evaluation_error(undefined)")],
    ["X is truncate(nan)", err("evaluation_error(undefined)")],
    ["X is 1.0e308 * 10", err("evaluation_error(float_overflow)")],
    ["X is exp(1000)", err("evaluation_error(float_overflow)")],
    ["X is 10.0 ** 400", err("evaluation_error(float_overflow)")],
    ["X is float(10 ** 400)", err("evaluation_error(float_overflow)")],
    ["X is 10 ** 400 + 0.5", err("evaluation_error(float_overflow)")],
    ["X is msb(0)", err("domain_error(not_less_than_one,0)")],
    ["X is 1 << (2 ** 70)", err("resource_error(memory)")],
    ["X is 7 ** (2 ** 40)", err("resource_error(memory)")],
  ]));

Deno.test("arithmetic comparison compares values exactly (ISO 8.7)", (t) =>
  table(t, [
    ["1 < 2", true],
    ["2 < 1", false],
    ["1 > 2", false],
    ["1 =< 1", true],
    ["2 >= 3", false],
    ["1 =:= 1.0", true],
    ["1 =\\= 1.0", false],
    ["1 < 1.5", true],
    ["2 > 1.5", true],
    ["1.0 =< 1", true],
    ["1 >= 1.0", true],
    ["-0.0 =:= 0.0", true],
    ["1 + 1 =:= 2", true],
    ["3 * 2 > 5", true],
    ["2 ** 70 > 2.0 ** 69", true],
    ["2 ** 70 =:= 2.0 ** 70", true],
    ["2 ** 70 + 1 =:= 2.0 ** 70", false],
    ["2 ** 70 + 1 > 2.0 ** 70", true],
    ["2.0 ** 70 < 2 ** 70 + 1", true],
    ["9007199254740993 =:= 9007199254740992.0", false],
    ["9007199254740993 > 9007199254740992.0", true],
    ["-(2 ** 70) < -1.5", true],
    ["2 ** 70 < inf", true],
    ["-(2 ** 70) > -inf", true],
    ["2 ** 100 =:= 2 ** 100", true],
    ["2 ** 100 < 2 ** 101", true],
    ["2 ** 100 > 5", true],
    ["-(2 ** 100) < 5", true],
    ["nan =:= nan", false],
    ["nan =\\= nan", true],
    ["nan < 1", false],
    ["1 < nan", false],
    ["nan >= nan", false],
    ["1 < a", err("type_error(evaluable,a/0)")],
    ["X < 1", err("instantiation_error")],
    ["1 =:= 1 / 0", err("evaluation_error(zero_divisor)")],
    ["foo(1) >= 1", err("type_error(evaluable,foo/1)")],
  ]));

Deno.test("succ/2 relates a natural number to its successor", (t) =>
  table(t, [
    ["succ(3, X)", "4"],
    ["succ(X, 4)", "3"],
    ["succ(0, X)", "1"],
    ["succ(X, 0)", false],
    ["succ(3, 4)", true],
    ["succ(3, 5)", false],
    ["succ(X, 2 ** 70)", err("type_error(integer,2**70)")],
    ["Y is 2 ** 70, succ(X, Y)", "1180591620717411303423"],
    ["succ(9007199254740991, X)", "9007199254740992"],
    ["succ(X, Y)", err("instantiation_error")],
    ["succ(-1, X)", err("domain_error(not_less_than_zero,-1)")],
    ["succ(X, -1)", err("domain_error(not_less_than_zero,-1)")],
    ["succ(a, X)", err("type_error(integer,a)")],
    ["succ(X, a)", err("type_error(integer,a)")],
    ["succ(1.0, X)", err("type_error(integer,1.0)")],
    ["succ(3, a)", err("type_error(integer,a)")],
  ]));

Deno.test("plus/3 solves for any one unknown", (t) =>
  table(t, [
    ["plus(1, 2, X)", "3"],
    ["plus(1, X, 5)", "4"],
    ["plus(X, 2, 5)", "3"],
    ["plus(1, 2, 3)", true],
    ["plus(1, 2, 4)", false],
    ["Y is 2 ** 70, plus(Y, 1, X)", "1180591620717411303425"],
    ["plus(X, Y, 3)", err("instantiation_error")],
    ["plus(a, 1, X)", err("type_error(integer,a)")],
    ["plus(1.0, 1, X)", err("type_error(integer,1.0)")],
  ]));

Deno.test("divmod/4 divides with flooring", (t) =>
  table(t, [
    ["divmod(7, 2, Q, R), X = Q-R", "3-1"],
    ["divmod(-7, 2, Q, R), X = Q-R", "-4-1"],
    ["divmod(7, -2, Q, R), X = Q-R", "-4- -1"],
    ["divmod(7, 0, _, _)", err("evaluation_error(zero_divisor)")],
    ["divmod(X, 2, _, _)", err("instantiation_error")],
    ["divmod(7.0, 2, _, _)", err("type_error(integer,7.0)")],
  ]));

Deno.test("evalArith() returns number terms and throws ISO errors", () => {
  const seven = evalArith(mkStruct("+", [mkInt(3), mkInt(4)]));
  assert.equal(seven.tag, INT);
  assert.equal((seven as Int).val, 7);
  const big = evalArith(mkStruct("**", [mkInt(2), mkInt(100)]));
  assert.equal(big.tag, BIG);
  assert.equal((big as BigInt_).val, 2n ** 100n);
  const half = evalArith(mkStruct("/", [mkInt(1), mkInt(2)]));
  assert.equal(half.tag, FLT);
  assert.equal((half as Float).val, 0.5);
  assert.throws(() => evalArith(mkAtom("foo")), PrologThrow);
});

Deno.test("evalIsIn() and cmpArithIn() evaluate compiled patterns against a frame", () => {
  const m = new Engine().machine;
  // N1 is N - 1, with N in slot 0 and a first-occurrence N1 in slot 1.
  const expr: Term = new Template(mkFunctor("-", 2), [new Slot(0, "N"), mkInt(1)]);
  const vars: Term[] = [mkInt(5)];
  assert.equal(evalIsIn(new Slot(1, "N1"), expr, vars, 0, m), true);
  // The first occurrence becomes a variable (dated to the frame) bound to 4.
  assert.equal((deref(vars[1]) as Int).val, 4);
  assert.equal(evalIsIn(new Slot(1, "N1"), expr, vars, 0, m), true); // 4 is 5 - 1 again
  assert.equal(evalIsIn(new Slot(0, "N"), expr, vars, 0, m), false); // 5 is 5 - 1
  assert.equal(cmpArithIn(new Slot(0, "N"), expr, vars), CMP_GT);
  assert.throws(() => evalIsIn(new Slot(1, "X"), new Slot(2, "Y"), [mkInt(0)], 0, m), PrologThrow);
});

// Deep expressions: 1,000,000 levels, as SWI-Prolog evaluates. They overflow
// the recursive evaluator, which then starts over with explicit stacks.
const DEEP = 1_000_000;
// Far past the recursive evaluator's reach too, for the rows that check
// types and errors there (each row builds its own term; that is the cost).
const LONG = 100_000;

Deno.test("is/2 evaluates a 1,000,000-term sum built in Prolog", async (t) => {
  const e = new Engine(`
left(0, T, T) :- !.
left(N, A, T) :- N1 is N - 1, left(N1, A+1, T).
right(0, T, T) :- !.
right(N, A, T) :- N1 is N - 1, right(N1, 1+A, T).
`);
  const rows: Row[] = [
    [`left(${DEEP - 1}, 1, T), X is T`, String(DEEP)],
    [`right(${DEEP - 1}, 1, T), X is T`, String(DEEP)],
    [`left(${LONG - 1}, 1.0, T), X is T`, `${LONG}.0`],
    [
      `left(${LONG - 1}, 9007199254740991, T), X is T`,
      String(9007199254740991n + BigInt(LONG - 1)),
    ],
    [`left(${LONG - 1}, 1, T), T =:= ${LONG}`, true],
    [`right(${LONG - 1}, 1, T), T < ${LONG}`, false],
    [`left(${LONG}, Y, T), X is T`, { error: "instantiation_error" }],
    [`right(${LONG}, foo, T), X is T`, { error: "type_error(evaluable,foo/0)" }],
    [`right(${LONG}, 1//0, T), X is T`, { error: "evaluation_error(zero_divisor)" }],
    [`left(${LONG}, [0'a], T), X is T`, String(LONG + 97)],
    [`right(${LONG}, 1, T), catch(X is T + a, E, true), X is T`, String(LONG + 1)],
  ];
  for (const [goal, want] of rows) {
    await t.step(goal, () => check(e, goal, want));
  }
});

Deno.test("is/2 evaluates a 1,000,000-term sum read from an atom", async (t) => {
  const e = new Engine();
  const rows: Row[] = [
    [
      `length(L, ${DEEP}), maplist(=(1), L), atomic_list_concat(L, '+', A), ` +
      `atom_to_term(A, T, _), X is T`,
      String(DEEP),
    ],
    [
      `length(L, ${LONG}), maplist(=(2), L), atomic_list_concat(L, '-', A), ` +
      `atom_to_term(A, T, _), X is -T`,
      String(2 * LONG - 4),
    ],
    [
      `length(L, ${DEEP}), maplist(=('-('), L), atomic_list_concat(L, A0), ` +
      `length(R, ${DEEP}), maplist(=(')'), R), atomic_list_concat(R, A1), ` +
      `atomic_list_concat([A0, 7, A1], A), atom_to_term(A, T, _), X is T`,
      "7",
    ],
  ];
  for (const [goal, want] of rows) {
    await t.step(goal.slice(0, 60), () => check(e, goal, want));
  }
});

Deno.test("compiled arithmetic evaluates a 1,000,000-term expression from the frame", () => {
  const e = new Engine();
  const x = "X+".repeat(DEEP);
  assert.deepEqual(e.consult(`p(X, Y) :- Y is ${x}1.\nq(X) :- ${x}1 > X.\n`), []);
  assert.equal(e.once("p(1, Y)")?.text.Y, String(DEEP + 1));
  assert.ok(e.once("q(1)"));
  assert.throws(() => e.once("p(_, _)"), PrologError);
});

Deno.test("the explicit-stack evaluator agrees with the recursive one", async (t) => {
  const fmt = new Engine();
  const ops = fmt.machine.ops;
  const rep = (s: string, n: number) => s.repeat(n);
  const shapes: ((n: number) => string)[] = [
    (n) => `${rep("1+", n)}1`,
    (n) => `${rep("(", n)}1${rep("*2-1)", n)}`,
    (n) => `${rep("-(", n)}3${rep(")", n)}`,
    (n) => `${rep("abs(", n)}-3${rep(")", n)}`,
    (n) => `${rep("1+", n)}[a]`,
    (n) => `${rep("1+", n)}[[a]]`,
    (n) => `${rep("1+", n)}[1|2]`,
    (n) => `${rep("1+", n)}"a"`,
    (n) => `${rep("1+", n)}"ab"`,
    (n) => `${rep("1+", n)}foo`,
    (n) => `${rep("1+", n)}foo(1)`,
    (n) => `${rep("1+", n)}Y`,
    (n) => `${rep("1+", n)}1.5`,
    (n) => `${rep("1/", n)}3`,
    (n) => `${rep("6/", n)}3`,
    (n) => `${rep("2*", n)}1`,
    (n) => `${rep("9007199254740991+", n)}1`,
    (n) => `${rep("powm(2, ", n)}1${rep(", 7)", n)}`,
    (n) => `${rep("powm(2, ", n)}1.0${rep(", 7)", n)}`,
    (n) => `${rep("powm(", n)}2.0, Y${rep(", 7)", n)}`,
    (n) => `${rep("max(1, ", n)}2.0${rep(")", n)}`,
    (n) => `${rep("min(1, ", n)}nan${rep(")", n)}`,
    (n) => `${rep("1+", n)}(1//0)`,
    (n) => `(1//0) + ${rep("1+", n)}Y`,
    (n) => `${rep("(1 xor ", n)}5${rep(")", n)}`,
    (n) => `${rep("(7 mod ", n)}5${rep(")", n)}`,
    (n) => `${rep("(-7 // ", n)}2${rep(")", n)}`,
    (n) => `${rep("(100 >> ", n)}1${rep(")", n)}`,
    (n) => `${rep("(1 << ", n)}2${rep(")", n)}`,
    (n) => `${rep("1.5*", n)}2`,
    (n) => `${rep("sin(", n)}1${rep(")", n)}`,
    (n) => `${rep("1+", n)}e + pi`,
    (n) => `${rep("integer(", n)}2.5${rep(")", n)}`,
    (n) => `${rep("truncate(", n)}1.0e300${rep(")", n)}`,
    (n) => `${rep("msb(", n)}1000${rep(")", n)}`,
    (n) => `${rep("2**(", n)}2${rep(")", n)}`,
    (n) => `${rep("2^", n)}2`,
  ];
  const outcome = (f: () => Term): string => {
    try {
      const v = f();
      return `${v.tag}:${(v as Int).val}`;
    } catch (e) {
      if (!(e instanceof PrologThrow)) throw e;
      return fmt.format(e.ball).replace(/_G\d+/g, "_");
    }
  };
  for (const shape of shapes) {
    for (const n of [0, 1, 2, 3, 40]) {
      const text = shape(n);
      await t.step(text.slice(0, 50), () => {
        const term = readTerm(text, { ops }).term;
        assert.equal(outcome(() => evalArithDeep(term)), outcome(() => evalArith(term)));
      });
    }
  }
});
