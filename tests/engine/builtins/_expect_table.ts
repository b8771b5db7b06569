/**
 * Shared table helpers for builtin tests: a row is a goal and what its first
 * solution must do — succeed or fail, bind variables to given `writeq` text,
 * or raise an error whose term starts with a given prefix.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";

/**
 * Expected outcome of a goal: `true`/`false` for success/failure, bindings
 * (writeq text) that the first solution must have, or the prefix of the
 * error term it must raise.
 */
export type Expect = boolean | Record<string, string> | { error: string };
/** A goal and its expected outcome. */
export type Row = [goal: string, expect: Expect];

/**
 * Checks one goal.
 *
 * @param e The engine.
 * @param goal The goal.
 * @param expect What it must do.
 */
export function check(e: Engine, goal: string, expect: Expect): void {
  if (typeof expect === "object" && "error" in expect) {
    const prefix = `error(${expect.error}`;
    assert.throws(
      () => e.once(goal),
      (err) => err instanceof PrologError && e.format(err.term).startsWith(prefix),
    );
    return;
  }
  const s = e.once(goal);
  if (typeof expect === "boolean") {
    assert.equal(s !== null, expect);
    return;
  }
  assert.notEqual(s, null, `expected ${goal} to succeed`);
  for (const [name, text] of Object.entries(expect)) assert.equal(s!.text[name], text);
}

/**
 * Runs each row as a test step, in one engine.
 *
 * @param t The test context.
 * @param rows The rows.
 * @param e The engine (a fresh one by default).
 */
export async function table(t: Deno.TestContext, rows: Row[], e = new Engine()): Promise<void> {
  for (const [goal, expect] of rows) {
    await t.step(goal, () => check(e, goal, expect));
  }
}
