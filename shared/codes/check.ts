// The check character of a group: a weighted sum over GF(32), the field the 32 symbols already are.
//
// A group is six symbols x1..x6 (five data, then the check). With field multiplication modulo the
// primitive polynomial x^5 + x^2 + 1 and addition as XOR, a group at (1-based) position g is valid when
//
//     w1*x1 + w2*x2 + w3*x3 + w4*x4 + w5*x5 + w6*x6 = g,   weights (w1..w6) = (a, a^2, a^3, a^4, a^5, 1)
//
// where a is the generator x. The six weights are distinct and nonzero, so an error that changes one
// symbol by e changes the sum by w*e != 0, and one that changes two symbols by the same e (swapping
// them, or turning a twin aa into bb) changes it by (wi + wj)*e != 0. Putting g on the right makes the
// check depend on where the group stands: two valid groups swapped both fail. docs/codes.md has the
// guarantees and their limits.

export const GROUP_DATA = 5;
export const GROUP_SIZE = GROUP_DATA + 1;
/** The group position is a field element: positions must stay distinct and nonzero. */
export const MAX_GROUPS = 31;

const MODULUS = 0b100101; // x^5 + x^2 + 1

export function gfMultiply(a: number, b: number): number {
  let product = 0;
  for (; b; b >>= 1) {
    if (b & 1) product ^= a;
    a <<= 1;
    if (a & 0b100000) a ^= MODULUS;
  }
  return product;
}

/** Weights of the six positions; the check's own weight is 1 so it is solved without a division. */
export const WEIGHTS = [2, 4, 8, 16, 5, 1] as const;

const PRODUCTS = WEIGHTS.map((weight) => Uint8Array.from({ length: 32 }, (_, symbol) => gfMultiply(weight, symbol)));

/** The weighted sum of a whole group (data and check): equals the group's position when it is valid. */
export function groupSyndrome(symbols: ArrayLike<number>, offset = 0): number {
  let sum = 0;
  for (let i = 0; i < GROUP_SIZE; i++) sum ^= PRODUCTS[i]![symbols[offset + i]!]!;
  return sum;
}

/** The check symbol for five data symbols standing at 1-based group position `group`. */
export function checkSymbol(data: ArrayLike<number>, group: number, offset = 0): number {
  let sum = group;
  for (let i = 0; i < GROUP_DATA; i++) sum ^= PRODUCTS[i]![data[offset + i]!]!;
  return sum;
}
