import assert from "node:assert/strict";
import { Flags } from "../../engine/flags.ts";
import { Engine, PrologError } from "../../mod.ts";

Deno.test("Flags() starts with the ISO defaults", async (t) => {
  const f = new Flags();
  const rows: [string, unknown, unknown][] = [
    ["double_quotes is codes (ISO 7.11.2.5)", f.doubleQuotes, "codes"],
    ["unknown is error (ISO 7.11.2.4)", f.unknown, "error"],
    ["occurs_check is false", f.occursCheck, "false"],
    ["char_conversion is off", f.charConversion, false],
    ["debug is off", f.debug, false],
    ["no extra flags", f.extra.size, 0],
  ];
  for (const [name, actual, expected] of rows) {
    await t.step(name, () => assert.equal(actual, expected));
  }
});

Deno.test("Flags objects are independent", () => {
  const a = new Flags(), b = new Flags();
  a.doubleQuotes = "atom";
  a.extra.set("h13", 1);
  assert.equal(b.doubleQuotes, "codes");
  assert.equal(b.extra.has("h13"), false);
});

Deno.test("Flags fields steer the engine", async (t) => {
  await t.step('doubleQuotes decides how a query reads "text"', () => {
    const rows: ["codes" | "chars" | "atom" | "string", string][] = [
      ["codes", "[104,105]"],
      ["chars", "[h,i]"],
      ["atom", "hi"],
      ["string", '"hi"'],
    ];
    for (const [mode, expected] of rows) {
      const e = new Engine();
      e.machine.flags.doubleQuotes = mode;
      assert.equal(e.once('X = "hi"')?.text.X, expected, mode);
    }
  });
  await t.step('doubleQuotes decides how consulted text reads "text"', () => {
    const e = new Engine();
    e.machine.flags.doubleQuotes = "atom";
    e.consult('word("hi").');
    assert.equal(e.once("word(X)")?.text.X, "hi");
  });
  await t.step("a double_quotes directive affects the rest of the same text", () => {
    const e = new Engine(':- set_prolog_flag(double_quotes, chars).\nw("ab").');
    assert.equal(e.once("w(X)")?.text.X, "[a,b]");
    assert.equal(e.machine.flags.doubleQuotes, "chars");
  });
  await t.step("unknown=fail makes unknown procedures fail", () => {
    const e = new Engine();
    e.machine.flags.unknown = "fail";
    assert.equal(e.once("h13_undefined"), null);
  });
  await t.step("unknown=error raises an existence error", () => {
    const e = new Engine();
    assert.throws(
      () => e.once("h13_undefined"),
      (err) =>
        err instanceof PrologError && e.format(err.term).startsWith("error(existence_error("),
    );
  });
  await t.step("occursCheck=true makes X = f(X) fail", () => {
    const e = new Engine();
    e.machine.flags.occursCheck = "true";
    assert.equal(e.once("X = f(X)"), null);
    assert.ok(e.once("X = f(Y)"));
  });
  await t.step("occursCheck=error raises on a cycle", () => {
    const e = new Engine();
    e.machine.flags.occursCheck = "error";
    assert.throws(
      () => e.once("X = f(X)"),
      (err) => err instanceof PrologError && e.format(err.term).startsWith("error(occurs_check("),
    );
  });
  await t.step("set_prolog_flag/2 writes the fields", () => {
    const e = new Engine();
    e.once("set_prolog_flag(unknown, fail), set_prolog_flag(double_quotes, atom)");
    assert.equal(e.machine.flags.unknown, "fail");
    assert.equal(e.machine.flags.doubleQuotes, "atom");
  });
  await t.step("current_prolog_flag/2 reads the fields", () => {
    const e = new Engine();
    e.machine.flags.doubleQuotes = "chars";
    assert.equal(e.once("current_prolog_flag(double_quotes, V)")?.text.V, "chars");
  });
  await t.step("flags of one engine do not leak into another", () => {
    const e1 = new Engine(), e2 = new Engine();
    e1.once("set_prolog_flag(double_quotes, atom)");
    assert.equal(e2.machine.flags.doubleQuotes, "codes");
    assert.equal(e2.once('X = "a"')?.text.X, "[97]");
  });
});
