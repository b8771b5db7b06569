import assert from "node:assert/strict";
import { main } from "../cli.ts";

const PROGRAM = `
app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).
count(0) :- !.
count(N) :- N > 0, M is N - 1, count(M).
hello :- write(hi), nl.
`;

const dir = Deno.makeTempDirSync();
const prog = `${dir}/prog.pl`;
Deno.writeTextFileSync(prog, PROGRAM);
const broken = `${dir}/broken.pl`;
Deno.writeTextFileSync(broken, "ok(1).\nbad( .\nok(2).\n");

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(...args: string[]): Promise<Run> {
  let out = "", err = "";
  const code = await main(args, { stdout: (s) => out += s, stderr: (s) => err += s });
  return { code, out, err };
}

/** Asserts one diagnostic line on stderr. */
function oneLine(err: string, pattern: RegExp): void {
  assert.equal(err.split("\n").length, 2, `one line expected: ${JSON.stringify(err)}`);
  assert.match(err, pattern);
}

Deno.test("main() prints answers and exit codes", async (t) => {
  const rows: [title: string, args: string[], code: number, out: string][] = [
    [
      "all answers",
      [prog, "-g", "app(X, Y, [1,2])"],
      0,
      "X = [], Y = [1,2]\nX = [1], Y = [2]\nX = [1,2], Y = []\n",
    ],
    ["--once", [prog, "-g", "app(X, Y, [1,2])", "--once"], 0, "X = [], Y = [1,2]\n"],
    [
      "--all after --once wins",
      [prog, "--once", "--all", "-g", "app(X, _, [1])"],
      0,
      "X = []\nX = [1]\n",
    ],
    ["true. without variables", [prog, "-g", "count(2)"], 0, "true.\n"],
    ["false. and exit 1", [prog, "-g", "app(X, [9], [1,2])"], 1, "false.\n"],
    ["--goal=GOAL form", [prog, "--goal=app([1],[2],Z)"], 0, "Z = [1,2]\n"],
    ["program output goes to stdout", [prog, "-g", "hello"], 0, "hi\ntrue.\n"],
    ["halt(N) exits N", [prog, "-g", "halt(3)"], 3, ""],
  ];
  for (const [title, args, code, out] of rows) {
    await t.step(title, async () => {
      const r = await cli(...args);
      assert.equal(r.err, "");
      assert.equal(r.out, out);
      assert.equal(r.code, code);
    });
  }
});

Deno.test("main() reports errors on one stderr line", async (t) => {
  const rows: [title: string, args: string[], code: number, err: RegExp][] = [
    [
      "missing program file",
      [`${dir}/nope.pl`, "-g", "true"],
      1,
      /^Error: cannot read ".*nope\.pl": /,
    ],
    [
      "unknown option",
      [prog, "-g", "true", "--frob"],
      2,
      /^Error: unknown option "--frob" \(see --help\)$/m,
    ],
    [
      "bad port",
      [prog, "-g", "true", "--ports", "call,bogus"],
      2,
      /^Error: invalid port "bogus" in --ports/,
    ],
    ["missing value", [prog, "-g"], 2, /^Error: option -g needs a value/],
    ["no goal", [prog], 2, /^Error: no goal given/],
    ["no program", ["-g", "true"], 2, /^Error: no program file given/],
    ["two programs", [prog, prog, "-g", "true"], 2, /^Error: unexpected argument/],
    ["bad --trace", [prog, "-g", "true", "--trace", "xml"], 2, /^Error: invalid --trace "xml"/],
    [
      "bad --max-depth",
      [prog, "-g", "true", "--max-depth", "-1"],
      2,
      /^Error: invalid --max-depth "-1"/,
    ],
    [
      "bad --time-limit",
      [prog, "-g", "true", "--time-limit", "0"],
      2,
      /^Error: invalid --time-limit "0"/,
    ],
    [
      "bad --max-steps",
      [prog, "-g", "true", "--max-steps", "1e3"],
      2,
      /^Error: invalid --max-steps "1e3"/,
    ],
    [
      "--max-steps stops a runaway goal",
      [prog, "-g", "repeat, fail", "--max-steps", "100000"],
      1,
      /^Error: Query aborted: step limit of 100000 exceeded\n$/,
    ],
    [
      "--time-limit stops a runaway goal",
      [prog, "-g", "repeat, fail", "--time-limit", "0.2"],
      1,
      /^Error: Query aborted: time limit of 200 ms exceeded\n$/,
    ],
    [
      "syntax error in the goal",
      [prog, "-g", "app(X"],
      2,
      /^Error: syntax error in goal: error\(syntax_error\(/,
    ],
    [
      "uncaught exception",
      [prog, "-g", "X is foo + 1"],
      1,
      /^Error: uncaught exception: error\(type_error\(evaluable,foo\/0\),/,
    ],
    [
      "unwritable trace file",
      [prog, "-g", "true", "--trace-out", `${dir}/no/such/dir.jsonl`],
      1,
      /^Error: JsonlSink: cannot open ".*dir\.jsonl": /,
    ],
  ];
  for (const [title, args, code, err] of rows) {
    await t.step(title, async () => {
      const r = await cli(...args);
      oneLine(r.err, err);
      assert.equal(r.code, code);
    });
  }
  await t.step("--help prints usage and exits 0", async () => {
    const r = await cli("--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: deno run -A cli\.ts PROGRAM\.pl -g GOAL/);
  });
  await t.step("load issues are reported with line:column, then the goal runs", async () => {
    const r = await cli(broken, "-g", "ok(X)");
    assert.equal(r.err, `${broken}:2:6: Syntax error: unexpected end of clause\n`);
    assert.equal(r.out, "X = 1\nX = 2\n");
    assert.equal(r.code, 0);
  });
});

Deno.test("main() writes traces", async (t) => {
  await t.step("--trace pretty goes to stderr", async () => {
    const r = await cli(prog, "-g", "app([1],[2],X)", "--trace", "pretty", "--show-det");
    assert.equal(r.out, "X = [1,2]\n");
    assert.equal(
      r.err,
      "[1] CALL app/3: app([1],[2],_G1)\n" +
        "  [2] CALL app/3: app([],[2],_G2)\n" +
        "  [3] EXIT app/3: app([],[2],[2]) (det)\n" +
        "[4] EXIT app/3: app([1],[2],[1,2]) (det)\n",
    );
  });
  await t.step("--trace jsonl --trace-out FILE with --run-id", async () => {
    const file = `${dir}/t1.jsonl`;
    const r = await cli(
      prog,
      "-g",
      "app([1],[2],X)",
      "--trace",
      "jsonl",
      "--trace-out",
      file,
      "--run-id",
      "cli",
    );
    assert.equal(r.code, 0);
    assert.equal(r.err, "");
    const lines = Deno.readTextFileSync(file).split("\n");
    assert.equal(lines.length, 5);
    assert.equal(lines[4], "");
    assert.equal(
      lines[0],
      '{"v":1,"rid":"cli","sid":1,"p":0,"pid":"app/3","fd":0,"cd":1,"gh":1,"ws":0,"g":"app([1],[2],_G1)","bid":1,"pbid":0,"qid":1}',
    );
  });
  await t.step("--trace jsonl defaults to trace.jsonl in the working directory", async () => {
    const cwd = Deno.cwd();
    const here = Deno.makeTempDirSync();
    Deno.chdir(here);
    try {
      const r = await cli(prog, "-g", "count(1)", "--trace", "jsonl");
      assert.equal(r.code, 0);
      assert.equal(Deno.readTextFileSync(`${here}/trace.jsonl`).split("\n").length - 1, 8);
    } finally {
      Deno.chdir(cwd);
    }
  });
  await t.step("--trace-out alone means jsonl; '-' is stdout", async () => {
    const r = await cli(prog, "-g", "count(0)", "--trace-out", "-", "--run-id", "x");
    const lines = r.out.split("\n");
    assert.equal(JSON.parse(lines[0]).g, "count(0)");
    assert.equal(JSON.parse(lines[1]).d, 1);
    assert.equal(lines[2], "true.");
  });
  await t.step("filters: --ports, --spy, --no-builtins, --max-depth", async () => {
    const ports = await cli(prog, "-g", "count(1)", "--ports", "exit");
    assert.ok(ports.err.split("\n").slice(0, -1).every((l) => / EXIT /.test(l)), ports.err);
    const spy = await cli(prog, "-g", "count(1)", "--spy", "is/2");
    assert.equal(spy.err, "[1] CALL is/2: _G1 is 1-1\n[2] EXIT is/2: 0 is 1-1\n");
    const nob = await cli(prog, "-g", "count(1)", "--no-builtins");
    assert.equal(
      nob.err,
      "[1] CALL count/1: count(1)\n  [2] CALL count/1: count(0)\n  [3] EXIT count/1: count(0)\n[4] EXIT count/1: count(1)\n",
    );
    const depth = await cli(prog, "-g", "count(3)", "--max-depth", "0");
    assert.equal(depth.err, "[1] CALL count/1: count(3)\n[2] EXIT count/1: count(3)\n");
  });
  await t.step("--bindings values adds the bindings", async () => {
    const r = await cli(prog, "-g", "app([],[1],X)", "--bindings", "values");
    assert.equal(
      r.err,
      "[1] CALL app/3: app([],[1],_G1) {X=_G1}\n[2] EXIT app/3: app([],[1],[1]) {X=[1]}\n",
    );
  });
});

/** Runs the real CLI in a child process (Deno opens `/dev/full` only with --allow-all). */
async function cliProcess(...args: string[]): Promise<Run> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../cli.ts", import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

Deno.test({
  name: "a trace sink that fails (a full disk) does not take the query down",
  ignore: Deno.build.os !== "linux",
  fn: async (t) => {
    const warning =
      /^Warning: trace sink JsonlSink failed after (\d+) events and was detached: JsonlSink: cannot write to "\/dev\/full": No space left on device \(os error 28\) \(\d+ lines? not written\); (\d+) events were not written\n$/;
    const events = async (goal: string) => {
      const file = `${dir}/full_ref.jsonl`;
      await cli(prog, "-g", goal, "--trace", "jsonl", "--trace-out", file);
      return Deno.readTextFileSync(file).split("\n").length - 1;
    };
    await t.step("answers as usual, exit 0, one warning line", async () => {
      const goal = "app(X, Y, [1])";
      const r = await cliProcess(prog, "-g", goal, "--trace", "jsonl", "--trace-out", "/dev/full");
      assert.equal(r.out, "X = [], Y = [1]\nX = [1], Y = []\n");
      assert.equal(r.code, 0);
      oneLine(r.err, warning);
      // Not one event of the trace was written: all are counted.
      assert.equal(Number(warning.exec(r.err)![2]), await events(goal));
    });
    await t.step("no answer: false. and exit 1, as without the failure", async () => {
      const goal = "app(X, Y, [1]), X == 5";
      const r = await cliProcess(prog, "-g", goal, "--trace-out", "/dev/full");
      assert.equal(r.out, "false.\n");
      assert.equal(r.code, 1);
      oneLine(r.err, warning);
      assert.equal(Number(warning.exec(r.err)![2]), await events(goal));
    });
  },
});

Deno.test("--max-steps and --time-limit stop a runaway directive, and the goal still runs", async (t) => {
  const path = `${dir}/runaway.pl`;
  Deno.writeTextFileSync(path, "p(1).\n:- repeat, fail.\np(2).\n");
  for (const flag of [["--max-steps", "100000"], ["--time-limit", "0.2"]]) {
    await t.step(flag[0], async () => {
      const r = await cli(path, "-g", "p(X)", ...flag);
      assert.equal(r.code, 0);
      assert.equal(r.out, "X = 1\nX = 2\n");
      oneLine(
        r.err,
        new RegExp(
          `^${
            path.replaceAll("/", "\\/")
          }:2:1: Directive stopped \\(Query aborted: (step|time) limit`,
        ),
      );
    });
  }
});
