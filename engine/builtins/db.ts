/**
 * Builtins: db (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The db builtins. */
export const dbBuiltins: BuiltinTable = {};
