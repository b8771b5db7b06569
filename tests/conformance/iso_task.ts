/**
 * Command line entry of the ISO conformance runner.
 *
 * ```sh
 * deno run -A tests/conformance/iso_task.ts [SUITE_DIR] [--json FILE] [--floor]
 * ```
 *
 * Prints one line per non-passing pattern and a summary line. `SUITE_DIR`
 * defaults to `../shared/iso` next to the repository root. `--json FILE`
 * writes the per-pattern results; `--floor` exits with status 1 when fewer
 * patterns pass than `tests/conformance/floor.json` records.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { failureLine, runSuite, type SuiteResult, summaryLine } from "./runner.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, "..", "..");
const FLOOR_FILE = join(HERE, "floor.json");

/**
 * Parsed command line.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./iso_task.ts";
 * const a: ReturnType<typeof parseArgs> = parseArgs(["--floor"]);
 * ```
 */
export interface CliArgs {
  /** The suite folder. */
  suiteDir: string;
  /** Where to write JSON results, if anywhere. */
  json: string | null;
  /** Compare the pass count with `floor.json`. */
  floor: boolean;
  /** Print passing patterns too. */
  verbose: boolean;
}

/**
 * Parses the command line.
 *
 * @param args The arguments (without the script name).
 * @returns The parsed arguments.
 * @throws {Error} on an unknown option or a missing `--json` file name.
 * @example
 * ```ts
 * import { parseArgs } from "./iso_task.ts";
 * console.log(parseArgs(["/tmp/iso", "--json", "out.json"]).json); // out.json
 * ```
 */
export function parseArgs(args: string[]): CliArgs {
  const out: CliArgs = {
    suiteDir: resolve(REPO_ROOT, "..", "shared", "iso"),
    json: null,
    floor: false,
    verbose: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") {
      const f = args[++i];
      if (f === undefined) throw new Error("Option --json needs a file name");
      out.json = f;
    } else if (a === "--floor") {
      out.floor = true;
    } else if (a === "--verbose" || a === "-v") {
      out.verbose = true;
    } else if (a.startsWith("-")) {
      throw new Error(`Unknown option: "${a}"`);
    } else {
      out.suiteDir = resolve(a);
    }
  }
  return out;
}

/**
 * Compares a run's pass count with the recorded floor.
 *
 * @param r The suite result.
 * @param floorText The text of `floor.json` (`{"pass": N}`).
 * @returns An error message when below the floor, else `null`.
 * @example
 * ```ts
 * import { checkFloor } from "./iso_task.ts";
 * const counts = { pass: 5, fail: 0, error: 0, unreadable: 0, crash: 0, skipped: 0 };
 * console.log(checkFloor({ results: [], counts, total: 5, notes: [], elapsedMs: 0 }, '{"pass": 6}'));
 * ```
 */
export function checkFloor(r: SuiteResult, floorText: string): string | null {
  const floor = (JSON.parse(floorText) as { pass?: unknown }).pass;
  if (typeof floor !== "number") return `Cannot read floor: "pass" is not a number in floor.json`;
  if (r.counts.pass >= floor) return null;
  return `ISO conformance regressed: ${r.counts.pass} patterns pass, floor is ${floor} ` +
    `(tests/conformance/floor.json)`;
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(Deno.args);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const r = await runSuite(args.suiteDir);
  for (const res of r.results) {
    if (res.kind !== "pass" || args.verbose) console.log(failureLine(res, "iso.tst"));
  }
  for (const n of r.notes) console.log(`note: ${n}`);
  console.log(summaryLine(r) + `  [${(r.elapsedMs / 1000).toFixed(1)} s]`);
  if (args.json !== null) {
    await Deno.writeTextFile(args.json, JSON.stringify(r, null, 1) + "\n");
  }
  if (args.floor) {
    const msg = checkFloor(r, await Deno.readTextFile(FLOOR_FILE));
    if (msg !== null) {
      console.error(msg);
      return 1;
    }
    console.log(`floor ok: ${r.counts.pass} >= floor`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
