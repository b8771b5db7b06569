/**
 * `deno task fuzz [--count N] [--seed S] [--replay FILE...]`: runs the
 * fuzzer long (default 100,000 inputs from a seed taken from the clock,
 * printed first so a run can be repeated), saving failing inputs under
 * `.fuzz/`; `--replay` feeds saved inputs again and prints what happens.
 *
 * @module
 */
import { feed, fuzz, saveFailure } from "./_fuzz.ts";

function arg(name: string): string | undefined {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`${name} must be a non-negative integer, got ${text}`);
    Deno.exit(2);
  }
  return n;
}

const replayAt = Deno.args.indexOf("--replay");
if (replayAt >= 0) {
  let bad = 0;
  for (const file of Deno.args.slice(replayAt + 1)) {
    const f = JSON.parse(Deno.readTextFileSync(file));
    try {
      feed(f.target, f.input);
      console.log(`${file}: ${f.target}: no problem now`);
    } catch (e) {
      bad++;
      console.log(`${file}: ${f.target}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  Deno.exit(bad === 0 ? 0 : 1);
}

const count = positive("--count", arg("--count"), 100_000);
const seed = positive("--seed", arg("--seed"), Date.now() % 2 ** 31);
console.log(`fuzz: seed ${seed}, ${count} inputs`);
const t0 = performance.now();
const step = 10_000;
let failures = 0;
for (let done = 0; done < count; done += step) {
  const n = Math.min(step, count - done);
  // Each chunk is its own seed sequence, derived from the run's seed.
  failures += fuzz(seed + done, n, (f) => {
    console.log(`FAIL ${saveFailure(".fuzz", f)}: ${f.problem.split("\n")[0]}`);
  });
  console.log(
    `  ${done + n} inputs, ${failures} failing, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
Deno.exit(failures === 0 ? 0 : 1);
