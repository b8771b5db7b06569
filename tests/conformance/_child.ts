/**
 * Child-process entry of the conformance runner: runs a session (options as
 * JSON in the first argument) and writes its events to stdout as JSON lines,
 * then `{"t":"done"}`. The parent kills this process when a pattern hangs
 * inside a builtin, where neither the step budget nor the deadline is polled.
 *
 * @module
 */
import { runSession, type SessionOptions } from "./_session.ts";

const enc = new TextEncoder();

function send(obj: unknown): void {
  const bytes = enc.encode(JSON.stringify(obj) + "\n");
  let off = 0;
  while (off < bytes.length) off += Deno.stdout.writeSync(bytes.subarray(off));
}

if (import.meta.main) {
  const opts = JSON.parse(Deno.args[0]) as SessionOptions;
  runSession(opts, send);
  send({ t: "done" });
}
