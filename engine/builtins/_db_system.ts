/**
 * The system side of the database builtins: loading source files
 * (`consult/1`, `ensure_loaded/1`, `[File]`), the operator table (ISO 8.14.3
 * `op/3`, 8.14.4 `current_op/3`) and `statistics/2`. Merged into
 * `dbBuiltins` by `db.ts`.
 *
 * @module
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { Clause } from "../compile.ts";
import { type ConsultOptions, consultText, type LoadIssue } from "../consult.ts";
import { LAST, MORE, P_USER, type Pred } from "../database.ts";
import {
  domainError,
  existenceError,
  instantiationError,
  permissionError,
  typeError,
} from "../errors.ts";
import type { Machine } from "../machine.ts";
import type { OpType } from "../operators.ts";
import {
  ATOM,
  type Atom,
  deref,
  DOT,
  Float,
  INT,
  type Int,
  isCyclicList,
  mkAtom,
  mkFunctor,
  mkInt,
  mkList,
  NIL,
  type PString,
  STR,
  STRUCT,
  Struct,
  type Term,
  VAR,
} from "../term.ts";
import type { BuiltinTable } from "./registry.ts";

// ---------------------------------------------------------------- loading files

const F_LIBRARY = mkFunctor("library", 1);
/** `Machine.ext` key: directories of the files being loaded, innermost last. */
const DIRS_KEY = "db.loadDirs";
/** `Machine.ext` key: absolute path → predicates that file defined. */
const FILES_KEY = "db.files";
/**
 * Per file being loaded, innermost last: the predicates that the files it
 * loads define (loading is synchronous, so one stack serves every machine).
 */
const nestedStack: Set<Pred>[] = [];

function loadState(m: Machine): { dirs: string[]; files: Map<string, Set<Pred>> } {
  let dirs = m.ext.get(DIRS_KEY) as string[] | undefined;
  if (dirs === undefined) m.ext.set(DIRS_KEY, dirs = []);
  let files = m.ext.get(FILES_KEY) as Map<string, Set<Pred>> | undefined;
  if (files === undefined) m.ext.set(FILES_KEY, files = new Map());
  return { dirs, files };
}

function isFile(path: string, spec: Term): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    if (e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable) {
      throw permissionError("open", "source_sink", spec);
    }
    return false;
  }
}

/** Finds the file for a source spec: `F` then `F.pl`, relative to the loading file's directory. */
function resolveSource(name: string, spec: Term, dirs: string[]): string {
  const base = dirs.length > 0 ? dirs[dirs.length - 1] : Deno.cwd();
  const path = isAbsolute(name) ? name : join(base, name);
  for (const candidate of [path, path + ".pl"]) {
    if (isFile(candidate, spec)) return resolve(candidate);
  }
  throw existenceError("source_sink", spec);
}

/**
 * Loads the text of the file at absolute `path` as consult/1 does: a file
 * loaded before is reloaded (the clauses it added last time are wiped
 * first, so loading twice does not duplicate them), and relative loads
 * inside it resolve against its directory.
 *
 * @param m The machine.
 * @param path The file's absolute path (its identity).
 * @param text Its text.
 * @param options Consult options (`file` is `path`).
 * @returns The problems found.
 */
export function loadSource(
  m: Machine,
  path: string,
  text: string,
  options: ConsultOptions = {},
): LoadIssue[] {
  const { dirs, files } = loadState(m);
  const previous = files.get(path);
  if (previous !== undefined) {
    for (const p of previous) if (p.kind === P_USER && !p.library) p.clear();
  }
  const before = new Map<Pred, [Clause[], number]>();
  for (const p of m.db.all) before.set(p, [p.clauses, p.clauses.length]);
  dirs.push(dirname(path));
  // What files loaded from this one define is theirs, not this file's.
  const nested = new Set<Pred>();
  nestedStack.push(nested);
  let issues;
  try {
    issues = consultText(m, text, { ...options, file: path });
  } finally {
    dirs.pop();
    nestedStack.pop();
  }
  const defined = new Set<Pred>();
  for (const p of m.db.all) {
    const b = before.get(p);
    if (
      !nested.has(p) && p.clauses.length > 0 &&
      (b === undefined || b[0] !== p.clauses || b[1] !== p.clauses.length)
    ) {
      defined.add(p);
    }
  }
  files.set(path, defined);
  const parent = nestedStack[nestedStack.length - 1];
  if (parent !== undefined) {
    for (const p of defined) parent.add(p);
    for (const p of nested) parent.add(p);
  }
  return issues;
}

/**
 * Loads one source file. A file loaded before is reloaded: the clauses it
 * added last time are wiped first, so consulting twice does not duplicate.
 */
function loadFile(spec: Term, m: Machine, onlyOnce: boolean): void {
  const t = deref(spec);
  if (t.tag === VAR) throw instantiationError();
  if (t.tag === STRUCT && (t as Struct).fn === F_LIBRARY) return; // the library is built in
  let name: string;
  if (t.tag === ATOM) name = (t as Atom).name;
  else if (t.tag === STR) name = (t as PString).val;
  else throw domainError("source_sink", t);
  const { dirs, files } = loadState(m);
  const path = resolveSource(name, t, dirs);
  if (onlyOnce && files.has(path)) return;
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    throw permissionError("open", "source_sink", t);
  }
  const issues = loadSource(m, path, text);
  for (const issue of issues) m.io.userError.write(`Warning: ${path}: ${issue.message}\n`);
}

/** `consult/1` and `ensure_loaded/1`: a file spec or a list of them. */
function loadSpecs(spec: Term, m: Machine, onlyOnce: boolean): boolean {
  let t = deref(spec);
  if (t.tag !== STRUCT || (t as Struct).fn !== DOT) {
    if (t !== NIL) loadFile(t, m, onlyOnce);
    return true;
  }
  if (isCyclicList(t)) throw typeError("list", t);
  while (t.tag === STRUCT && (t as Struct).fn === DOT) {
    loadFile((t as Struct).args[0], m, onlyOnce);
    t = deref((t as Struct).args[1]);
  }
  if (t.tag === VAR) throw instantiationError();
  if (t !== NIL) throw typeError("list", deref(spec));
  return true;
}

// ---------------------------------------------------------------- ISO 8.14.3, 8.14.4

const SPECIFIERS = new Set(["xfx", "xfy", "yfx", "fy", "fx", "xf", "yf"]);

function isInfix(type: string): boolean {
  return type.length === 3;
}

function isPostfix(type: string): boolean {
  return type.length === 2 && type[0] !== "f";
}

/** The operator names of `op/3`'s third argument: an atom or a list of atoms. */
function opNames(t: Term): Atom[] {
  const whole = deref(t);
  if (whole.tag === VAR) throw instantiationError();
  if (whole.tag === ATOM) return [whole as Atom];
  const out: Atom[] = [];
  let l: Term = whole;
  if (isCyclicList(whole)) throw typeError("list", whole);
  while (l.tag === STRUCT && (l as Struct).fn === DOT) {
    const e = deref((l as Struct).args[0]);
    if (e.tag === VAR) throw instantiationError();
    if (e.tag !== ATOM) throw typeError("atom", e);
    out.push(e as Atom);
    l = deref((l as Struct).args[1]);
  }
  if (l.tag === VAR) throw instantiationError();
  if (l !== NIL) throw typeError("list", whole);
  return out;
}

/** ISO 8.14.3 `op/3`: validates every name before changing anything. */
function op(args: Term[], m: Machine): boolean {
  const p = deref(args[0]), s = deref(args[1]);
  if (p.tag === VAR || s.tag === VAR) throw instantiationError();
  const names = opNames(args[2]);
  if (p.tag !== INT) throw typeError("integer", p);
  const priority = (p as Int).val;
  if (priority < 0 || priority > 1200) throw domainError("operator_priority", p);
  if (s.tag !== ATOM) throw typeError("atom", s);
  const type = (s as Atom).name;
  if (!SPECIFIERS.has(type)) throw domainError("operator_specifier", s);
  for (const a of names) {
    const name = a.name;
    if (name === ",") throw permissionError("modify", "operator", a);
    if (name === "[]" || name === "{}") throw permissionError("create", "operator", a);
    if (name === "|" && priority !== 0 && (priority < 1001 || !isInfix(type))) {
      throw permissionError("create", "operator", a);
    }
    // ISO 6.3.4.2: no name is both an infix and a postfix operator.
    if (priority > 0) {
      if (isInfix(type) && m.ops.postfix(name) !== undefined) {
        throw permissionError("create", "operator", a);
      }
      if (isPostfix(type) && m.ops.infix(name) !== undefined) {
        throw permissionError("create", "operator", a);
      }
    }
  }
  for (const a of names) m.ops.add(priority, type as OpType, a.name);
  return true;
}

/** ISO 8.14.4 `current_op/3`. */
function* currentOp(args: Term[], m: Machine): Generator<number, void, void> {
  const p = deref(args[0]), s = deref(args[1]), o = deref(args[2]);
  if (p.tag !== VAR && (p.tag !== INT || (p as Int).val < 0 || (p as Int).val > 1200)) {
    throw domainError("operator_priority", p);
  }
  if (s.tag !== VAR) {
    if (s.tag !== ATOM) throw typeError("atom", s);
    if (!SPECIFIERS.has((s as Atom).name)) throw domainError("operator_specifier", s);
  }
  if (o.tag !== VAR && o.tag !== ATOM) throw typeError("atom", o);
  let defs: [number, OpType, string][];
  if (o.tag === ATOM) {
    const n = (o as Atom).name;
    defs = [];
    for (const d of [m.ops.prefix(n), m.ops.infix(n), m.ops.postfix(n)]) {
      if (d !== undefined) defs.push([d.priority, d.type, n]);
    }
  } else {
    defs = m.ops.all();
  }
  const hits = defs.filter(([pr, ty]) =>
    (p.tag === VAR || (p as Int).val === pr) && (s.tag === VAR || (s as Atom).name === ty)
  );
  for (let i = 0; i < hits.length; i++) {
    const [pr, ty, n] = hits[i];
    if (m.attempt(() => m.unify(p, mkInt(pr)) && m.unify(s, mkAtom(ty)) && m.unify(o, mkAtom(n)))) {
      yield i + 1 < hits.length ? MORE : LAST;
    }
  }
}

// ---------------------------------------------------------------- statistics

/** `Machine.ext` key: the previous `runtime`/`walltime` readings, for the deltas. */
const STATS_KEY = "db.statistics";

function pair(m: Machine, key: string, now: number): Term {
  let last = m.ext.get(STATS_KEY) as Map<string, number> | undefined;
  if (last === undefined) m.ext.set(STATS_KEY, last = new Map());
  const prev = last.get(key) ?? 0;
  last.set(key, now);
  return mkList([mkInt(now), mkInt(now - prev)]);
}

/** SWI `statistics/2` for the keys a portable program uses. */
function statistics(args: Term[], m: Machine): boolean {
  const k = deref(args[0]);
  if (k.tag === VAR) throw instantiationError();
  if (k.tag !== ATOM) throw domainError("statistics_key", k);
  const ms = Math.round(performance.now());
  let value: Term;
  switch ((k as Atom).name) {
    case "runtime":
    case "process_cputime":
      value = (k as Atom).name === "runtime" ? pair(m, "runtime", ms) : mkInt(ms);
      break;
    case "walltime":
      value = pair(m, "walltime", ms);
      break;
    case "real_time":
      value = pair(m, "real_time", Math.floor(Date.now() / 1000));
      break;
    case "cputime":
      value = new Float(performance.now() / 1000);
      break;
    case "inferences":
      value = mkInt(m.steps);
      break;
    case "epoch":
      value = new Float((Date.now() - performance.now()) / 1000);
      break;
    default:
      throw domainError("statistics_key", k);
  }
  return m.unify(args[1], value);
}

/** Loading, operators and statistics (see the module comment). */
export const dbSystemBuiltins: BuiltinTable = {
  det: {
    "consult/1": (a, m) => loadSpecs(a[0], m, false),
    "ensure_loaded/1": (a, m) => loadSpecs(a[0], m, true),
    // `[File, ...]` as a goal consults, as in every Edinburgh Prolog.
    "./2": (a, m) => loadSpecs(new Struct(DOT, [a[0], a[1]]), m, false),
    "op/3": op,
    "statistics/2": statistics,
    "garbage_collect/0": () => true,
  },
  nondet: {
    "current_op/3": currentOp,
  },
};
