/**
 * Sink comparison: pretty, JSONL and collector side by side on the medium workload
 * (informational).
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("sink_comparison");
