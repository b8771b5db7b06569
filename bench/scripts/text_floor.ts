/**
 * The floor under the text sinks' floor ratio: what putting a trace's bytes
 * into a buffer costs in JS, even when nothing is formatted at all.
 *
 * The pretty and jsonl benches report a floor ratio: what tracing adds to
 * the query (traced - off) divided by the time of a bare write of the same
 * bytes (the `write_floor` variant). A text sink has to hand `writeSync`
 * every byte of its output, so it must at least put each byte into a
 * buffer and then write it: traced - off >= assemble + write, and the
 * ratio >= (assemble + write) / write, whatever the engine and the
 * formatter cost.
 *
 * This script captures one medium query's trace exactly as the bench's
 * `write_floor` variant does (`prepareVariant(group, "write_floor")`: the
 * sink's own `writeSync` chunks), splits it into its lines, and keeps every
 * line already encoded: the most generous cache there can be, as if every
 * goal text, step id and key were known in advance. Then it times,
 * interleaved, per query:
 *
 * - `write`: the bench's `write_floor` iteration (the chunks written to
 *   each of its temp files, truncated before each round as the bench does);
 * - `assemble`: one copy per line into an output buffer, the fastest of
 *   `Uint8Array.set` per line and a byte loop per line (an event must be
 *   copied at least once: its step id and goal differ from every other
 *   line's);
 * - `assemble + write`: both, into the same files.
 *
 * It prints the least floor ratio any sink can reach, `(assemble + write) /
 * write`, for pretty and for JSONL, beside the enforced maximum (2.0).
 *
 * Run: `deno run --allow-read --allow-write --allow-env bench/scripts/text_floor.ts`
 *
 * @module
 */
import { GROUPS } from "../cases.ts";
import { prepareVariant } from "../_harness.ts";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 4)].toFixed(2)}..${s[Math.floor(s.length * 3 / 4)].toFixed(2)}`;
}

/** The trace's lines, each with its newline, as separate arrays. */
function splitLines(chunks: readonly Uint8Array[]): Uint8Array[] {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.length;
  }
  const lines: Uint8Array[] = [];
  for (let i = 0, start = 0; i < all.length; i++) {
    if (all[i] === 10) {
      lines.push(all.slice(start, i + 1));
      start = i + 1;
    }
  }
  return lines;
}

/** Copies every line into `out` with one `set` each; returns the bytes. */
function assembleSet(lines: readonly Uint8Array[], out: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    out.set(l, p);
    p += l.length;
  }
  return p;
}

/** Copies every line into `out` byte by byte; returns the bytes. */
function assembleLoop(lines: readonly Uint8Array[], out: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    for (let k = 0; k < l.length; k++) out[p++] = l[k];
  }
  return p;
}

async function floor(kind: "pretty" | "jsonl"): Promise<string> {
  const group = GROUPS.find((g) => g.category === kind)!;
  const v = await prepareVariant(group, "write_floor");
  const wf = v.writeFloor!;
  const lines = splitLines(wf.chunks);
  const out = new Uint8Array(wf.bytes);
  const expected = wf.chunks.flatMap((c) => [...c]);
  for (const f of [assembleSet, assembleLoop]) {
    const n = f(lines, out);
    if (n !== wf.bytes || out.some((b, i) => b !== expected[i])) {
      throw new Error(`${f.name} did not rebuild the ${kind} trace`);
    }
  }
  // `assemble + write`: the query's lines assembled once per file (as a
  // sink per query), then written to each file as one chunk (the bench's
  // chunks are the sink's buffer flushes; one larger write only helps).
  const files = wf.files;
  const writeAssembled = (assemble: typeof assembleSet): void => {
    let n = 0;
    for (let i = 0; i < files; i++) n = assemble(lines, out);
    wf.writeChunks([out.subarray(0, n)]);
  };
  const reps = 40;
  const write: number[] = [], set: number[] = [], loop: number[] = [], both: number[] = [];
  for (let round = 0; round < 25; round++) {
    v.reset();
    let t0 = performance.now();
    for (let r = 0; r < reps; r++) {
      if (r % 10 === 0) v.reset();
      wf.write();
    }
    write.push((performance.now() - t0) / reps / files * 1000);
    t0 = performance.now();
    for (let r = 0; r < reps * files; r++) assembleSet(lines, out);
    set.push((performance.now() - t0) / reps / files * 1000);
    t0 = performance.now();
    for (let r = 0; r < reps * files; r++) assembleLoop(lines, out);
    loop.push((performance.now() - t0) / reps / files * 1000);
    const fastest = median(set) <= median(loop) ? assembleSet : assembleLoop;
    v.reset();
    t0 = performance.now();
    for (let r = 0; r < reps; r++) {
      if (r % 10 === 0) v.reset();
      writeAssembled(fastest);
    }
    both.push((performance.now() - t0) / reps / files * 1000);
  }
  await v.dispose();
  const w = median(write), a = Math.min(median(set), median(loop)), b = median(both);
  const ratios = both.map((x, i) => x / write[i]);
  return `${kind}: ${lines.length} lines, ${wf.bytes} bytes per medium query. ` +
    `write ${w.toFixed(2)} µs (IQR ${spread(write)}); assemble: set per line ${
      median(set).toFixed(2)
    } µs, byte loop ${median(loop).toFixed(2)} µs; assemble + write ${b.toFixed(2)} µs ` +
    `(IQR ${spread(both)}). Least floor ratio (assemble + write) / write: ${
      median(ratios).toFixed(2)
    }x (IQR ${spread(ratios)}); with the assembly alone added to a write: ${
      ((a + w) / w).toFixed(2)
    }x. Enforced maximum: 2.00x.`;
}

console.log(await floor("pretty"));
console.log(await floor("jsonl"));
