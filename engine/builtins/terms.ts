/**
 * Builtins: terms (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The terms builtins. */
export const termBuiltins: BuiltinTable = {};
