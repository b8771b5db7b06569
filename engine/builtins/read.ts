/**
 * Builtins: read (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The read builtins. */
export const readBuiltins: BuiltinTable = {};
