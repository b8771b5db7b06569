/**
 * Loading Prolog text (ISO 7.4): clauses, directives, `initialization/1`,
 * DCG rules. A bad clause is reported and skipped; the rest still loads.
 *
 * @module
 */
import { compileClause } from "./compile.ts";
import { P_USER, type Pred } from "./database.ts";
import { dcgTransform } from "./dcg.ts";
import { isAcyclic } from "./cycles.ts";
import {
  instantiationError,
  permissionError,
  PrologThrow,
  representationError,
  typeError,
} from "./errors.ts";
import { type Machine, QueryAborted } from "./machine.ts";
import { Reader } from "./parser.ts";
import {
  ATOM,
  type Atom,
  deref,
  functorOf,
  mkFunctor,
  mkInt,
  mkStruct,
  STRUCT,
  type Struct,
  type Term,
  VAR,
  type Var,
} from "./term.ts";

const F_NECK = mkFunctor(":-", 2);
const F_DIRECTIVE = mkFunctor(":-", 1);
const F_QUERY = mkFunctor("?-", 1);
const F_DCG = mkFunctor("-->", 2);
const F_INIT = mkFunctor("initialization", 1);
const F_INIT2 = mkFunctor("initialization", 2);

/**
 * A problem found while loading: a syntax error, a clause that could not be
 * added, or a directive that failed or raised an exception.
 *
 * @example
 * ```ts
 * import type { LoadIssue } from "./consult.ts";
 * const i: LoadIssue = { line: 1, column: 1, message: "x", error: null };
 * ```
 */
export interface LoadIssue {
  /** 1-based line where the clause starts (or the error is). */
  line: number;
  /** 1-based column. */
  column: number;
  /** Human-readable description. */
  message: string;
  /** The Prolog error term, when there is one. */
  error: Term | null;
  /** The file loaded, when the text came from one. */
  file?: string;
}

/**
 * How {@linkcode consultText} loads.
 *
 * @example
 * ```ts
 * import type { ConsultOptions } from "./consult.ts";
 * const o: ConsultOptions = { file: "family.pl", directiveSteps: 1_000_000 };
 * ```
 */
export interface ConsultOptions {
  /** True when loading the engine's own library. */
  library?: boolean;
  /** The file the text comes from: set on every issue. */
  file?: string;
  /**
   * Each directive and initialization goal runs with this step budget of
   * its own; one that exceeds it is reported as a load issue and loading
   * goes on. Without it (a `consult/1` inside a running query), a directive
   * runs under the enclosing query's limits and exceeding them stops the
   * query. An aborted `AbortSignal` always stops the load.
   */
  directiveSteps?: number;
  /** Like `directiveSteps`, for a time limit (ms) on each directive. */
  directiveTime?: number;
}

/**
 * The pred for a clause head, checking that it may be modified.
 *
 * @param m The machine.
 * @param head The dereferenced clause head.
 * @param consulting True while loading text (a library predicate gets redefined); false for assert.
 * @returns The predicate to add to.
 * @example
 * ```ts
 * // Used by consult and by assert/1.
 * import { predForHead } from "./consult.ts";
 * ```
 */
export function predForHead(m: Machine, head: Term, consulting: boolean): Pred {
  head = deref(head);
  if (head.tag === VAR) throw instantiationError();
  if (head.tag !== ATOM && head.tag !== STRUCT) throw typeError("callable", head);
  const fn = functorOf(head as Atom | Struct);
  const p = m.db.ensure(fn);
  if (p.kind !== P_USER || (p.library && !consulting && !p.dynamic)) {
    throw permissionError(
      "modify",
      "static_procedure",
      mkStruct("/", [fn.name, mkInt(fn.arity)]),
    );
  }
  if (p.library && consulting && !m.ext.get("loadingLibrary")) {
    // A user program may redefine a library predicate (not an ISO builtin).
    p.clear();
    p.library = false;
  }
  return p;
}

/**
 * Loads Prolog text into the machine's database.
 *
 * @param m The machine.
 * @param text The source.
 * @param options How to load (see {@linkcode ConsultOptions}).
 * @returns Problems found (empty when all went well).
 * @example
 * ```ts
 * // See Engine.consult in engine.ts.
 * import { consultText } from "./consult.ts";
 * ```
 */
export function consultText(m: Machine, text: string, options: ConsultOptions = {}): LoadIssue[] {
  const library = options.library === true;
  const issues: LoadIssue[] = [];
  const flags = m.flags;
  const reader = new Reader(text, {
    ops: m.ops,
    get doubleQuotes() {
      return flags.doubleQuotes;
    },
  });
  const inits: { goal: Term; line: number; column: number }[] = [];
  if (library) m.ext.set("loadingLibrary", true);
  try {
    for (;;) {
      let r;
      try {
        r = reader.next();
      } catch (e) {
        if (!(e instanceof PrologThrow)) throw e;
        issues.push(issueOf(e.ball, 0, 0));
        reader.skipToEnd();
        continue;
      }
      if (r === null) break;
      const term = deref(r.term);
      try {
        if (
          term.tag === STRUCT &&
          ((term as Struct).fn === F_DIRECTIVE || (term as Struct).fn === F_QUERY)
        ) {
          const goal = deref((term as Struct).args[0]);
          if (
            goal.tag === STRUCT &&
            ((goal as Struct).fn === F_INIT || (goal as Struct).fn === F_INIT2)
          ) {
            inits.push({ goal: (goal as Struct).args[0], line: r.line, column: r.column });
            continue;
          }
          runDirective(m, goal, r.line, r.column, "Directive", options, issues);
          continue;
        }
        const clause = term.tag === STRUCT && (term as Struct).fn === F_DCG
          ? dcgTransform(term, m)
          : term;
        addClause(m, clause, true, true, namesOf(r.varNames));
        if (library) {
          const head = clauseHead(clause);
          m.db.get(functorOf(head))!.library = true;
        }
      } catch (e) {
        if (e instanceof RangeError) {
          issues.push({
            line: r.line,
            column: r.column,
            message: `Clause too deeply nested at line ${r.line}, column ${r.column}`,
            error: null,
          });
          continue;
        }
        if (!(e instanceof PrologThrow)) throw e;
        issues.push(issueOf(e.ball, r.line, r.column));
      }
    }
    for (const g of inits) {
      try {
        runDirective(m, g.goal, g.line, g.column, "Initialization goal", options, issues);
      } catch (e) {
        if (!(e instanceof PrologThrow)) throw e;
        issues.push(issueOf(e.ball, g.line, g.column));
      }
    }
  } finally {
    if (library) m.ext.delete("loadingLibrary");
  }
  if (options.file !== undefined) { for (const i of issues) i.file = options.file; }
  return issues;
}

/**
 * Runs a directive once; a failure, or (with `directiveSteps`) an exceeded
 * step budget, becomes a load issue. Exceptions are left to the caller.
 */
function runDirective(
  m: Machine,
  goal: Term,
  line: number,
  column: number,
  what: string,
  options: ConsultOptions,
  issues: LoadIssue[],
): void {
  const budget = options.directiveSteps;
  if (budget !== undefined) {
    m.maxSteps = m.steps + budget;
    m.stepBudget = budget;
  }
  const time = budget === undefined ? undefined : options.directiveTime;
  const timed = time !== undefined && time !== Infinity;
  if (timed) {
    m.deadline = performance.now() + time;
    m.timeBudget = time;
  }
  let ok: boolean;
  try {
    ok = m.solveOnce(goal);
  } catch (e) {
    if (
      !(e instanceof QueryAborted) || budget === undefined ||
      (m.signal !== null && m.signal.aborted)
    ) {
      throw e;
    }
    issues.push({
      line,
      column,
      message: `${what} stopped (${e.message}) at line ${line}, column ${column}`,
      error: null,
    });
    return;
  } finally {
    if (timed) m.deadline = Infinity;
  }
  if (!ok) {
    issues.push({
      line,
      column,
      message: `${what} failed at line ${line}, column ${column}`,
      error: null,
    });
  }
}

function namesOf(pairs: [string, Var][]): Map<Var, string> {
  const map = new Map<Var, string>();
  for (const [n, v] of pairs) map.set(v, n);
  return map;
}

function clauseHead(clause: Term): Atom | Struct {
  const t = deref(clause);
  if (t.tag === STRUCT && (t as Struct).fn === F_NECK) {
    return deref((t as Struct).args[0]) as Atom | Struct;
  }
  return t as Atom | Struct;
}

/**
 * Compiles and adds one clause (consult, `assertz/1`, `asserta/1`).
 *
 * @param m The machine.
 * @param clause The clause term.
 * @param atEnd True for assertz order.
 * @param consulting True while loading text.
 * @param names Variable names, kept for bindings display.
 * @example
 * ```ts
 * import { addClause } from "./consult.ts";
 * ```
 */
export function addClause(
  m: Machine,
  clause: Term,
  atEnd: boolean,
  consulting: boolean,
  names?: Map<Var, string>,
): void {
  // A clause is stored as a finite tree: a cyclic one (X = f(X) made by
  // unification without the occurs check) cannot be (SWI raises the same).
  if (!isAcyclic(clause)) throw representationError("cyclic_term");
  const head = clauseHead(clause);
  const p = predForHead(m, head, consulting);
  if (!consulting && p.clauses.length === 0 && !p.defined) p.dynamic = true;
  if (!consulting && !p.dynamic) {
    throw permissionError(
      "modify",
      "static_procedure",
      mkStruct("/", [p.fn.name, mkInt(p.fn.arity)]),
    );
  }
  p.add(compileClause(clause, names), atEnd);
}

/**
 * Describes an error term as a load issue, taking the position from a
 * syntax error's context when present.
 *
 * @param ball The error term.
 * @param line Fallback line.
 * @param column Fallback column.
 * @returns The issue.
 * @example
 * ```ts
 * import { issueOf } from "./consult.ts";
 * import { mkAtom } from "./term.ts";
 * console.log(issueOf(mkAtom("oops"), 1, 2).line); // 1
 * ```
 */
export function issueOf(ball: Term, line: number, column: number): LoadIssue {
  const b = deref(ball);
  let message = "Error";
  if (b.tag === STRUCT && (b as Struct).fn.name.name === "error") {
    const formal = deref((b as Struct).args[0]);
    const ctx = deref((b as Struct).args[1]);
    if (formal.tag === STRUCT && (formal as Struct).fn.name.name === "syntax_error") {
      const msg = deref((formal as Struct).args[0]);
      message = `Syntax error: ${msg.tag === ATOM ? (msg as Atom).name : "invalid syntax"}`;
      if (ctx.tag === STRUCT && (ctx as Struct).fn.name.name === "context") {
        const pos = deref((ctx as Struct).args[0]);
        if (pos.tag === STRUCT && (pos as Struct).fn.name.name === ":") {
          const l = deref((pos as Struct).args[0]), c = deref((pos as Struct).args[1]);
          if (l.tag === 2 && c.tag === 2) {
            line = (l as { val: number }).val;
            column = (c as { val: number }).val;
          }
        }
      }
    } else {
      message = `Error: ${describe(formal)}`;
    }
  } else {
    message = `Uncaught exception: ${describe(b)}`;
  }
  return {
    line,
    column,
    message: line > 0 ? `${message} at line ${line}, column ${column}` : message,
    error: ball,
  };
}

function describe(t: Term): string {
  t = deref(t);
  if (t.tag === ATOM) return (t as Atom).name;
  if (t.tag === STRUCT) {
    const s = t as Struct;
    return `${s.fn.name.name}(${s.args.map(describe).join(", ")})`;
  }
  if (t.tag === 2) return String((t as { val: number }).val);
  if (t.tag === VAR) return "_";
  return "?";
}
