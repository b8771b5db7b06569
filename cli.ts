/**
 * Command-line runner: consults a program, runs one goal, prints the
 * answers and optionally writes a trace.
 *
 * ```sh
 * deno run -A cli.ts family.pl -g "ancestor(tom, X)" --trace pretty
 * deno run -A cli.ts family.pl -g "ancestor(tom, X)" --trace jsonl --trace-out run.jsonl --run-id r1
 * ```
 *
 * Exit codes: 0 when the goal has at least one answer; 1 when it has none
 * (`false.`), raises an uncaught exception, or a file cannot be read or
 * written; 2 for a wrong command line (unknown option, missing or invalid
 * value, no program or goal, a goal that does not parse); `halt(N)` exits N.
 *
 * @module
 */
import { Engine, PrologError } from "./engine/engine.ts";
import { Halt } from "./engine/machine.ts";
import { type PortName, portOf } from "./trace/events.ts";
import type { TraceFilters } from "./trace/filters.ts";
import type { Tracer, TracerOptions } from "./trace/tracer.ts";
import type { SyncWriter } from "./trace/sinks/_output.ts";
import { JsonlSink } from "./trace/sinks/jsonl.ts";
import { PrettySink } from "./trace/sinks/pretty.ts";
import type { TraceSink } from "./trace/sinks/sink.ts";

const USAGE = `Usage: deno run -A cli.ts PROGRAM.pl -g GOAL [options]

Consults PROGRAM.pl, runs GOAL and prints each answer as "X = value, Y = value"
("true." for an answer without variables, "false." when there is none).

Options:
  -g, --goal GOAL          the goal to run (required)
      --all                print every answer (default)
      --once               stop after the first answer
      --trace pretty|jsonl trace the goal: pretty goes to stderr, jsonl to trace.jsonl
      --trace-out FILE     write the trace to FILE ("-" = stdout); alone it implies --trace jsonl
      --spy NAME[/ARITY]   trace only these predicates (repeatable)
      --ports LIST         ports to trace, comma-separated: call,exit,redo,fail,exception
      --no-builtins        do not trace builtins and library predicates
      --max-depth N        trace invocations at most N levels deep
      --bindings MODE      add variable bindings to the trace: names or values
      --canonical          jsonl: add the canonical goal text ("gc")
      --show-det           pretty: mark deterministic exits with "(det)"
      --run-id ID          fix the run id (reproducible traces)
      --time-limit SECONDS stop the goal (and each directive) after this much solver time
      --max-steps N        stop the goal (and each directive) after N inferences
  -h, --help               show this help

Tracing options other than --trace-out imply --trace pretty.
Exit status: 0 answers found, 1 no answer or an error, 2 bad command line, N after halt(N).
`;

/**
 * Where {@linkcode main} writes; both default to the process's streams.
 *
 * @example
 * ```ts
 * import type { CliIo } from "./cli.ts";
 * let out = "";
 * const io: CliIo = { stdout: (s) => { out += s; } };
 * ```
 */
export interface CliIo {
  /** Answers, `--help` and the program's `user_output`. */
  stdout?: (text: string) => void;
  /** Diagnostics, the program's `user_error` and the default pretty trace. */
  stderr?: (text: string) => void;
}

class UsageError extends Error {}

interface CliArgs {
  program: string;
  goal: string;
  once: boolean;
  trace: "pretty" | "jsonl" | null;
  traceOut: string | null;
  spy: string[];
  ports: PortName[] | undefined;
  builtins: boolean;
  maxDepth: number | undefined;
  bindings: "names" | "namesValues" | undefined;
  canonical: boolean;
  showDet: boolean;
  runId: string | undefined;
  timeLimit: number | undefined;
  maxSteps: number | undefined;
  help: boolean;
}

const TAKES_VALUE = new Set([
  "-g",
  "--goal",
  "--trace",
  "--trace-out",
  "--spy",
  "--ports",
  "--max-depth",
  "--bindings",
  "--run-id",
  "--time-limit",
  "--max-steps",
]);

function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = {
    program: "",
    goal: "",
    once: false,
    trace: null,
    traceOut: null,
    spy: [],
    ports: undefined,
    builtins: true,
    maxDepth: undefined,
    bindings: undefined,
    canonical: false,
    showDet: false,
    runId: undefined,
    timeLimit: undefined,
    maxSteps: undefined,
    help: false,
  };
  let goalSeen = false, implied = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (TAKES_VALUE.has(arg)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option ${arg} needs a value`);
        value = argv[++i];
      }
    } else if (value !== undefined) {
      throw new UsageError(`option ${arg} takes no value`);
    }
    switch (arg) {
      case "-h":
      case "--help":
        a.help = true;
        break;
      case "-g":
      case "--goal":
        if (goalSeen) throw new UsageError("only one goal (-g) may be given");
        goalSeen = true;
        a.goal = value!;
        break;
      case "--all":
        a.once = false;
        break;
      case "--once":
        a.once = true;
        break;
      case "--trace":
        if (value !== "pretty" && value !== "jsonl") {
          throw new UsageError(`invalid --trace "${value}": expected pretty or jsonl`);
        }
        a.trace = value;
        break;
      case "--trace-out":
        if (value === "") throw new UsageError("--trace-out needs a file name");
        a.traceOut = value!;
        break;
      case "--spy":
        if (!/^[^/]+(\/\d+)?$/.test(value!)) {
          throw new UsageError(`invalid --spy "${value}": expected NAME or NAME/ARITY`);
        }
        a.spy.push(value!);
        implied = true;
        break;
      case "--ports":
        a.ports = value!.split(",").map((p) => p.trim()).filter((p) => p !== "") as PortName[];
        for (const p of a.ports) {
          try {
            portOf(p);
          } catch {
            throw new UsageError(
              `invalid port "${p}" in --ports: expected call, exit, redo, fail or exception`,
            );
          }
        }
        a.ports = a.ports.map((p) => p.toLowerCase() as PortName);
        implied = true;
        break;
      case "--no-builtins":
        a.builtins = false;
        implied = true;
        break;
      case "--max-depth":
        if (!/^\d+$/.test(value!)) {
          throw new UsageError(`invalid --max-depth "${value}": expected a non-negative integer`);
        }
        a.maxDepth = Number(value);
        implied = true;
        break;
      case "--bindings":
        if (value !== "names" && value !== "values") {
          throw new UsageError(`invalid --bindings "${value}": expected names or values`);
        }
        a.bindings = value === "names" ? "names" : "namesValues";
        implied = true;
        break;
      case "--canonical":
        a.canonical = true;
        break;
      case "--show-det":
        a.showDet = true;
        break;
      case "--run-id":
        a.runId = value!;
        break;
      case "--time-limit":
        if (!/^(\d+\.?\d*|\.\d+)$/.test(value!) || Number(value) <= 0) {
          throw new UsageError(
            `invalid --time-limit "${value}": expected a positive number of seconds`,
          );
        }
        a.timeLimit = Number(value) * 1000;
        break;
      case "--max-steps":
        if (!/^\d+$/.test(value!) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
          throw new UsageError(`invalid --max-steps "${value}": expected a positive integer`);
        }
        a.maxSteps = Number(value);
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  if (a.help) return a;
  if (positional.length === 0) throw new UsageError("no program file given");
  if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1]}"`);
  a.program = positional[0];
  if (!goalSeen || a.goal.trim() === "") throw new UsageError("no goal given (use -g GOAL)");
  if (a.trace === null && a.traceOut !== null) a.trace = "jsonl";
  if (a.trace === null && implied) a.trace = "pretty";
  return a;
}

function processWriter(target: typeof Deno.stdout): (s: string) => void {
  const enc = new TextEncoder();
  return (s) => {
    const bytes = enc.encode(s);
    let off = 0;
    while (off < bytes.length) off += target.writeSync(bytes.subarray(off));
  };
}

/** Adapts a text callback to the sinks' synchronous writer interface. */
function textWriter(write: (s: string) => void): SyncWriter {
  const dec = new TextDecoder();
  return {
    writeSync(p: Uint8Array): number {
      write(dec.decode(p));
      return p.length;
    },
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function openSink(a: CliArgs, io: CliIo): TraceSink {
  const stdout = io.stdout ? textWriter(io.stdout) : Deno.stdout;
  if (a.trace === "jsonl") {
    const out = a.traceOut ?? "trace.jsonl";
    return new JsonlSink(out === "-" ? stdout : out, { canonical: a.canonical });
  }
  const target = a.traceOut === null
    ? (io.stderr ? textWriter(io.stderr) : Deno.stderr)
    : a.traceOut === "-"
    ? stdout
    : a.traceOut;
  return new PrettySink(target, { showDet: a.showDet });
}

/**
 * Runs the command line: parses `args`, consults the program, runs the
 * goal, prints answers and writes the trace.
 *
 * @param args The arguments (without the script name), e.g. `Deno.args`.
 * @param io Where to write (default: the process's stdout and stderr).
 * @returns The exit code: 0 answers, 1 no answer or an error, 2 bad usage, N after `halt(N)`.
 * @example
 * ```ts
 * import { main } from "./cli.ts";
 * let out = "";
 * const path = Deno.makeTempFileSync({ suffix: ".pl" });
 * Deno.writeTextFileSync(path, "p(1). p(2).");
 * const code = await main([path, "-g", "p(X)"], { stdout: (s) => out += s });
 * console.log(code, out); // 0 "X = 1\nX = 2\n"
 * ```
 */
export async function main(args: string[], io: CliIo = {}): Promise<number> {
  const out = io.stdout ?? processWriter(Deno.stdout);
  const err = io.stderr ?? processWriter(Deno.stderr);
  let a: CliArgs;
  try {
    a = parseArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`Error: ${e.message} (see --help)\n`);
    return 2;
  }
  if (a.help) {
    out(USAGE);
    return 0;
  }
  let text: string;
  try {
    text = await Deno.readTextFile(a.program);
  } catch (e) {
    err(`Error: cannot read "${a.program}": ${messageOf(e)}\n`);
    return 1;
  }
  let traceOpts: TracerOptions | undefined;
  if (a.trace !== null) {
    traceOpts = { traceBuiltins: a.builtins };
    if (a.runId !== undefined) traceOpts.runId = a.runId;
    if (a.bindings !== undefined) traceOpts.bindings = a.bindings;
  }
  const engine = new Engine(undefined, {
    trace: traceOpts,
    output: out,
    errorOutput: err,
    timeLimit: a.timeLimit,
    maxSteps: a.maxSteps,
  });
  const tracer = engine.tracer;
  if (tracer !== undefined) {
    const filters: TraceFilters = { builtins: a.builtins };
    if (a.ports !== undefined) filters.ports = a.ports;
    if (a.maxDepth !== undefined) filters.maxDepth = a.maxDepth;
    tracer.setFilters(filters);
    for (const s of a.spy) tracer.spy(s);
    try {
      tracer.addSink(openSink(a, io));
    } catch (e) {
      err(`Error: ${messageOf(e)}\n`);
      return 1;
    }
  }
  let code: number;
  try {
    for (const issue of engine.consult(text)) {
      const where = issue.line > 0 ? `${a.program}:${issue.line}:${issue.column}` : a.program;
      err(`${where}: ${issue.message.replace(/ at line \d+, column \d+$/, "")}\n`);
    }
    code = await run(engine, a, out, err);
  } catch (e) {
    if (!(e instanceof Halt)) throw e;
    code = e.code; // halt/0,1 in a directive
  } finally {
    if (tracer !== undefined) {
      try {
        await tracer.close();
      } catch (e) {
        if (tracer.errors.length === 0) {
          err(`Error: ${messageOf(e)}\n`);
          code = 1;
        }
      }
      // A failed sink was detached and the query went on: a warning, same exit code.
      for (const f of tracer.errors) err(`Warning: ${f.message}\n`);
    }
  }
  return code;
}

/** Flushes the trace; a sink that fails is detached and reported once at the end. */
async function flushTrace(tracer: Tracer): Promise<void> {
  try {
    await tracer.flush();
  } catch (e) {
    if (tracer.errors.length === 0) throw e;
  }
}

async function run(
  engine: Engine,
  a: CliArgs,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  let it;
  try {
    it = engine.query(a.goal);
  } catch (e) {
    if (e instanceof PrologError && e.text.startsWith("error(syntax_error(")) {
      err(`Error: syntax error in goal: ${e.text}\n`);
      return 2;
    }
    err(`Error: ${messageOf(e)}\n`);
    return 1;
  }
  const tracer = engine.tracer;
  let answers = 0;
  try {
    for (;;) {
      const r = it.next();
      if (r.done) break;
      answers++;
      // Trace lines up to this answer come out before it.
      if (tracer !== undefined) await flushTrace(tracer);
      const parts: string[] = [];
      for (const name in r.value.text) parts.push(`${name} = ${r.value.text[name]}`);
      out(parts.length === 0 ? "true.\n" : parts.join(", ") + "\n");
      if (a.once) break;
    }
    it.return?.();
  } catch (e) {
    if (e instanceof Halt) return e.code;
    if (e instanceof PrologError) err(`Error: uncaught exception: ${e.text}\n`);
    else err(`Error: ${messageOf(e)}\n`);
    return 1;
  }
  if (answers === 0) out("false.\n");
  return answers > 0 ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
