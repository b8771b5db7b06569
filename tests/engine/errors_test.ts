import assert from "node:assert/strict";
import {
  domainError,
  evaluationError,
  existenceError,
  instantiationError,
  permissionError,
  PrologThrow,
  representationError,
  resourceError,
  syntaxError,
  systemError,
  typeError,
} from "../../engine/errors.ts";
import { Operators } from "../../engine/operators.ts";
import {
  deref,
  mkAtom,
  mkFunctor,
  mkInt,
  mkStruct,
  type Struct,
  type Term,
  VAR,
} from "../../engine/term.ts";
import { formatTerm } from "../../engine/writer.ts";
import { Engine, PrologError } from "../../mod.ts";

const ops = new Operators();

function text(t: Term): string {
  return formatTerm(t, { ops, quoted: true });
}

function formal(e: PrologThrow): string {
  return text((e.ball as Struct).args[0]);
}

function context(e: PrologThrow): Term {
  return deref((e.ball as Struct).args[1]);
}

Deno.test("PrologThrow carries a ball", () => {
  const ball = mkAtom("oops");
  const e = new PrologThrow(ball);
  assert.ok(e instanceof Error);
  assert.equal(e.ball, ball);
  assert.equal(e.message, "Prolog exception");
});

Deno.test("error helpers build ISO 7.12.2 formal terms", async (t) => {
  const culprit = mkStruct("f", [mkInt(1)]);
  const rows: [string, PrologThrow, string][] = [
    ["instantiationError()", instantiationError(), "instantiation_error"],
    ["typeError()", typeError("callable", mkInt(3)), "type_error(callable,3)"],
    ["typeError() keeps a compound culprit", typeError("atom", culprit), "type_error(atom,f(1))"],
    [
      "domainError()",
      domainError("not_less_than_zero", mkInt(-1)),
      "domain_error(not_less_than_zero,-1)",
    ],
    [
      "existenceError()",
      existenceError("procedure", mkStruct("/", [mkAtom("foo"), mkInt(0)])),
      "existence_error(procedure,foo/0)",
    ],
    [
      "permissionError()",
      permissionError("modify", "static_procedure", mkAtom("x")),
      "permission_error(modify,static_procedure,x)",
    ],
    ["representationError()", representationError("max_arity"), "representation_error(max_arity)"],
    ["evaluationError()", evaluationError("zero_divisor"), "evaluation_error(zero_divisor)"],
    ["resourceError()", resourceError("memory"), "resource_error(memory)"],
    ["systemError()", systemError("disk full"), "system_error('disk full')"],
    ["syntaxError()", syntaxError("operator expected", 3, 7), "syntax_error('operator expected')"],
  ];
  for (const [name, err, expected] of rows) {
    await t.step(name, () => {
      assert.ok(err instanceof PrologThrow);
      const ball = err.ball as Struct;
      assert.equal(ball.fn, mkFunctor("error", 2));
      assert.equal(formal(err), expected);
    });
  }
});

Deno.test("error helpers leave the context unbound without a predicate", async (t) => {
  const rows: [string, PrologThrow][] = [
    ["instantiationError()", instantiationError()],
    ["typeError()", typeError("integer", mkAtom("a"))],
    ["domainError()", domainError("d", mkAtom("a"))],
    ["existenceError()", existenceError("k", mkAtom("a"))],
    ["permissionError()", permissionError("a", "b", mkAtom("c"))],
    ["representationError()", representationError("r")],
    ["evaluationError()", evaluationError("undefined")],
    ["resourceError()", resourceError("r")],
    ["systemError()", systemError("s")],
  ];
  for (const [name, err] of rows) {
    await t.step(name, () => assert.equal(context(err).tag, VAR));
  }
  await t.step("each error gets its own context variable", () => {
    assert.notEqual(context(instantiationError()), context(instantiationError()));
  });
});

Deno.test("error helpers put the culprit predicate in context(Name/Arity, _)", async (t) => {
  const pi = mkFunctor("atom_length", 2);
  const rows: [string, PrologThrow][] = [
    ["instantiationError()", instantiationError(pi)],
    ["typeError()", typeError("integer", mkAtom("a"), pi)],
    ["domainError()", domainError("d", mkAtom("a"), pi)],
    ["existenceError()", existenceError("k", mkAtom("a"), pi)],
    ["permissionError()", permissionError("a", "b", mkAtom("c"), pi)],
    ["representationError()", representationError("r", pi)],
    ["evaluationError()", evaluationError("undefined", pi)],
  ];
  for (const [name, err] of rows) {
    await t.step(name, () => {
      const ctx = context(err) as Struct;
      assert.equal(ctx.fn, mkFunctor("context", 2));
      assert.equal(text(ctx.args[0]), "atom_length/2");
      assert.equal(deref(ctx.args[1]).tag, VAR);
    });
  }
});

Deno.test("syntaxError() records the position as context(Line:Column, [])", () => {
  const err = syntaxError("unexpected token", 12, 4);
  assert.equal(text(err.ball), "error(syntax_error('unexpected token'),context(12:4,[]))");
});

Deno.test("error terms reach the user unchanged through the engine", async (t) => {
  const e = new Engine();
  const rows: [string, string, RegExp][] = [
    ["instantiation", "atom_length(X, Y)", /^error\(instantiation_error,/],
    ["type", "atom_length(abc, a)", /^error\(type_error\(integer,a\),/],
    ["domain", "atom_length(abc, -1)", /^error\(domain_error\(not_less_than_zero,-1\),/],
    ["existence", "h13_nope", /^error\(existence_error\(procedure,h13_nope\/0\),/],
    [
      "permission",
      "asserta(atom(x))",
      /^error\(permission_error\(modify,static_procedure,atom\/1\),/,
    ],
    ["evaluation", "X is 1 / 0", /^error\(evaluation_error\(zero_divisor\),/],
    [
      "caught by catch/3",
      "catch(atom_length(X, Y), E, true), throw(E)",
      /^error\(instantiation_error,/,
    ],
  ];
  for (const [name, goal, pattern] of rows) {
    await t.step(name, () => {
      assert.throws(
        () => e.once(goal),
        (err) => err instanceof PrologError && pattern.test(e.format(err.term)),
      );
    });
  }
  await t.step("catch/3 can match the formal term", () => {
    assert.equal(
      e.once("catch(atom_length(abc, a), error(type_error(T, C), _), true)")?.text.T,
      "integer",
    );
  });
});

Deno.test("a builtin's error term is copied before unwinding, as throw/1's ball (ISO 7.8.9.1)", () => {
  const e = new Engine("");
  // T=[1] is undone when the error unwinds to catch/3: the culprit keeps it.
  for (
    const [goal, culprit] of [
      ["catch((T = [1], atom_length([2|T], _)), error(type_error(_, C), _), true)", "[2,1]"],
      ["catch((T = [1], between(1, 2, [2|T])), error(type_error(_, C), _), true)", "[2,1]"],
      ["catch((T = [1], throw(f([2|T]))), f(C), true)", "[2,1]"],
    ]
  ) {
    const s = e.once(goal);
    assert.ok(s !== null, goal);
    assert.equal(s.text.C, culprit, goal);
  }
});
