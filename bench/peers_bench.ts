/**
 * Byrd against Trealla (WASM), SWI-Prolog (WASM) and Tau Prolog, side by
 * side in one run (`deno task bench:peers`).
 *
 * Each system is started once and consults every bench program. For each
 * case of {@linkcode CASES}, every system first runs the check goal and must
 * give the expected answer (a wrong answer produces no number). The timed
 * goal then runs `reps` times inside the system between two readings of
 * its own clock (`get_time/1`; for Byrd, the JS clock around one query), so
 * query-API overhead is left out. Samples of the systems are interleaved,
 * so load from other jobs hits them alike, and the table shows medians.
 * {@linkcode API_CASES} time the seed workloads through each JS API
 * instead: a query string in, answers out as JS values.
 *
 * Usage: `deno run --allow-read --allow-env --allow-sys=loadavg --no-lock
 * --v8-flags=--expose-gc bench/peers_bench.ts [--samples=7] [--target-ms=100]
 * [--budget-s=60] [--only=nrev30,tak_18_12_6] [--systems=byrd,trealla,swipl,tau]
 * [--no-api]`. A system whose check runs past the budget is stopped where it
 * can be (Tau) and shown as a lower bound.
 *
 * The npm packages are dev-only and imported at run time (so `deno check`
 * never fetches them, and `--no-lock` keeps them out of a lock file); a
 * system that fails to load is reported and skipped.
 *
 * @module
 */
import { API_CASES, type ApiCase, type BenchCase, CASES, sameAnswer } from "./classic_cases.ts";
import { byrd } from "./_peers/byrd.ts";
import { swipl } from "./_peers/swipl.ts";
import { tau } from "./_peers/tau.ts";
import { trealla } from "./_peers/trealla.ts";
import { BudgetExceeded, type Peer, type PeerFactory } from "./_peers/types.ts";

const FACTORIES: Record<string, PeerFactory> = { byrd, trealla, swipl, tau };
/** V8's collector, when run with `--v8-flags=--expose-gc`. */
const gc = (globalThis as { gc?: () => void }).gc;

interface Options {
  samples: number;
  targetMs: number;
  budgetMs: number;
  only: Set<string> | null;
  systems: string[];
  api: boolean;
}

/** The outcome of one case in one system. */
interface Result {
  /** `null` when timed; otherwise why there is no number. */
  problem: string | null;
  /** Iterations per sample. */
  reps: number;
  /** Samples wanted. */
  wanted: number;
  /** Milliseconds per iteration, one entry per sample. */
  perIter: number[];
}

function parseOptions(args: string[]): Options {
  const o: Options = {
    samples: 7,
    targetMs: 100,
    budgetMs: 60_000,
    only: null,
    systems: Object.keys(FACTORIES),
    api: true,
  };
  for (const a of args) {
    const [k, v = ""] = a.replace(/^--/, "").split("=");
    if (k === "samples") o.samples = Math.max(1, Number(v));
    else if (k === "target-ms") o.targetMs = Number(v);
    else if (k === "budget-s") o.budgetMs = Number(v) * 1000;
    else if (k === "only") o.only = new Set(v.split(","));
    else if (k === "systems") o.systems = v.split(",");
    else if (k === "no-api") o.api = false;
    else throw new Error(`Unknown option: "${a}"`);
  }
  for (const s of o.systems) {
    if (!(s in FACTORIES)) throw new Error(`Unknown system "${s}": use ${Object.keys(FACTORIES)}`);
  }
  return o;
}

function log(s: string): void {
  console.error(s);
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 120);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Picks `reps` so one sample takes about `targetMs`, and how many samples
 * fit in the budget. Unless its check alone took longer, a case first runs
 * for at least `warmupMs`, so the JIT (V8's tiers, or the WASM tier-up)
 * settles before the estimate that counts; a case slower than a sample
 * runs once per sample.
 */
async function calibrate(
  run: (reps: number) => Promise<number>,
  firstMs: number,
  o: Options,
): Promise<{ reps: number; wanted: number }> {
  let reps = 1;
  let ms = firstMs;
  const warmupMs = Math.max(500, 5 * o.targetMs);
  if (firstMs < warmupMs) {
    let spent = 0;
    for (;;) {
      ms = await run(reps);
      spent += ms;
      if (ms < o.targetMs / 5 && reps < 1e7) {
        reps *= Math.min(100, Math.max(2, Math.ceil(o.targetMs / 5 / Math.max(ms, 0.01))));
      } else if (spent < warmupMs) {
        reps = Math.max(1, Math.round(reps * o.targetMs / Math.max(ms, 0.01)));
      } else break;
    }
  }
  const per = ms / reps;
  reps = Math.max(1, Math.round(o.targetMs / Math.max(per, 1e-6)));
  const sampleMs = per * reps;
  const wanted = Math.max(1, Math.min(o.samples, Math.floor(o.budgetMs / sampleMs)));
  return { reps, wanted };
}

/** Takes the samples of every ready system in turn, rotating the order each round. */
async function interleave(
  peers: Peer[],
  results: Map<Peer, Result>,
  sample: (p: Peer, reps: number) => Promise<number>,
): Promise<void> {
  const ready = peers.filter((p) => results.get(p)!.problem === null);
  const rounds = Math.max(0, ...ready.map((p) => results.get(p)!.wanted));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < ready.length; i++) {
      const p = ready[(i + r) % ready.length];
      const res = results.get(p)!;
      if (res.problem !== null || res.perIter.length >= res.wanted) continue;
      // Garbage left by the previous system (Tau's, or Byrd's own) must not
      // be collected on this sample's time: collect it first (--expose-gc).
      gc?.();
      try {
        res.perIter.push(await sample(p, res.reps) / res.reps);
      } catch (e) {
        res.problem = `error: ${errorText(e)}`;
      }
    }
  }
}

async function runCase(c: BenchCase, peers: Peer[], o: Options): Promise<Map<Peer, Result>> {
  const results = new Map<Peer, Result>();
  for (const p of peers) {
    const res: Result = { problem: null, reps: 1, wanted: 0, perIter: [] };
    results.set(p, res);
    const t0 = performance.now();
    let got: unknown;
    try {
      got = await p.check(c.check, o.budgetMs);
    } catch (e) {
      res.problem = e instanceof BudgetExceeded
        ? `> ${o.budgetMs / 1000} s (stopped)`
        : `error: ${errorText(e)}`;
      log(`  ${p.name}: ${res.problem}`);
      continue;
    }
    const checkMs = performance.now() - t0;
    if (!sameAnswer(got, c.expected)) {
      res.problem = `WRONG: ${JSON.stringify(got)?.slice(0, 60)}`;
      log(`  ${p.name}: ${res.problem}`);
      continue;
    }
    try {
      Object.assign(res, await calibrate((n) => p.time(c.goal, n), checkMs, o));
    } catch (e) {
      res.problem = `error: ${errorText(e)}`;
    }
    log(`  ${p.name}: check ok in ${fmtMs(checkMs)}, ${res.wanted} × ${res.reps} reps`);
  }
  await interleave(peers, results, (p, reps) => p.time(c.goal, reps));
  return results;
}

async function apiSample(p: Peer, c: ApiCase, reps: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await p.answers(c.query, c.max);
  return performance.now() - t0;
}

async function runApiCase(c: ApiCase, peers: Peer[], o: Options): Promise<Map<Peer, Result>> {
  const results = new Map<Peer, Result>();
  for (const p of peers) {
    const res: Result = { problem: null, reps: 1, wanted: 0, perIter: [] };
    results.set(p, res);
    try {
      const t0 = performance.now();
      const got = await p.answers(c.query, c.max);
      const checkMs = performance.now() - t0;
      const first = got[0] ?? {};
      const ok = got.length === c.count &&
        Object.entries(c.first).every(([k, v]) => sameAnswer(first[k], v));
      if (!ok) {
        res.problem = `WRONG: ${got.length} answers, first ${JSON.stringify(first)}`;
      } else {
        Object.assign(res, await calibrate((n) => apiSample(p, c, n), checkMs, o));
      }
    } catch (e) {
      res.problem = `error: ${errorText(e)}`;
    }
    log(`  ${p.name}: ${res.problem ?? `check ok, ${res.wanted} × ${res.reps} reps`}`);
  }
  await interleave(peers, results, (p, reps) => apiSample(p, c, reps));
  return results;
}

function fmtMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  if (ms >= 0.001) return `${(ms * 1000).toPrecision(3)} µs`;
  return `${(ms * 1e6).toPrecision(3)} ns`;
}

function cell(r: Result | undefined, o: Options): string {
  if (r === undefined) return "—";
  if (r.problem !== null) return r.problem;
  if (r.perIter.length === 0) return "no samples";
  const m = median(r.perIter);
  const spread = r.perIter.length > 1
    ? ` ±${Math.round(50 * (Math.max(...r.perIter) - Math.min(...r.perIter)) / m)}%`
    : "";
  const n = r.perIter.length < o.samples ? ` (n=${r.perIter.length})` : "";
  return `${fmtMs(m)}${spread}${n}`;
}

function medianOf(r: Result | undefined): number | null {
  return r === undefined || r.problem !== null || r.perIter.length === 0 ? null : median(r.perIter);
}

function fmtRatio(x: number): string {
  return `${x >= 100 ? Math.round(x) : x.toPrecision(3)}×`;
}

function ratio(peer: Result | undefined, base: Result | undefined, o: Options): string {
  const a = medianOf(peer), b = medianOf(base);
  if (b === null) return "—";
  // A run stopped at the budget still bounds the ratio from below.
  if (a === null) return peer?.problem?.startsWith(">") ? `> ${fmtRatio(o.budgetMs / b)}` : "—";
  return fmtRatio(a / b);
}

function table(
  title: string,
  rows: { name: string; results: Map<Peer, Result>; inferences?: number }[],
  peers: Peer[],
  o: Options,
): string {
  const base = peers.find((p) => p.name === "Byrd");
  const others = peers.filter((p) => p !== base);
  const head = [
    "case",
    ...peers.map((p) => p.name),
    ...(base ? others.map((p) => `${p.name} / Byrd`) : []),
  ];
  const lines = [
    `### ${title}`,
    "",
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
  ];
  for (const row of rows) {
    const cells = [
      row.name,
      ...peers.map((p) => cell(row.results.get(p), o)),
      ...(base ? others.map((p) => ratio(row.results.get(p), row.results.get(base), o)) : []),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
    if (row.inferences !== undefined) {
      const lips = peers.map((p) => {
        const m = medianOf(row.results.get(p));
        return m === null ? "—" : `${(row.inferences! / m / 1000).toPrecision(3)} MLIPS`;
      });
      lines.push(
        `| ${row.name} (LIPS) | ${lips.join(" | ")} |${base ? " |".repeat(others.length) : ""}`,
      );
    }
  }
  lines.push("", "Ratios are the peer's median time over Byrd's: above 1× Byrd is faster.");
  return lines.join("\n");
}

async function main(): Promise<void> {
  const o = parseOptions(Deno.args);
  const peers: Peer[] = [];
  const failed: string[] = [];
  for (const id of o.systems) {
    const f = FACTORIES[id];
    const t0 = performance.now();
    try {
      const p = await f.start();
      peers.push(p);
      log(`${p.name} ${p.version}: started in ${fmtMs(performance.now() - t0)}`);
    } catch (e) {
      failed.push(`${f.name}: failed to load (${errorText(e)})`);
      log(`${f.name}: failed to load: ${errorText(e)} — going on without it`);
    }
  }
  const rows = [];
  for (const c of CASES) {
    if (o.only !== null && !o.only.has(c.name)) continue;
    log(`${c.name}: ${c.goal}`);
    rows.push({ name: c.name, results: await runCase(c, peers, o), inferences: c.inferences });
  }
  const apiRows = [];
  if (o.api) {
    for (const c of API_CASES) {
      if (o.only !== null && !o.only.has(c.name)) continue;
      log(`${c.name}: ${c.query} (${c.max === Infinity ? "all" : `first ${c.max}`})`);
      apiRows.push({ name: c.name, results: await runApiCase(c, peers, o) });
    }
  }
  const out = [
    `Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, ${navigator.hardwareConcurrency} cores, ` +
    `load average ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}` +
    (gc === undefined ? " (run with --v8-flags=--expose-gc to collect before each sample)" : ""),
    `Systems: ${peers.map((p) => `${p.name} ${p.version}`).join("; ")}`,
    ...failed,
    `Median of ${o.samples} interleaved samples (fewer where a sample would pass the ` +
    `${o.budgetMs / 1000} s budget), ±half the min–max spread; ~${o.targetMs} ms per sample.`,
    "",
  ];
  if (rows.length > 0) {
    out.push(table("Inside each system (time per iteration)", rows, peers, o), "");
  }
  if (apiRows.length > 0) {
    out.push(table("Through each JS query API (time per query)", apiRows, peers, o), "");
  }
  console.log(out.join("\n"));
  for (const p of peers) p.close();
}

if (import.meta.main) await main();
