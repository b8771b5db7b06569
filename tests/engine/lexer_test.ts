import assert from "node:assert/strict";
import { Lexer, type Token, TokenKind } from "../../engine/lexer.ts";
import { PrologThrow } from "../../engine/errors.ts";
import { BIG, FLT, INT, type Struct, type Term } from "../../engine/term.ts";

const KIND_NAMES = ["name", "var", "num", "str", "bq", "punct", "end", "eof"];

/** Renders every token of `text` as `kind:text` (numbers as `num:value`). */
function tokens(text: string): string[] {
  const lx = new Lexer(text);
  const out: string[] = [];
  for (let t = lx.next(); t.kind !== TokenKind.EOF; t = lx.next()) out.push(show(t));
  return out;
}

function show(t: Token): string {
  if (t.kind === TokenKind.Number) return `num:${numberText(t.value!)}`;
  return `${KIND_NAMES[t.kind]}:${t.text}`;
}

function numberText(v: Term): string {
  if (v.tag === INT) return String(v.val);
  if (v.tag === BIG) return `${v.val}n`;
  if (v.tag === FLT) return Number.isInteger(v.val) ? `${v.val}.0` : String(v.val);
  throw new Error("not a number");
}

/** Runs `f` and returns the message, line and column of the syntax error it throws. */
function syntaxErrorOf(f: () => unknown): [string, number, number] {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof PrologThrow);
    const [formal, context] = (e.ball as Struct).args as [Struct, Struct];
    assert.equal(formal.fn.indicator, "syntax_error/1");
    const pos = context.args[0] as Struct;
    const msg = (formal.args[0] as { name: string }).name;
    return [msg, (pos.args[0] as { val: number }).val, (pos.args[1] as { val: number }).val];
  }
  throw new Error("no syntax error");
}

function firstText(src: string): string {
  return new Lexer(src).next().text;
}

Deno.test("Lexer.next() reads names", async (t) => {
  const rows: [string, string[]][] = [
    ["foo", ["name:foo"]],
    ["fooBar_1", ["name:fooBar_1"]],
    ["+", ["name:+"]],
    ["=..", ["name:=.."]],
    [":-!,", ["name::-", "name:!", "punct:,"]],
    ["a;b", ["name:a", "name:;", "name:b"]],
    ["'hello world'", ["name:hello world"]],
    ["'don''t'", ["name:don't"]],
    ["''", ["name:"]],
    ["éte", ["name:éte"]],
    ["[](){},|", [
      "punct:[",
      "punct:]",
      "punct:(",
      "punct:)",
      "punct:{",
      "punct:}",
      "punct:,",
      "punct:|",
    ]],
    ["- -1", ["name:-", "name:-", "num:1"]],
    ["a.b", ["name:a", "name:.", "name:b"]],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.deepEqual(tokens(src), want));
  }
});

Deno.test("Lexer.next() decodes every ISO escape in quoted items", async (t) => {
  const rows: [string, string][] = [
    ["'\\a'", "\x07"],
    ["'\\b'", "\b"],
    ["'\\f'", "\f"],
    ["'\\n'", "\n"],
    ["'\\r'", "\r"],
    ["'\\t'", "\t"],
    ["'\\v'", "\v"],
    ["'\\0\\'", "\0"],
    ["'\\101\\'", "A"],
    ["'\\7\\'", "\x07"],
    ["'\\x41\\'", "A"],
    ["'\\x1F600\\'", "\u{1F600}"],
    ["'\\\\'", "\\"],
    ["'\\''", "'"],
    ["'\\\"'", '"'],
    ["'\\`'", "`"],
    ["'ab\\\ncd'", "abcd"],
    ["'a\\nb''c'", "a\nb'c"],
    ['"a""b"', 'a"b'],
    ["`a``b`", "a`b"],
    ['"it\'s"', "it's"],
  ];
  for (const [src, want] of rows) {
    await t.step(JSON.stringify(src), () => assert.equal(firstText(src), want));
  }
});

Deno.test("Lexer.next() decodes SWI-Prolog's \\u and \\U escapes", async (t) => {
  const rows: [string, string][] = [
    ["'\\u00e9'", "é"],
    ["'\\u00E9t\\u00e9'", "été"],
    ['"\\u0041b"', "Ab"],
    ["`\\u263A`", "\u263a"],
    ["'\\U0001F600'", "\u{1F600}"],
    ["'\\U0010FFFF'", "\u{10FFFF}"],
    ["'\\u00411'", "A1"],
    ["0'\\u00e9", "0'\\u00e9"],
  ];
  for (const [src, want] of rows) {
    await t.step(JSON.stringify(src), () => assert.equal(firstText(src), want));
  }
  await t.step("0'\\u00e9 is the code of é", () => {
    assert.equal(numberText(new Lexer("0'\\u00e9").next().value!), "233");
  });
  const bad: [string, string, number, number][] = [
    ["'\\u00e'", "invalid escape sequence", 1, 2],
    ["'\\u'", "invalid escape sequence", 1, 2],
    ["'ab\\U0001F60'", "invalid escape sequence", 1, 4],
    ["'\\U00110000'", "invalid character code", 1, 2],
    ["'\\uD800'", "invalid character code", 1, 2],
  ];
  for (const [src, msg, line, column] of bad) {
    await t.step(`${JSON.stringify(src)} is a syntax error`, () => {
      assert.deepEqual(syntaxErrorOf(() => tokens(src)), [msg, line, column]);
    });
  }
});

Deno.test("Lexer.next() reads variables", async (t) => {
  const rows: [string, string[]][] = [
    ["_", ["var:_"]],
    ["_Foo", ["var:_Foo"]],
    ["_foo", ["var:_foo"]],
    ["Foo", ["var:Foo"]],
    ["X1_y", ["var:X1_y"]],
    ["Éa", ["var:Éa"]],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.deepEqual(tokens(src), want));
  }
});

Deno.test("Lexer.next() reads numbers", async (t) => {
  const rows: [string, string[]][] = [
    ["0", ["num:0"]],
    ["42", ["num:42"]],
    ["007", ["num:7"]],
    ["9007199254740991", ["num:9007199254740991"]],
    ["9007199254740993", ["num:9007199254740993n"]],
    ["123456789012345678901234567890", ["num:123456789012345678901234567890n"]],
    ["0x1F", ["num:31"]],
    ["0xff", ["num:255"]],
    ["0o17", ["num:15"]],
    ["0b101", ["num:5"]],
    ["0xFFFFFFFFFFFFFFFFFF", ["num:4722366482869645213695n"]],
    ["0xg", ["num:0", "name:xg"]],
    ["0b2", ["num:0", "name:b2"]],
    ["1.5", ["num:1.5"]],
    ["1.0e10", ["num:10000000000.0"]],
    ["1.5E-3", ["num:0.0015"]],
    ["1.5e+3", ["num:1500.0"]],
    ["2.5e", ["num:2.5", "name:e"]],
    ["1.e5", ["num:1", "name:.", "name:e5"]],
    ["1e10", ["num:1", "name:e10"]],
    ["1.0Inf", ["num:Infinity"]],
    ["1.5NaN", ["num:NaN"]],
    ["1. ", ["num:1", "end:."]],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.deepEqual(tokens(src), want));
  }
});

Deno.test("Lexer.next() reads 0'c character codes", async (t) => {
  const rows: [string, string[]][] = [
    ["0'a", ["num:97"]],
    ["0' ", ["num:32"]],
    ["0'''", ["num:39"]],
    ["0'' ", ["num:39"]],
    ["0'\\n", ["num:10"]],
    ["0'\\t", ["num:9"]],
    ["0'\\\\", ["num:92"]],
    ["0'\\'", ["num:39"]],
    ["0'\\x41\\", ["num:65"]],
    ["0'\\101\\", ["num:65"]],
    ["0'\u{1F600}", ["num:128512"]],
    ["0'ab", ["num:97", "name:b"]],
    ["0'a.", ["num:97", "end:."]],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.deepEqual(tokens(src), want));
  }
});

Deno.test("Lexer.next() reads strings and back-quoted strings", async (t) => {
  const rows: [string, string[]][] = [
    ['"abc"', ["str:abc"]],
    ['""', ["str:"]],
    ["`abc`", ["bq:abc"]],
    ['"a\\x20\\b"', ["str:a b"]],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => assert.deepEqual(tokens(src), want));
  }
});

Deno.test("Lexer.next() finds end tokens and skips comments", async (t) => {
  const rows: [string, string[]][] = [
    ["a.", ["name:a", "end:."]],
    ["a. b.", ["name:a", "end:.", "name:b", "end:."]],
    ["a.%c\nb", ["name:a", "end:.", "name:b"]],
    ["a.\n", ["name:a", "end:."]],
    ["'.'.", ["name:.", "end:."]],
    ["X = '.'", ["var:X", "name:=", "name:."]],
    ["% line\nfoo", ["name:foo"]],
    ["/* block\n */ foo", ["name:foo"]],
    ["a/*x*/b", ["name:a", "name:b"]],
    ["a% c", ["name:a"]],
    ["- /**/1", ["name:-", "num:1"]],
  ];
  for (const [src, want] of rows) {
    await t.step(JSON.stringify(src), () => assert.deepEqual(tokens(src), want));
  }
});

Deno.test("Lexer.next() records positions and layout", async (t) => {
  // [source, index of token, line, column, layoutBefore, start, end]
  const rows: [string, number, number, number, boolean, number, number][] = [
    ["foo", 0, 1, 1, false, 0, 3],
    ["  foo", 0, 1, 3, true, 2, 5],
    ["a\n  b", 1, 2, 3, true, 4, 5],
    ["a\r\nb", 1, 2, 1, true, 3, 4],
    ["/* x\ny */ b", 0, 2, 6, true, 10, 11],
    ["'a\nb' c", 1, 2, 4, true, 6, 7],
    ["'a\\\nb' c", 1, 2, 4, true, 7, 8],
    ["f(a)", 1, 1, 2, false, 1, 2],
    ["f (a)", 1, 1, 3, true, 2, 3],
    ["a. b", 1, 1, 2, false, 1, 3],
    ["a.\nb", 2, 2, 1, false, 3, 4],
    ["a.%x", 1, 1, 2, false, 1, 2],
    ["a.", 1, 1, 2, false, 1, 2],
  ];
  for (const [src, index, line, column, layout, start, end] of rows) {
    await t.step(`${JSON.stringify(src)} token ${index}`, () => {
      const lx = new Lexer(src);
      let tok = lx.next();
      for (let i = 0; i < index; i++) tok = lx.next();
      assert.deepEqual(
        [tok.line, tok.column, tok.layoutBefore, tok.start, tok.end],
        [line, column, layout, start, end],
      );
    });
  }
});

Deno.test("Lexer.next() reports syntax errors with positions", async (t) => {
  const rows: [string, string, number, number][] = [
    ["a \u0001", "illegal character", 1, 3],
    ["x 'abc", "unterminated quoted atom", 1, 3],
    ['\n "abc', "unterminated string", 2, 2],
    ["`abc", "unterminated back-quoted string", 1, 1],
    ["a /* never closed", "unterminated block comment", 1, 3],
    ["'ab\\qc'", "undefined escape sequence", 1, 4],
    ["'\\x41'", "invalid escape sequence", 1, 2],
    ["'\\xZ\\'", "invalid escape sequence", 1, 2],
    ["'\\9\\'", "undefined escape sequence", 1, 2],
    ["'\\x110000\\'", "invalid character code", 1, 2],
    ["'a\nb\\q'", "undefined escape sequence", 2, 2],
    ["0'\\\n", "invalid character code", 1, 3],
    ["0'\n", "invalid character code", 1, 3],
    ["1.0e999", "illegal number", 1, 1],
  ];
  for (const [src, msg, line, column] of rows) {
    await t.step(JSON.stringify(src), () => {
      assert.deepEqual(syntaxErrorOf(() => tokens(src)), [msg, line, column]);
    });
  }
});

Deno.test("Lexer.followedByOpen() detects functional notation", async (t) => {
  const rows: [string, boolean][] = [
    ["f(", true],
    ["f (", false],
    ["f", false],
  ];
  for (const [src, want] of rows) {
    await t.step(src, () => {
      const lx = new Lexer(src);
      lx.next();
      assert.equal(lx.followedByOpen(), want);
    });
  }
});

Deno.test("Lexer.skipBadToken() resumes after an error", async (t) => {
  const rows: [string, string[]][] = [
    ["a \u0001 b", ["name:a", "name:b"]],
    ["don't. x.", ["name:don", "name:t", "end:.", "name:x", "end:."]],
    ["a /* open", ["name:a"]],
  ];
  for (const [src, want] of rows) {
    await t.step(JSON.stringify(src), () => {
      const lx = new Lexer(src);
      const out: string[] = [];
      for (;;) {
        try {
          const tok = lx.next();
          if (tok.kind === TokenKind.EOF) break;
          out.push(show(tok));
        } catch {
          lx.skipBadToken();
        }
      }
      assert.deepEqual(out, want);
    });
  }
});

Deno.test("Lexer.skipBadToken() skips a run of illegal characters at once", () => {
  const lx = new Lexer("a \u0001\u0002\u0080\u0081 b");
  lx.next();
  assert.throws(() => lx.next());
  lx.skipBadToken();
  assert.equal(lx.offset, 6);
  assert.equal(lx.next().text, "b");
});

Deno.test("Lexer.skipBadToken() resumes after an overflowing float, not one digit on", () => {
  const lx = new Lexer(`${"9".repeat(400)}.5 x`);
  assert.deepEqual(syntaxErrorOf(() => lx.next()), ["illegal number", 1, 1]);
  lx.skipBadToken();
  assert.equal(lx.next().text, "x");
});

Deno.test("Lexer.recover() skips bad tokens without throwing", () => {
  const lx = new Lexer("'a\\q' \u0001 b");
  const out: (string | null)[] = [];
  for (let t = lx.recover(); t === null || t.kind !== TokenKind.EOF; t = lx.recover()) {
    out.push(t === null ? null : show(t));
  }
  // The bad escape resumes after the quote: `a`, `\`, `q`; then `' \u0001 b` is
  // unterminated, and after its quote comes the illegal character.
  assert.deepEqual(out, [null, "name:a", "name:\\", "name:q", null, null, "name:b"]);
});

// Megabyte-long tokens: each path of the scanner must be linear. A quadratic
// one takes minutes here, so the runner's patience is the (only) time limit.
const MB = 1 << 20;

Deno.test("Lexer.next() scans megabyte tokens", async (t) => {
  const x = "x".repeat(MB);
  const third = Math.floor(MB / 3);
  const rows: [string, string, (tok: Token) => unknown, unknown][] = [
    ["quoted atom", `'${x}'`, (k) => k.text.length, MB],
    ["quoted atom of escapes", `'${"\\n".repeat(MB / 2)}'`, (k) => k.text.length, MB / 2],
    ["quoted atom of doubled quotes", `'${"''".repeat(MB / 2)}'`, (k) => k.text.length, MB / 2],
    ["string", `"${x}"`, (k) => k.text.length, MB],
    ["back-quoted string", `\`${x}\``, (k) => k.text.length, MB],
    ["string with continuations", `"${"x\\\n".repeat(third)}"`, (k) => k.text.length, third],
    ["name", `a${x}`, (k) => k.text.length, MB + 1],
    ["variable", `X${x}`, (k) => k.kind, TokenKind.Var],
    ["graphic name", "+".repeat(MB), (k) => k.text.length, MB],
    ["decimal", "7".repeat(MB), (k) => k.value!.tag, BIG],
    ["float", `1.${"7".repeat(MB)}e3`, (k) => k.value!.tag, FLT],
    ["hexadecimal", `0x${"f".repeat(MB)}`, (k) => k.value!.tag, BIG],
    ["octal", `0o${"7".repeat(MB)}`, (k) => k.value!.tag, BIG],
    ["binary", `0b${"1".repeat(MB)}`, (k) => k.value!.tag, BIG],
    ["after a block comment", `/*${"x\n".repeat(MB / 2)}*/ a`, (k) => k.line, MB / 2 + 1],
    ["after % lines", `${"%x\n".repeat(third)}a`, (k) => k.line, third + 1],
  ];
  for (const [name, src, get, want] of rows) {
    await t.step(name, () => assert.equal(get(new Lexer(src).next()), want));
  }
});

Deno.test("Lexer.next() reports megabyte bad tokens with positions", async (t) => {
  const x = "x".repeat(MB);
  const rows: [string, string, string, number, number][] = [
    ["unterminated quoted atom", `a '${x}`, "unterminated quoted atom", 1, 3],
    [
      "unterminated multi-line atom",
      `a\n '${"x\n".repeat(MB / 2)}`,
      "unterminated quoted atom",
      2,
      2,
    ],
    ["unterminated string", `"${x}`, "unterminated string", 1, 1],
    [
      "unterminated block comment",
      `\n/*${"x\n".repeat(MB / 2)}`,
      "unterminated block comment",
      2,
      1,
    ],
    ["overflowing float", `${"7".repeat(MB)}.5`, "illegal number", 1, 1],
    ["float with a huge exponent", `1.0e${"7".repeat(MB)}`, "illegal number", 1, 1],
    ["huge character escape", `0'\\x${"1".repeat(MB)}\\`, "invalid character code", 1, 3],
    ["bad escape after a long atom", `'${x}\\q'`, "undefined escape sequence", 1, MB + 2],
  ];
  for (const [name, src, msg, line, column] of rows) {
    await t.step(name, () => {
      assert.deepEqual(syntaxErrorOf(() => tokens(src)), [msg, line, column]);
    });
  }
});
