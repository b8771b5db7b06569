import assert from "node:assert/strict";
import { Reader, type ReadOptions, type ReadResult, readTerm } from "../../engine/parser.ts";
import { PrologThrow } from "../../engine/errors.ts";
import type { DoubleQuotes } from "../../engine/flags.ts";
import { Operators } from "../../engine/operators.ts";
import {
  ATOM,
  BIG,
  deref,
  DOT,
  FLT,
  INT,
  NIL,
  STR,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  type Var,
} from "../../engine/term.ts";

const PLAIN_ATOM = /^(?:[a-z][a-zA-Z0-9_]*|[#$&*+\-./:<=>?@^~\\]+|\[\]|\{\}|!|;)$/;

/**
 * Renders a term canonically: operators in functional notation, atoms quoted
 * when needed, lists as `'.'(H,T)`, variables by their source names (`_` for
 * anonymous ones).
 */
function canon(t: Term, names: Map<Var, string>): string {
  t = deref(t);
  switch (t.tag) {
    case VAR:
      return names.get(t) ?? "_";
    case ATOM:
      return quote(t.name);
    case INT:
      return String(t.val);
    case BIG:
      return `${t.val}`;
    case FLT:
      return Number.isInteger(t.val) ? t.val.toFixed(1) : String(t.val);
    case STR:
      return JSON.stringify(t.val);
    case STRUCT:
      return `${quote(t.fn.name.name)}(${t.args.map((a) => canon(a, names)).join(",")})`;
  }
  throw new Error("unexpected term");
}

function quote(name: string): string {
  if (name !== "." && PLAIN_ATOM.test(name)) return name;
  return `'${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}

function render(r: ReadResult): string {
  return canon(r.term, new Map(r.varNames.map(([n, v]) => [v, n])));
}

function read(text: string, opts: Partial<ReadOptions> = {}): string {
  return render(readTerm(text, { ops: new Operators(), ...opts }));
}

/** The message, line and column of a syntax error ball. */
function errorParts(e: unknown): [string, number, number] {
  assert.ok(e instanceof PrologThrow);
  const [formal, context] = (e.ball as Struct).args as [Struct, Struct];
  assert.equal(formal.fn.indicator, "syntax_error/1");
  const pos = context.args[0] as Struct;
  const msg = (formal.args[0] as { name: string }).name;
  return [msg, (pos.args[0] as { val: number }).val, (pos.args[1] as { val: number }).val];
}

/** Runs `f` and returns the message, line and column of the syntax error it throws. */
function syntaxErrorOf(f: () => unknown): [string, number, number] {
  try {
    f();
  } catch (e) {
    return errorParts(e);
  }
  throw new Error("no syntax error");
}

/** Reads every clause, collecting rendered terms and error messages. */
function readAll(text: string, ops = new Operators()): string[] {
  const r = new Reader(text, { ops });
  const out: string[] = [];
  for (;;) {
    try {
      const res = r.next();
      if (res === null) return out;
      out.push(render(res));
    } catch (e) {
      out.push(`error: ${errorParts(e).join(" ")}`);
      r.skipToEnd();
    }
  }
}

Deno.test("readTerm() reads atoms, numbers, variables and compounds", async (t) => {
  const rows: [string, string][] = [
    ["foo", "foo"],
    ["'hello world'", "'hello world'"],
    ["[]", "[]"],
    ["'[]'", "[]"],
    ["[ ]", "[]"],
    ["{}", "{}"],
    ["'{}'(x)", "{}(x)"],
    ["{}(x)", "{}(x)"],
    ["!", "!"],
    [";", ";"],
    ["f(a, b)", "f(a,b)"],
    ["f(a,-(1))", "f(a,-(1))"],
    ["f(g(h(X)), Y)", "f(g(h(X)),Y)"],
    ["'hello'(1)", "hello(1)"],
    ["42", "42"],
    ["123456789012345678901234567890", "123456789012345678901234567890"],
    ["-123456789012345678901234567890", "-123456789012345678901234567890"],
    ["1.5", "1.5"],
    ["-1.5", "-1.5"],
    ["0'a", "97"],
    ["0' ", "32"],
    ["0'''", "39"],
    ["0''", "39"],
    ["0'\\n", "10"],
    ["-0'a", "-97"],
    ["0x10", "16"],
    ["X", "X"],
    ["_", "_"],
    ["f(_, _)", "f(_,_)"],
    ["X = 'a b'", "=(X,'a b')"],
    ["foo.", "foo"],
    ["foo. % done\n", "foo"],
    ["  foo  ", "foo"],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.equal(read(src), want));
  }
});

Deno.test("readTerm() reads negative numbers and prefix minus per ISO 6.3.4.1", async (t) => {
  const rows: [string, string][] = [
    ["-1", "-1"],
    ["- 1", "-(1)"],
    ["-(1)", "-(1)"],
    ["- (1)", "-(1)"],
    ["-(-1)", "-(-1)"],
    ["-(-(1))", "-(-(1))"],
    ["- (-(1))", "-(-(1))"],
    ["- -1", "-(-1)"],
    ["- - 1", "-(-(1))"],
    ["- - a", "-(-(a))"],
    ["a-1", "-(a,1)"],
    ["a - 1", "-(a,1)"],
    ["a -1", "-(a,1)"],
    ["a - -1", "-(a,-1)"],
    ["1 - -1", "-(1,-1)"],
    ["1 + - 2", "+(1,-(2))"],
    ["- 1 + 2", "+(-(1),2)"],
    ["-1 + 2", "+(-1,2)"],
    ["- (1) + 2", "+(-(1),2)"],
    ["- a = b", "=(-(a),b)"],
    ["'-'1", "-(1)"],
    ["-(1,2)", "-(1,2)"],
    ["- (1,2)", "-(','(1,2))"],
    ["[-1]", "'.'(-1,[])"],
    ["f(-1)", "f(-1)"],
    ["- 1.5", "-(1.5)"],
    ["-0", "0"],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.equal(read(src), want));
  }
});

Deno.test("readTerm() reads operators as atoms and operands", async (t) => {
  const rows: [string, string][] = [
    ["-", "-"],
    ["- .", "-"],
    ["f(-)", "f(-)"],
    ["f(+, -)", "f(+,-)"],
    ["[-]", "'.'(-,[])"],
    ["[-|T]", "'.'(-,T)"],
    ["- = x", "=(-,x)"],
    ["\\+ = x", "=(\\+,x)"],
    ["a = \\+", "=(a,\\+)"],
    ["X = -", "=(X,-)"],
    ["X == dynamic", "==(X,dynamic)"],
    ["[dynamic, discontiguous]", "'.'(dynamic,'.'(discontiguous,[]))"],
    ["- =(a)", "-(=(a))"],
    ["- + 1", "-(+(1))"],
    ["- - .", "-(-)"],
    ["(-)", "-"],
    ["(:-)", ":-"],
    ["f(:-, =)", "f(:-,=)"],
    ["f(;, '|', '[]')", "f(;,'|',[])"],
    ["- (-)", "-(-)"],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.equal(read(src), want));
  }
});

Deno.test("readTerm() applies operator priorities and types", async (t) => {
  const rows: [string, string][] = [
    ["1+2*3", "+(1,*(2,3))"],
    ["(1+2)*3", "*(+(1,2),3)"],
    ["1-2-3", "-(-(1,2),3)"],
    ["2^3^4", "^(2,^(3,4))"],
    ["a:b:c", ":(a,:(b,c))"],
    ["a=b", "=(a,b)"],
    ["\\+ \\+ a", "\\+(\\+(a))"],
    ["\\+ (a,b)", "\\+(','(a,b))"],
    ["\\+(a,b)", "\\+(a,b)"],
    ["\\+a, b", "','(\\+(a),b)"],
    ["f(a;b)", "f(;(a,b))"],
    ["f(a;b, c)", "f(;(a,b),c)"],
    ["f(a :- b, c)", "f(:-(a,b),c)"],
    ["f(:- a)", "f(:-(a))"],
    ["f(- a, b)", "f(-(a),b)"],
    ["f((a :- b, c))", "f(:-(a,','(b,c)))"],
    ["f((a,b))", "f(','(a,b))"],
    ["(a , b)", "','(a,b)"],
    ["','(a,b)", "','(a,b)"],
    // ISO Cor.2, SWI-Prolog: the infix bar is '|'/2, not ;/2.
    ["(a | b)", "'|'(a,b)"],
    ["(a | b | c)", "'|'(a,'|'(b,c))"],
    ["(a ; b | c)", ";(a,'|'(b,c))"],
    ["(a :- b | c)", ":-(a,'|'(b,c))"],
    ["'|'(a,b)", "'|'(a,b)"],
    ["{a,b}", "{}(','(a,b))"],
    ["{a}", "{}(a)"],
    ["p :- a, b ; c -> d", ":-(p,;(','(a,b),->(c,d)))"],
    ["p :- a, b, c", ":-(p,','(a,','(b,c)))"],
    [":- dynamic foo/1.", ":-(dynamic(/(foo,1)))"],
    [":- dynamic foo/1, bar/2.", ":-(dynamic(','(/(foo,1),/(bar,2))))"],
    ["a --> b, [c]", "-->(a,','(b,'.'(c,[])))"],
    ["X is 2 ** 3", "is(X,**(2,3))"],
    ["X = f(Y), Y = 1", "','(=(X,f(Y)),=(Y,1))"],
    ["a , b ; c", ";(','(a,b),c)"],
    ["a -> b ; c", ";(->(a,b),c)"],
    ["1 =.. 2", "=..(1,2)"],
    ["- a * b", "*(-(a),b)"],
    ["a * - b", "*(a,-(b))"],
    ["- (a) ^ b", "-(^(a,b))"],
    ["f(a) :- \\+ g(a)", ":-(f(a),\\+(g(a)))"],
    ["x rem y mod z", "mod(rem(x,y),z)"],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.equal(read(src), want));
  }
});

Deno.test("readTerm() reads lists", async (t) => {
  const rows: [string, string][] = [
    ["[a]", "'.'(a,[])"],
    ["[a|b]", "'.'(a,b)"],
    ["[H|T]", "'.'(H,T)"],
    ["[1,2|X]", "'.'(1,'.'(2,X))"],
    ["[a,b,c]", "'.'(a,'.'(b,'.'(c,[])))"],
    ["[(a,b)]", "'.'(','(a,b),[])"],
    ["[a:-b]", "'.'(:-(a,b),[])"],
    ["[a:-b, c|d]", "'.'(:-(a,b),'.'(c,d))"],
    ["[(a|b)]", "'.'('|'(a,b),[])"],
    ["[{a,b}]", "'.'({}(','(a,b)),[])"],
    ["[[]]", "'.'([],[])"],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => {
      if (want === "error") assert.throws(() => read(src), PrologThrow);
      else assert.equal(read(src), want);
    });
  }
});

Deno.test("readTerm() reads double-quoted text per the double_quotes flag", async (t) => {
  const rows: [string, DoubleQuotes | undefined, string][] = [
    ['"abc"', undefined, "'.'(97,'.'(98,'.'(99,[])))"],
    ['"abc"', "codes", "'.'(97,'.'(98,'.'(99,[])))"],
    ['"ab"', "chars", "'.'(a,'.'(b,[]))"],
    ['"ab"', "atom", "ab"],
    ['"a b"', "atom", "'a b'"],
    ['"ab"', "string", '"ab"'],
    ['""', "codes", "[]"],
    ['""', "chars", "[]"],
    ['""', "string", '""'],
    ['"\u{1F600}"', "codes", "'.'(128512,[])"],
    ['"\u{1F600}"', "chars", "'.'('\u{1F600}',[])"],
    ["`ab`", "atom", "'.'(97,'.'(98,[]))"],
    ["`ab`", "chars", "'.'(97,'.'(98,[]))"],
  ];
  for (const [src, dq, want] of rows) {
    await t.step(`${src} ${dq ?? "default"}`, () => {
      assert.equal(read(src, dq === undefined ? {} : { doubleQuotes: dq }), want);
    });
  }
});

Deno.test("readTerm() uses user-defined operators", async (t) => {
  const ops = new Operators();
  ops.add(200, "xf", "$");
  ops.add(700, "xfx", "===>");
  ops.add(100, "yf", "++");
  ops.add(1200, "fy", "fixme");
  ops.add(1110, "xf", "should_fail");
  ops.add(1110, "xfx", "should_give");
  ops.add(0, "yfx", "-");
  const rows: [string, string][] = [
    ["1 $", "$(1)"],
    ["a ===> b", "===>(a,b)"],
    ["a ++ ++", "++(++(a))"],
    ["f(x) should_fail", "should_fail(f(x))"],
    ["fixme f(x) should_give true", "fixme(should_give(f(x),true))"],
    ["- a", "-(a)"],
    ["a - b", "error"],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => {
      if (want === "error") assert.throws(() => read(src, { ops }), PrologThrow);
      else assert.equal(read(src, { ops }), want);
    });
  }
});

Deno.test("readTerm() reports variable names and singletons", async (t) => {
  // [source, variable_names, singletons, number of variables]
  const rows: [string, string[], string[], number][] = [
    ["f(X, Y, X)", ["X", "Y"], ["Y"], 2],
    ["f(_, _)", [], [], 2],
    ["f(_A, B, _A, C)", ["_A", "B", "C"], ["B", "C"], 3],
    ["f(_A, _)", ["_A"], [], 2],
    ["p(X) :- q(X, Z), r(_)", ["X", "Z"], ["Z"], 3],
    ["[H|T]", ["H", "T"], ["H", "T"], 2],
    ["a", [], [], 0],
  ];
  for (const [src, names, singles, count] of rows) {
    await t.step(src, () => {
      const r = readTerm(src, { ops: new Operators() });
      assert.deepEqual(r.varNames.map(([n]) => n), names);
      assert.deepEqual(r.singletons.map(([n]) => n), singles);
      assert.equal(r.variables.length, count);
      for (const [, v] of r.singletons) assert.ok(r.variables.includes(v));
    });
  }
});

Deno.test("readTerm() reports syntax errors with positions", async (t) => {
  const rows: [string, string, number, number][] = [
    ["a b", "operator expected", 1, 3],
    ["foo (a)", "operator expected", 1, 5],
    ["f(a b)", "operator expected", 1, 5],
    ["a = b = c", "operator priority clash", 1, 7],
    ["X = :- a", "operator priority clash", 1, 5],
    ["- :- a", "operator priority clash", 1, 3],
    [":- :- a", "operator priority clash", 1, 4],
    ["[a|b|c]", "unexpected bar", 1, 5],
    ["[a|b,c]", "unexpected comma", 1, 5],
    ["f(a|b)", "unexpected bar", 1, 4],
    ["f(a :- b :- c)", "operator priority clash", 1, 10],
    ["2 ** 3 ** 4", "operator priority clash", 1, 8],
    ["f(a", "unexpected end of file", 1, 4],
    ["f(a,", "unexpected end of file", 1, 5],
    ["a + ", "unexpected end of file", 1, 5],
    ["f(- ", "unexpected end of file", 1, 5],
    ["f(a. ", "unexpected end of clause", 1, 4],
    ["a)", "unbalanced parenthesis", 1, 2],
    ["[a)", "unbalanced parenthesis", 1, 3],
    ["f(a]", "unbalanced bracket", 1, 4],
    ["{a]", "unbalanced bracket", 1, 3],
    ["(a}", "unbalanced brace", 1, 3],
    [")", "illegal start of term", 1, 1],
    ["f(,)", "illegal start of term", 1, 3],
    ["a. b", "end of file expected", 1, 4],
    ["f(x,\n  y z)", "operator expected", 2, 5],
    ["\n\n  'unclosed", "unterminated quoted atom", 3, 3],
    ["X = '\\q'", "undefined escape sequence", 1, 6],
    ["1e10", "operator expected", 1, 2],
    ["1.e5", "operator expected", 1, 2],
  ];
  for (const [src, msg, line, column] of rows) {
    await t.step(JSON.stringify(src), () => {
      assert.deepEqual(
        syntaxErrorOf(() => readTerm(src, { ops: new Operators() })),
        [msg, line, column],
      );
    });
  }
});

Deno.test("readTerm() reads the empty text as end_of_file", async (t) => {
  const rows: string[] = ["", "   ", "% only a comment\n", "/* c */"];
  for (const src of rows) {
    await t.step(JSON.stringify(src), () => assert.equal(read(src), "end_of_file"));
  }
});

Deno.test("readTerm() reads long lists and conjunctions without overflowing", async (t) => {
  await t.step("a 1,000,000-element list", () => {
    const n = 1_000_000;
    const parts: string[] = [];
    for (let i = 1; i <= n; i++) parts.push(String(i));
    let l = deref(readTerm(`[${parts.join(",")}].`, { ops: new Operators() }).term);
    let count = 0;
    while (l.tag === STRUCT && l.fn === DOT) {
      count++;
      const head = l.args[0];
      assert.ok(head.tag === INT && head.val === count);
      l = deref(l.args[1]);
    }
    assert.equal(count, n);
    assert.equal(l, NIL);
  });
  await t.step("a 100,000-goal conjunction", () => {
    const n = 100_000;
    const goals: string[] = [];
    for (let i = 0; i < n; i++) goals.push(`g${i}`);
    let c = deref(readTerm(`p :- ${goals.join(", ")}.`, { ops: new Operators() }).term) as Struct;
    assert.equal(c.fn.indicator, ":-/2");
    let count = 1;
    c = c.args[1] as Struct;
    while (c.tag === STRUCT && c.fn.indicator === ",/2") {
      assert.equal((c.args[0] as { name: string }).name, `g${count - 1}`);
      count++;
      c = c.args[1] as Struct;
    }
    assert.equal(count, n);
  });
  await t.step("a 100,000-term sum", () => {
    const terms: string[] = [];
    for (let i = 0; i < 100_000; i++) terms.push("1");
    const s = deref(readTerm(terms.join("+"), { ops: new Operators() }).term) as Struct;
    assert.equal(s.fn.indicator, "+/2");
  });
});

Deno.test("Reader.next() reads clause after clause", async (t) => {
  const rows: [string, string[]][] = [
    ["a. b. c.", ["a", "b", "c"]],
    ["a.\nb :- c.\n% end\n", ["a", ":-(b,c)"]],
    ["", []],
    ["f(X) :- g(X).\n:- dynamic p/1.", [":-(f(X),g(X))", ":-(dynamic(/(p,1)))"]],
    ["a.b.", ["error: operator expected 1 2"]],
    ["a", ["error: unexpected end of file 1 2"]],
    ["a. b", ["a", "error: unexpected end of file 1 5"]],
  ];
  for (const [src, want] of rows) {
    await t.step(JSON.stringify(src), () => assert.deepEqual(readAll(src), want));
  }
});

Deno.test("Reader.next() reports positions and offsets", async (t) => {
  const text = "a.\n  foo(X) :-\n    bar(X).\n\n  baz.";
  const r = new Reader(text, { ops: new Operators() });
  const rows: [string, number, number, number][] = [
    ["a", 1, 1, 3],
    [":-(foo(X),bar(X))", 2, 3, 27],
    ["baz", 5, 3, 34],
  ];
  for (const [want, line, column, offset] of rows) {
    await t.step(want, () => {
      const res = r.next()!;
      assert.equal(render(res), want);
      assert.deepEqual([res.line, res.column, r.offset], [line, column, offset]);
    });
  }
  await t.step("null at the end", () => assert.equal(r.next(), null));
});

Deno.test("Reader.skipToEnd() resumes after a broken clause", async (t) => {
  const rows: [string, string[]][] = [
    ["a(1).\nb(2 3).\nc(3).", ["a(1)", "error: operator expected 2 5", "c(3)"]],
    ["a.\nb :- (c.\nd.", ["a", "error: unexpected end of clause 2 8", "d"]],
    ["a.\nb :- '\\q'.\nd.", ["a", "error: undefined escape sequence 2 7", "d"]],
    ["a.\nb :- f(x, 'oops). c(1).\nd.", [
      "a",
      "error: unterminated quoted atom 2 11",
      "c(1)",
      "d",
    ]],
    ["a.\n) ) ).\nd.", ["a", "error: illegal start of term 2 1", "d"]],
    ["a.\nb = .\nd.", ["a", "error: unexpected end of clause 2 5", "d"]],
    ["a. b c d e. f.", ["a", "error: operator expected 1 6", "f"]],
    ["a. \u0001 b. c.", ["a", "error: illegal character 1 4", "c"]],
    ["a. b /* open", ["a", "error: unterminated block comment 1 6"]],
    ["a. b c", ["a", "error: operator expected 1 6"]],
  ];
  for (const [src, want] of rows) {
    await t.step(JSON.stringify(src), () => assert.deepEqual(readAll(src), want));
  }
});

/**
 * Follows `path` (argument indexes, the last one repeating) down from `t` as
 * long as the functor is `indicator`; returns the depth reached and the term
 * there. A loop, so a million-deep term is walked without recursion.
 */
function spine(t: Term, indicator: string, arg: number): [number, Term] {
  let depth = 0;
  t = deref(t);
  while (t.tag === STRUCT && t.fn.indicator === indicator) {
    depth++;
    t = deref(t.args[arg]);
  }
  return [depth, t];
}

Deno.test("readTerm() reads a million levels of nesting of every kind", async (t) => {
  const n = 1_000_000;
  const rows: [string, string, string, number][] = [
    // name, text, functor along the spine, argument index followed
    ["compound arguments", `${"f(".repeat(n)}a${")".repeat(n)}`, "f/1", 0],
    ["last arguments", `${"g(x, ".repeat(n)}a${")".repeat(n)}`, "g/2", 1],
    ["first arguments", `${"g(".repeat(n)}a${", x)".repeat(n)}`, "g/2", 0],
    ["yfx right operands in parentheses", `${"a+(".repeat(n)}a${")".repeat(n)}`, "+/2", 1],
    ["yfx left operands", Array(n + 1).fill("a").join("-"), "-/2", 0],
    ["xfy right operands", Array(n + 1).fill("a").join("^"), "^/2", 1],
    ["xfx operands in parentheses", `${"(".repeat(n)}a${" = b)".repeat(n)}`, "=/2", 0],
    ["prefix operators", `${"- ".repeat(n)}a`, "-/1", 0],
    ["fy operators without layout", `${"\\+".repeat(1)}${" \\+".repeat(n - 1)} a`, "\\+/1", 0],
    ["parentheses and prefix operators", `${"-(".repeat(n)}a${")".repeat(n)}`, "-/1", 0],
    ["list elements", `${"[".repeat(n)}a${"]".repeat(n)}`, DOT.indicator, 0],
    ["list tails", `${"[a|".repeat(n)}[]${"]".repeat(n)}`, DOT.indicator, 1],
    ["curly terms", `${"{".repeat(n)}a${"}".repeat(n)}`, "{}/1", 0],
    ["parentheses", `${"(".repeat(n)}f(a)${")".repeat(n)}`, "f/1", 0],
  ];
  for (const [name, text, indicator, arg] of rows) {
    await t.step(name, () => {
      const term = readTerm(text, { ops: new Operators() }).term;
      const want = name === "parentheses" ? 1 : n;
      const [depth, inner] = spine(term, indicator, arg);
      assert.equal(depth, want);
      assert.ok(inner.tag === ATOM, `innermost is an atom, not tag ${inner.tag}`);
    });
  }
});

Deno.test("readTerm() reports errors deep inside a term with their positions", async (t) => {
  const n = 1_000_000;
  const rows: [string, string, string, number, number][] = [
    ["unclosed parentheses", `${"f(".repeat(n)}a`, "unexpected end of file", 1, 2 * n + 2],
    ["unclosed list", `${"[".repeat(n)}a.`, "unexpected end of clause", 1, n + 2],
    ["wrong closer", `${"(".repeat(n)}a]`, "unbalanced bracket", 1, n + 2],
    ["operator clash", `${"- ".repeat(n)}a :- b :- c`, "operator priority clash", 1, 2 * n + 8],
  ];
  for (const [name, text, msg, line, column] of rows) {
    await t.step(name, () => {
      assert.deepEqual(
        syntaxErrorOf(() => readTerm(text, { ops: new Operators() })),
        [msg, line, column],
      );
    });
  }
});

Deno.test("readTerm() refuses nesting beyond maxDepth with resource_error(memory)", async (t) => {
  const opts = { ops: new Operators(), maxDepth: 1000 };
  await t.step("1,000 levels are read", () => {
    const term = readTerm(`${"f(".repeat(999)}a${")".repeat(999)}`, opts).term;
    assert.equal(spine(term, "f/1", 0)[0], 999);
  });
  for (const open of ["f(", "(", "[", "{", "- ", "a ^ ", "[a|"]) {
    await t.step(`1,001 levels of ${JSON.stringify(open)}`, () => {
      try {
        readTerm(`${open.repeat(1001)}a`, opts);
        assert.fail("no error");
      } catch (e) {
        assert.ok(e instanceof PrologThrow);
        const formal = (e.ball as Struct).args[0] as Struct;
        assert.equal(formal.fn.indicator, "resource_error/1");
        assert.equal((formal.args[0] as { name: string }).name, "memory");
      }
    });
  }
  await t.step("the reader goes on with the next clause", () => {
    const r = new Reader(`${"f(".repeat(2000)}a${")".repeat(2000)}.\nok.\n`, opts);
    assert.throws(() => r.next(), PrologThrow);
    r.skipToEnd();
    assert.equal(render(r.next()!), "ok");
  });
});
