/**
 * Control builtins (ISO 7.8): `true`, `fail`, `=`, `call/N`, `catch/3`,
 * `throw/1`, `findall/3,4` and `halt/0,1`. The control constructs `,` `;`
 * `->` `*->` `\+` `!` are compiled inline; they are registered here so they
 * exist as built-in predicates for `call/N` and `predicate_property/2`.
 *
 * @module
 */
import { copyTerm } from "../copy.ts";
import { instantiationError, PrologThrow, typeError } from "../errors.ts";
import { C_CALL, C_CATCH, C_FINDALL, C_INLINE, Halt } from "../machine.ts";
import { deref, type Term, VAR } from "../term.ts";
import { intArg } from "./_args.ts";
import type { BuiltinTable } from "./registry.ts";

function halt(code: number): never {
  throw new Halt(code);
}

/** Control builtins. */
export const controlBuiltins: BuiltinTable = {
  det: {
    "true/0": () => true,
    "otherwise/0": () => true,
    "fail/0": () => false,
    "false/0": () => false,
    "=/2": (a, m) => m.unify(a[0], a[1]),
    // ISO 7.8.9.1: the ball is copied, so undoing bindings cannot change it.
    "throw/1": (a) => {
      const ball = deref(a[0]);
      if (ball.tag === VAR) throw instantiationError();
      throw new PrologThrow(copyTerm(ball), true);
    },
    "halt/0": () => halt(0),
    "halt/1": (a) => halt(intArg(a[0])),
  },
  control: {
    "call/1": C_CALL,
    "call/2": C_CALL,
    "call/3": C_CALL,
    "call/4": C_CALL,
    "call/5": C_CALL,
    "call/6": C_CALL,
    "call/7": C_CALL,
    "call/8": C_CALL,
    "catch/3": C_CATCH,
    "findall/3": C_FINDALL,
    "findall/4": C_FINDALL,
    ",/2": C_INLINE,
    ";/2": C_INLINE,
    "->/2": C_INLINE,
    "*->/2": C_INLINE,
    "\\+/1": C_INLINE,
    "!/0": C_INLINE,
  },
};

/**
 * Raises `type_error(callable, T)` unless `T` is callable (used by findall's argument check).
 *
 * @param t A term.
 */
export function mustBeCallable(t: Term): void {
  t = deref(t);
  if (t.tag === VAR) throw instantiationError();
  if (t.tag !== 1 && t.tag !== 5) throw typeError("callable", t);
}
