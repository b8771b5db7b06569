import { Engine } from "../../../mod.ts";
import { type Row, table as runTable } from "./_solutions_table.ts";

function engine(): Engine {
  const e = new Engine();
  e.machine.flags.doubleQuotes = "string";
  return e;
}

function table(t: Deno.TestContext, rows: Row[]): Promise<void> {
  return runTable(t, rows, engine());
}

Deno.test("string_concat/3 works in every mode", async (t) => {
  await table(t, [
    ['string_concat("ab", "cd", S)', ['S="abcd"']],
    ["string_concat(a, b, S)", ['S="ab"']],
    ["string_concat(1, 2.5, S)", ['S="12.5"']],
    ['string_concat("ab", X, "abcd")', ['X="cd"']],
    ['string_concat(X, "cd", "abcd")', ['X="ab"']],
    ['string_concat("x", X, "abcd")', []],
    ['string_concat(X, Y, "ab")', ['X="", Y="ab"', 'X="a", Y="b"', 'X="ab", Y=""']],
    ['string_concat(X, Y, "a😀")', ['X="", Y="a😀"', 'X="a", Y="😀"', 'X="a😀", Y=""']],
    ["string_concat(a, b, ab)", ["true"]],
    ['string_concat(a, b, "ab")', ["true"]],
    ['string_concat(a, b, "ba")', []],
    ["string_concat([0'a], [b], S)", ['S="ab"']],
    ["string_concat(X, Y, Z)", "error(instantiation_error"],
    ['string_concat(X, "a", Z)', "error(instantiation_error"],
    ["string_concat(f(x), a, S)", "error(type_error(string,f(x))"],
  ]);
});

Deno.test("string_chars/2 and string_codes/2 convert both ways", async (t) => {
  await table(t, [
    ['string_chars("abc", L)', ["L=[a,b,c]"]],
    ["string_chars(abc, L)", ["L=[a,b,c]"]],
    ["string_chars(42, L)", ["L=['4','2']"]],
    ["string_chars(S, [a, b])", ['S="ab"']],
    ["string_chars(S, [])", ['S=""']],
    ['string_chars(S, "xy")', ['S="xy"']],
    ['string_chars("ab", [a|T])', ["T=[b]"]],
    ['string_chars("a😀", L)', ["L=[a,'😀']"]],
    ["string_chars(S, L)", "error(instantiation_error"],
    ["string_chars(S, [a|_])", "error(instantiation_error"],
    ["string_chars(S, foo)", "error(type_error(list,foo)"],
    ["string_chars(S, [f(x)])", "error(type_error(list,[f(x)])"],
    ['string_codes("ab", L)', ["L=[97,98]"]],
    ["string_codes(S, [97, 98])", ['S="ab"']],
    ['string_codes("😀", L)', ["L=[128512]"]],
    ["string_codes(S, [0'a|_])", "error(instantiation_error"],
  ]);
});

Deno.test("string_to_atom/2 and atom_string/2 convert text", async (t) => {
  await table(t, [
    ['string_to_atom("abc", A)', ["A=abc"]],
    ["string_to_atom(S, abc)", ['S="abc"']],
    ["string_to_atom(S, 12)", ['S="12"']],
    ['string_to_atom("abc", abc)', ["true"]],
    ['string_to_atom("abc", abd)', []],
    ["string_to_atom(S, A)", "error(instantiation_error"],
    ["atom_string(abc, S)", ['S="abc"']],
    ['atom_string(A, "abc")', ["A=abc"]],
    ["atom_string(42, S)", ['S="42"']],
    ["atom_string(1.5, S)", ['S="1.5"']],
    ['atom_string(abc, "abc")', ["true"]],
    ["atom_string(A, S)", "error(instantiation_error"],
    ["atom_string(f(x), S)", "error(type_error(atom,f(x))"],
  ]);
});

Deno.test("string_length/2 counts characters", async (t) => {
  await table(t, [
    ['string_length("héllo", L)', ["L=5"]],
    ['string_length("😀", L)', ["L=1"]],
    ["string_length(abc, L)", ["L=3"]],
    ["string_length(123, L)", ["L=3"]],
    ["string_length([a, b], L)", ["L=2"]],
    ['string_length("", L)', ["L=0"]],
    ['string_length("abc", 3)', ["true"]],
    ['string_length("abc", 4)', []],
    ["string_length(S, L)", "error(instantiation_error"],
    ["string_length(f(x), L)", "error(type_error(string,f(x))"],
    ['string_length("abc", foo)', "error(type_error(integer,foo)"],
    ['string_length("abc", -1)', "error(domain_error(not_less_than_zero,-1)"],
  ]);
});

Deno.test("number_string/2 converts and fails on non-numbers", async (t) => {
  await table(t, [
    ['number_string(N, "42")', ["N=42"]],
    ['number_string(N, "-42")', ["N=-42"]],
    ['number_string(N, "+42")', ["N=42"]],
    ['number_string(N, "4.2e1")', ["N=42.0"]],
    ['number_string(N, "0x1f")', ["N=31"]],
    ['number_string(N, "12345678901234567890")', ["N=12345678901234567890"]],
    ["number_string(N, '7')", ["N=7"]],
    ['number_string(N, "abc")', []],
    ['number_string(N, "- 15")', []],
    ['number_string(N, "2 ")', []],
    ['number_string(N, " 2")', []],
    ['number_string(N, "")', []],
    ["number_string(42, S)", ['S="42"']],
    ["number_string(1.0, S)", ['S="1.0"']],
    ["number_string(-0.5, S)", ['S="-0.5"']],
    ['number_string(42, "42")', ["true"]],
    ['number_string(42, "43")', []],
    ["number_string(N, S)", "error(instantiation_error"],
    ['number_string(a, "12")', "error(type_error(number,a)"],
  ]);
});

Deno.test("string_lower/2 and string_upper/2 map each character", async (t) => {
  await table(t, [
    ['string_lower("HeLLo", L)', ['L="hello"']],
    ['string_upper("héllo", U)', ['U="HÉLLO"']],
    ["string_upper(abc, U)", ['U="ABC"']],
    ['string_upper("ß", U)', ['U="ß"']],
    ['string_upper("abc", "ABC")', ["true"]],
    ["string_upper(S, U)", "error(instantiation_error"],
  ]);
});

Deno.test("sub_string/5 enumerates like sub_atom/5", async (t) => {
  await table(t, [
    ['sub_string("hello world", 6, 5, _, S)', ['S="world"']],
    ['sub_string("abc", B, L, A, S)', [
      'B=0, L=0, A=3, S=""',
      'B=0, L=1, A=2, S="a"',
      'B=0, L=2, A=1, S="ab"',
      'B=0, L=3, A=0, S="abc"',
      'B=1, L=0, A=2, S=""',
      'B=1, L=1, A=1, S="b"',
      'B=1, L=2, A=0, S="bc"',
      'B=2, L=0, A=1, S=""',
      'B=2, L=1, A=0, S="c"',
      'B=3, L=0, A=0, S=""',
    ]],
    ['sub_string("abcab", B, 2, A, "ab")', ["B=0, A=3", "B=3, A=0"]],
    ['sub_string("abcab", B, L, A, ab)', ["B=0, L=2, A=3", "B=3, L=2, A=0"]],
    ["sub_string(hello, 1, 3, A, S)", ['A=1, S="ell"']],
    ['sub_string("a😀b", B, 1, 0, S)', ['B=2, S="b"']],
    ["sub_string(S, 0, 1, A, X)", "error(instantiation_error"],
    ['sub_string("abc", x, 1, A, X)', "error(type_error(integer,x)"],
    // Unlike sub_atom/5, a negative integer just fails (SWI-Prolog).
    ['sub_string("abc", -1, L, A, S)', []],
    ['sub_string("abc", B, -1, A, S)', []],
    ['sub_string("abc", B, L, -1, S)', []],
  ]);
});

Deno.test("string_code/3 indexes from 1", async (t) => {
  await table(t, [
    ['string_code(1, "abc", C)', ["C=97"]],
    ['string_code(3, "abc", C)', ["C=99"]],
    ['string_code(4, "abc", C)', []],
    ['string_code(0, "abc", C)', []],
    ['string_code(-1, "abc", C)', []],
    ['string_code(2, "a😀b", C)', ["C=128512"]],
    ['string_code(3, "a😀b", C)', ["C=98"]],
    ['string_code(4, "a😀b", C)', []],
    ['string_code(I, "abc", C)', "error(instantiation_error"],
    ['string_code(a, "abc", C)', "error(type_error(integer,a)"],
  ]);
});

Deno.test("split_string/4 splits at separators and strips padding", async (t) => {
  await table(t, [
    ['split_string("a.b.c.d", ".", "", L)', ['L=["a","b","c","d"]']],
    ['split_string("/home//jan///nice/path", "/", "", L)', [
      'L=["","home","","jan","","","nice","path"]',
    ]],
    ['split_string("SWI-Prolog, 7.0", ",", " ", L)', ['L=["SWI-Prolog","7.0"]']],
    ['split_string("  ", " ", " ", L)', ['L=[""]']],
    ['split_string("", "", "", L)', ['L=[""]']],
    ['split_string("  a b  ", "", " ", L)', ['L=["a b"]']],
    ['split_string("/home//jan///nice/path", "/", "/", L)', ['L=["home","jan","nice","path"]']],
    ['split_string(".a.b.c.d.", ".", "", L)', ['L=["","a","b","c","d",""]']],
    ['split_string("a.b...c.d", ".", "", L)', ['L=["a","b","","","c","d"]']],
    ['split_string("a.b...c.d", ".", ".", L)', ['L=["a","b","c","d"]']],
    ['split_string("a b\\tc", " \\t", "", L)', ['L=["a","b","c"]']],
    ['split_string("a😀b", "😀", "", L)', ['L=["a","b"]']],
    ['split_string(abc, "", "", L)', ['L=["abc"]']],
    ['split_string("a,b", ",", "", ["a", X])', ['X="b"']],
    ['split_string(S, ",", "", L)', "error(instantiation_error"],
    ['split_string("a,b", f(x), "", L)', "error(type_error(string,f(x))"],
  ]);
});

Deno.test("term_string/2 reads and writes terms", async (t) => {
  await table(t, [
    ["term_string(S, f(a, 'B c', [1]))", ["S=\"f(a,'B c',[1])\""]],
    ['term_string(S, "x")', ['S="\\"x\\""']],
    ['term_string("foo(bar, 1 + 2)", T)', ["T=foo(bar,1+2)"]],
    ['term_string("foo(X, Y, X)", T), T = foo(1, 2, Z)', ["T=foo(1,2,1), Z=1"]],
    ['term_string("foo(", T)', "error(syntax_error("],
  ]);
});

Deno.test("text_concat/3 keeps the type of its text", async (t) => {
  await table(t, [
    ["text_concat(abc, def, X)", ["X=abcdef"]],
    ['text_concat(abc, "def", X)', ['X="abcdef"']],
    ['text_concat(X, "def", "abcdef")', ['X="abc"']],
    ["text_concat(X, def, abcdef)", ["X=abc"]],
    ['text_concat(X, Y, "ab")', ['X="", Y="ab"', 'X="a", Y="b"', 'X="ab", Y=""']],
    ["text_concat(X, Y, ab)", ["X='', Y=ab", "X=a, Y=b", "X=ab, Y=''"]],
    ["text_concat(X, Y, Z)", "error(instantiation_error"],
  ]);
});

Deno.test("text_to_string/2 converts any text", async (t) => {
  await table(t, [
    ["text_to_string(hello, S)", ['S="hello"']],
    ["text_to_string([h, i], S)", ['S="hi"']],
    ["text_to_string([0'h, 0'i], S)", ['S="hi"']],
    ["text_to_string([], S)", ['S=""']],
    ['text_to_string("x", S)', ['S="x"']],
    ['text_to_string(X, "s")', ['X="s"']],
    ['text_to_string(hi, "hi")', ["true"]],
    ["text_to_string(X, Y)", "error(instantiation_error"],
    ["text_to_string(f(x), S)", "error(type_error(text,f(x))"],
  ]);
});

Deno.test("read_term_from_atom/3 reads a term", async (t) => {
  await table(t, [
    ["read_term_from_atom('foo(X, bar)', T, []), T = foo(1, B)", ["T=foo(1,bar), B=bar"]],
    ['read_term_from_atom("[1, 2]", T, [])', ["T=[1,2]"]],
    ["read_term_from_atom(A, T, [])", "error(instantiation_error"],
    ["read_term_from_atom(f(x), T, [])", "error(type_error(atom,f(x))"],
  ]);
});
