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
