/**
 * Scaling: collector overhead on the small, medium and large workloads. The scaling
 * factor is (1 + overhead_large) / (1 + overhead_small). Target: <= 3x.
 *
 * Run with `deno task bench` or through `deno task perf`; see bench/README.md.
 *
 * @module
 */
import { registerCategory } from "./_harness.ts";

await registerCategory("scaling");
