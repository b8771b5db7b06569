import assert from "node:assert/strict";
import { dcgBody, dcgTransform } from "../../engine/dcg.ts";
import { PrologThrow } from "../../engine/errors.ts";
import { Operators } from "../../engine/operators.ts";
import { readTerm } from "../../engine/parser.ts";
import {
  deref,
  mkAtom,
  mkInt,
  mkStruct,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  Var,
} from "../../engine/term.ts";
import { formatTerm } from "../../engine/writer.ts";
import { Engine, PrologError } from "../../mod.ts";

const ops = new Operators();

function read(text: string): Term {
  return readTerm(text, { ops, doubleQuotes: "codes" }).term;
}

/**
 * Text of a term with its variables named A, B, ... in order of first
 * occurrence, so two terms print alike exactly when they are variants.
 */
function canon(t: Term): string {
  const stack: Term[] = [t];
  let n = 0;
  while (stack.length > 0) {
    const x = deref(stack.pop()!);
    if (x.tag === VAR) {
      (x as Var).ref = mkStruct("$VAR", [mkInt(n++)]);
    } else if (x.tag === STRUCT) {
      const args = (x as Struct).args;
      for (let i = args.length - 1; i >= 0; i--) stack.push(args[i]);
    }
  }
  return formatTerm(t, { ops, quoted: true, numberVars: true });
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof PrologThrow) return formatTerm(e.ball, { ops, quoted: true });
    throw e;
  }
  return "no error";
}

Deno.test("dcgTransform() translates rules", async (t) => {
  const rows: [string, string, string][] = [
    ["a terminal list", "a --> [x].", "a(S0, S) :- S0 = [x|S]"],
    ["several terminals", "a --> [x, y].", "a(S0, S) :- S0 = [x, y|S]"],
    ["the empty list", "a --> [].", "a(S0, S) :- S0 = S"],
    ["a code string", 'a --> "ab".', "a(S0, S) :- S0 = [97, 98|S]"],
    ["a non-terminal gets two arguments", "a --> b.", "a(S0, S) :- b(S0, S)"],
    [
      "a compound non-terminal keeps its arguments",
      "a(X) --> b(X, 1).",
      "a(X, S0, S) :- b(X, 1, S0, S)",
    ],
    [
      "a sequence threads the lists",
      "a --> b, c, d.",
      "a(S0, S) :- b(S0, S1), (c(S1, S2), d(S2, S))",
    ],
    ["terminals inside a sequence", "a --> [x], b.", "a(S0, S) :- S0 = [x|S1], b(S1, S)"],
    ["a disjunction", "a --> b ; c.", "a(S0, S) :- b(S0, S) ; c(S0, S)"],
    ["a bar disjunction", "a --> b | c.", "a(S0, S) :- b(S0, S) ; c(S0, S)"],
    ["if-then-else", "a --> (b -> c ; d).", "a(S0, S) :- (b(S0, S1) -> c(S1, S) ; d(S0, S))"],
    ["a {} goal", "a --> {foo(X)}.", "a(S0, S) :- foo(X), S0 = S"],
    ["a cut", "a --> !, b.", "a(S0, S) :- (!, S0 = S1), b(S1, S)"],
    ["a negation", "a --> \\+ b.", "a(S0, S) :- \\+ b(S0, _), S0 = S"],
    ["call//N", "a --> call(g, x).", "a(S0, S) :- call(g, x, S0, S)"],
    ["a variable body", "a --> X.", "a(S0, S) :- phrase(X, S0, S)"],
    ["pushback", "a, [p] --> b.", "a(S0, S) :- b(S0, S1), S = [p|S1]"],
    ["pushback of several terminals", "a, [p, q] --> [].", "a(S0, S) :- S0 = S1, S = [p, q|S1]"],
  ];
  for (const [name, rule, expected] of rows) {
    await t.step(name, () => {
      assert.equal(canon(dcgTransform(read(rule))), canon(read(expected)));
    });
  }
});

Deno.test("dcgTransform() raises ISO errors for bad rules", async (t) => {
  const rows: [string, string, string][] = [
    ["a variable head", "X --> a.", "error(instantiation_error,_"],
    ["a number head", "1 --> a.", "error(type_error(callable,1),_"],
    ["a number in the body", "a --> 1.", "error(type_error(callable,1),_"],
    ["a partial terminal list", "a --> [x|T].", "error(type_error(list,[x|"],
    ["a pushback that is not a list", "a, b --> c.", "error(type_error(list,b),_"],
  ];
  for (const [name, rule, prefix] of rows) {
    await t.step(name, () => {
      const text = errorOf(() => dcgTransform(read(rule)));
      assert.ok(text.startsWith(prefix), text);
    });
  }
});

Deno.test("dcgBody() translates a phrase body between two lists", async (t) => {
  const rows: [string, string, string][] = [
    ["a non-terminal", "greeting", "greeting(S0, S)"],
    ["a terminal list", "[a, b]", "S0 = [a, b|S]"],
    ["a conjunction", "(x, [y])", "x(S0, S1), S1 = [y|S]"],
    ["a {} goal", "{true}", "true, S0 = S"],
  ];
  for (const [name, body, expected] of rows) {
    await t.step(name, () => {
      const s0 = new Var(), s = new Var();
      const goal = dcgBody(read(body), s0, s);
      // Wrap so S0 and S are named first, in that order.
      assert.equal(canon(mkStruct("t", [s0, s, goal])), canon(read(`t(S0, S, (${expected}))`)));
    });
  }
  await t.step("a variable body calls phrase/3", () => {
    const v = new Var();
    const g = dcgBody(v, new Var(), new Var()) as Struct;
    assert.equal(g.fn.indicator, "phrase/3");
    assert.equal(g.args[0], v);
  });
  await t.step("a bound variable body is dereferenced", () => {
    const v = new Var();
    v.ref = mkAtom("nt");
    assert.equal((dcgBody(v, new Var(), new Var()) as Struct).fn.indicator, "nt/2");
  });
});

Deno.test("DCG rules run through phrase/2,3", async (t) => {
  const e = new Engine(`
    greeting --> [hello], name.
    name --> [world].
    name --> [prolog].
    digits([D|T]) --> digit(D), digits(T).
    digits([D]) --> digit(D).
    digit(D) --> [D], { code_type(D, digit) }.
    ab --> "ab".
    look, [X] --> [X].
    anything([]) --> [].
    anything([H|T]) --> [H], anything(T).
    notx --> \\+ [x], [_].
    cut1 --> [a], !, [b].
    cut1 --> [a], [c].
    g(X) --> call(h, X).
    h(X, [X|S], S).
    ite(T) --> ([a] -> { T = yes } ; { T = no }), anything(_).
  `);
  await t.step("the rules load", () => assert.deepEqual(e.loadIssues, []));
  const rows: [string, string, string[]][] = [
    ["phrase/2 accepts a sentence", "phrase(greeting, [hello, world])", ["{}"]],
    ["phrase/2 generates sentences", "phrase(greeting, L)", [
      '{"L":"[hello,world]"}',
      '{"L":"[hello,prolog]"}',
    ]],
    ["phrase/3 leaves the rest", "phrase(digits(D), `12a`, R)", [
      '{"D":"[49,50]","R":"[97]"}',
      '{"D":"[49]","R":"[50,97]"}',
    ]],
    ["a string literal is codes", "phrase(ab, X)", ['{"X":"[97,98]"}']],
    ["pushback puts the terminal back", "phrase(look, [a, b], R)", ['{"R":"[a,b]"}']],
    ["phrase/3 with a bound rest", "phrase(anything(X), [a, b], [b])", ['{"X":"[a]"}']],
    ["negation succeeds", "phrase(notx, [y])", ["{}"]],
    ["negation fails", "phrase(notx, [x])", []],
    ["a cut commits to the clause", "phrase(cut1, [a, c])", []],
    ["call//N passes the lists", "phrase(g(X), [q])", ['{"X":"q"}']],
    ["if-then-else takes the then branch", "phrase(ite(T), [a, z])", ['{"T":"yes"}']],
    ["if-then-else takes the else branch", "phrase(ite(T), [z])", ['{"T":"no"}']],
    ["a terminal list body", "phrase([a, b], L, R)", ['{"L":"[a,b|_]","R":"_"}']],
    ["a control construct body", "phrase(({X = 1}, [a]), L)", ['{"X":"1","L":"[a]"}']],
  ];
  for (const [name, goal, expected] of rows) {
    await t.step(name, () => {
      const got = [...e.query(goal, { maxSolutions: 4 })].map((s) =>
        JSON.stringify(s.text).replace(/_G\d+/g, "_")
      );
      assert.deepEqual(got, expected);
    });
  }
  const errors: [string, string, RegExp][] = [
    ["an unbound body", "phrase(X, [a])", /^error\(instantiation_error/],
    ["a list that is not a list", "phrase(greeting, foo)", /^error\(type_error\(list,foo\)/],
    ["a number body", "phrase(1, [])", /^error\(type_error\(callable,1\)/],
    [
      "an unknown non-terminal",
      "phrase(nope_h13, [])",
      /^error\(existence_error\(procedure,nope_h13\/2\)/,
    ],
  ];
  for (const [name, goal, pattern] of errors) {
    await t.step(name, () => {
      assert.throws(
        () => e.once(goal),
        (err) => err instanceof PrologError && pattern.test(e.format(err.term)),
      );
    });
  }
});
