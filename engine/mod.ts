/**
 * The embedder's API: terms, the machine, the database and builtin
 * registration. Most users want `Engine` from the package root instead.
 *
 * @example
 * ```ts
 * import { mkAtom, mkStruct, Engine } from "./mod.ts";
 * const e = new Engine("likes(ann, tea).");
 * const goal = mkStruct("likes", [mkAtom("ann"), mkAtom("tea")]);
 * console.log(e.format(goal)); // likes(ann,tea)
 * ```
 *
 * @module
 */
export * from "./term.ts";
export * from "./errors.ts";
export { Engine, PrologError } from "./engine.ts";
export type { EngineOptions, JsValue, LoadIssue, QueryOptions, Solution } from "./engine.ts";
export { Frame, Halt, Machine, QueryAborted } from "./machine.ts";
export {
  type BoxGoalPart,
  FAR_SLOT,
  type InPlaceFrame,
  InPlaceGoal,
  type PortListener,
  PortLog,
  type PortMachine,
  Ports,
} from "./ports.ts";
export { Clause, type IndexKey, Instr } from "./compile.ts";
export { FileSink, PStream, type StreamMode, StreamTable } from "./stream.ts";
export { Database, type DetBuiltin, LAST, MORE, type NondetBuiltin, Pred } from "./database.ts";
export { type BuiltinTable, install } from "./builtins/registry.ts";
export { type OpDef, Operators, type OpType } from "./operators.ts";
export { type DoubleQuotes, Flags, type UnknownMode } from "./flags.ts";
export { formatTerm, type WriteOptions } from "./writer.ts";
export { Reader, type ReadOptions, type ReadResult, readTerm } from "./parser.ts";
export { bind, type Bindings, undoTo, unify, unifyOccursCheck } from "./unify.ts";
export { copyTerm } from "./copy.ts";
export { toJs } from "./values.ts";
