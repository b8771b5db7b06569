import assert from "node:assert/strict";
import { Engine } from "../../mod.ts";

// writeq output must read back as the same term (ISO 7.10.5): each row is
// read, written with writeq, read again, and compared with ==/2.
Deno.test("writeq() output reads back as the same term", async (t) => {
  const e = new Engine("", { output: () => {} });
  const rows = [
    "- (1)",
    "1 - -1",
    "- (-(1))",
    "-(-1)",
    "- - a",
    "f(a;b)",
    "[a|b]",
    "'hello world'",
    "{a,b}",
    "\\+ (a,b)",
    "f(-)",
    "[-]",
    "- (1 + 2)",
    "(a :- b, c ; d -> e)",
    "f((a,b))",
    "'\\n\\t\\\\\\''",
    "[]",
    "'[]'",
    "{}",
    "'{}'(x)",
    "f(',', '|', '[]')",
    "a = (\\+b)",
    "1 rem 2",
    "(a:-b) rem (c:-d)",
    "-(1)^2",
    "(-1)^2",
    "2 ** -1",
    "f(;, '|', '!')",
    "(a | b)",
    "[(a | b | c)]",
    "f((a ; b | c))",
    "- (a | b)",
    '"codes"',
    "0'a",
    "123456789012345678901234567890",
    "1.0e10",
    "-0.0",
    "f(A, B, A)",
  ];
  for (const text of rows) {
    await t.step(text, () => {
      const s = e.once(
        `T0 = (${text}), with_output_to(atom(W), writeq(T0)), term_to_atom(T1, W), T0 =@= T1`,
      );
      assert.ok(s !== null, `${text} did not read back`);
    });
  }
});

Deno.test("=@=/2 and \\=@=/2 test variants", () => {
  const e = new Engine();
  assert.ok(e.once("f(A, B, A) =@= f(X, Y, X)"));
  assert.equal(e.once("f(A, B) =@= f(X, X)"), null);
  assert.ok(e.once("f(A, B) \\=@= f(X, X)"));
  assert.equal(e.once("f(a) \\=@= f(a)"), null);
});

// A million levels: what the writer writes, the reader reads back (SWI reads
// 10,000+ levels; Byrd's reader and writer use explicit stacks).
const DEEP_BUILDERS = `
deep(0, _, T, T) :- !.
deep(N, W, A, T) :- N1 is N - 1, wrap(W, A, B), deep(N1, W, B, T).
wrap(f, A, f(A)).
wrap(g2, A, g(A, x)).
wrap(right, A, a+A).
wrap(left, A, A+a).
wrap(xfy, A, a^A).
wrap(xfx, A, (A:-b)).
wrap(neg, A, -A).
wrap(minus, A, -(A)).
wrap(curly, A, {A}).
wrap(list, A, [A]).
wrap(tail, A, [a|A]).
wrap(paren, A, (A, b)).
`;

Deno.test("writeq/print/write_canonical output of very deep terms reads back", async (t) => {
  const e = new Engine(DEEP_BUILDERS, { output: () => {} });
  const m = 1_000_000, k = 100_000;
  const rows: [string, string, string, number][] = [
    // shape, innermost term, writer, depth
    ["f", "a", "writeq", m],
    ["right", "a", "print", m],
    ["left", "'A b'", "write_canonical", m],
    ["tail", "[]", "writeq", m],
    ["g2", "a", "writeq", k],
    ["left", "a", "writeq", k],
    ["xfy", "a", "writeq", k],
    ["xfx", "a", "writeq", k],
    ["neg", "a", "writeq", k],
    ["minus", "1", "writeq", k],
    ["curly", "a", "writeq", k],
    ["list", "a", "writeq", k],
    ["paren", "a", "writeq", k],
    ["tail", "[]", "write_canonical", k],
  ];
  for (const [shape, inner, writer, n] of rows) {
    await t.step(`${writer} ${shape} ${n}`, () => {
      const s = e.once(
        `deep(${n}, ${shape}, ${inner}, T0), with_output_to(string(W), ${writer}(T0)), ` +
          `term_to_atom(T1, W), T0 == T1, string_length(W, L)`,
      );
      assert.ok(s !== null, `${shape} did not read back`);
      assert.ok(Number(s.text.L) >= n, s.text.L);
    });
  }
});

Deno.test("atom_to_term/3, read_term_from_atom/3 and term_to_atom/2 read 1,000,000 levels", () => {
  const e = new Engine(DEEP_BUILDERS);
  const n = 1_000_000;
  const s = e.once(
    `A = '${"f(".repeat(n)}X${")".repeat(n)}', atom_to_term(A, T1, ['X'=V]), ` +
      `read_term_from_atom(A, T2, []), term_to_atom(T3, A), ` +
      `deep(${n}, f, V, U), T1 == U, T2 =@= U, T3 =@= U`,
  );
  assert.ok(s !== null);
});
