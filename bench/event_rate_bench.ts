/**
 * Event rate: events per second delivered to a `CollectorSink` (target >= 1000/s) and
 * to a `NullSink` (the tracer alone, informational), on the event-rate workload.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("event_rate");
