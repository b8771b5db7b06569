import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";

/** One table row: a goal and what it must do. */
interface Row {
  goal: string;
  /** writeq text of variables in the first solution. */
  text?: Record<string, string>;
  /** writeq text of one variable in every solution, in order. */
  all?: [string, string[]];
  /** The goal must fail. */
  fails?: boolean;
  /** The goal must raise an error whose writeq text starts with this. */
  error?: string;
  /** The first solution must leave no choicepoint. */
  det?: boolean;
  /** The last solution must leave no choicepoint. */
  detLast?: boolean;
}

/** The classic ages, and the data of the ISO 8.10 examples (iso_8_10.pl). */
const SRC = `
age(peter, 7).
age(ann, 11).
age(pat, 8).
age(tom, 5).
age(mike, 11).
a(1, f(_)).
a(2, f(_)).
b(1, 1). b(1, 1). b(1, 2). b(2, 1). b(2, 2). b(2, 2).
d(1, 1). d(1, 2). d(1, 1). d(2, 2). d(2, 1). d(2, 2).
`;

/** Runs one row in a fresh engine. */
function check(row: Row): void {
  const e = new Engine(SRC, { output: () => {}, errorOutput: () => {} });
  if (row.error !== undefined) {
    assert.throws(
      () => [...e.query(row.goal)],
      (err) => {
        assert.ok(err instanceof PrologError, `not a PrologError: ${err}`);
        const text = e.format(err.term);
        assert.ok(text.startsWith(row.error!), `got ${text}, want ${row.error}...`);
        return true;
      },
    );
    return;
  }
  if (row.all !== undefined || row.detLast) {
    const [name, want] = row.all ?? ["_", undefined];
    const got: string[] = [];
    let cpTop = -1;
    for (const s of e.query(row.goal, { maxSolutions: 50 })) {
      got.push(s.text[name]);
      cpTop = e.machine.cpTop;
    }
    if (want !== undefined) assert.deepEqual(got, want);
    if (row.detLast) assert.equal(cpTop, 1, "the last solution should leave no choicepoint");
    return;
  }
  const it = e.query(row.goal);
  const r = it.next();
  if (row.fails) {
    assert.equal(r.done, true, "should fail");
  } else {
    assert.equal(r.done, false, "should succeed");
    if (!r.done) {
      for (const [k, v] of Object.entries(row.text ?? {})) assert.equal(r.value.text[k], v, k);
    }
    if (row.det) assert.equal(e.machine.cpTop, 1, "no choicepoint should be left");
  }
  it.return?.();
}

async function table(t: Deno.TestContext, rows: Row[]): Promise<void> {
  for (const row of rows) await t.step(row.goal, () => check(row));
}

Deno.test("once/1 keeps the first solution only", (t) =>
  table(t, [
    { goal: "once(member(X, [a, b]))", all: ["X", ["a"]], det: true },
    { goal: "once(fail)", fails: true },
    { goal: "(X = 1 ; X = 2), once(!)", all: ["X", ["1", "2"]] },
    { goal: "once(_)", error: "error(instantiation_error" },
    { goal: "once(3)", error: "error(type_error(callable,3)" },
  ]));

Deno.test("repeat/0 succeeds on every backtrack (ISO 8.15.3)", (t) =>
  table(t, [
    { goal: "repeat", text: {} },
    { goal: "repeat, X = 1", all: ["X", Array(50).fill("1")] },
    { goal: "repeat, !", det: true },
    { goal: "repeat, !, fail", fails: true },
    {
      goal: "nb_setval(n, 0), repeat, nb_getval(n, N), N1 is N + 1, nb_setval(n, N1), " +
        "N1 >= 200000, !",
      text: { N1: "200000" },
      det: true,
    },
  ]));

Deno.test("ignore/1 and not/1", (t) =>
  table(t, [
    { goal: "ignore(fail)", det: true },
    { goal: "ignore(X = 1)", text: { X: "1" } },
    { goal: "ignore(member(X, [a, b]))", all: ["X", ["a"]], det: true },
    { goal: "not(fail)", det: true },
    { goal: "not(true)", fails: true },
    { goal: "not(not(X = 1)), var(X)", text: {} },
    { goal: "not(_)", error: "error(instantiation_error" },
  ]));

Deno.test("forall/2 checks an action for every solution", (t) =>
  table(t, [
    { goal: "forall(member(X, [1, 2, 3]), X > 0)", det: true },
    { goal: "forall(member(X, [1, -2]), X > 0)", fails: true },
    { goal: "forall(fail, false)", text: {} },
    { goal: "forall(member(X, [1]), Y = X), var(Y)", text: {} },
  ]));

Deno.test("apply/2 calls a goal with extra arguments", (t) =>
  table(t, [
    { goal: "apply(append([a]), [[b], L])", text: { L: "[a,b]" } },
    { goal: "apply(atom_length, [abc, N])", text: { N: "3" } },
    { goal: "apply(foo, bar)", error: "error(type_error(list,bar)" },
  ]));

Deno.test("bagof/3 groups by free variables (ISO 8.10.2)", (t) =>
  table(t, [
    { goal: "bagof(X, (X = 1 ; X = 2), S)", text: { S: "[1,2]" }, det: true },
    { goal: "bagof(X, (X = 1 ; X = 2), X)", text: { X: "[1,2]" } },
    { goal: "bagof(X, (X = Y ; X = Z), S), S == [Y, Z]", text: {} },
    { goal: "bagof(X, fail, S)", fails: true },
    {
      goal: "bagof(1, (Y = 1 ; Y = 2), L), R = Y-L",
      all: ["R", ["1-[1]", "2-[1]"]],
      detLast: true,
    },
    {
      goal: "bagof(f(X, Y), (X = a ; Y = b), L), L = [f(a, V1), f(V2, b)], var(V1), var(V2)",
      text: {},
    },
    { goal: "bagof(X, Y^((X = 1, Y = 1) ; (X = 2, Y = 2)), S)", text: { S: "[1,2]" } },
    {
      goal: "bagof(X, Y^((X = 1 ; Y = 1) ; (X = 2, Y = 2)), [A, B, C]), var(B)",
      text: { A: "1", C: "2" },
    },
    {
      goal: "bagof(P, age(P, A), L), R = A-L",
      all: ["R", ["5-[tom]", "7-[peter]", "8-[pat]", "11-[ann,mike]"]],
      detLast: true,
    },
    { goal: "bagof(P, A^age(P, A), L)", text: { L: "[peter,ann,pat,tom,mike]" } },
    { goal: "bagof(P, age(P, 11), L)", text: { L: "[ann,mike]" } },
    // Variant witnesses form one group: f(_) and f(_) are variants.
    { goal: "bagof(X, a(X, Y), L), Y = f(V), var(V)", all: ["L", ["[1,2]"]] },
    { goal: "bagof(X, b(X, Y), L), R = Y-L", all: ["R", ["1-[1,1,2]", "2-[1,2,2]"]] },
    {
      goal:
        "bagof(X, (X = Y ; X = Z ; Y = 1), S), (S == [Y, Z] -> R = one ; Y == 1, S = [V], var(V), R = two)",
      all: ["R", ["one", "two"]],
    },
    { goal: "bagof(X, Y^Z, L)", error: "error(instantiation_error" },
    { goal: "bagof(X, _, L)", error: "error(instantiation_error" },
    { goal: "bagof(X, 1, L)", error: "error(type_error(callable,1)" },
    { goal: "bagof(X, (X = 2 ; X = 1), 12)", error: "error(type_error(list,12)" },
    { goal: "bagof(X, (X = 2 ; X = 1), [1|2])", error: "error(type_error(list,[1|2])" },
  ]));

Deno.test("setof/3 sorts each group (ISO 8.10.3)", (t) =>
  table(t, [
    { goal: "setof(X, (X = 2 ; X = 1 ; X = 2), S)", text: { S: "[1,2]" }, det: true },
    { goal: "setof(X, (X = 1 ; X = 2), X)", text: { X: "[1,2]" } },
    { goal: "setof(X, fail, S)", fails: true },
    { goal: "setof(A-P, age(P, A), L)", text: { L: "[5-tom,7-peter,8-pat,11-ann,11-mike]" } },
    { goal: "setof(P, A^age(P, A), L)", text: { L: "[ann,mike,pat,peter,tom]" } },
    { goal: "setof(A, P^age(P, A), L)", text: { L: "[5,7,8,11]" } },
    {
      goal: "setof(P, age(P, A), L), R = A-L",
      all: ["R", ["5-[tom]", "7-[peter]", "8-[pat]", "11-[ann,mike]"]],
    },
    { goal: "setof(X, b(X, Y), L), R = Y-L", all: ["R", ["1-[1,2]", "2-[1,2]"]], detLast: true },
    { goal: "setof(X-Xs, Y^setof(Y, b(X, Y), Xs), L)", text: { L: "[1-[1,2],2-[1,2]]" } },
    { goal: "setof(X-Xs, setof(Y, b(X, Y), Xs), L), var(Y)", text: { L: "[1-[1,2],2-[1,2]]" } },
    { goal: "setof(X-Xs, bagof(Y, d(X, Y), Xs), L), var(Y)", text: { L: "[1-[1,2,1],2-[2,1,2]]" } },
    {
      goal: "setof(X, member(X, [f(b, U), f(c, V)]), [f(b, a), f(c, a)])",
      text: { U: "a", V: "a" },
    },
    { goal: "setof(X, exists(U, V)^member(X, [V, U, f(U), f(V)]), [a, b, f(b), f(a)])", text: {} },
    { goal: "setof(X, Y^Z, L)", error: "error(instantiation_error" },
    { goal: "setof(X, 1, L)", error: "error(type_error(callable,1)" },
    { goal: "setof(X, (X = 2 ; X = 1), 12)", error: "error(type_error(list,12)" },
  ]));

Deno.test("aggregate_all/3 counts, sums and collects", (t) =>
  table(t, [
    { goal: "aggregate_all(count, age(_, _), C)", text: { C: "5" }, det: true },
    { goal: "aggregate_all(count, fail, C)", text: { C: "0" } },
    { goal: "aggregate_all(count(P), age(P, 11), C)", text: { C: "2" } },
    { goal: "aggregate_all(sum(A), age(_, A), S)", text: { S: "42" } },
    { goal: "aggregate_all(sum(X), member(X, [1, 2.5]), S)", text: { S: "3.5" } },
    { goal: "aggregate_all(sum(A), fail, S)", text: { S: "0" } },
    { goal: "aggregate_all(max(A), age(_, A), M)", text: { M: "11" } },
    { goal: "aggregate_all(min(A), age(_, A), M)", text: { M: "5" } },
    { goal: "aggregate_all(max(A, P), age(P, A), M)", text: { M: "max(11,ann)" } },
    { goal: "aggregate_all(min(A, P), age(P, A), M)", text: { M: "min(5,tom)" } },
    { goal: "aggregate_all(max(X), member(X, [b, c, a]), M)", text: { M: "c" } },
    { goal: "aggregate_all(max(X), fail, M)", fails: true },
    { goal: "aggregate_all(bag(P), age(P, 11), L)", text: { L: "[ann,mike]" } },
    { goal: "aggregate_all(set(A), age(_, A), L)", text: { L: "[5,7,8,11]" } },
    { goal: "aggregate_all(_, true, _)", error: "error(instantiation_error" },
    { goal: "aggregate_all(foo, true, _)", error: "error(domain_error(aggregate_template,foo)" },
    { goal: "aggregate_all(1, true, _)", error: "error(type_error(aggregate_template,1)" },
  ]));
