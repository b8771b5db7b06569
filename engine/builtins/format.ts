/**
 * Builtins: format (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The format builtins. */
export const formatBuiltins: BuiltinTable = {};
