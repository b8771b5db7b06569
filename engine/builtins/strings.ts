/**
 * Builtins: strings (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The strings builtins. */
export const stringBuiltins: BuiltinTable = {};
