import assert, { strictEqual as assertEquals } from "node:assert/strict";
import { Engine } from "../../mod.ts";
import { formatAtom, formatFloat, formatTerm, type WriteOptions } from "../../engine/writer.ts";
import { Operators } from "../../engine/operators.ts";
import {
  Float,
  mkAtom,
  mkFunctor,
  mkInt,
  mkInteger,
  mkList,
  mkStruct,
  NIL,
  PString,
  Slot,
  Template,
  type Term,
  Var,
} from "../../engine/term.ts";

const ops = new Operators();
const a = mkAtom;
const i = mkInt;
const s = mkStruct;
const f = (x: number) => new Float(x);
const list = mkList;

/** Builds `name(args...)` for an operator term, reading well in tables. */
function op(name: string, ...args: Term[]): Term {
  return s(name, args);
}

/** Compares huge strings without printing a megabyte-long diff on failure. */
function assertSame(actual: string, expected: string): void {
  assertEquals(actual.length, expected.length);
  assertEquals(actual === expected, true);
}

type Row = [title: string, term: Term, expected: string];

async function table(
  t: Deno.TestContext,
  rows: Row[],
  opts: Partial<WriteOptions> = {},
): Promise<void> {
  for (const [title, term, expected] of rows) {
    await t.step(`${title} -> ${expected}`, () => {
      assertEquals(formatTerm(term, { ops, quoted: true, ...opts }), expected);
    });
  }
}

Deno.test("formatAtom() quotes atoms that would not read back", async (t) => {
  const rows: [string, string][] = [
    ["foo", "foo"],
    ["fooBar_1", "fooBar_1"],
    ["Foo", "'Foo'"],
    ["_foo", "'_foo'"],
    ["1a", "'1a'"],
    ["", "''"],
    ["hello world", "'hello world'"],
    ["a.b", "'a.b'"],
    ["[]", "[]"],
    ["{}", "{}"],
    ["!", "!"],
    [";", ";"],
    [",", "','"],
    ["|", "'|'"],
    ["+", "+"],
    ["-->", "-->"],
    ["\\+", "\\+"],
    ["\\", "\\"],
    ["=..", "=.."],
    [".", "'.'"],
    ["/*", "'/*'"],
    ["/*x", "'/*x'"],
    ["*/", "*/"],
    ["%", "'%'"],
    ["+a", "'+a'"],
    ["[", "'['"],
    ["é", "é"],
    ["héllo", "héllo"],
    ["Été", "'Été'"],
    ["it's", "'it\\'s'"],
    ["a\nb", "'a\\nb'"],
    ["a\tb", "'a\\tb'"],
    ["a\\b", "'a\\\\b'"],
    ["\r\x07\b\f\v", "'\\r\\a\\b\\f\\v'"],
    ["\x01", "'\\x1\\'"],
    ["\x00", "'\\x0\\'"],
    ["\x7f", "'\\x7F\\'"],
    ['say "hi"', "'say \"hi\"'"],
  ];
  for (const [name, expected] of rows) {
    await t.step(`${JSON.stringify(name)} -> ${expected}`, () => {
      assertEquals(formatAtom(name, true), expected);
    });
  }
  await t.step("unquoted returns the text as is", () => {
    assertEquals(formatAtom("hello world", false), "hello world");
    assertEquals(formatAtom(",", false), ",");
  });
});

Deno.test("formatFloat() writes shortest round-trip floats", async (t) => {
  const rows: [number, string][] = [
    [1, "1.0"],
    [0.1, "0.1"],
    [-2.5, "-2.5"],
    [123.456, "123.456"],
    [1e10, "10000000000.0"],
    // Where SWI-Prolog switches to an exponent: integral floats of 16 or more
    // digits, and more than three zeros after the point.
    [123456789012345, "123456789012345.0"],
    [1e15, "1.0e15"],
    [1e20, "1.0e20"],
    [-1234567890123456, "-1.234567890123456e15"],
    [1234567890123456.8, "1234567890123456.8"],
    [0.0001, "0.0001"],
    [0.00001, "1.0e-5"],
    [-1.25e-5, "-1.25e-5"],
    [1e21, "1.0e21"],
    [1.5e300, "1.5e300"],
    [1.5e-7, "1.5e-7"],
    [1e-7, "1.0e-7"],
    [5e-324, "5.0e-324"],
    [Number.MAX_VALUE, "1.7976931348623157e308"],
    [0, "0.0"],
    [-0, "-0.0"],
    [Infinity, "1.0Inf"],
    [-Infinity, "-1.0Inf"],
    [NaN, "1.5NaN"],
  ];
  for (const [x, expected] of rows) {
    await t.step(`${x} -> ${expected}`, () => {
      const text = formatFloat(x);
      assertEquals(text, expected);
      if (Number.isFinite(x)) assertEquals(Number(text), x);
    });
  }
});

Deno.test("formatTerm() writes atomic terms", async (t) => {
  await table(t, [
    ["atom", a("foo"), "foo"],
    ["quoted atom", a("Foo"), "'Foo'"],
    ["nil", NIL, "[]"],
    ["curly atom", a("{}"), "{}"],
    ["integer", i(42), "42"],
    ["negative integer", i(-7), "-7"],
    ["bigint", mkInteger(2n ** 100n), "1267650600228229401496703205376"],
    ["negative bigint", mkInteger(-(2n ** 64n)), "-18446744073709551616"],
    ["float", f(1), "1.0"],
    ["string", new PString('say "hi"\n'), '"say \\"hi\\"\\n"'],
    ["string with quote", new PString("it's"), '"it\'s"'],
    ["operator atom alone", a("-"), "-"],
    ["comma atom alone", a(","), "','"],
  ]);
  await t.step("write/1 leaves atoms and strings unquoted", () => {
    const opts = { ops };
    assertEquals(formatTerm(a("hello world"), opts), "hello world");
    assertEquals(formatTerm(new PString("a\nb"), opts), "a\nb");
    assertEquals(formatTerm(s("f", [a("A b"), a(",")]), opts), "f(A b,,)");
  });
});

Deno.test("formatTerm() writes variables", async (t) => {
  await t.step("default name is _G<serial>", () => {
    const v = new Var();
    assertEquals(formatTerm(v, { ops }), `_G${v.serial}`);
  });
  await t.step("varName option names variables", () => {
    const v = new Var();
    const text = formatTerm(s("is", [v, op("+", i(1), i(2))]), { ops, varName: () => "X" });
    assertEquals(text, "X is 1+2");
  });
  await t.step("bound variables are followed", () => {
    const v = new Var();
    const w = new Var();
    v.ref = w;
    w.ref = a("a");
    assertEquals(formatTerm(s("f", [v]), { ops }), "f(a)");
  });
  await t.step("compiled clause terms print with slot names", () => {
    const tmpl = new Template(mkFunctor("-", 2), [new Slot(0, "X"), new Slot(1, "")]);
    assertEquals(formatTerm(tmpl, { ops }), "X-_S1");
    const cell = new Template(mkFunctor(".", 2), [new Slot(0, "H"), new Slot(1, "T")]);
    assertEquals(formatTerm(cell, { ops }), "[H|T]");
  });
  await t.step("variable after an operator gets no space", () => {
    const v = new Var();
    assertEquals(formatTerm(op("-", i(1), v), { ops, varName: () => "_A" }), "1-_A");
  });
});

Deno.test("formatTerm() writes compounds, lists and curly terms", async (t) => {
  await table(t, [
    ["compound", s("f", [a("a"), i(1)]), "f(a,1)"],
    ["quoted functor", s("hello world", [a("x")]), "'hello world'(x)"],
    ["comma functor arity 3", s(",", [a("a"), a("b"), a("c")]), "','(a,b,c)"],
    ["operator functor, other arity", s("-", [a("a"), a("b"), a("c")]), "-(a,b,c)"],
    ["nil functor", s("[]", [a("x")]), "'[]'(x)"],
    ["curly functor arity 2", s("{}", [a("x"), a("y")]), "'{}'(x,y)"],
    ["zero-arity compound", s("f", []), "f()"],
    ["list", list([a("a"), a("b")]), "[a,b]"],
    ["partial list", list([a("a"), a("b")], a("c")), "[a,b|c]"],
    ["nested list", list([list([i(1)]), NIL]), "[[1],[]]"],
    ["curly", s("{}", [op(",", a("a"), a("b"))]), "{a,b}"],
    ["curly with rule", s("{}", [op(":-", a("a"), a("b"))]), "{a:-b}"],
    ["comma argument", s("f", [op(",", a("a"), a("b"))]), "f((a,b))"],
    ["semicolon argument (ISO arg is 999)", s("f", [op(";", a("a"), a("b"))]), "f((a;b))"],
    ["rule in a list", list([op(":-", a("a"), a("b"))]), "[(a:-b)]"],
    ["negative number argument", s("f", [i(-1)]), "f(-1)"],
    ["operator atom argument", s("f", [a("-")]), "f(-)"],
    ["neck atom argument", s("f", [a(":-")]), "f(:-)"],
    ["operator atoms in a list", list([a("-"), a(":-")]), "[-,:-]"],
    ["operator atom as list tail", list([a("a")], a("-")), "[a|-]"],
    ["comma atom argument", s("f", [a(",")]), "f(',')"],
    ["bar atom argument", s("f", [a("|")]), "f('|')"],
  ]);
});

Deno.test("formatTerm() writes infix operators", async (t) => {
  await table(t, [
    ["rule", op(":-", a("a"), a("b")), "a:-b"],
    ["rule with body", op(":-", a("a"), op(",", a("b"), a("c"))), "a:-b,c"],
    ["rule as left operand", op(":-", op(":-", a("a"), a("b")), a("c")), "(a:-b):-c"],
    ["dcg", op("-->", a("a"), a("b")), "a-->b"],
    ["sum", op("+", i(1), i(2)), "1+2"],
    ["unify", op("=", a("a"), a("b")), "a=b"],
    ["univ", op("=..", a("a"), a("b")), "a=..b"],
    ["conjunction", op(",", a("a"), a("b")), "a,b"],
    ["disjunction", op(";", a("a"), a("b")), "a;b"],
    ["if-then-else", op(";", op("->", a("a"), a("b")), a("c")), "a->b;c"],
    ["bar", op("|", a("a"), a("b")), "a|b"],
    ["yfx chain", op("-", op("-", i(1), i(2)), i(3)), "1-2-3"],
    ["yfx right nested", op("-", i(1), op("-", i(2), i(3))), "1-(2-3)"],
    ["xfy chain", op("^", i(1), op("^", i(2), i(3))), "1^2^3"],
    ["xfy left nested", op("^", op("^", i(1), i(2)), i(3)), "(1^2)^3"],
    ["xfx nested", op("=", op("=", a("a"), a("b")), a("c")), "(a=b)=c"],
    ["priority brackets", op("*", i(2), op("+", i(1), i(2))), "2*(1+2)"],
    ["no brackets needed", op("+", i(2), op("*", i(1), i(2))), "2+1*2"],
    ["bracket after infix", op("=", a("a"), op(":-", a("b"), a("c"))), "a=(b:-c)"],
    ["negative right operand", op("-", i(1), i(-1)), "1- -1"],
    ["negative operand of plus", op("+", i(1), i(-2)), "1+ -2"],
    ["negative after =", op("=", a("a"), i(-1)), "a= -1"],
    ["negative left operand", op("-", i(-1), i(1)), "-1-1"],
    ["negative base of power", op("^", i(-1), i(2)), "-1^2"],
    ["negative float", op("=", a("x"), f(-1.5)), "x= -1.5"],
    ["alphanumeric operator", op("rem", i(1), i(2)), "1 rem 2"],
    ["alphanumeric operator, negative", op("mod", i(1), i(-1)), "1 mod -1"],
    ["is", op("is", a("x"), op("+", i(1), i(2))), "x is 1+2"],
    [
      "alphanumeric op before bracket",
      op("rem", op(":-", a("a"), a("b")), op(":-", a("c"), a("d"))),
      "(a:-b)rem (c:-d)",
    ],
    ["symbolic ops glue", op("=", a("a"), op("-", a("b"))), "a= -b"],
    ["prefix op operand of infix", op("=", a("a"), op("\\+", a("b"))), "a=(\\+b)"],
    ["operator atom operands", op("-", a("-"), a("-")), "(-)-(-)"],
    ["operator atom right operand", op("=", a("x"), a("dynamic")), "x=(dynamic)"],
    ["non-operator atom operands", op("-", a("a"), a("[]")), "a-[]"],
    ["quoted operand", op("=", a("X"), a("it's")), "'X'='it\\'s'"],
    ["string operands", op("+", new PString("a"), new PString("b")), '"a"+"b"'],
    ["list operand", op("=", a("x"), list([i(1)])), "x=[1]"],
    ["module qualification", op(":", a("lists"), s("append", [a("a")])), "lists:append(a)"],
  ]);
});

Deno.test("formatTerm() writes prefix operators", async (t) => {
  await table(t, [
    ["minus atom", op("-", a("a")), "-a"],
    ["minus number", op("-", i(1)), "- 1"],
    ["minus float", op("-", f(3)), "- 3.0"],
    ["minus negative number", op("-", i(-1)), "- -1"],
    ["minus minus number", op("-", op("-", i(1))), "- - 1"],
    ["minus minus atom", op("-", op("-", a("a"))), "- -a"],
    ["plus number", op("+", i(1)), "+1"],
    ["minus bigint", op("-", mkInteger(2n ** 70n)), "- 1180591620717411303424"],
    ["minus number, bracketed", op("^", op("-", i(1)), i(2)), "-(1)^2"],
    ["minus atom, bracketed", op("^", op("-", a("a")), i(2)), "(-a)^2"],
    ["minus of power", op("-", op("^", a("a"), i(2))), "-a^2"],
    ["minus of power of number", op("-", op("^", i(1), i(2))), "- 1^2"],
    ["minus of sum", op("-", op("+", i(1), i(2))), "- (1+2)"],
    ["minus of operator atom", op("-", a("-")), "- (-)"],
    ["minus of list", op("-", list([i(1)])), "-[1]"],
    ["minus of curly", op("-", s("{}", [a("a")])), "- {a}"],
    ["minus of compound", op("-", s("f", [a("x")])), "-f(x)"],
    ["minus of quoted atom", op("-", a("A")), "-'A'"],
    ["infix minus of prefix minus", op("-", i(1), op("-", i(1))), "1- - 1"],
    ["not", op("\\+", a("a")), "\\+a"],
    ["not conjunction", op("\\+", op(",", a("a"), a("b"))), "\\+ (a,b)"],
    ["not not", op("\\+", op("\\+", a("a"))), "\\+ \\+a"],
    ["directive", op(":-", op("dynamic", op("/", a("foo"), i(1)))), ":-dynamic foo/1"],
    [
      "alphanumeric prefix, conjunction fits",
      op("dynamic", op(",", a("a"), a("b"))),
      "dynamic a,b",
    ],
    [
      "alphanumeric prefix, bracketed operand",
      op("dynamic", op(":-", a("a"), a("b"))),
      "dynamic (a:-b)",
    ],
    ["prefix op above argument priority", s("f", [op(":-", a("a"))]), "f((:-a))"],
    ["prefix op as left operand", op("=", op("-", a("a")), a("b")), "-a=b"],
    ["fx operand needs brackets", op(":-", op(":-", a("a"))), ":- (:-a)"],
  ]);
});

Deno.test("formatTerm() writes postfix operators", async (t) => {
  const post = new Operators();
  post.add(100, "yf", "++");
  post.add(100, "xf", "@@");
  await table(t, [
    ["postfix", op("++", a("a")), "a++"],
    ["yf chain", op("++", op("++", a("a"))), "a++ ++"],
    ["xf needs brackets", op("@@", op("@@", a("a"))), "(a@@)@@"],
    ["postfix operand of infix", op("+", op("++", a("a")), a("b")), "a++ + b"],
    ["postfix above priority", op("++", op("+", a("a"), a("b"))), "(a+b)++"],
  ], { ops: post });
});

Deno.test("formatTerm() with ignoreOps writes functional notation", async (t) => {
  await table(t, [
    ["infix", op("+", i(1), i(2)), "+(1,2)"],
    ["comma", op(",", a("a"), a("b")), "','(a,b)"],
    ["rule", op(":-", a("a"), op(",", a("b"), a("c"))), ":-(a,','(b,c))"],
    ["prefix number", op("-", i(1)), "-(1)"],
    ["prefix prefix", op("-", op("-", a("a"))), "-(-(a))"],
    ["negative operand", op("-", i(1), i(-1)), "-(1,-1)"],
    ["list stays a list", list([a("a"), a("b")], a("c")), "[a,b|c]"],
    ["curly stays curly", s("{}", [op(",", a("a"), a("b"))]), "{','(a,b)}"],
    ["operator atom", s("f", [a("-"), a(",")]), "f(-,',')"],
  ], { ignoreOps: true });
});

Deno.test("formatTerm() with numberVars writes '$VAR' terms as names", async (t) => {
  const v = (n: Term) => s("$VAR", [n]);
  await table(t, [
    ["0", v(i(0)), "A"],
    ["25", v(i(25)), "Z"],
    ["26", v(i(26)), "A1"],
    ["27", v(i(27)), "B1"],
    ["52", v(i(52)), "A2"],
    ["negative", v(i(-3)), "S_3"],
    ["bigint", v(mkInteger(26n * 2n ** 60n)), "A1152921504606846976"],
    ["variable name atom", v(a("Foo")), "Foo"],
    ["underscore name", v(a("_")), "_"],
    ["not a variable name", v(a("foo")), "'$VAR'(foo)"],
    ["in a compound", s("f", [v(i(0)), v(i(1))]), "f(A,B)"],
    ["as an operand", op("-", v(i(0)), v(i(1))), "A-B"],
    ["after alnum operator", op("is", v(i(0)), i(1)), "A is 1"],
  ], { numberVars: true });
  await t.step("off by default", () => {
    assertEquals(formatTerm(v(i(0)), { ops, quoted: true }), "'$VAR'(0)");
  });
});

Deno.test("formatTerm() with maxDepth and maxListItems elides", async (t) => {
  const nums = list([1, 2, 3, 4, 5, 6].map(i));
  const nest = s("f", [s("g", [s("h", [a("i")])])]);
  const rows: [string, Term, Partial<WriteOptions>, string][] = [
    ["nested compound", nest, { maxDepth: 2 }, "f(g(...))"],
    ["depth 1", nest, { maxDepth: 1 }, "f(...)"],
    ["deep enough", nest, { maxDepth: 4 }, "f(g(h(i)))"],
    ["unlimited", nest, { maxDepth: 0 }, "f(g(h(i)))"],
    ["list, SWI depth counting", nums, { maxDepth: 3 }, "[1,2|...]"],
    ["list, larger depth", nums, { maxDepth: 6 }, "[1,2,3,4,5|...]"],
    ["short list", list([i(1), i(2)]), { maxDepth: 3 }, "[1,2]"],
    ["operator", op("+", op("+", i(1), i(2)), i(3)), { maxDepth: 2 }, "... + ... + 3"],
    ["operand after op", op("+", i(1), s("f", [a("x")])), { maxDepth: 2 }, "1+f(...)"],
    ["maxListItems", nums, { maxListItems: 3 }, "[1,2,3|...]"],
    ["maxListItems, exact length", list([i(1), i(2), i(3)]), { maxListItems: 3 }, "[1,2,3]"],
    ["maxListItems, partial list", list([i(1), i(2)], a("t")), { maxListItems: 2 }, "[1,2|...]"],
  ];
  for (const [title, term, opts, expected] of rows) {
    await t.step(`${title} -> ${expected}`, () => {
      assertEquals(formatTerm(term, { ops, quoted: true, ...opts }), expected);
    });
  }
});

Deno.test("formatTerm() handles huge terms without recursion", async (t) => {
  await t.step("1,000,000-element list", () => {
    const items: Term[] = [];
    for (let k = 0; k < 1_000_000; k++) items.push(i(k % 10));
    const text = formatTerm(list(items), { ops, quoted: true });
    assertEquals(text.length, 2_000_001);
    assertEquals(text.slice(0, 8), "[0,1,2,3");
    assertEquals(text.slice(-5), ",8,9]");
  });
  await t.step("100,000-deep xfy chain", () => {
    let term: Term = a("z");
    for (let k = 0; k < 100_000; k++) term = op(",", a("a"), term);
    const text = formatTerm(term, { ops, quoted: true });
    assertSame(text, "a,".repeat(100_000) + "z");
  });
  await t.step("100,000-deep yfx chain", () => {
    let term: Term = i(0);
    for (let k = 0; k < 100_000; k++) term = op("+", term, i(1));
    const text = formatTerm(term, { ops, quoted: true });
    assertSame(text, "0" + "+1".repeat(100_000));
  });
  await t.step("100,000-deep right-nested yfx needs brackets", () => {
    let term: Term = i(0);
    for (let k = 0; k < 100_000; k++) term = op("-", i(1), term);
    const text = formatTerm(term, { ops, quoted: true });
    assertSame(text, "1-(".repeat(99_999) + "1-0" + ")".repeat(99_999));
  });
  await t.step("100,000-deep compound", () => {
    let term: Term = a("x");
    for (let k = 0; k < 100_000; k++) term = s("f", [term]);
    const text = formatTerm(term, { ops, quoted: true });
    assertSame(text, "f(".repeat(100_000) + "x" + ")".repeat(100_000));
  });
  await t.step("100,000-deep list of lists", () => {
    let term: Term = NIL;
    for (let k = 0; k < 100_000; k++) term = list([term]);
    const text = formatTerm(term, { ops, quoted: true, maxDepth: 3 });
    assertEquals(text, "[[[...]]]");
  });
});

Deno.test("formatTerm() honours the priority option", async (t) => {
  await table(t, [
    ["rule at 699", op(":-", a("a"), a("b")), "(a:-b)"],
    ["sum at 699", op("+", i(1), i(2)), "1+2"],
    ["comma at 699", op(",", a("a"), a("b")), "(a,b)"],
  ], { priority: 699 });
});

Deno.test("writer: distinct variables get distinct default names, also those of one clause", () => {
  let out = "";
  const e = new Engine("q(X) :- X = g(A, B, A, _).", { output: (s) => out += s });
  const text = e.once("q(X), write(X)")!.text.X;
  const names = text.match(/_G\d+/g)!;
  assert.equal(names.length, 4);
  assert.equal(names[0], names[2]); // A twice
  assert.equal(new Set(names).size, 3); // A, B and _ differ
  assert.equal(out, text);
});
