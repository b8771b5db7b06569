/**
 * Builtin registration: each family module exports a {@linkcode BuiltinTable}
 * keyed by `"name/arity"` (strings are used only here, at engine creation,
 * never on the call path).
 *
 * @module
 */
import {
  type Database,
  type DetBuiltin,
  type NondetBuiltin,
  P_CONTROL,
  P_DET,
  P_NONDET,
} from "../database.ts";
import { mkFunctor } from "../term.ts";

/**
 * A family of builtins.
 *
 * @example
 * ```ts
 * import type { BuiltinTable } from "./registry.ts";
 * const t: BuiltinTable = { det: { "true/0": () => true } };
 * ```
 */
export interface BuiltinTable {
  /** Deterministic builtins. */
  det?: Record<string, DetBuiltin>;
  /** Nondeterministic builtins (generators). */
  nondet?: Record<string, NondetBuiltin>;
  /** Control constructs: indicator → solver control number. */
  control?: Record<string, number>;
}

function parseIndicator(pi: string): [string, number] {
  const slash = pi.lastIndexOf("/");
  return [pi.slice(0, slash), Number(pi.slice(slash + 1))];
}

/**
 * Installs a table into a database.
 *
 * @param db The database.
 * @param table The builtins.
 * @example
 * ```ts
 * import { install } from "./registry.ts";
 * import { Database } from "../database.ts";
 * install(new Database(), { det: { "true/0": () => true } });
 * ```
 */
export function install(db: Database, table: BuiltinTable): void {
  for (const [pi, f] of Object.entries(table.det ?? {})) {
    const p = db.ensure(mkFunctor(...parseIndicator(pi)));
    p.kind = P_DET;
    p.det = f;
    p.defined = true;
  }
  for (const [pi, f] of Object.entries(table.nondet ?? {})) {
    const p = db.ensure(mkFunctor(...parseIndicator(pi)));
    p.kind = P_NONDET;
    p.gen = f;
    p.defined = true;
  }
  for (const [pi, c] of Object.entries(table.control ?? {})) {
    const p = db.ensure(mkFunctor(...parseIndicator(pi)));
    p.kind = P_CONTROL;
    p.control = c;
    p.defined = true;
  }
}
