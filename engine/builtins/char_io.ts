/**
 * Builtins: char_io (to be filled in).
 *
 * @module
 */
import type { BuiltinTable } from "./registry.ts";

/** The char_io builtins. */
export const charIoBuiltins: BuiltinTable = {};
