/**
 * Builtins: atoms (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The atoms builtins. */
export const atomBuiltins: BuiltinTable = {};
