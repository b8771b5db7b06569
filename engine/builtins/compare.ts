/**
 * Builtins: compare (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The compare builtins. */
export const compareBuiltins: BuiltinTable = {};
