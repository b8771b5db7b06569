/**
 * Heavy backtracking: a `CollectorSink` against no tracer on the backtracking workload
 * (first 10 solutions) and, marked slow, on all its solutions (8000 combinations).
 * Target: overhead <= 45 % for both.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("backtracking");
