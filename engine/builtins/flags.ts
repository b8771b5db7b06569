/**
 * Builtins: flags (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The flags builtins. */
export const flagBuiltins: BuiltinTable = {};
