/**
 * The perf wrapper (`deno task perf`, `deno task perf:enforce`): runs the
 * overhead benchmarks with `deno bench --json` for several rounds, reports
 * median and IQR of every overhead, ratio and rate across rounds against
 * `bench/targets.json`, writes `.perf/last.json`, `.perf/last.md` and a line
 * of `.perf/history.jsonl`, and, when `CI_ENFORCE_PERF` is set, re-measures
 * each missed category once and fails if it misses again.
 *
 * ```text
 * deno run --allow-read --allow-write --allow-env --allow-run bench/perf.ts
 *   [--quick] [--filter CATEGORY[,CATEGORY...]] [--rounds N] [--json] [--stat min|p75|avg]
 * ```
 *
 * Exit codes: 0 targets met or not enforced; 1 a target missed twice while
 * enforcing; 2 the measurement itself is broken (bad flag or environment
 * variable, a wrong answer, a failed or mistimed bench).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { benchFile, CATEGORIES, type Category, WORKLOADS } from "./cases.ts";
import { workloadCounts } from "./_harness.ts";
import {
  type BenchJson,
  DEFAULT_STAT,
  parseBenchJson,
  parseCategories,
  parseEnforce,
  resolveThresholds,
  type RoundStat,
} from "./_perf_lib.ts";
import { type Counts, exitCode, runPerf, workloadsOf } from "./_perf_eval.ts";
import {
  formatMarkdown,
  formatText,
  historyEntry,
  jsonReport,
  type ReportMeta,
} from "./_perf_report.ts";

/** Rounds by default: about 20 s each on a 2-core machine (see bench/README.md). */
export const DEFAULT_ROUNDS = 5;

const ROOT = new URL("../", import.meta.url);
const OUT_DIR = new URL(".perf/", ROOT);

const USAGE = `Usage: deno task perf [options]   (deno task perf:enforce sets CI_ENFORCE_PERF=1)

  --quick              skip the groups marked slow
  --filter C1[,C2...]  only these categories: ${CATEGORIES.join(", ")}
  --rounds N           deno bench runs per measurement (default ${DEFAULT_ROUNDS})
  --json               print the machine-readable report on stdout
  --stat S             per-round value taken from Deno's JSON: min (default), p75 or avg
  --help               this text

Environment: CI_ENFORCE_PERF (1/true/yes/on), PERF_INFRASTRUCTURE_MAX, PERF_PRETTY_MAX,
PERF_JSONL_MAX, PERF_COLLECTOR_MAX, PERF_BACKTRACKING_MAX, PERF_SCALING_MAX,
PERF_FIRST_EVENT_MAX, PERF_EVENT_RATE_MIN, PERF_PRETTY_FLOOR_MAX, PERF_JSONL_FLOOR_MAX.`;

interface Cli {
  quick: boolean;
  categories: Category[];
  rounds: number;
  json: boolean;
  stat: RoundStat;
}

function parseCli(args: string[]): Cli | "help" {
  const { values } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      quick: { type: "boolean", default: false },
      filter: { type: "string" },
      rounds: { type: "string" },
      json: { type: "boolean", default: false },
      stat: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  let rounds = DEFAULT_ROUNDS;
  if (values.rounds !== undefined) {
    rounds = Number(values.rounds);
    if (!Number.isInteger(rounds) || rounds < 1) {
      throw new Error(`--rounds needs a positive integer, got "${values.rounds}"`);
    }
  }
  const stat = (values.stat ?? DEFAULT_STAT) as RoundStat;
  if (!["min", "p75", "avg"].includes(stat)) {
    throw new Error(`--stat must be min, p75 or avg, got "${stat}"`);
  }
  return {
    quick: values.quick,
    categories: values.filter === undefined ? [...CATEGORIES] : parseCategories(values.filter),
    rounds,
    json: values.json,
    stat,
  };
}

async function runDenoBench(
  categories: readonly Category[],
  round: number,
  quick: boolean,
): Promise<BenchJson> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "bench",
      "--json",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--v8-flags=--expose-gc",
      // Type checking is `deno task check`'s job; every answer is still checked before timing.
      "--no-check",
      ...categories.map(benchFile),
    ],
    cwd: ROOT,
    env: {
      BYRD_BENCH_SKIP_SLOW: quick ? "1" : "0",
      // Alternate rounds run each group's variants in reverse order.
      BYRD_BENCH_ORDER: round % 2 === 0 ? "reverse" : "forward",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderrTail = () =>
    new TextDecoder().decode(out.stderr).trim().split("\n").slice(-20).join("\n");
  let json: BenchJson;
  try {
    json = parseBenchJson(stdout);
  } catch (e) {
    throw new Error(
      `deno bench failed (exit ${out.code}): ${(e as Error).message}\n${stderrTail()}`,
    );
  }
  // A failed bench exits non-zero with its error in the JSON (raised while pairing);
  // any other failure (a bench module that does not load) is only on stderr.
  if (!out.success && !json.benches.some((b) => b.results.some((r) => "failed" in r))) {
    throw new Error(`deno bench failed (exit ${out.code}):\n${stderrTail()}`);
  }
  return json;
}

async function main(args: string[]): Promise<number> {
  const cli = parseCli(args);
  if (cli === "help") {
    console.log(USAGE);
    return 0;
  }
  const enforce = parseEnforce(Deno.env.get("CI_ENFORCE_PERF"));
  const thresholds = resolveThresholds(
    JSON.parse(await Deno.readTextFile(new URL("bench/targets.json", ROOT))),
    (name) => Deno.env.get(name),
  );
  const log = (line: string) => console.error(line);
  const counts: Record<string, Counts> = {};
  for (const w of workloadsOf(cli.categories, cli.quick)) counts[w] = workloadCounts(WORKLOADS[w]);
  const started = Date.now();
  const date = new Date(started).toISOString();
  const run = await runPerf(
    { ...cli, enforce, thresholds, counts },
    (categories, round) => runDenoBench(categories, round, cli.quick),
    log,
  );
  log(`measured in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const code = exitCode(run.results, enforce);
  const meta: ReportMeta = {
    date,
    rounds: cli.rounds,
    stat: cli.stat,
    quick: cli.quick,
    enforce,
    exitCode: code,
    thresholds,
    counts,
  };
  const json = jsonReport(run, meta);
  await Deno.mkdir(OUT_DIR, { recursive: true });
  await Deno.writeTextFile(new URL("last.json", OUT_DIR), JSON.stringify(json, null, 2) + "\n");
  await Deno.writeTextFile(new URL("last.md", OUT_DIR), formatMarkdown(run, meta));
  await Deno.writeTextFile(
    new URL("history.jsonl", OUT_DIR),
    JSON.stringify(historyEntry(run, meta)) + "\n",
    {
      append: true,
    },
  );
  if (cli.json) console.log(JSON.stringify(json, null, 2));
  else console.log(formatText(run, meta));
  log("report written to .perf/last.json and .perf/last.md");
  return code;
}

if (import.meta.main) {
  let code: number;
  try {
    code = await main(Deno.args);
  } catch (e) {
    console.error(`perf: ${(e as Error).message}`);
    code = 2;
  }
  Deno.exit(code);
}
