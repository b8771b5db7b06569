/**
 * Seeded random programs (`_random_programs.ts`: cut, if-then-else,
 * negation, disjunction, catch/throw, findall/bagof/setof/forall, errors,
 * deep count-downs) traced with every sink. Checks per seed:
 *
 * (a) the JSONL and pretty outputs match the digests in
 *     `testdata/golden/random_digests.json` (generated from commit b809c85);
 * (b) an unbounded collector's records equal the JSONL lines field by
 *     field, and a ring-buffer collector's records equal the unbounded ones;
 * (c) each run's events obey the Byrd-box sequence rules;
 *
 * and that the four sinks attached together write what each writes alone.
 */
import assert from "node:assert/strict";
import { CollectorSink, type EventRecord, PORT_NAMES } from "../../mod.ts";
import { type Digest, digestOf } from "./_golden_lib.ts";
import { randomProgram } from "./_random_programs.ts";
import {
  canonical,
  programsDigest,
  RING_EVENTS,
  runSeed,
  seedOutputs,
  SEEDS,
  textSinks,
  traceOptions,
} from "./_random_run.ts";
import { sequenceProblem } from "./_sequence.ts";

interface SeedDigest {
  jsonl: Digest;
  pretty: Digest;
  events: number;
  solutions: number;
  errors: number;
}
const STORED: { programs: string; seeds: Record<string, SeedDigest> } = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/golden/random_digests.json", import.meta.url)),
);

const REGENERATE = "write digests from the old commit with " +
  "`deno run -A tests/trace/testdata/golden/make_random_digests.ts /tmp/old` " +
  "(and from this one into /tmp/new) to compare";

/** The JSONL line a collector record stands for (the keys the record has). */
function expectedLine(r: EventRecord): Record<string, unknown> {
  const line: Record<string, unknown> = {
    v: 1,
    rid: r.runId,
    sid: r.stepId,
    p: PORT_NAMES.indexOf(r.port),
    pid: r.predId,
    fd: r.depth,
    cd: r.choicepoints,
    gh: r.goalHeight,
    ws: r.writeStamp,
    g: r.goal,
    bid: r.invocationId,
    pbid: r.parentId,
    qid: r.queryId,
  };
  if (r.det) line.d = 1;
  if (r.bindings !== undefined) line.b = r.bindings;
  return line;
}

/** The same keys of a parsed JSONL line (drops `gc` and `x`, which records do not carry). */
function comparable(line: Record<string, unknown>): Record<string, unknown> {
  const { gc: _gc, x: _x, ...rest } = line;
  return rest;
}

const VAR = /_G\d+/g;

/**
 * One run's consistent renaming between the variable names of records and
 * of JSONL lines. `_G<n>` are numbered in the order the tracer first formats
 * a variable, and at b809c85 that order depends on what is formatted:
 * - under `bindings: "namesValues"` the collector formats the bindings at
 *   the event and the goal only when `events` is read, while the JSONL sink
 *   formats the goal first;
 * - with `canonical: true` the JSONL sink also formats `gc`, which is
 *   uncapped, so variables hidden by the caps of `g` take numbers too.
 * In those runs the texts must be equal up to a renaming that is the same
 * for the whole run.
 */
class Renaming {
  #there = new Map<string, string>();
  #back = new Map<string, string>();
  /** Whether `rec` equals `line` up to the renaming (extended as needed). */
  same(rec: string, line: string): boolean {
    if (rec.replace(VAR, "_G") !== line.replace(VAR, "_G")) return false;
    const a = rec.match(VAR) ?? [], b = line.match(VAR) ?? [];
    for (let i = 0; i < a.length; i++) {
      const x = this.#there.get(a[i]), y = this.#back.get(b[i]);
      if (x === undefined && y === undefined) {
        this.#there.set(a[i], b[i]);
        this.#back.set(b[i], a[i]);
      } else if (x !== b[i] || y !== a[i]) return false;
    }
    return true;
  }
}

/** Texts of a key as one string (the goal, or the bindings in order). */
function texts(v: unknown): string {
  return JSON.stringify(v ?? null);
}

/**
 * Compares records with JSONL lines field by field; returns the first
 * difference or null. With `renamed`, goals and bindings need only be equal
 * up to a consistent renaming of variables per run (see {@linkcode Renaming}).
 */
export function recordsVersusLines(
  records: EventRecord[],
  text: string,
  renamed = false,
): string | null {
  const lines = text === "" ? [] : text.slice(0, -1).split("\n");
  if (lines.length !== records.length) {
    return `${records.length} records, ${lines.length} JSONL lines`;
  }
  let renaming = new Renaming();
  for (let i = 0; i < lines.length; i++) {
    const got = comparable(JSON.parse(lines[i]));
    const want = expectedLine(records[i]);
    if (got.sid === 1) renaming = new Renaming();
    const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
    for (const k of keys) {
      if (renamed && (k === "g" || k === "b")) {
        if (renaming.same(texts(want[k]), texts(got[k]))) continue;
      } else if (JSON.stringify(got[k]) === JSON.stringify(want[k])) continue;
      return `line ${i + 1}, key ${k}: JSONL ${JSON.stringify(got[k])}, ` +
        `record ${JSON.stringify(want[k])}\n  ${lines[i]}`;
    }
  }
  return null;
}

/** The sequence rules on each run (query) of a seed's records. */
function runsProblem(records: EventRecord[]): string | null {
  const runs = new Map<number, EventRecord[]>();
  for (const r of records) {
    let run = runs.get(r.queryId);
    if (run === undefined) runs.set(r.queryId, run = []);
    run.push(r);
  }
  for (const [qid, run] of runs) {
    const p = sequenceProblem(run);
    if (p !== null) return `query ${qid}: ${p}`;
  }
  return null;
}

function sameDigest(what: string, seed: number, got: Digest, want: Digest): void {
  if (got.sha256 !== want.sha256 || got.bytes !== want.bytes || got.lines !== want.lines) {
    assert.fail(
      `seed ${seed}: ${what} output differs from the stored digest\n` +
        `  stored: ${JSON.stringify(want)}\n  now:    ${JSON.stringify(got)}\n${REGENERATE}`,
    );
  }
}

Deno.test("random programs: the generator still makes the stored programs", async () => {
  assert.deepEqual(Object.keys(STORED.seeds).map(Number), SEEDS);
  assert.equal(
    await programsDigest(SEEDS),
    STORED.programs,
    "the generator's programs changed: the digests no longer describe them " +
      "(regenerate random_digests.json on the commit the goldens came from)",
  );
  const queries = SEEDS.reduce((n, s) => n + randomProgram(s).queries.length, 0);
  assert.ok(queries >= 300, `${queries} queries`);
  assert.ok(SEEDS.filter((s) => randomProgram(s).deep >= 0).length >= 3, "deep count-downs");
});

Deno.test("random programs: every sink gives the same events as before", async (t) => {
  for (const seed of SEEDS) {
    await t.step(`seed ${seed}`, async () => {
      const want = STORED.seeds[seed];
      const o = await seedOutputs(seed);
      assert.equal(o.solutions, want.solutions, `seed ${seed}: solutions`);
      assert.equal(o.errors, want.errors, `seed ${seed}: escaped exceptions`);
      // (a) byte-identical text outputs.
      sameDigest("JSONL", seed, await digestOf(o.jsonl), want.jsonl);
      sameDigest("pretty", seed, await digestOf(o.pretty), want.pretty);
      // (b) collectors against the JSONL lines, the ring buffer against the unbounded one.
      assert.equal(o.collected.length, want.events, `seed ${seed}: events`);
      assert.ok(o.collected.length < RING_EVENTS && o.ringDropped === 0, "ring holds all");
      const renamed = traceOptions(seed).bindings === "namesValues" || canonical(seed);
      const problem = recordsVersusLines(o.collected, new TextDecoder().decode(o.jsonl), renamed);
      assert.equal(problem, null, `seed ${seed}: collector vs JSONL: ${problem}`);
      assert.ok(
        JSON.stringify(o.ring) === JSON.stringify(o.collected),
        `seed ${seed}: ring buffer records differ from the unbounded collector's`,
      );
      // (c) the Byrd-box rules.
      const seq = runsProblem(o.collected);
      assert.equal(seq, null, `seed ${seed}: ${seq}`);
    });
  }
});

Deno.test("random programs: sinks attached together write what each writes alone", async () => {
  // A few seeds (with a deep count-down among them): one engine, all four sinks.
  const seeds = [SEEDS.find((s) => randomProgram(s).deep >= 0)!, 1, 2, 3];
  for (const seed of seeds) {
    const alone = await seedOutputs(seed);
    const t = textSinks(seed);
    const collector = new CollectorSink();
    const ring = new CollectorSink({ maxEvents: RING_EVENTS });
    // The pretty sink alone saw the deep count-down filtered; here nothing is filtered,
    // so compare pretty only on seeds without one.
    const deep = randomProgram(seed).deep >= 0;
    runSeed(seed, deep ? [t.jsonl, collector, ring] : [t.jsonl, t.pretty, collector, ring]);
    const { jsonl, pretty } = await t.read();
    assert.deepEqual(jsonl, alone.jsonl, `seed ${seed}: JSONL`);
    if (!deep) assert.deepEqual(pretty, alone.pretty, `seed ${seed}: pretty`);
    // Variable numbers depend on what the other sinks format (see Renaming), so the
    // collectors are compared with this run's JSONL lines.
    const renamed = traceOptions(seed).bindings === "namesValues" || canonical(seed);
    const text = new TextDecoder().decode(jsonl);
    for (const [name, c] of [["collector", collector], ["ring buffer", ring]] as const) {
      const problem = recordsVersusLines(c.events, text, renamed);
      assert.equal(problem, null, `seed ${seed}: ${name} vs JSONL: ${problem}`);
    }
  }
});
