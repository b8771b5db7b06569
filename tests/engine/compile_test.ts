import assert from "node:assert/strict";
import {
  Clause,
  compileClause,
  compileGoal,
  I_CALL,
  I_CUT,
  I_CUTTO,
  I_EXIT,
  I_FAIL,
  I_JUMP,
  I_MARK,
  I_SOFTCUT,
  I_SPECIAL,
  I_SUCCESS,
  I_TRY,
  I_UNIFY,
  indexKey,
  instantiate,
  type Instr,
  Instr as InstrClass,
} from "../../engine/compile.ts";
import { PrologThrow } from "../../engine/errors.ts";
import { Operators } from "../../engine/operators.ts";
import { readTerm } from "../../engine/parser.ts";
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
  SLOT,
  Slot,
  STRUCT,
  type Struct,
  Template,
  type Term,
  TMPL,
  VAR,
  Var,
} from "../../engine/term.ts";
import { formatTerm } from "../../engine/writer.ts";
import { Engine } from "../../mod.ts";

const ops = new Operators();

function read(text: string): { term: Term; names: Map<Var, string> } {
  const r = readTerm(text, { ops });
  return { term: r.term, names: new Map(r.varNames.map(([n, v]) => [v, n])) };
}

function clause(text: string): Clause {
  const { term, names } = read(text);
  return compileClause(term, names);
}

const OP_NAMES: Record<number, string> = {
  [I_CALL]: "call",
  [I_EXIT]: "exit",
  [I_CUT]: "cut",
  [I_MARK]: "mark",
  [I_CUTTO]: "cutto",
  [I_TRY]: "try",
  [I_JUMP]: "jump",
  [I_FAIL]: "fail",
  [I_SOFTCUT]: "softcut",
  [I_UNIFY]: "unify",
};

/** The code as readable `op` / `op:a` / `call name/n` strings. */
function shape(code: Instr[]): string[] {
  return code.map((i) => {
    const name = OP_NAMES[i.op] ?? `op${i.op}`;
    if (i.op === I_CALL || i.op === I_UNIFY) return `${name} ${i.fn!.indicator}`;
    if (i.op === I_EXIT || i.op === I_FAIL || i.op === I_CUT) return name;
    return `${name}:${i.a}`;
  });
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

Deno.test("instruction opcodes are distinct", () => {
  const all = [
    I_CALL,
    I_EXIT,
    I_CUT,
    I_MARK,
    I_CUTTO,
    I_TRY,
    I_JUMP,
    I_FAIL,
    I_SOFTCUT,
    I_SUCCESS,
    I_UNIFY,
    I_SPECIAL,
  ];
  assert.equal(new Set(all).size, all.length);
});

Deno.test("Instr holds opcode, goal, functor and operand", () => {
  const g = mkAtom("go");
  const i = new InstrClass(I_CALL, g, mkFunctor("go", 0), 4);
  assert.equal(i.op, I_CALL);
  assert.equal(i.goal, g);
  assert.equal(i.fn, mkFunctor("go", 0));
  assert.equal(i.a, 4);
});

Deno.test("indexKey() maps first arguments to keys", async (t) => {
  const rows: [string, Term, unknown][] = [
    ["atom is itself", mkAtom("a"), mkAtom("a")],
    ["[] is itself", NIL, NIL],
    ["small integer is its value", mkInt(7), 7],
    ["negative integer is its value", mkInt(-3), -3],
    ["compound is its functor", mkStruct("f", [mkInt(1)]), mkFunctor("f", 1)],
    ["list cell is '.'/2", mkList([mkInt(1)]), mkFunctor(".", 2)],
    [
      "template is its functor",
      new Template(mkFunctor("g", 1), [new Slot(0, "X")]),
      mkFunctor(
        "g",
        1,
      ),
    ],
    ["float is a tagged string", new Float(1.5), "f1.5"],
    ["bigint is a tagged string", mkInteger(2n ** 64n), "b" + 2n ** 64n],
    ["string is a tagged string", new PString("x"), "sx"],
    ["variable is null", new Var(), null],
    ["slot is null", new Slot(0, "X"), null],
  ];
  for (const [name, term, expected] of rows) {
    await t.step(name, () => assert.equal(indexKey(term), expected));
  }
  await t.step("an integer and a float of the same value have different keys", () => {
    assert.notEqual(indexKey(mkInt(1)), indexKey(new Float(1)));
  });
  await t.step("a string and an atom of the same text have different keys", () => {
    assert.notEqual(indexKey(new PString("a")), indexKey(mkAtom("a")));
  });
});

Deno.test("compileClause() compiles facts", async (t) => {
  await t.step("an atom fact has no arguments, no slots and just exit", () => {
    const c = clause("go.");
    assert.ok(c instanceof Clause);
    assert.equal(c.head, mkAtom("go"));
    assert.deepEqual(c.args, []);
    assert.equal(c.nvars, 0);
    assert.deepEqual(shape(c.code), ["exit"]);
    assert.equal(c.key, null);
    assert.equal(c.body, mkAtom("true"));
    assert.equal(c.erased, false);
  });
  await t.step("a repeated variable is one slot", () => {
    const c = clause("id(X, X).");
    assert.equal(c.nvars, 1);
    assert.equal(c.head.tag, TMPL);
    assert.equal(c.args[0].tag, SLOT);
    assert.equal(c.args[0], c.args[1]);
    assert.equal((c.args[0] as Slot).name, "X");
  });
  await t.step("ground head compounds become templates: each call gets its own copy", () => {
    // Shared, a caller's setarg/3 or nb_setarg/3 would change the clause.
    const { term } = read("p(a, f(b), [1,2]).");
    const c = compileClause(term);
    assert.equal(c.head.tag, TMPL);
    assert.equal(c.args[0], mkAtom("a"));
    assert.equal(c.args[1].tag, TMPL);
    assert.equal(c.args[2].tag, TMPL);
    const a = instantiate(c.args[1], []), b = instantiate(c.args[1], []);
    assert.notEqual(a, b);
    assert.equal(formatTerm(a, { ops, quoted: true }), "f(b)");
  });
  await t.step("ground subterms of a non-ground head are templates too", () => {
    const { term } = read("p(X, f(b)).");
    const c = compileClause(term);
    assert.equal(c.head.tag, TMPL);
    assert.equal(c.args[1].tag, TMPL);
  });
  await t.step("a compound holding a variable becomes a template", () => {
    const c = clause("p(f(X, a)).");
    assert.equal(c.args[0].tag, TMPL);
    assert.equal((c.args[0] as Template).args[1], mkAtom("a"));
  });
  await t.step("variables without names are numbered slots named _", () => {
    const c = compileClause(mkStruct("p", [new Var(), new Var()]));
    assert.equal(c.nvars, 2);
    assert.deepEqual(c.args.map((s) => (s as Slot).index), [0, 1]);
    assert.equal((c.args[0] as Slot).name, "_");
  });
  await t.step("a 1,000,000-element list in a head compiles", () => {
    const items: Term[] = new Array(1_000_000).fill(mkInt(1));
    items[999_999] = new Var();
    const c = compileClause(mkStruct("big", [mkList(items)]));
    assert.equal(c.nvars, 1);
  });
});

Deno.test("compileClause() sets the first-argument index key", async (t) => {
  const rows: [string, string, unknown][] = [
    ["atom", "p(a).", mkAtom("a")],
    ["integer", "p(42).", 42],
    ["compound", "p(f(X)).", mkFunctor("f", 1)],
    ["list", "p([H|T]).", mkFunctor(".", 2)],
    ["empty list", "p([]).", NIL],
    ["float", "p(2.5).", "f2.5"],
    ["variable", "p(X).", null],
    ["anonymous variable", "p(_, a).", null],
    ["arity 0", "p.", null],
  ];
  for (const [name, text, expected] of rows) {
    await t.step(name, () => assert.equal(clause(text).key, expected));
  }
});

Deno.test("compileClause() compiles bodies to flat code", async (t) => {
  const rows: [string, string, string[]][] = [
    ["a conjunction calls in order", "p :- q, r, s.", [
      "call q/0",
      "call r/0",
      "call s/0",
      "exit",
    ]],
    ["true is elided", "p :- true, q.", ["call q/0", "exit"]],
    ["fail and false are inline failures", "p :- fail ; false.", [
      "try:3",
      "fail",
      "jump:4",
      "fail",
      "exit",
    ]],
    ["clause-level cut", "p :- q, !, r.", ["call q/0", "cut", "call r/0", "exit"]],
    ["=/2 is inline", "p(X) :- X = a.", ["unify =/2", "exit"]],
    ["a variable goal is call/1", "p(G) :- G.", ["call call/1", "exit"]],
    ["disjunction", "p :- a ; b.", ["try:3", "call a/0", "jump:4", "call b/0", "exit"]],
    ["if-then-else", "p :- (a -> b ; c).", [
      "mark:0",
      "try:7",
      "mark:1",
      "call a/0",
      "cutto:0",
      "call b/0",
      "jump:8",
      "call c/0",
      "exit",
    ]],
    ["if-then without else", "p :- (a -> b).", [
      "mark:0",
      "call a/0",
      "cutto:0",
      "call b/0",
      "exit",
    ]],
    ["soft-cut with else", "p :- (a *-> b ; c).", [
      "mark:0",
      "try:7",
      "mark:1",
      "call a/0",
      "softcut:0",
      "call b/0",
      "jump:8",
      "call c/0",
      "exit",
    ]],
    ["soft-cut without else", "p :- (a *-> b).", ["mark:0", "call a/0", "call b/0", "exit"]],
    ["negation", "p :- \\+ a.", [
      "mark:0",
      "try:6",
      "mark:1",
      "call a/0",
      "cutto:0",
      "fail",
      "exit",
    ]],
    ["cut in a condition is local", "p :- (!, a -> b ; c).", [
      "mark:0",
      "try:8",
      "mark:1",
      "cutto:1",
      "call a/0",
      "cutto:0",
      "call b/0",
      "jump:9",
      "call c/0",
      "exit",
    ]],
    ["cut in a then branch cuts the clause", "p :- (a -> ! ; c).", [
      "mark:0",
      "try:7",
      "mark:1",
      "call a/0",
      "cutto:0",
      "cut",
      "jump:8",
      "call c/0",
      "exit",
    ]],
    ["cut inside negation is local", "p :- \\+ !.", [
      "mark:0",
      "try:6",
      "mark:1",
      "cutto:1",
      "cutto:0",
      "fail",
      "exit",
    ]],
    ["negation of a number compiles to call/1, checked when reached", "p :- \\+ 3.", [
      "mark:0",
      "try:6",
      "mark:1",
      "call call/1",
      "cutto:0",
      "fail",
      "exit",
    ]],
    ["cut marks come after the clause variables", "p(X, Y) :- (q(X) -> r(Y) ; true).", [
      "mark:2",
      "try:7",
      "mark:3",
      "call q/1",
      "cutto:2",
      "call r/1",
      "jump:7",
      "exit",
    ]],
  ];
  for (const [name, text, expected] of rows) {
    await t.step(name, () => assert.deepEqual(shape(clause(text).code), expected));
  }
  await t.step("nvars counts clause variables plus cut marks", () => {
    assert.equal(clause("p(X, Y) :- (q(X) -> r(Y) ; true).").nvars, 4);
    assert.equal(clause("p :- \\+ a, \\+ b.").nvars, 4);
  });
  await t.step("call goals keep their patterns", () => {
    const c = clause("p(X) :- q(X, a).");
    const g = c.code[0].goal as Template;
    assert.equal(g.tag, TMPL);
    assert.equal(g.args[0], c.args[0], "the body refers to the head's slot");
  });
  await t.step("the body pattern is kept for clause/2", () => {
    const c = clause("p(X) :- q(X).");
    assert.equal((c.body as Template).fn.indicator, "q/1");
  });
  await t.step("a 100,000-goal conjunction compiles without recursion per goal", () => {
    const body = new Array(100_000).fill("q").join(", ");
    assert.equal(clause(`p :- ${body}.`).code.length, 100_001);
  });
});

Deno.test("compileClause() raises ISO errors for bad clauses", async (t) => {
  const rows: [string, Term, string][] = [
    ["variable head", new Var(), "error(instantiation_error,_"],
    [
      "variable head with a body",
      mkStruct(":-", [new Var(), mkAtom("true")]),
      "error(instantiation_error,_",
    ],
    ["number head", mkInt(3), "error(type_error(callable,3),_"],
    ["number head with a body", read("3 :- true.").term, "error(type_error(callable,3),_"],
    ["number body", read("p :- 1.").term, "error(type_error(callable,1),_"],
    [
      "number in a conjunction names the whole body",
      read("p :- a, 1.").term,
      "error(type_error(callable,(a,1)),_",
    ],
    ["number in a disjunction", read("p :- (a ; 1).").term, "error(type_error(callable,(a;1)),_"],
    [
      "number in an if-then-else",
      read("p :- (1 -> a ; b).").term,
      "error(type_error(callable,(1->a;b)),_",
    ],
    ["string head", new PString("s"), 'error(type_error(callable,"s"),_'],
  ];
  for (const [name, term, prefix] of rows) {
    await t.step(name, () => {
      const text = errorOf(() => compileClause(term));
      assert.ok(text.startsWith(prefix), text);
    });
  }
});

Deno.test("compileGoal() compiles queries with live variables", async (t) => {
  await t.step("variables stay variables: the goal is used as it is", () => {
    const x = new Var();
    const g = mkStruct("q", [x]);
    const { code, nvars } = compileGoal(g);
    assert.equal(nvars, 0);
    assert.equal(code[0].goal, g);
    assert.deepEqual(shape(code), ["call q/1", "exit"]);
  });
  await t.step("true compiles to just exit", () => {
    assert.deepEqual(shape(compileGoal(mkAtom("true")).code), ["exit"]);
  });
  await t.step("control constructs need cut-mark slots", () => {
    const { code, nvars } = compileGoal(read("(a -> b ; c)").term);
    assert.equal(nvars, 2);
    assert.equal(code[0].op, I_MARK);
  });
  await t.step("extraSlots reserves slots before the marks", () => {
    const { code, nvars } = compileGoal(read("\\+ a").term, 3);
    assert.equal(nvars, 5);
    assert.deepEqual(shape(code).slice(0, 3), ["mark:3", "try:6", "mark:4"]);
  });
  await t.step("a variable goal becomes call/1", () => {
    const v = new Var();
    const { code } = compileGoal(v);
    assert.equal(code[0].fn, mkFunctor("call", 1));
    assert.equal((code[0].goal as Struct).args[0], v);
  });
  await t.step("a bound variable goal is dereferenced", () => {
    const v = new Var();
    v.ref = mkAtom("q");
    assert.deepEqual(shape(compileGoal(v).code), ["call q/0", "exit"]);
  });
  await t.step("a non-callable goal is a type error naming the whole goal", () => {
    const text = errorOf(() => compileGoal(read("(fail, 1)").term));
    assert.ok(text.startsWith("error(type_error(callable,(fail,1)),_"), text);
  });
  await t.step("a number goal is a type error", () => {
    const text = errorOf(() => compileGoal(mkInt(1)));
    assert.ok(text.startsWith("error(type_error(callable,1),_"), text);
  });
});

Deno.test("instantiate() fills a frame from a pattern", async (t) => {
  await t.step("a slot becomes a fresh variable stored in the frame", () => {
    const frame: Term[] = [];
    const v = instantiate(new Slot(0, "X"), frame);
    assert.equal(v.tag, VAR);
    assert.equal(frame[0], v);
    assert.equal(instantiate(new Slot(0, "X"), frame), v, "second use gives the same variable");
  });
  await t.step("a slot already filled gives the frame's term", () => {
    const frame: Term[] = [mkAtom("bound")];
    assert.equal(instantiate(new Slot(0, "X"), frame), mkAtom("bound"));
  });
  await t.step("the serial argument dates new variables", () => {
    const frame: Term[] = [];
    const v = instantiate(new Slot(1, "Y"), frame, 7) as Var;
    assert.equal(v.serial, 7);
  });
  await t.step("a template becomes a struct with shared ground parts", () => {
    const ground = mkStruct("g", [mkAtom("a")]);
    const x = new Slot(0, "X");
    const p = new Template(mkFunctor("f", 3), [x, ground, x]);
    const frame: Term[] = [];
    const s = instantiate(p, frame) as Struct;
    assert.equal(s.tag, STRUCT);
    assert.equal(s.fn, p.fn);
    assert.equal(s.args[1], ground);
    assert.equal(s.args[0], s.args[2]);
    assert.equal(s.args[0], frame[0]);
  });
  await t.step("nested templates are instantiated", () => {
    const inner = new Template(mkFunctor("h", 1), [new Slot(0, "X")]);
    const s = instantiate(new Template(mkFunctor("f", 1), [inner]), []) as Struct;
    assert.equal(s.args[0].tag, STRUCT);
    assert.equal((s.args[0] as Struct).args[0].tag, VAR);
  });
  await t.step("a ground pattern is returned as it is", () => {
    const g = mkStruct("f", [mkAtom("a")]);
    assert.equal(instantiate(g, []), g);
    assert.equal(instantiate(mkInt(3), []), mkInt(3));
  });
  await t.step("each call builds a new term for the same template", () => {
    const p = new Template(mkFunctor("f", 1), [new Slot(0, "X")]);
    const s1 = instantiate(p, []) as Struct, s2 = instantiate(p, []) as Struct;
    assert.notEqual(s1, s2);
    assert.notEqual(s1.args[0], s2.args[0]);
  });
  await t.step("deep patterns are built without JS recursion", () => {
    // A 200,000-element list and a left-nested 1+2+...+n, as written in a clause.
    const n = 200_000;
    const list = compileClause(mkStruct("big", [mkList(new Array(n).fill(mkInt(1)))])).args[0];
    let l = instantiate(list, []);
    let count = 0;
    while (l.tag === STRUCT) {
      count++;
      l = (l as Struct).args[1];
    }
    assert.equal(count, n);
    let sum: Term = mkInt(0);
    for (let i = 1; i <= n; i++) sum = mkStruct("+", [sum, mkInt(i)]);
    const deep = compileClause(mkStruct("e", [sum])).args[0];
    let s = instantiate(deep, []);
    let depth = 0;
    while (s.tag === STRUCT) {
      depth++;
      s = (s as Struct).args[0];
    }
    assert.equal(depth, n);
  });
  await t.step("a compiled clause head instantiates to the original shape", () => {
    const c = clause("p(X, f(X, Y), [a]).");
    const frame = new Array<Term>(c.nvars);
    const args = c.args.map((p) => instantiate(p, frame));
    const text = formatTerm(mkStruct("p", args), { ops, quoted: true, numberVars: true });
    assert.match(text, /^p\((_\w+),f\(\1,_\w+\),\[a\]\)$/);
  });
});

Deno.test("compileClause() resolves bound variables instead of sharing them", async (t) => {
  // A clause must not keep live variables: undoing a binding later (on
  // backtracking) would otherwise change the stored clause.
  await t.step("a head argument bound to an atom stays that atom after unbinding", () => {
    const x = new Var();
    x.ref = mkAtom("a");
    const c = compileClause(mkStruct("p", [x]));
    x.ref = null;
    assert.equal(c.args[0], mkAtom("a"));
  });
  await t.step("a bound variable deep inside a body goal is resolved", () => {
    const x = new Var();
    x.ref = mkInt(1);
    const c = compileClause(mkStruct(":-", [mkAtom("p"), mkStruct("q", [mkStruct("f", [x])])]));
    x.ref = null;
    const goal = c.code[0].goal as Struct;
    assert.equal((goal.args[0] as Struct).args[0], mkInt(1));
  });
  await t.step("assertz/1 of a bound variable keeps the value after backtracking", () => {
    const e = new Engine(":- dynamic(q/1).");
    e.once("member(X, [1, 2]), assertz(q(X)), X == 2");
    assert.equal(e.once("findall(X, q(X), L)")?.text.L, "[1,2]");
  });
  await t.step("assertz/1 inside a failure-driven loop stores each value", () => {
    const e = new Engine(":- dynamic(q/1).");
    e.once("forall(member(X, [a, b, c]), assertz(q(X)))");
    assert.equal(e.once("findall(X, q(X), L)")?.text.L, "[a,b,c]");
  });
});
