/**
 * Builtins: arith (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The arith builtins. */
export const arithBuiltins: BuiltinTable = {};
