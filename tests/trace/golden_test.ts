/**
 * Trace output must stay byte-identical: every case of `_golden_lib.ts`
 * (the bench workloads, the classic programs, builtins with special boxes)
 * is run with a fixed run id and its JSONL and pretty outputs are compared
 * with the goldens in `testdata/golden/` (generated from commit b809c85 by
 * `testdata/golden/make_golden.ts`): the SHA-256, byte length and line
 * count of every output, and the whole text of the small ones.
 */
import assert from "node:assert/strict";
import {
  CASES,
  type Digest,
  digestOf,
  GOLDEN_DIR,
  outputKey,
  outputsOf,
  runCase,
} from "./_golden_lib.ts";

type Stored = Digest & { full: boolean };
const DIGESTS: Record<string, Stored> = JSON.parse(
  Deno.readTextFileSync(new URL("digests.json", GOLDEN_DIR)),
);

/** The first differing line of two texts: its number (1-based) and both lines. */
export function firstDifference(
  want: string,
  got: string,
): { line: number; want: string | undefined; got: string | undefined } | null {
  if (want === got) return null;
  const a = want.split("\n"), b = got.split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { line: i + 1, want: a[i], got: b[i] };
}

const HINT = "to see the difference, write every output whole from the old commit and from this " +
  "one and diff them:\n  git worktree add /tmp/byrd-old <old commit> && " +
  "(cd /tmp/byrd-old && deno run -A tests/trace/testdata/golden/make_golden.ts /tmp/golden-old --all)\n" +
  "  deno run -A tests/trace/testdata/golden/make_golden.ts /tmp/golden-new --all\n" +
  "  diff /tmp/golden-old/<key> /tmp/golden-new/<key>";

Deno.test("the golden table and digests.json name the same outputs", () => {
  const keys = CASES.flatMap((c) => outputsOf(c).map((k) => outputKey(c, k)));
  assert.equal(new Set(keys).size, keys.length, "output keys are unique");
  assert.deepEqual([...keys].sort(), Object.keys(DIGESTS).sort());
});

Deno.test("trace output is byte-identical to the goldens", async (t) => {
  for (const c of CASES) {
    for (const kind of outputsOf(c)) {
      const key = outputKey(c, kind);
      await t.step(key, async () => {
        const stored = DIGESTS[key];
        assert.ok(stored, `${key}: no stored digest (run make_golden.ts on the old commit)`);
        const { bytes, solutions } = await runCase(c, kind);
        assert.equal(solutions, c.solutions, `${c.name}: solutions`);
        if (stored.full) {
          const want = Deno.readTextFileSync(new URL(key, GOLDEN_DIR));
          const diff = firstDifference(want, new TextDecoder().decode(bytes));
          if (diff !== null) {
            assert.fail(
              `${key}: output differs from the golden at line ${diff.line}\n` +
                `  golden: ${diff.want ?? "<end of file>"}\n` +
                `  now:    ${diff.got ?? "<end of file>"}`,
            );
          }
        }
        const got = await digestOf(bytes);
        const want = { sha256: stored.sha256, bytes: stored.bytes, lines: stored.lines };
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          assert.fail(
            `${key}: output differs from the golden digest\n` +
              `  golden: ${JSON.stringify(want)}\n  now:    ${JSON.stringify(got)}\n${HINT}`,
          );
        }
      });
    }
  }
});
