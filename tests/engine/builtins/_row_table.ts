/**
 * Shared table helpers for builtin and library tests whose rows run in a
 * fresh engine: each row names a goal and what its first solution, all its
 * solutions, its failure or its error must be, and whether it leaves a
 * choicepoint.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Engine, PrologError } from "../../../mod.ts";

/** One table row: a goal and what it must do. */
export interface Row {
  /** The goal. */
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
  /** What the goal must write on user_output (with `text`, `fails` or nothing else). */
  out?: string;
}

/**
 * Runs one row in a fresh engine that consulted `src`.
 *
 * @param src Program text.
 * @param row The row.
 */
export function check(src: string, row: Row): void {
  let out = "";
  const e = new Engine(src, { output: (s) => out += s, errorOutput: () => {} });
  assert.deepEqual(e.loadIssues, [], "program loads cleanly");
  if (row.error !== undefined) {
    assert.throws(
      () => [...e.query(row.goal, { maxSolutions: 50 })],
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
  } else {
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
  if (row.out !== undefined) assert.equal(out, row.out);
}

/**
 * Runs each row as a test step, each in a fresh engine that consulted `src`.
 *
 * @param t The test context.
 * @param src Program text.
 * @param rows The rows.
 */
export async function table(t: Deno.TestContext, src: string, rows: Row[]): Promise<void> {
  for (const row of rows) await t.step(row.goal, () => check(src, row));
}
