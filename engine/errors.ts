/**
 * ISO error terms (ISO 7.12) and the JS exception that carries a Prolog ball.
 *
 * Builtins never throw ad-hoc strings: they call one of the typed helpers
 * below, which build `error(Formal, Context)` terms.
 *
 * @module
 */
import { type Functor, mkAtom, mkInt, mkStruct, NIL, type Term, Var } from "./term.ts";

/**
 * A Prolog exception in flight inside the engine: `throw/1` and every builtin
 * error raise one of these; `catch/3` and the query API catch them.
 *
 * @example
 * ```ts
 * import { PrologThrow } from "./errors.ts";
 * import { mkAtom } from "./term.ts";
 * try { throw new PrologThrow(mkAtom("oops")); } catch (e) { console.log(e instanceof PrologThrow); }
 * ```
 */
export class PrologThrow extends Error {
  /** The ball. */
  readonly ball: Term;
  /**
   * Whether `ball` is already a copy (`throw/1` copies it, ISO 7.8.9.1);
   * the machine copies any other ball before backtracking can change it.
   */
  readonly copied: boolean;
  /**
   * Creates the exception for `ball`.
   *
   * @param ball The ball.
   * @param copied Whether `ball` is already a copy no binding can change.
   */
  constructor(ball: Term, copied = false) {
    super("Prolog exception");
    this.ball = ball;
    this.copied = copied;
  }
}

/** ISO 7.12.2 type names used in `type_error/2`. */
export type TypeName =
  | "atom"
  | "atomic"
  | "byte"
  | "callable"
  | "character"
  | "compound"
  | "evaluable"
  | "in_byte"
  | "in_character"
  | "integer"
  | "list"
  | "number"
  | "predicate_indicator"
  | "variable"
  | "float"
  | "boolean"
  | "pair"
  | "text"
  | "string";

function err(formal: Term, context?: Term): PrologThrow {
  return new PrologThrow(mkStruct("error", [formal, context ?? new Var()]));
}

function ctx(pi?: Functor): Term | undefined {
  if (pi === undefined) return undefined;
  return mkStruct("context", [
    mkStruct("/", [pi.name, mkInt(pi.arity)]),
    new Var(),
  ]);
}

/**
 * `instantiation_error` (ISO 7.12.2 a).
 *
 * @param pi The predicate that raised it, for the context.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { instantiationError } from "./errors.ts";
 * const e = instantiationError();
 * ```
 */
export function instantiationError(pi?: Functor): PrologThrow {
  return err(mkAtom("instantiation_error"), ctx(pi));
}

/**
 * `type_error(Type, Culprit)` (ISO 7.12.2 b).
 *
 * @param type The expected type.
 * @param culprit The offending term.
 * @param pi The predicate that raised it.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { typeError } from "./errors.ts";
 * import { mkInt } from "./term.ts";
 * const e = typeError("atom", mkInt(1));
 * ```
 */
export function typeError(type: TypeName, culprit: Term, pi?: Functor): PrologThrow {
  return err(mkStruct("type_error", [mkAtom(type), culprit]), ctx(pi));
}

/**
 * `domain_error(Domain, Culprit)` (ISO 7.12.2 c).
 *
 * @param domain The domain name, e.g. `not_less_than_zero`.
 * @param culprit The offending term.
 * @param pi The predicate that raised it.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { domainError } from "./errors.ts";
 * import { mkInt } from "./term.ts";
 * const e = domainError("not_less_than_zero", mkInt(-1));
 * ```
 */
export function domainError(domain: string, culprit: Term, pi?: Functor): PrologThrow {
  return err(mkStruct("domain_error", [mkAtom(domain), culprit]), ctx(pi));
}

/**
 * `existence_error(Kind, Culprit)` (ISO 7.12.2 d).
 *
 * @param kind E.g. `procedure`, `source_sink`, `stream`.
 * @param culprit The missing thing.
 * @param pi The predicate that raised it.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { existenceError } from "./errors.ts";
 * import { mkAtom } from "./term.ts";
 * const e = existenceError("source_sink", mkAtom("nosuch"));
 * ```
 */
export function existenceError(kind: string, culprit: Term, pi?: Functor): PrologThrow {
  return err(mkStruct("existence_error", [mkAtom(kind), culprit]), ctx(pi));
}

/**
 * `permission_error(Action, Type, Culprit)` (ISO 7.12.2 e).
 *
 * @param action E.g. `modify`, `access`, `input`.
 * @param type E.g. `static_procedure`, `stream`.
 * @param culprit The offending term.
 * @param pi The predicate that raised it.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { permissionError } from "./errors.ts";
 * import { mkAtom } from "./term.ts";
 * const e = permissionError("modify", "static_procedure", mkAtom("foo"));
 * ```
 */
export function permissionError(
  action: string,
  type: string,
  culprit: Term,
  pi?: Functor,
): PrologThrow {
  return err(
    mkStruct("permission_error", [mkAtom(action), mkAtom(type), culprit]),
    ctx(pi),
  );
}

/**
 * `representation_error(Flag)` (ISO 7.12.2 f).
 *
 * @param what E.g. `max_arity`, `character_code`.
 * @param pi The predicate that raised it.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { representationError } from "./errors.ts";
 * const e = representationError("max_arity");
 * ```
 */
export function representationError(what: string, pi?: Functor): PrologThrow {
  return err(mkStruct("representation_error", [mkAtom(what)]), ctx(pi));
}

/**
 * `evaluation_error(Error)` (ISO 7.12.2 g).
 *
 * @param what E.g. `zero_divisor`, `undefined`, `float_overflow`.
 * @param pi The predicate that raised it.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { evaluationError } from "./errors.ts";
 * const e = evaluationError("zero_divisor");
 * ```
 */
export function evaluationError(what: string, pi?: Functor): PrologThrow {
  return err(mkStruct("evaluation_error", [mkAtom(what)]), ctx(pi));
}

/**
 * `resource_error(Resource)` (ISO 7.12.2 h).
 *
 * @param what E.g. `memory`, `steps`.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { resourceError } from "./errors.ts";
 * const e = resourceError("memory");
 * ```
 */
export function resourceError(what: string): PrologThrow {
  return err(mkStruct("resource_error", [mkAtom(what)]));
}

/**
 * `syntax_error(Message)` (ISO 7.12.2 i), with the position in the context:
 * `error(syntax_error(Msg), context(Line:Column, Near))`.
 *
 * @param message What is wrong.
 * @param line 1-based line.
 * @param column 1-based column.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { syntaxError } from "./errors.ts";
 * const e = syntaxError("operator expected", 3, 7);
 * ```
 */
export function syntaxError(message: string, line: number, column: number): PrologThrow {
  return new PrologThrow(
    mkStruct("error", [
      mkStruct("syntax_error", [mkAtom(message)]),
      mkStruct("context", [mkStruct(":", [mkInt(line), mkInt(column)]), NIL]),
    ]),
  );
}

/**
 * `system_error(Message)`, for failures of the host (I/O, JS errors).
 *
 * @param message A description.
 * @returns The exception to throw.
 * @example
 * ```ts
 * import { systemError } from "./errors.ts";
 * const e = systemError("disk full");
 * ```
 */
export function systemError(message: string): PrologThrow {
  return err(mkStruct("system_error", [mkAtom(message)]));
}
