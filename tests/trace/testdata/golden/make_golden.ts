/**
 * Writes the golden trace outputs of `tests/trace/_golden_lib.ts`: one
 * `digests.json` (SHA-256, byte length and line count of every output, and
 * the solutions of each case) and the whole output of each one under 20 KB.
 *
 * ```sh
 * deno run -A tests/trace/testdata/golden/make_golden.ts            # rewrite the goldens here
 * deno run -A tests/trace/testdata/golden/make_golden.ts /tmp/old --all   # every output whole, elsewhere
 * ```
 *
 * Only regenerate the committed goldens on purpose (a deliberate format
 * change); to find what changed, write `--all` outputs from the old commit
 * (e.g. a `git worktree`) and from the new one into two directories and diff.
 *
 * @module
 */
import {
  CASES,
  digestOf,
  FULL_LIMIT,
  GOLDEN_DIR,
  outputKey,
  outputsOf,
  runCase,
} from "../../_golden_lib.ts";

const args = Deno.args.filter((a) => !a.startsWith("--"));
const all = Deno.args.includes("--all");
if (args[0] !== undefined) Deno.mkdirSync(args[0], { recursive: true });
const dir = args[0] === undefined ? GOLDEN_DIR : new URL(`file://${Deno.realPathSync(args[0])}/`);

const digests: Record<string, unknown> = {};
for (const c of CASES) {
  for (const kind of outputsOf(c)) {
    const key = outputKey(c, kind);
    const { bytes, solutions } = await runCase(c, kind);
    if (solutions !== c.solutions) {
      throw new Error(`${c.name}: ${solutions} solutions, the table says ${c.solutions}`);
    }
    const d = await digestOf(bytes);
    const full = all || bytes.length < FULL_LIMIT;
    if (full) Deno.writeFileSync(new URL(key, dir), bytes);
    digests[key] = { ...d, full: bytes.length < FULL_LIMIT };
    console.log(`${key}: ${d.bytes} bytes, ${d.lines} lines${full ? " (stored)" : ""}`);
  }
}
Deno.writeTextFileSync(new URL("digests.json", dir), JSON.stringify(digests, null, 2) + "\n");
