/**
 * The random number generator behind `random/1`, `random_float`,
 * `random_between/3` and the rest of `library(random)`: xoshiro128**, a
 * small, fast generator with 128 bits of state, seeded through splitmix32.
 * `set_random(seed(N))` makes every later draw reproducible. There is one
 * generator per process, shared by all engines (as SWI-Prolog has one per
 * thread); it starts from a random seed.
 *
 * @module
 */

/** The four 32-bit words of xoshiro128** state; never all zero. */
const state = new Uint32Array(4);

/** splitmix32: spreads a 32-bit seed into well-mixed words. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Seeds the generator from an integer (any size: a bigint seed is folded
 * 32 bits at a time).
 *
 * @param seed The seed.
 * @example
 * ```ts
 * import { nextUint32, seedRandom } from "./_random.ts";
 * seedRandom(42n);
 * const a = nextUint32();
 * seedRandom(42n);
 * console.assert(nextUint32() === a);
 * ```
 */
export function seedRandom(seed: bigint): void {
  let folded = 0;
  let n = seed < 0n ? -seed : seed;
  do {
    folded = (Math.imul(folded ^ Number(n & 0xffffffffn), 0x01000193) + 1) >>> 0;
    n >>= 32n;
  } while (n > 0n);
  if (seed < 0n) folded = ~folded >>> 0;
  const next = splitmix32(folded);
  for (let i = 0; i < 4; i++) state[i] = next();
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
}

/**
 * Seeds the generator from the system's entropy (`set_random(seed(random))`).
 *
 * @example
 * ```ts
 * import { seedRandomly } from "./_random.ts";
 * seedRandomly();
 * ```
 */
export function seedRandomly(): void {
  crypto.getRandomValues(state);
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
}

/**
 * The generator's state as one non-negative integer (`random_property/1`).
 *
 * @returns The 128-bit state.
 * @example
 * ```ts
 * import { randomState, setRandomState } from "./_random.ts";
 * const s = randomState();
 * setRandomState(s);
 * console.assert(randomState() === s);
 * ```
 */
export function randomState(): bigint {
  let s = 0n;
  for (let i = 3; i >= 0; i--) s = (s << 32n) | BigInt(state[i]);
  return s;
}

/**
 * Restores a state saved with {@linkcode randomState}.
 *
 * @param s The state: a 128-bit non-negative integer, not zero.
 * @returns False (and no change) when `s` is not a valid state.
 * @example
 * ```ts
 * import { setRandomState } from "./_random.ts";
 * console.assert(!setRandomState(0n));
 * ```
 */
export function setRandomState(s: bigint): boolean {
  if (s <= 0n || s >= 1n << 128n) return false;
  for (let i = 0; i < 4; i++) {
    state[i] = Number(s & 0xffffffffn);
    s >>= 32n;
  }
  return true;
}

/**
 * The next 32 random bits.
 *
 * @returns An integer in `[0, 2^32)`.
 * @example
 * ```ts
 * import { nextUint32 } from "./_random.ts";
 * console.assert(nextUint32() >= 0);
 * ```
 */
export function nextUint32(): number {
  const s0 = state[0], s1 = state[1], s2 = state[2], s3 = state[3];
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  state[2] = s2 ^ s0;
  state[3] = s3 ^ s1;
  state[1] = s1 ^ state[2];
  state[0] = s0 ^ state[3];
  state[2] ^= t;
  state[3] = rotl(state[3], 11);
  return r;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A uniform double in the open interval (0, 1), with 53 random bits.
 *
 * @returns The number.
 * @example
 * ```ts
 * import { nextFloat } from "./_random.ts";
 * const x = nextFloat();
 * console.assert(x > 0 && x < 1);
 * ```
 */
export function nextFloat(): number {
  for (;;) {
    const hi = nextUint32() >>> 5, lo = nextUint32() >>> 6;
    const x = (hi * 67108864 + lo) / 9007199254740992;
    if (x !== 0) return x;
  }
}

/**
 * A uniform integer in `[0, n)`, without modulo bias.
 *
 * @param n The bound, 1 ≤ n ≤ 2^53.
 * @returns The number.
 * @example
 * ```ts
 * import { nextBelow } from "./_random.ts";
 * console.assert(nextBelow(6) < 6);
 * ```
 */
export function nextBelow(n: number): number {
  if (n <= 0x100000000) {
    // Rejection sampling on 32 bits.
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const r = nextUint32();
      if (r < limit) return r % n;
    }
  }
  return Number(nextBigBelow(BigInt(n)));
}

/**
 * A uniform bigint in `[0, n)`, without modulo bias.
 *
 * @param n The bound, n ≥ 1.
 * @returns The number.
 * @example
 * ```ts
 * import { nextBigBelow } from "./_random.ts";
 * console.assert(nextBigBelow(10n ** 30n) < 10n ** 30n);
 * ```
 */
export function nextBigBelow(n: bigint): bigint {
  const bits = n.toString(2).length;
  const words = Math.ceil(bits / 32);
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    let r = 0n;
    for (let i = 0; i < words; i++) r = (r << 32n) | BigInt(nextUint32());
    r &= mask;
    if (r < n) return r;
  }
}

seedRandomly();
