/**
 * Shared table helpers for builtin tests: a row is a goal and either all its
 * solutions (each as `X=a, Y=b`, or `true` when it binds nothing) or the
 * start of the error term it raises.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Engine, PrologError } from "../../../mod.ts";

/** A goal and its expected solutions, or the prefix of its error term. */
export type Row = [goal: string, expected: string[] | string];

/**
 * Every solution of `goal`, as `Name=Text` pairs of its bound variables.
 *
 * @param e The engine.
 * @param goal The goal.
 * @returns One string per solution.
 */
export function solutions(e: Engine, goal: string): string[] {
  return [...e.query(goal)].map((s) => {
    const parts = Object.entries(s.text)
      .filter(([, v]) => !/^_G?\d+$/.test(v))
      .map(([k, v]) => `${k}=${v}`);
    return parts.length === 0 ? "true" : parts.join(", ");
  });
}

/**
 * Checks one row.
 *
 * @param e The engine.
 * @param row The row.
 */
export function check(e: Engine, [goal, expected]: Row): void {
  if (typeof expected === "string") {
    assert.throws(
      () => solutions(e, goal),
      (err) => {
        assert.ok(err instanceof PrologError, `${goal}: not a Prolog error: ${err}`);
        const text = e.format(err.term);
        assert.ok(text.startsWith(expected), `${goal}: raised ${text}, expected ${expected}`);
        return true;
      },
    );
  } else {
    assert.deepEqual(solutions(e, goal), expected, goal);
  }
}

/**
 * Runs each row as a test step, in one engine.
 *
 * @param t The test context.
 * @param rows The rows.
 * @param e The engine.
 */
export async function table(t: Deno.TestContext, rows: Row[], e: Engine): Promise<void> {
  for (const row of rows) await t.step(row[0], () => check(e, row));
}
