/**
 * Time to first event: the trivial query `fact(1)` traced with a `CollectorSink`
 * against untraced (100 queries per iteration). Target: traced/untraced <= 5x.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("first_event");
