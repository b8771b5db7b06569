/**
 * Assembles an engine's builtins (TS tables grouped by ISO section) and its
 * library (Prolog source, compiled once per process and shared).
 *
 * @module
 */
import type { Clause } from "./compile.ts";
import { consultText } from "./consult.ts";
import { Database, P_USER } from "./database.ts";
import { Flags } from "./flags.ts";
import { Machine } from "./machine.ts";
import { Operators } from "./operators.ts";
import { StreamTable } from "./stream.ts";
import type { Functor } from "./term.ts";
import { arithBuiltins } from "./builtins/arith.ts";
import { atomBuiltins } from "./builtins/atoms.ts";
import { charIoBuiltins } from "./builtins/char_io.ts";
import { compareBuiltins } from "./builtins/compare.ts";
import { controlBuiltins } from "./builtins/control.ts";
import { dbBuiltins } from "./builtins/db.ts";
import { flagBuiltins } from "./builtins/flags.ts";
import { formatBuiltins } from "./builtins/format.ts";
import { listBuiltins } from "./builtins/lists.ts";
import { readBuiltins } from "./builtins/read.ts";
import { install } from "./builtins/registry.ts";
import { streamBuiltins } from "./builtins/streams.ts";
import { stringBuiltins } from "./builtins/strings.ts";
import { termBuiltins } from "./builtins/terms.ts";
import { typeCheckBuiltins } from "./builtins/type_check.ts";
import { systemBuiltins } from "./builtins/system.ts";
import { writeBuiltins } from "./builtins/write.ts";
import { source as aggregateLib } from "./lib/aggregate.ts";
import { source as applyLib } from "./lib/apply.ts";
import { source as assocLib } from "./lib/assoc.ts";
import { source as controlLib } from "./lib/control.ts";
import { source as dcgLib } from "./lib/dcg.ts";
import { source as errorLib } from "./lib/error.ts";
import { source as listsLib } from "./lib/lists.ts";
import { source as miscLib } from "./lib/misc.ts";
import { source as ordsetsLib } from "./lib/ordsets.ts";
import { source as pairsLib } from "./lib/pairs.ts";
import { source as randomLib } from "./lib/random.ts";
import { source as solutionSequencesLib } from "./lib/solution_sequences.ts";
import { source as sortingLib } from "./lib/sorting.ts";
import { source as yallLib } from "./lib/yall.ts";

const TABLES = [
  controlBuiltins,
  typeCheckBuiltins,
  compareBuiltins,
  termBuiltins,
  arithBuiltins,
  atomBuiltins,
  stringBuiltins,
  listBuiltins,
  dbBuiltins,
  flagBuiltins,
  writeBuiltins,
  formatBuiltins,
  streamBuiltins,
  charIoBuiltins,
  readBuiltins,
  systemBuiltins,
];

/** The library's parts, in load order. */
export const LIBRARY_PARTS: readonly string[] = [
  controlLib,
  listsLib,
  applyLib,
  pairsLib,
  sortingLib,
  dcgLib,
  miscLib,
  errorLib,
  ordsetsLib,
  assocLib,
  aggregateLib,
  solutionSequencesLib,
  yallLib,
  randomLib,
];

/** The library's Prolog source, in load order. */
export const LIBRARY_SOURCE: string = LIBRARY_PARTS.join("\n");

/**
 * Installs every builtin table into the machine's database.
 *
 * @param m The machine.
 * @example
 * ```ts
 * // Engine does this; see engine.ts.
 * import { installAll } from "./library.ts";
 * ```
 */
export function installAll(m: Machine): void {
  for (const t of TABLES) install(m.db, t);
}

/** One library predicate as compiled once per process. */
interface LibraryPred {
  readonly fn: Functor;
  readonly clauses: readonly Clause[];
  readonly discontiguous: boolean;
}

/** The compiled library, shared by every engine of the process (built on first use). */
let compiled: readonly LibraryPred[] | null = null;

/**
 * Compiles the library in a machine of its own, with default flags and
 * operators (what every engine starts with), and keeps its predicates.
 * Compiled clauses are immutable: their code, head patterns and keys are
 * never written after compilation, so engines can share them.
 */
function compiledLibrary(): readonly LibraryPred[] {
  if (compiled !== null) return compiled;
  const quiet = () => {};
  const m = new Machine(
    new Database(),
    new Flags(),
    new Operators(),
    new StreamTable(quiet, quiet, ""),
  );
  installAll(m);
  const issues = consultText(m, LIBRARY_SOURCE, { library: true });
  if (issues.length > 0) {
    throw new Error(`Library failed to load: ${issues.map((i) => i.message).join("; ")}`);
  }
  const preds: LibraryPred[] = [];
  for (const p of m.db.all) {
    if (!p.library) continue;
    preds.push({ fn: p.fn, clauses: p.clauses, discontiguous: p.discontiguous });
  }
  compiled = preds;
  return preds;
}

/**
 * Loads the Prolog library into the machine: its predicates get the
 * clauses compiled once per process (copied on write, like any clause
 * array a running call may hold). Its problems would be engine bugs, so
 * they throw.
 *
 * @param m The machine, with the builtins installed.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Database } from "./database.ts";
 * import { Flags } from "./flags.ts";
 * import { installAll, loadLibrary } from "./library.ts";
 * import { Machine } from "./machine.ts";
 * import { Operators } from "./operators.ts";
 * import { StreamTable } from "./stream.ts";
 * import { mkFunctor } from "./term.ts";
 * const m = new Machine(new Database(), new Flags(), new Operators(), new StreamTable(() => {}, () => {}, ""));
 * installAll(m);
 * loadLibrary(m);
 * assert.ok(m.db.get(mkFunctor("append", 3))!.library);
 * ```
 */
export function loadLibrary(m: Machine): void {
  for (const lp of compiledLibrary()) {
    const p = m.db.ensure(lp.fn);
    if (p.kind !== P_USER || p.clauses.length > 0) {
      throw new Error(
        `Library failed to load: ${lp.fn.indicator} is already defined`,
      );
    }
    p.clauses = lp.clauses as Clause[];
    p.shared = true; // never written in place: every engine holds this array
    p.library = true;
    p.defined = true;
    p.discontiguous = lp.discontiguous;
  }
}
