/**
 * Writes `random_digests.json`: per seed of `tests/trace/_random_run.ts`,
 * the digest (SHA-256, bytes, lines) of its JSONL and pretty outputs, its
 * event count, solutions and escaped exceptions, and a fingerprint of the
 * generated programs.
 *
 * ```sh
 * deno run -A tests/trace/testdata/golden/make_random_digests.ts           # here
 * deno run -A tests/trace/testdata/golden/make_random_digests.ts /tmp/old  # elsewhere
 * ```
 *
 * The committed file was last regenerated when fail, exception and redo
 * started showing canonical goals and bindings as at the call (they had
 * shown them after backtracking); regenerate it only on
 * purpose (a deliberate format change).
 *
 * @module
 */
import { digestOf } from "../../_golden_lib.ts";
import { programsDigest, seedOutputs, SEEDS } from "../../_random_run.ts";

const dir = Deno.args[0] ?? new URL(".", import.meta.url).pathname;
Deno.mkdirSync(dir, { recursive: true });
const seeds: Record<string, unknown> = {};
let events = 0;
for (const seed of SEEDS) {
  const o = await seedOutputs(seed);
  events += o.collected.length;
  seeds[seed] = {
    jsonl: await digestOf(o.jsonl),
    pretty: await digestOf(o.pretty),
    events: o.collected.length,
    solutions: o.solutions,
    errors: o.errors,
  };
}
const out = { programs: await programsDigest(SEEDS), seeds };
Deno.writeTextFileSync(`${dir}/random_digests.json`, JSON.stringify(out, null, 2) + "\n");
console.log(`${SEEDS.length} seeds, ${events} events`);
