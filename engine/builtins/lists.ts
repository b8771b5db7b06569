/**
 * Builtins: lists (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The lists builtins. */
export const listBuiltins: BuiltinTable = {};
