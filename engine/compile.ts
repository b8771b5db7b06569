/**
 * The clause compiler: turns `Head :- Body` into head patterns (variables
 * become frame slots) and a flat instruction array for the body, with control
 * constructs (`,` `;` `->` `*->` `\+` `!`) compiled to jumps and cut marks so
 * the solver never interprets them term by term.
 *
 * @module
 */
import { instantiationError, typeError } from "./errors.ts";
import {
  ATOM,
  type Atom,
  BIG,
  type BigInt_,
  deref,
  type Float,
  FLT,
  type Functor,
  functorOf,
  INT,
  type Int,
  mkAtom,
  mkFunctor,
  type PString,
  SLOT,
  Slot,
  STR,
  STRUCT,
  Struct,
  Template,
  type Term,
  TMPL,
  VAR,
  Var,
} from "./term.ts";

/** Call a predicate: `goal` is the goal pattern, `fn` its functor. */
export const I_CALL = 0;
/** End of a body: continue with the frame's parent continuation. */
export const I_EXIT = 1;
/** `!` at clause level: cut back to the frame's cut barrier. */
export const I_CUT = 2;
/** Save the choicepoint height into slot `a`. */
export const I_MARK = 3;
/** Cut back to the height saved in slot `a`. */
export const I_CUTTO = 4;
/** Push a choicepoint that resumes this frame at instruction `a`. */
export const I_TRY = 5;
/** Continue at instruction `a`. */
export const I_JUMP = 6;
/** Fail. */
export const I_FAIL = 7;
/** Soft-cut: disable the choicepoint at the height saved in slot `a`. */
export const I_SOFTCUT = 8;
/** The query succeeded (end of the query's own body). */
export const I_SUCCESS = 9;
/** Inline `=/2` on the goal's two arguments. */
export const I_UNIFY = 10;
/** Internal continuation instructions used by the solver (see machine.ts). */
export const I_SPECIAL = 11;
/**
 * Inline arithmetic on the goal's two argument patterns, evaluated straight
 * from the frame: `a` is 0 for `is/2`, else one of the `ARITH_*` comparisons.
 */
export const I_ARITH = 12;

/** `=:=/2` for {@linkcode I_ARITH}. */
export const ARITH_EQ = 1;
/** `=\=/2`. */
export const ARITH_NE = 2;
/** `</2`. */
export const ARITH_LT = 3;
/** `>/2`. */
export const ARITH_GT = 4;
/** `=</2`. */
export const ARITH_LE = 5;
/** `>=/2`. */
export const ARITH_GE = 6;

const ARITH_OPS = new Map<Functor, number>([
  [mkFunctor("is", 2), 0],
  [mkFunctor("=:=", 2), ARITH_EQ],
  [mkFunctor("=\\=", 2), ARITH_NE],
  [mkFunctor("<", 2), ARITH_LT],
  [mkFunctor(">", 2), ARITH_GT],
  [mkFunctor("=<", 2), ARITH_LE],
  [mkFunctor(">=", 2), ARITH_GE],
]);

/**
 * One body instruction. All instructions share one shape so the solver's
 * dispatch stays monomorphic.
 *
 * @example
 * ```ts
 * import { Instr, I_EXIT } from "./compile.ts";
 * const end = new Instr(I_EXIT, null, null, 0);
 * ```
 */
export class Instr {
  /** Opcode, one of the `I_*` constants. */
  readonly op: number;
  /** Goal pattern for calls. */
  readonly goal: Term | null;
  /** Functor of the goal for calls. */
  readonly fn: Functor | null;
  /** Slot index or jump target. */
  a: number;
  /** Creates an instruction. */
  constructor(op: number, goal: Term | null, fn: Functor | null, a: number) {
    this.op = op;
    this.goal = goal;
    this.fn = fn;
    this.a = a;
  }
}

/** First-argument index key: an atom, a functor, an integer value, a string for other constants, or `null` for a variable. */
export type IndexKey = Atom | Functor | number | string | null;

/**
 * A compiled clause.
 *
 * @example
 * ```ts
 * import { compileClause } from "./compile.ts";
 * import { mkAtom } from "./term.ts";
 * const c = compileClause(mkAtom("go"));
 * console.log(c.code.length); // 1
 * ```
 */
export class Clause {
  /** Head pattern. */
  readonly head: Term;
  /** Head argument patterns. */
  readonly args: Term[];
  /** Body pattern (for `clause/2` and listing). */
  readonly body: Term;
  /** Frame size: clause variables plus cut-mark slots. */
  readonly nvars: number;
  /** Compiled body. */
  readonly code: Instr[];
  /** First-argument key. */
  readonly key: IndexKey;
  /** Index keys of the first few arguments (see `Pred.indexArg`). */
  readonly keys: IndexKey[];
  /** Set when retracted. */
  erased = false;
  /** A fact: the body is empty, so a call needs no frame. */
  readonly fact: boolean;
  /** Creates a clause; use {@linkcode compileClause}. */
  constructor(head: Term, body: Term, nvars: number, code: Instr[]) {
    this.head = head;
    this.args = head.tag === ATOM ? NO_ARGS : (head as Struct | Template).args;
    this.body = body;
    this.nvars = nvars;
    this.code = code;
    const n = Math.min(this.args.length, INDEXED_ARGS);
    this.keys = new Array<IndexKey>(n);
    for (let i = 0; i < n; i++) this.keys[i] = indexKey(this.args[i]);
    this.key = n > 0 ? this.keys[0] : null;
    this.fact = code.length === 1 && code[0].op === I_EXIT;
  }
}

const NO_ARGS: Term[] = [];

/** How many leading arguments may serve as the index argument. */
export const INDEXED_ARGS = 4;

/**
 * The index key of a (dereferenced or pattern) first argument.
 *
 * @param t The argument.
 * @returns Its key; `null` for variables and slots.
 * @example
 * ```ts
 * import { indexKey } from "./compile.ts";
 * import { mkInt } from "./term.ts";
 * console.log(indexKey(mkInt(7))); // 7
 * ```
 */
export function indexKey(t: Term): IndexKey {
  switch (t.tag) {
    case ATOM:
      return t as Atom;
    case INT:
      return (t as Int).val;
    case STRUCT:
    case TMPL:
      return (t as Struct).fn;
    case FLT:
      return "f" + (t as Float).val;
    case BIG:
      return "b" + (t as BigInt_).val;
    case STR:
      return "s" + (t as PString).val;
    default:
      return null;
  }
}

/** Control-construct functors recognised by the compiler. */
const F_CONJ = mkFunctor(",", 2);
const F_DISJ = mkFunctor(";", 2);
/** `'|'/2`: a body's `(A | B)` is `(A ; B)`, as in SWI-Prolog. */
const F_BAR = mkFunctor("|", 2);
const F_IF = mkFunctor("->", 2);
const F_SOFT = mkFunctor("*->", 2);
const F_NOT = mkFunctor("\\+", 1);
const F_CALL1 = mkFunctor("call", 1);
const F_EQ = mkFunctor("=", 2);
const A_CUT = mkAtom("!");
const A_TRUE = mkAtom("true");
const A_FAIL = mkAtom("fail");
const A_FALSE = mkAtom("false");
const F_NECK = mkFunctor(":-", 2);

/** Converts a term to a pattern: variables become slots, compounds templates. */
class PatternBuilder {
  readonly slots = new Map<Var, Slot>();
  readonly names: Map<Var, string> | undefined;
  constructor(names?: Map<Var, string>) {
    this.names = names;
  }

  get count(): number {
    return this.slots.size;
  }

  /**
   * Iterative bottom-up rebuild so long lists in clauses cannot overflow the
   * stack. Every compound becomes a template, so each call builds its own
   * copy, in the head as in the body: a caller may change what it gets in
   * place (`setarg/3`, `nb_setarg/3`), and that must not change the clause
   * (a shared `counter(c(0))` fact would count, as would a body's `S = c(0)`).
   */
  build(root: Term): Term {
    type Job = { s: Struct; args: Term[]; i: number };
    const stack: Job[] = [];
    let result: Term;
    let t: Term = deref(root);
    for (;;) {
      if (t.tag === STRUCT) {
        const s = t as Struct;
        stack.push({ s, args: new Array(s.args.length), i: 0 });
        t = deref(s.args[0]);
        continue;
      }
      if (t.tag === VAR) {
        let slot = this.slots.get(t as Var);
        if (slot === undefined) {
          slot = new Slot(this.slots.size, this.names?.get(t as Var) ?? "_");
          this.slots.set(t as Var, slot);
        }
        result = slot;
      } else {
        result = t;
      }
      // Pop finished jobs.
      for (;;) {
        const job = stack[stack.length - 1];
        if (job === undefined) return result;
        job.args[job.i] = result;
        job.i++;
        if (job.i < job.args.length) {
          t = deref(job.s.args[job.i]);
          break;
        }
        stack.pop();
        result = new Template(job.s.fn, job.args);
      }
    }
  }
}

/** Compiles body patterns into instructions. */
class BodyCompiler {
  readonly code: Instr[] = [];
  nslots: number;
  constructor(nslots: number) {
    this.nslots = nslots;
  }

  emit(op: number, goal: Term | null, fn: Functor | null, a: number): Instr {
    const ins = new Instr(op, goal, fn, a);
    this.code.push(ins);
    return ins;
  }

  /**
   * Compiles one goal. `cutSlot` is -1 when `!` cuts the clause, otherwise
   * the slot holding the barrier of a local cut (if-then-else condition, `\+`).
   */
  goal(g: Term, cutSlot: number): void {
    // A goal built at run time (call/N) may hold bound variables: a variable
    // bound to `!` is a cut of the goal being called (ISO 7.6.2).
    g = deref(g);
    // Conjunctions are flattened iteratively (long `a,b,c,...` bodies).
    while ((g.tag === STRUCT || g.tag === TMPL) && (g as Struct).fn === F_CONJ) {
      this.goal((g as Struct).args[0], cutSlot);
      g = deref((g as Struct).args[1]);
    }
    if (g.tag === SLOT || g.tag === VAR) {
      const call = g.tag === SLOT ? new Template(F_CALL1, [g]) : new Struct(F_CALL1, [g]);
      this.emit(I_CALL, call, F_CALL1, 0);
      return;
    }
    if (g.tag === ATOM) {
      if (g === A_TRUE) return;
      if (g === A_CUT) {
        if (cutSlot < 0) this.emit(I_CUT, null, null, 0);
        else this.emit(I_CUTTO, null, null, cutSlot);
        return;
      }
      if (g === A_FAIL || g === A_FALSE) {
        this.emit(I_FAIL, null, null, 0);
        return;
      }
      this.emit(I_CALL, g, functorOf(g as Atom), 0);
      return;
    }
    if (g.tag !== STRUCT && g.tag !== TMPL) throw new NotCallable();
    const s = g as Struct;
    const fn = s.fn;
    if (fn === F_DISJ || fn === F_BAR) {
      const lhs = deref(s.args[0]);
      if ((lhs.tag === STRUCT || lhs.tag === TMPL) && (lhs as Struct).fn === F_IF) {
        this.ifThenElse(lhs as Struct, s.args[1], cutSlot, false);
      } else if ((lhs.tag === STRUCT || lhs.tag === TMPL) && (lhs as Struct).fn === F_SOFT) {
        this.ifThenElse(lhs as Struct, s.args[1], cutSlot, true);
      } else {
        const tryI = this.emit(I_TRY, null, null, 0);
        this.goal(s.args[0], cutSlot);
        const jump = this.emit(I_JUMP, null, null, 0);
        tryI.a = this.code.length;
        this.goal(s.args[1], cutSlot);
        jump.a = this.code.length;
      }
      return;
    }
    if (fn === F_IF) {
      // (C -> T) with no else: fails when C fails.
      const mark = this.nslots++;
      this.emit(I_MARK, null, null, mark);
      this.goal(s.args[0], mark);
      this.emit(I_CUTTO, null, null, mark);
      this.goal(s.args[1], cutSlot);
      return;
    }
    if (fn === F_SOFT) {
      const mark = this.nslots++;
      this.emit(I_MARK, null, null, mark);
      this.goal(s.args[0], mark);
      this.goal(s.args[1], cutSlot);
      return;
    }
    if (fn === F_NOT) {
      // \+ is a predicate in ISO, not a control construct: a non-callable
      // argument is an error only when reached, and names the argument.
      const arg = deref(s.args[0]);
      const inner =
        arg.tag === ATOM || arg.tag === STRUCT || arg.tag === TMPL || arg.tag === SLOT ||
          arg.tag === VAR
          ? arg
          : new Struct(F_CALL1, [arg]);
      this.#negation(inner, cutSlot);
      return;
    }
    if (fn === F_EQ) {
      this.emit(I_UNIFY, g, fn, 0);
      return;
    }
    const arith = ARITH_OPS.get(fn);
    if (arith !== undefined && g.tag === TMPL) {
      this.emit(I_ARITH, g, fn, arith);
      return;
    }
    this.emit(I_CALL, g, fn, 0);
  }

  #negation(goal: Term, _cutSlot: number): void {
    const mark = this.nslots++;
    const inner = this.nslots++;
    this.emit(I_MARK, null, null, mark);
    const tryI = this.emit(I_TRY, null, null, 0);
    this.emit(I_MARK, null, null, inner);
    this.goal(goal, inner);
    this.emit(I_CUTTO, null, null, mark);
    this.emit(I_FAIL, null, null, 0);
    tryI.a = this.code.length;
  }

  ifThenElse(cond: Struct, elseG: Term, cutSlot: number, soft: boolean): void {
    const mark = this.nslots++;
    const inner = this.nslots++;
    this.emit(I_MARK, null, null, mark);
    const tryI = this.emit(I_TRY, null, null, 0);
    this.emit(I_MARK, null, null, inner);
    this.goal(cond.args[0], inner);
    this.emit(soft ? I_SOFTCUT : I_CUTTO, null, null, mark);
    this.goal(cond.args[1], cutSlot);
    const jump = this.emit(I_JUMP, null, null, 0);
    tryI.a = this.code.length;
    this.goal(elseG, cutSlot);
    jump.a = this.code.length;
  }
}

class NotCallable extends Error {}

/** ISO 7.6.2: a body is callable when every control-construct leaf is a variable or callable. */
function checkBody(body: Term): boolean {
  const stack: Term[] = [body];
  while (stack.length > 0) {
    const g = deref(stack.pop()!);
    if (g.tag === VAR) continue;
    if (g.tag === ATOM) continue;
    if (g.tag !== STRUCT) return false;
    const fn = (g as Struct).fn;
    if (fn === F_CONJ || fn === F_DISJ || fn === F_BAR || fn === F_IF || fn === F_SOFT) {
      stack.push((g as Struct).args[0], (g as Struct).args[1]);
    }
  }
  return true;
}

/**
 * Compiles a clause term (`Head :- Body` or a fact).
 *
 * @param term The clause, as read or asserted.
 * @param names Source names of its variables, kept for bindings display.
 * @returns The compiled clause.
 * @throws {PrologThrow} `instantiation_error` / `type_error(callable, _)` per ISO 7.6.1.
 * @example
 * ```ts
 * import { compileClause } from "./compile.ts";
 * import { mkStruct, Var } from "./term.ts";
 * const X = new Var();
 * const c = compileClause(mkStruct("id", [X, X]));
 * console.log(c.nvars); // 1
 * ```
 */
export function compileClause(term: Term, names?: Map<Var, string>): Clause {
  term = deref(term);
  let head: Term = term;
  let body: Term = A_TRUE;
  if (term.tag === STRUCT && (term as Struct).fn === F_NECK) {
    head = deref((term as Struct).args[0]);
    body = deref((term as Struct).args[1]);
  }
  if (head.tag === VAR) throw instantiationError();
  if (head.tag !== ATOM && head.tag !== STRUCT) throw typeError("callable", head);
  if (!checkBody(body)) throw typeError("callable", body);
  const pb = new PatternBuilder(names);
  const hp = pb.build(head);
  const bp = pb.build(body);
  const bc = new BodyCompiler(pb.count);
  try {
    bc.goal(bp, -1);
  } catch (e) {
    if (e instanceof NotCallable) throw typeError("callable", body);
    throw e;
  }
  bc.emit(I_EXIT, null, null, 0);
  return new Clause(hp, bp, bc.nslots, bc.code);
}

/**
 * Compiles a goal for `call/N` or a query. Variables of the goal stay live
 * variables (no slots): only cut marks need frame slots. A variable goal
 * compiles to `call(V)`, checked when reached.
 *
 * @param goal A callable term (control constructs allowed).
 * @param extraSlots Slots to reserve before the marks (the query's variables).
 * @returns The code and the frame size it needs.
 * @throws {PrologThrow} `type_error(callable, Goal)` when a leaf is not callable.
 * @example
 * ```ts
 * import { compileGoal } from "./compile.ts";
 * import { mkAtom } from "./term.ts";
 * const { code } = compileGoal(mkAtom("true"));
 * console.log(code.length); // 1
 * ```
 */
export function compileGoal(goal: Term, extraSlots = 0): { code: Instr[]; nvars: number } {
  goal = deref(goal);
  if (!checkBody(goal)) throw typeError("callable", goal);
  const bc = new BodyCompiler(extraSlots);
  try {
    bc.goal(goal, -1);
  } catch (e) {
    if (e instanceof NotCallable) throw typeError("callable", goal);
    throw e;
  }
  bc.emit(I_EXIT, null, null, 0);
  return { code: bc.code, nvars: bc.nslots };
}

/**
 * Instantiates a pattern against a frame: slots become the frame's terms
 * (fresh variables on first use); atomic parts are shared.
 *
 * @param p A pattern.
 * @param vars The frame.
 * @param serial Age for variables created now (the frame's), see {@linkcode Var}.
 * @returns The term.
 * @example
 * ```ts
 * import { instantiate } from "./compile.ts";
 * import { Slot } from "./term.ts";
 * const frame: never[] = [];
 * const t = instantiate(new Slot(0, "X"), frame);
 * ```
 */
export function instantiate(p: Term, vars: Term[], serial?: number): Term {
  return instantiateTo(p, vars, serial, DEEP_PATTERN);
}

/**
 * Pattern nesting handled by plain recursion; deeper parts (a long list
 * written in a clause, `1+2+...+n`) are built by {@linkcode instantiateDeep}.
 */
export const DEEP_PATTERN = 256;

function instantiateTo(p: Term, vars: Term[], serial: number | undefined, room: number): Term {
  if (p.tag === SLOT) {
    const i = (p as Slot).index;
    let v = vars[i];
    if (v === undefined) v = vars[i] = new Var(serial);
    return v;
  }
  if (p.tag !== TMPL) return p;
  if (room === 0) return instantiateDeep(p as Template, vars, serial);
  const src = (p as Template).args;
  const n = src.length;
  const args = new Array<Term>(n);
  for (let i = 0; i < n; i++) {
    const a = src[i];
    args[i] = a.tag === SLOT || a.tag === TMPL ? instantiateTo(a, vars, serial, room - 1) : a;
  }
  return new Struct((p as Template).fn, args);
}

/** `instantiate` with an explicit stack: any depth, no JS recursion. */
function instantiateDeep(root: Template, vars: Term[], serial: number | undefined): Term {
  type Job = { p: Template; args: Term[]; i: number };
  const stack: Job[] = [];
  let cur: Term = root;
  let result: Term;
  for (;;) {
    if (cur.tag === TMPL) {
      const t = cur as Template;
      stack.push({ p: t, args: new Array<Term>(t.args.length), i: 0 });
      cur = t.args[0];
      continue;
    }
    if (cur.tag === SLOT) {
      const i = (cur as Slot).index;
      let v = vars[i];
      if (v === undefined) v = vars[i] = new Var(serial);
      result = v;
    } else {
      result = cur;
    }
    for (;;) {
      const job: Job | undefined = stack[stack.length - 1];
      if (job === undefined) return result;
      job.args[job.i++] = result;
      if (job.i < job.args.length) {
        cur = job.p.args[job.i];
        break;
      }
      stack.pop();
      result = new Struct(job.p.fn, job.args);
    }
  }
}
