/**
 * Builtins: write (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The write builtins. */
export const writeBuiltins: BuiltinTable = {};
