/**
 * Byrd: a Prolog engine for Deno with a Byrd-box tracer cheap enough to
 * leave on.
 *
 * @example
 * ```ts
 * import { Engine } from "@byrd/prolog";
 * const e = new Engine("app([], L, L). app([H|T], L, [H|R]) :- app(T, L, R).");
 * console.log(e.once("app(X, [c], [a,b,c])")?.text.X); // [a,b]
 * ```
 *
 * @module
 */
export { Engine, PrologError } from "./engine/engine.ts";
export type { EngineOptions, JsValue, LoadIssue, QueryOptions, Solution } from "./engine/engine.ts";
export { Halt, QueryAborted } from "./engine/machine.ts";
export * from "./trace/mod.ts";
