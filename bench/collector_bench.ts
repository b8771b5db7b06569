/**
 * In-memory tracing: a `CollectorSink` against no tracer, on the medium workload.
 * Target: overhead <= 15 %.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("collector");
