/**
 * Table helpers for the library tests: the rows of
 * `../builtins/_row_table.ts`, with the program text last and optional.
 *
 * @module
 */
import { check, type Row } from "../builtins/_row_table.ts";

export { check, type Row };

/**
 * Runs each row as a test step, each in a fresh engine that consulted `src`.
 *
 * @param t The test context.
 * @param rows The rows.
 * @param src Program text.
 */
export async function table(t: Deno.TestContext, rows: Row[], src = ""): Promise<void> {
  for (const row of rows) await t.step(row.goal, () => check(src, row));
}
