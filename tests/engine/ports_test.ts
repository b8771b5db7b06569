import assert from "node:assert/strict";
import { B_FN, BOX, boxGoal, FAR_SLOT, finalArgs, PortLog } from "../../engine/ports.ts";
import { mkAtom, mkFunctor, mkInt, Var } from "../../engine/term.ts";
import { formatTerm } from "../../engine/writer.ts";
import { Operators } from "../../engine/operators.ts";

function withFunctor(log: PortLog, slot: number, name: string, arity: number): void {
  if (slot >= log.boxCap) log.growBoxes(slot);
  log.boxes[slot * BOX + B_FN] = mkFunctor(name, arity).id;
}

Deno.test("a far slot keeps its goal in the map, not in the goals array", () => {
  const log = new PortLog();
  const far = FAR_SLOT + 5;
  withFunctor(log, far, "p", 1);
  log.setGoal(far, [mkInt(3)]);
  assert.equal(log.goals.length, 0, "the goals array does not grow for far slots");
  assert.equal(formatTerm(boxGoal(log, far), { ops: new Operators() }), "p(3)");
  assert.equal(finalArgs(log, far), true);
  log.setGoal(far, [new Var()]);
  assert.equal(finalArgs(log, far), false);
});

Deno.test("a far slot's text locator replaces its goal, and a new goal replaces the locator", () => {
  const log = new PortLog();
  const far = FAR_SLOT + 1;
  withFunctor(log, far, "p", 1);
  log.setGoal(far, [mkAtom("a")]);
  log.setTextAt(far, 17);
  assert.equal(log.goal(far), 17);
  // Another far slot never set reads as nothing, also past the locators' range.
  assert.equal(log.goal(far + 1), undefined);
  assert.equal(log.goal(far + 1_000_000), undefined);
  // The slot's next box: its arguments, not the old locator.
  log.setGoal(far, [mkAtom("b")]);
  assert.equal(formatTerm(boxGoal(log, far), { ops: new Operators() }), "p(b)");
  log.setGoal(far, undefined);
  assert.equal(log.goal(far), undefined);
  // A locator of 0 is a locator.
  log.setTextAt(far, 0);
  assert.equal(log.goal(far), 0);
});

Deno.test("near slots keep using the goals array", () => {
  const log = new PortLog();
  log.setGoal(3, "p(a)");
  assert.equal(log.goals[3], "p(a)");
  assert.equal(log.goal(3), "p(a)");
});

Deno.test("history positions live beside the box table, grown on demand", () => {
  const log = new PortLog();
  assert.equal(log.pos.length, 0, "a run without a history writes none");
  log.setPos(1, 42);
  log.setPos(5000, -1);
  assert.equal(log.pos[1], 42);
  assert.equal(log.pos[5000], -1);
  log.boxTop = (1 << 16) + 2;
  log.clear();
  assert.equal(log.pos.length, 0, "a large log's positions are dropped on clear");
});

Deno.test("clear forgets far goals and locators", () => {
  const log = new PortLog();
  const far = FAR_SLOT + 2;
  log.setGoal(far, "q");
  log.setTextAt(far + 1, 9);
  log.clear();
  assert.equal(log.goal(far), undefined);
  assert.equal(log.goal(far + 1), undefined);
});
