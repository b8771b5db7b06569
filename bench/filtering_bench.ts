/**
 * Filtering: full tracing against tracing filtered to `even/1` (both with a
 * `CollectorSink`), on the medium workload. Target: filtered is faster and its
 * overhead is below 0.8 x the full overhead.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("filtering");
