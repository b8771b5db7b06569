/**
 * Builtins: streams (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The streams builtins. */
export const streamBuiltins: BuiltinTable = {};
