import assert from "node:assert/strict";
import { Engine } from "../../../mod.ts";
import { check, type Row, table as runTable } from "./_solutions_table.ts";

function table(t: Deno.TestContext, rows: Row[], e: Engine = new Engine()): Promise<void> {
  return runTable(t, rows, e);
}

function lenient(): Engine {
  const e = new Engine();
  e.machine.flags.extra.set("iso", false);
  return e;
}

function withStrings(): Engine {
  const e = new Engine();
  e.machine.flags.doubleQuotes = "string";
  return e;
}

Deno.test("atom_length/2 measures atoms in characters (ISO 8.16.1)", async (t) => {
  await table(t, [
    ["atom_length('enchanted evening', N)", ["N=17"]],
    ["atom_length('', N)", ["N=0"]],
    ["atom_length(scarlet, 5)", []],
    ["atom_length(scarlet, 7)", ["true"]],
    ["atom_length([], N)", ["N=2"]],
    ["atom_length('héllo', 5)", ["true"]],
    ["atom_length('😀', N)", ["N=1"]],
    ["atom_length('a😀b😀', N)", ["N=4"]],
    ["atom_length(Atom, 4)", "error(instantiation_error"],
    ["atom_length(1.23, 4)", "error(type_error(atom,1.23)"],
    ["atom_length(f(a), L)", "error(type_error(atom,f(a))"],
    ["atom_length(atom, '4')", "error(type_error(integer,'4')"],
    ["atom_length(atom, 1.0)", "error(type_error(integer,1.0)"],
    ["atom_length(atom, -1)", "error(domain_error(not_less_than_zero,-1)"],
  ]);
  await t.step("strings are text", () => check(withStrings(), ['atom_length("abc", N)', ["N=3"]]));
  await t.step("numbers only when the iso flag is false", () => {
    const e = lenient();
    check(e, ["atom_length(123, N)", ["N=3"]]);
    check(e, ["atom_length(1.0, N)", ["N=3"]]);
    check(e, ["atom_length(f(x), N)", "error(type_error(atom,f(x))"]);
  });
});

Deno.test("atom_concat/3 works in every mode (ISO 8.16.2)", async (t) => {
  await table(t, [
    ["atom_concat(hello, ' world', S)", ["S='hello world'"]],
    ["atom_concat(T, ' world', 'small world')", ["T=small"]],
    ["atom_concat(hello, ' world', 'small world')", []],
    ["atom_concat(a, b, ab)", ["true"]],
    ["atom_concat(ab, X, abcd)", ["X=cd"]],
    ["atom_concat(ab, X, xabcd)", []],
    ["atom_concat(X, cd, abcd)", ["X=ab"]],
    ["atom_concat(X, cd, abcx)", []],
    ["atom_concat(abcd, X, ab)", []],
    ["atom_concat(T1, T2, hello)", [
      "T1='', T2=hello",
      "T1=h, T2=ello",
      "T1=he, T2=llo",
      "T1=hel, T2=lo",
      "T1=hell, T2=o",
      "T1=hello, T2=''",
    ]],
    ["atom_concat(X, Y, '')", ["X='', Y=''"]],
    ["atom_concat(X, Y, 'a😀')", ["X='', Y='a😀'", "X=a, Y='😀'", "X='a😀', Y=''"]],
    ["atom_concat(X, X, abab)", ["X=ab"]],
    ["atom_concat(X, X, abc)", []],
    ["atom_concat('😀', b, X)", ["X='😀b'"]],
    ["atom_concat(A1, iso, A3)", "error(instantiation_error"],
    ["atom_concat(iso, A2, A3)", "error(instantiation_error"],
    ["atom_concat(A1, A2, A3)", "error(instantiation_error"],
    ["atom_concat(f(a), b, X)", "error(type_error(atom,f(a))"],
    ["atom_concat(a, f(b), X)", "error(type_error(atom,f(b))"],
    ["atom_concat(X, Y, f(c))", "error(type_error(atom,f(c))"],
    ["atom_concat(a, 1, X)", "error(type_error(atom,1)"],
  ]);
  await t.step("numbers only when the iso flag is false", () => {
    const e = lenient();
    check(e, ["atom_concat(x, 1, X)", ["X=x1"]]);
    check(e, ["atom_concat(X, Y, 12)", ["X='', Y='12'", "X='1', Y='2'", "X='12', Y=''"]]);
  });
  await t.step("findall/3 collects every split", () => {
    const e = new Engine();
    check(e, ["findall(X-Y, atom_concat(X, Y, ab), L)", ["L=[''-ab,a-b,ab-'']"]]);
  });
});

Deno.test("sub_atom/5 enumerates in every mode (ISO 8.16.3)", async (t) => {
  await table(t, [
    ["sub_atom(abc, B, L, A, S)", [
      "B=0, L=0, A=3, S=''",
      "B=0, L=1, A=2, S=a",
      "B=0, L=2, A=1, S=ab",
      "B=0, L=3, A=0, S=abc",
      "B=1, L=0, A=2, S=''",
      "B=1, L=1, A=1, S=b",
      "B=1, L=2, A=0, S=bc",
      "B=2, L=0, A=1, S=''",
      "B=2, L=1, A=0, S=c",
      "B=3, L=0, A=0, S=''",
    ]],
    ["sub_atom(abracadabra, 0, 5, _, S2)", ["S2=abrac"]],
    ["sub_atom(abracadabra, _, 5, 0, S2)", ["S2=dabra"]],
    ["sub_atom(abracadabra, 3, L, 3, S2)", ["L=5, S2=acada"]],
    ["sub_atom(abracadabra, B, 2, A, ab)", ["B=0, A=9", "B=7, A=2"]],
    ["sub_atom(charity, _, 3, _, S2)", ["S2=cha", "S2=har", "S2=ari", "S2=rit", "S2=ity"]],
    ["sub_atom(ab, Before, Length, After, Sub_atom)", [
      "Before=0, Length=0, After=2, Sub_atom=''",
      "Before=0, Length=1, After=1, Sub_atom=a",
      "Before=0, Length=2, After=0, Sub_atom=ab",
      "Before=1, Length=0, After=1, Sub_atom=''",
      "Before=1, Length=1, After=0, Sub_atom=b",
      "Before=2, Length=0, After=0, Sub_atom=''",
    ]],
    ["sub_atom(aaa, B, L, A, aa)", ["B=0, L=2, A=1", "B=1, L=2, A=0"]],
    ["sub_atom(abc, B, L, A, '')", [
      "B=0, L=0, A=3",
      "B=1, L=0, A=2",
      "B=2, L=0, A=1",
      "B=3, L=0, A=0",
    ]],
    ["sub_atom(abc, B, L, A, abcd)", []],
    ["sub_atom(abc, B, L, A, x)", []],
    ["sub_atom(abc, 1, L, A, bc)", ["L=2, A=0"]],
    ["sub_atom(abc, 2, L, A, bc)", []],
    ["sub_atom(abc, B, L, 0, bc)", ["B=1, L=2"]],
    ["sub_atom(abc, B, 1, A, bc)", []],
    ["sub_atom(abc, 1, L, A, S)", ["L=0, A=2, S=''", "L=1, A=1, S=b", "L=2, A=0, S=bc"]],
    ["sub_atom(abc, B, 2, A, S)", ["B=0, A=1, S=ab", "B=1, A=0, S=bc"]],
    ["sub_atom(abc, B, L, 1, S)", ["B=0, L=2, S=ab", "B=1, L=1, S=b", "B=2, L=0, S=''"]],
    ["sub_atom(abc, 1, 1, A, S)", ["A=1, S=b"]],
    ["sub_atom(abc, 1, L, 1, S)", ["L=1, S=b"]],
    ["sub_atom(abc, B, 1, 1, S)", ["B=1, S=b"]],
    ["sub_atom(abc, 1, 1, 0, S)", []],
    ["sub_atom(abc, B, B, A, S)", ["B=0, A=3, S=''", "B=1, A=1, S=b"]],
    ["sub_atom(abc, 4, L, A, S)", []],
    ["sub_atom(abc, B, 4, A, S)", []],
    ["sub_atom(abc, B, L, 4, S)", []],
    ["sub_atom('a😀b', 1, 1, A, S)", ["A=1, S='😀'"]],
    ["sub_atom('a😀b😀', B, 1, A, '😀')", ["B=1, A=2", "B=3, A=0"]],
    ["sub_atom('😀😀x', B, L, A, x)", ["B=2, L=1, A=0"]],
    ["sub_atom('héllo', B, 2, 0, S)", ["B=3, S=lo"]],
    ["sub_atom(Banana, 3, 2, _, S2)", "error(instantiation_error"],
    ["sub_atom(f(a), 2, 2, _, S2)", "error(type_error(atom,f(a))"],
    ["sub_atom('Banana', 4, 2, _, 2)", "error(type_error(atom,2)"],
    ["sub_atom('Banana', a, 2, _, S2)", "error(type_error(integer,a)"],
    ["sub_atom('Banana', 4, n, _, S2)", "error(type_error(integer,n)"],
    ["sub_atom('Banana', 4, _, m, S2)", "error(type_error(integer,m)"],
    // A negative integer is a domain error (iso.tst; SWI-Prolog just fails).
    ["sub_atom(abc, -1, L, A, S)", "error(domain_error(not_less_than_zero,-1)"],
    ["sub_atom(a, _, -1, _, _)", "error(domain_error(not_less_than_zero,-1)"],
    ["sub_atom(a, _, _, -1, _)", "error(domain_error(not_less_than_zero,-1)"],
    ["sub_atom(a, _, _, -1, a)", "error(domain_error(not_less_than_zero,-1)"],
    [
      "sub_atom(a, -100000000000000000000, _, _, _)",
      "error(domain_error(not_less_than_zero,-100000000000000000000)",
    ],
    ["sub_atom(a, 100000000000000000000, _, _, _)", []],
  ]);
  await t.step("numbers only when the iso flag is false", () => {
    check(lenient(), ["sub_atom(12345, 1, 3, A, S)", ["A=1, S='234'"]]);
  });
});

Deno.test("atom_chars/2 converts both ways (ISO 8.16.4)", async (t) => {
  await table(t, [
    ["atom_chars('', L)", ["L=[]"]],
    ["atom_chars([], L)", ["L=['[',']']"]],
    ["atom_chars('''', L)", ["L=['\\'']"]],
    ["atom_chars(ant, L)", ["L=[a,n,t]"]],
    ["atom_chars(Str, [s, o, p])", ["Str=sop"]],
    ["atom_chars('North', ['N' | X])", ["X=[o,r,t,h]"]],
    ["atom_chars(soap, [s, o, p])", []],
    ["atom_chars('a😀', L)", ["L=[a,'😀']"]],
    ["atom_chars(X, ['😀', a])", ["X='😀a'"]],
    ["atom_chars(X, [])", ["X=''"]],
    ["atom_chars(X, Y)", "error(instantiation_error"],
    ["atom_chars(X, [a|_])", "error(instantiation_error"],
    ["atom_chars(X, [a, _])", "error(instantiation_error"],
    ["atom_chars(f(a), L)", "error(type_error(atom,f(a))"],
    ["atom_chars(12, L)", "error(type_error(atom,12)"],
    ["atom_chars(X, a)", "error(type_error(list,a)"],
    ["atom_chars(X, [a|b])", "error(type_error(list,[a|b])"],
    ["atom_chars(X, [a, f(b)])", "error(type_error(character,f(b))"],
    ["atom_chars(X, [a, bc])", "error(type_error(character,bc)"],
    ["atom_chars(X, [a, 0'b])", "error(type_error(character,98)"],
  ]);
  await t.step("numbers only when the iso flag is false", () => {
    check(lenient(), ["atom_chars(12, L)", ["L=['1','2']"]]);
    check(lenient(), ["atom_chars(1.5, L)", ["L=['1','.','5']"]]);
  });
});

Deno.test("atom_codes/2 converts both ways (ISO 8.16.5)", async (t) => {
  await table(t, [
    ["atom_codes('', L)", ["L=[]"]],
    ["atom_codes([], L)", ["L=[91,93]"]],
    ["atom_codes('''', L)", ["L=[39]"]],
    ["atom_codes(iso, L)", ["L=[105,115,111]"]],
    ["atom_codes(A, [0'p, 0'r, 0'o, 0'l, 0'o, 0'g])", ["A=prolog"]],
    ["atom_codes('North', [0'N | L])", ["L=[111,114,116,104]"]],
    ["atom_codes(iso, [0'i, 0's])", []],
    ["atom_codes('😀', L)", ["L=[128512]"]],
    ["atom_codes(A, [128512, 0'x])", ["A='😀x'"]],
    ["atom_codes('é', L)", ["L=[233]"]],
    ["atom_codes(A, L)", "error(instantiation_error"],
    ["atom_codes(A, [0'i|_])", "error(instantiation_error"],
    ["atom_codes(f(a), L)", "error(type_error(atom,f(a))"],
    ["atom_codes(A, 0'x)", "error(type_error(list,120)"],
    ["atom_codes(A, [0'i, 0's, -1])", "error(representation_error(character_code)"],
    ["atom_codes(A, [0'i, 0x110000])", "error(representation_error(character_code)"],
    ["atom_codes(A, [a])", "error(representation_error(character_code)"],
  ]);
});

Deno.test("char_code/2 converts both ways (ISO 8.16.6)", async (t) => {
  await table(t, [
    ["char_code(a, X)", ["X=97"]],
    ["char_code(X, 99)", ["X=c"]],
    ["char_code(X, 0'c)", ["X=c"]],
    ["char_code(X, 163)", ["X='£'"]],
    ["char_code(b, 98)", ["true"]],
    ["char_code(b, 4)", []],
    ["char_code('😀', X)", ["X=128512"]],
    ["char_code(X, 128512)", ["X='😀'"]],
    ["char_code(ab, Code)", "error(type_error(character,ab)"],
    ["char_code(1, Code)", "error(type_error(character,1)"],
    ["char_code(Char, Code)", "error(instantiation_error"],
    ["char_code(a, x)", "error(type_error(integer,x)"],
    ["char_code(Char, -2)", "error(representation_error(character_code)"],
    ["char_code(Char, 1114112)", "error(representation_error(character_code)"],
  ]);
});

Deno.test("number_chars/2 parses with the reader (ISO 8.16.7)", async (t) => {
  await table(t, [
    ["number_chars(33, L)", ["L=['3','3']"]],
    ["number_chars(33, ['3', '3'])", ["true"]],
    ["number_chars(33.0, L)", ["L=['3','3','.','0']"]],
    ["number_chars(-25, L)", ["L=[-,'2','5']"]],
    ["number_chars(X, ['3', '.', '3', 'E', +, '0'])", ["X=3.3"]],
    ["number_chars(3.3, ['3', '.', '3'])", ["true"]],
    ["number_chars(A, [-, '2', '5'])", ["A=-25"]],
    ["number_chars(A, ['\\n', ' ', '3'])", ["A=3"]],
    ["number_chars(A, [/, *, *, /, '1'])", ["A=1"]],
    ["number_chars(A, ['0', x, f])", ["A=15"]],
    ["number_chars(A, ['0', '''', a])", ["A=97"]],
    ["number_chars(A, ['0', b, '1', '0'])", ["A=2"]],
    ["number_chars(A, ['4', '.', '2'])", ["A=4.2"]],
    ["number_chars(A, ['4', '2', '.', '0', e, -, '1'])", ["A=4.2"]],
    ["number_chars(1, [' ', '1'])", ["true"]],
    // Layout and comments may come between the minus sign and the digits (iso.tst).
    ["number_chars(A, [-, ' ', '1'])", ["A=-1"]],
    ["number_chars(A, [-, '%', '\\n', '1'])", ["A=-1"]],
    ["number_chars(-1, [' ', -, ' ', '1'])", ["true"]],
    [
      "number_chars(A, ['1','2','3','4','5','6','7','8','9','0','1','2','3','4','5','6','7','8','9','0'])",
      [
        "A=12345678901234567890",
      ],
    ],
    ["number_chars(12345678901234567890, L)", [
      "L=['1','2','3','4','5','6','7','8','9','0','1','2','3','4','5','6','7','8','9','0']",
    ]],
    ["number_chars(A, L)", "error(instantiation_error"],
    ["number_chars(A, ['1'|_])", "error(instantiation_error"],
    ["number_chars(A, [a|_])", "error(instantiation_error"],
    ["number_chars(a, L)", "error(type_error(number,a)"],
    ["number_chars(A, 4)", "error(type_error(list,4)"],
    ["number_chars(A, ['4', 2])", "error(type_error(character,2)"],
    ["number_chars(A, ['3', ' '])", "error(syntax_error(illegal_number)"],
    ["number_chars(A, [-, /, *, *, /, '1'])", "error(syntax_error(illegal_number)"],
    ["number_chars(A, [-, ' ', -, '1'])", "error(syntax_error(illegal_number)"],
    ["number_chars(A, ['1', '.'])", "error(syntax_error(illegal_number)"],
    ["number_chars(A, [+, '1'])", "error(syntax_error(illegal_number)"],
    ["number_chars(A, [a])", "error(syntax_error(illegal_number)"],
    ["number_chars(A, [])", "error(syntax_error(illegal_number)"],
    ["number_chars(A, ['(', '1', ')'])", "error(syntax_error(illegal_number)"],
    ["number_chars(1, [a])", "error(syntax_error(illegal_number)"],
    // A bound Number does not excuse a List that is not a list (8.16.7.3 c),
    // and the list is checked before the number.
    ["number_chars(1, 1)", "error(type_error(list,1)"],
    ["number_chars(1, [a|2])", "error(type_error(list,[a|2])"],
    ["catch(number_chars(1, [_|2]), error(type_error(list, [V|2]), _), var(V))", ["true"]],
    ["number_chars([], 1)", "error(type_error(list,1)"],
    ["number_chars(1, [[]|2])", "error(type_error(character,[])"],
    ["number_chars(a, [_|_])", "error(type_error(number,a)"],
  ]);
});

Deno.test("number_codes/2 parses with the reader (ISO 8.16.8)", async (t) => {
  await table(t, [
    ["number_codes(33, L)", ["L=[51,51]"]],
    ["number_codes(33, [0'3, 0'3])", ["true"]],
    ["number_codes(A, [0'-, 0'2, 0'5])", ["A=-25"]],
    ['number_codes(X, " 12")', ["X=12"]],
    ['number_codes(X, "/* c */ 12")', ["X=12"]],
    ['number_codes(X, "% c\\n12")', ["X=12"]],
    ['number_codes(X, "0x1F")', ["X=31"]],
    ['number_codes(X, "0\'c")', ["X=99"]],
    ['number_codes(X, "-12")', ["X=-12"]],
    ['number_codes(X, "-0.5")', ["X=-0.5"]],
    ['number_codes(X, "1.0e10")', ["X=10000000000.0"]],
    ["number_codes(A, L)", "error(instantiation_error"],
    ["number_codes(a, L)", "error(type_error(number,a)"],
    ["number_codes(A, 4)", "error(type_error(list,4)"],
    ["number_codes(A, [0'1, a])", "error(representation_error(character_code)"],
    ["number_codes(A, [0'1, -1])", "error(representation_error(character_code)"],
    ['number_codes(X, "- 12")', ["X=-12"]],
    ['number_codes(X, "- /**/1")', ["X=-1"]],
    ['number_codes(X, "/**/- /**/3")', ["X=-3"]],
    ['number_codes(X, "-/**/1")', "error(syntax_error(illegal_number)"],
    ['number_codes(X, "- - 1")', "error(syntax_error(illegal_number)"],
    ["number_codes(1, 1)", "error(type_error(list,1)"],
    ["number_codes(1, [0'a|2])", "error(type_error(list,[97|2])"],
    ["catch(number_codes(1, [_|2]), error(type_error(list, [V|2]), _), var(V))", ["true"]],
    ["number_codes([], 1)", "error(type_error(list,1)"],
    ["number_codes(1, [[]|2])", "error(representation_error(character_code)"],
    ['number_codes(X, "12 ")', "error(syntax_error(illegal_number)"],
    ['number_codes(X, "1x")', "error(syntax_error(illegal_number)"],
    ['number_codes(X, "foo")', "error(syntax_error(illegal_number)"],
  ]);
});

Deno.test("number_codes/2 and number_chars/2 follow SWI-Prolog with the iso flag false", async (t) => {
  await table(t, [
    ['number_codes(X, "- 12")', "error(syntax_error(illegal_number)"],
    ["number_chars(X, ['-', ' ', '1'])", "error(syntax_error(illegal_number)"],
    ['number_codes(X, "- /**/1")', "error(syntax_error(illegal_number)"],
    ['number_codes(X, "-12")', ["X=-12"]],
    ['number_codes(X, "+12")', ["X=12"]],
    ['number_codes(X, " 12")', ["X=12"]],
    ['number_codes(X, "/**/ -0x1F")', ["X=-31"]],
    ['number_codes(X, "12 ")', "error(syntax_error(illegal_number)"],
  ], lenient());
  // In ISO mode (the default) "- 1" is -1, as the ISO conformance suite expects.
  await table(t, [
    ["number_chars(X, ['-', ' ', '1'])", ["X=-1"]],
    ['number_codes(X, "+12")', "error(syntax_error(illegal_number)"],
  ]);
});

Deno.test("atom_number/2 fails on text that is not a number", async (t) => {
  await table(t, [
    ["atom_number(A, 1.0)", ["A='1.0'"]],
    ["atom_number(A, 12)", ["A='12'"]],
    ["atom_number(A, -3)", ["A='-3'"]],
    ["atom_number(A, 12345678901234567890)", ["A='12345678901234567890'"]],
    ["atom_number('1.0', N)", ["N=1.0"]],
    ["atom_number('0x1A', N)", ["N=26"]],
    ["atom_number('-12', N)", ["N=-12"]],
    ["atom_number('12', 12)", ["true"]],
    ["atom_number('12', 13)", []],
    ["atom_number(foo, N)", []],
    ["atom_number('12 ', N)", []],
    ["atom_number(' 12', N)", []],
    ["atom_number('- 7', N)", []],
    ["atom_number('-/**/7', N)", []],
    ["atom_number('%c\n7', N)", []],
    ["atom_number('+7', N)", ["N=7"]],
    ["atom_number('', N)", []],
    ["atom_number(A, N)", "error(instantiation_error"],
    ["atom_number(A, foo)", "error(type_error(number,foo)"],
    ["atom_number(f(x), N)", "error(type_error(atom,f(x))"],
  ]);
});

Deno.test("term_to_atom/2 and atom_to_term/3 read and write terms", async (t) => {
  await table(t, [
    ["term_to_atom(f(a, 'B c', [1, 2]), A)", ["A='f(a,\\'B c\\',[1,2])'"]],
    ["term_to_atom(1 + 2 * 3, A)", ["A='1+2*3'"]],
    ["term_to_atom(T, 'foo(bar, [1])')", ["T=foo(bar,[1])"]],
    ["term_to_atom(f(x), 'f(x)')", ["true"]],
    ["term_to_atom(f(y), 'f(x)')", []],
    ["term_to_atom(T, 'foo(')", "error(syntax_error("],
    ["term_to_atom(T, f(x))", "error(type_error(atom,f(x))"],
    ["atom_to_term('foo(X, Y, X)', T, B), B = ['X'=1, 'Y'=2]", ["T=foo(1,2,1), B=['X'=1,'Y'=2]"]],
    ["atom_to_term('a + b', T, B)", ["T=a+b, B=[]"]],
    ["atom_to_term(A, T, B)", "error(instantiation_error"],
  ]);
  await t.step("variables written by term_to_atom read back shared", () => {
    const e = new Engine();
    const s = e.once("term_to_atom(foo(X, Y, X), A), term_to_atom(T, A), T = foo(1, 2, Z)");
    assert.equal(s?.bindings.Z, 1);
  });
});

Deno.test("upcase_atom/2 and downcase_atom/2 map each character", async (t) => {
  await table(t, [
    ["upcase_atom('Hello World', X)", ["X='HELLO WORLD'"]],
    ["downcase_atom('Hello World', X)", ["X='hello world'"]],
    ["upcase_atom('héllo', X)", ["X='HÉLLO'"]],
    ["downcase_atom('ÀB', X)", ["X=àb"]],
    ["upcase_atom('ß', X)", ["X=ß"]],
    ["upcase_atom('😀a', X)", ["X='😀A'"]],
    ["upcase_atom(abc, 'ABC')", ["true"]],
    ["upcase_atom(abc, abc)", []],
    ["upcase_atom(123, X)", ["X='123'"]],
    ["upcase_atom(X, Y)", "error(instantiation_error"],
    ["upcase_atom(f(x), Y)", "error(type_error(atom,f(x))"],
    ["upcase_atom(abc, f(x))", "error(type_error(atom,f(x))"],
  ]);
});

Deno.test("atomic_list_concat/2 joins atomic terms", async (t) => {
  await table(t, [
    ["atomic_list_concat([a, b, c], X)", ["X=abc"]],
    ["atomic_list_concat([a, 1, 2.5, -3], X)", ["X='a12.5-3'"]],
    ["atomic_list_concat([], X)", ["X=''"]],
    ["atomic_list_concat([a, b], ab)", ["true"]],
    ["atomic_list_concat([a, b], ac)", []],
    ["atomic_list_concat([a, B], X)", "error(instantiation_error"],
    ["atomic_list_concat(L, X)", "error(instantiation_error"],
    ["atomic_list_concat([a|_], X)", "error(instantiation_error"],
    ["atomic_list_concat([a|b], X)", "error(type_error(list,[a|b])"],
    ["atomic_list_concat([f(x)], X)", "error(type_error(atomic,f(x))"],
  ]);
  await t.step("strings join as text", () => {
    check(withStrings(), ['atomic_list_concat([a, "b c"], X)', ["X='ab c'"]]);
  });
});

Deno.test("atomic_list_concat/3 joins, or splits when the list is open", async (t) => {
  await table(t, [
    ["atomic_list_concat([a, b, c], '-', X)", ["X='a-b-c'"]],
    ["atomic_list_concat([a, b], ', ', X)", ["X='a, b'"]],
    ["atomic_list_concat([1, 2], +, X)", ["X='1+2'"]],
    ["atomic_list_concat(['', ''], ',', X)", ["X=','"]],
    ["atomic_list_concat([a], ',', X)", ["X=a"]],
    ["atomic_list_concat([a, b], '', X)", ["X=ab"]],
    ["atomic_list_concat([a, b], -, 'a-b')", ["true"]],
    ["atomic_list_concat(L, ',', 'a,b,c')", ["L=[a,b,c]"]],
    ["atomic_list_concat(L, ',', 'a,,b')", ["L=[a,'',b]"]],
    ["atomic_list_concat(L, ',', '')", ["L=['']"]],
    ["atomic_list_concat(L, ',', ',')", ["L=['','']"]],
    ["atomic_list_concat(L, '--', 'a--b----c')", ["L=[a,b,'',c]"]],
    ["atomic_list_concat(L, ',', abc)", ["L=[abc]"]],
    ["atomic_list_concat([a, B, c], ',', 'a,b,c')", ["B=b"]],
    ["atomic_list_concat([a, B], ',', 'a,b,c')", []],
    ["atomic_list_concat(L, '', abc)", "error(domain_error(non_empty_atom,'')"],
    ["atomic_list_concat(L, S, abc)", "error(instantiation_error"],
    ["atomic_list_concat(L, ',', X)", "error(instantiation_error"],
    ["atomic_list_concat([a], f(x), X)", "error(type_error(atomic,f(x))"],
  ]);
});

Deno.test("char_type/2 and code_type/2 classify characters", async (t) => {
  await table(t, [
    ["char_type(a, alpha)", ["true"]],
    ["char_type('é', alpha)", ["true"]],
    ["char_type('1', alpha)", []],
    ["char_type('1', alnum)", ["true"]],
    ["char_type('_', csym)", ["true"]],
    ["char_type('_', csymf)", ["true"]],
    ["char_type('1', csymf)", []],
    ["char_type(' ', space)", ["true"]],
    ["char_type('\\t', white)", ["true"]],
    ["char_type('\\n', white)", []],
    ["char_type('\\n', end_of_line)", ["true"]],
    ["char_type('\\r', end_of_line)", ["true"]],
    ["char_type(a, end_of_line)", []],
    ["char_type('!', punct)", ["true"]],
    ["char_type(a, punct)", []],
    ["char_type(a, graph)", ["true"]],
    ["char_type(' ', graph)", []],
    ["char_type('A', upper)", ["true"]],
    ["char_type('A', upper(L))", ["L=a"]],
    ["char_type('É', upper(L))", ["L=é"]],
    ["char_type(a, upper(L))", []],
    ["char_type(a, lower(U))", ["U='A'"]],
    ["char_type(X, upper(a))", ["X='A'"]],
    ["char_type(X, lower('A'))", ["X=a"]],
    ["char_type('5', digit(W))", ["W=5"]],
    ["char_type(X, digit(7))", ["X='7'"]],
    ["code_type(0'7, digit(W))", ["W=7"]],
    ["code_type(X, digit(7))", ["X=55"]],
    ["char_type(f, xdigit(W))", ["W=15"]],
    ["char_type(X, xdigit(11))", ["X=b"]],
    ["char_type('(', paren(C))", ["C=')'"]],
    ["char_type(a, to_lower(U))", ["U='A'"]],
    ["char_type(X, to_lower('A'))", ["X=a"]],
    ["char_type(X, to_upper(a))", ["X='A'"]],
    ["code_type(0'a, to_lower(0'a))", ["true"]],
    ["code_type(0'a, to_lower(0'b))", []],
    ["char_type(97, alpha)", ["true"]],
    ["code_type(a, alpha)", ["true"]],
    ["code_type(-1, end_of_file)", ["true"]],
    ["char_type(end_of_file, T)", ["T=end_of_file"]],
    ["findall(C, char_type(C, digit(_)), L)", ["L=['0','1','2','3','4','5','6','7','8','9']"]],
    ["findall(C, code_type(C, white), L)", ["L=[9,32]"]],
    ["findall(C, char_type(C, period), L)", ["L=[!,'.',?]"]],
    ["findall(T, char_type(a, T), L)", [
      "L=[alnum,alpha,csym,csymf,prolog_atom_start,prolog_identifier_continue,ascii,print," +
      "graph,lower,lower('A'),to_lower('A'),to_upper(a),xdigit(10)]",
    ]],
    ["char_type(X, Y)", "error(instantiation_error"],
    ["char_type(ab, alpha)", "error(type_error(character,ab)"],
    ["code_type(-5, alpha)", "error(representation_error(character_code)"],
    ["char_type(a, foo)", "error(type_error(char_type,foo)"],
    ["char_type(a, digit(x, y))", "error(type_error(char_type,digit(x,y))"],
  ]);
});

Deno.test("text builtins refuse cyclic lists instead of growing forever", async (t) => {
  await table(t, [
    ["L = [0'a|L], atom_codes(A, L)", "error(type_error(list,"],
    ["L = [a|L], atom_chars(A, L)", "error(type_error(list,"],
    ["L = [a|L], atomic_list_concat(L, A)", "error(type_error(list,"],
    ["L = [a|L], atomic_list_concat(L, '-', A)", "error(type_error(list,"],
  ]);
});
