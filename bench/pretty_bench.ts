/**
 * Pretty tracing: a `PrettySink` writing a temp file against no tracer, on the medium
 * workload; the flush is timed. Target: overhead <= 25 %.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("pretty");
