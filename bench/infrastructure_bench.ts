/**
 * Trace infrastructure: the tracer on with a reject-all filter (`setFilters({ ports: [] })`)
 * against no tracer, on the medium workload. Target: overhead <= 5 %.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("infrastructure");
