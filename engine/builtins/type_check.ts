/**
 * Builtins: type_check (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The type_check builtins. */
export const typeCheckBuiltins: BuiltinTable = {};
