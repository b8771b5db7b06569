import assert from "node:assert/strict";
import { bind, type Bindings, undoTo } from "../../engine/unify.ts";
import { mkAtom, mkInt, mkStruct, type Term, Var } from "../../engine/term.ts";
import { Operators } from "../../engine/operators.ts";
import { GoalSnapshot, HistoryReader, RunContext } from "../../trace/snapshot.ts";
import { formatTerm } from "../../engine/writer.ts";

function recorder(): Bindings & { bindLog: NonNullable<Bindings["bindLog"]> } {
  return { trail: [], varMark: Infinity, binds: 0, bindLog: [] };
}

Deno.test("HistoryReader replays bindings and their undoing, forwards and backwards", () => {
  const b = recorder();
  const x = new Var(), y = new Var();
  const marks: number[] = [b.bindLog.length];
  bind(x, mkAtom("a"), b);
  marks.push(b.bindLog.length);
  bind(y, x, b); // y -> x -> a
  marks.push(b.bindLog.length);
  undoTo(b, 0);
  marks.push(b.bindLog.length);
  bind(x, mkInt(7), b);
  marks.push(b.bindLog.length);
  const r = new HistoryReader(b.bindLog);
  const ops = new Operators();
  const varName = (v: Var) => (v === x ? "x" : "y");
  const seen = (pos: number) => {
    r.seek(pos);
    // An unbound result is named here: formatting it would read its live binding.
    const show = (d: Term) => d instanceof Var ? varName(d) : formatTerm(d, { ops });
    return [x, y].map((v) => show(r.deref(v))).join(" ");
  };
  assert.deepEqual(marks.map(seen), ["x y", "a y", "a a", "x y", "7 y"]);
  // Backwards: replays from the start.
  assert.equal(seen(marks[2]), "a a");
  assert.equal(seen(marks[1]), "a y");
});

Deno.test("HistoryReader: a log started while a variable was bound begins with its binding", () => {
  const x = new Var();
  const b = recorder();
  b.trail.push(x);
  x.ref = mkAtom("before"); // bound while nothing was recorded
  b.bindLog.push(x, x.ref); // what the tracer writes first when it starts a new log
  const start = b.bindLog.length;
  undoTo(b, 0);
  assert.equal(b.bindLog.length, start + 2); // the undoing: UNDONE, x
  const r = new HistoryReader(b.bindLog);
  r.seek(start);
  assert.equal(r.deref(x), mkAtom("before"));
  r.seek(b.bindLog.length);
  assert.equal(r.deref(x), x);
  r.seek(start); // backwards
  assert.equal(r.deref(x), mkAtom("before"));
});

Deno.test("HistoryReader: variables the log never mentions are read live", () => {
  const b = recorder();
  const other = new Var();
  other.ref = mkAtom("live");
  const r = new HistoryReader(b.bindLog);
  r.seek(0);
  assert.equal(r.deref(other), mkAtom("live"));
});

Deno.test("GoalSnapshot through a HistoryReader shows the goal as at the position", () => {
  const b = recorder();
  const x = new Var();
  const goal = mkStruct("p", [x, mkStruct("f", [x])]);
  const ctx = new RunContext(new Operators(), 4, 10);
  bind(x, mkInt(1), b);
  const at = b.bindLog.length;
  undoTo(b, 0);
  bind(x, mkInt(2), b);
  const r = new HistoryReader(b.bindLog);
  r.seek(0);
  assert.equal(new GoalSnapshot(goal, ctx, r).text, "p(_G1,f(_G1))");
  r.seek(at);
  assert.equal(new GoalSnapshot(goal, ctx, r).text, "p(1,f(1))");
  assert.equal(new GoalSnapshot(goal, ctx).text, "p(2,f(2))"); // live, without a reader
});
