// Fields packed big-endian into a bit string, read back five bits per symbol. One array entry per
// bit keeps the code obvious; a code is at most a few hundred bits.

function bitsToBytes(bits: Uint8Array, count: number): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(count / 8));
  for (let i = 0; i < count; i++) bytes[i >> 3]! |= bits[i]! << (7 - (i & 7));
  return bytes;
}

export class BitWriter {
  private readonly bits: Uint8Array;
  private length = 0;

  constructor(readonly size: number) {
    this.bits = new Uint8Array(size);
  }

  uint(value: number, width: number): this {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** width) throw new RangeError(`${value} does not fit in ${width} bits.`);
    for (let i = width - 1; i >= 0; i--) this.push(Math.floor(value / 2 ** i) % 2);
    return this;
  }

  /** The leading `width` bits of `value` (all of them by default). */
  bytes(value: Uint8Array, width = value.length * 8): this {
    if (width > value.length * 8) throw new RangeError(`${value.length} bytes do not hold ${width} bits.`);
    for (let i = 0; i < width; i++) this.push((value[i >> 3]! >> (7 - (i & 7))) & 1);
    return this;
  }

  /** The bits written so far as bytes, the last one zero-padded. */
  toBytes(): Uint8Array {
    return bitsToBytes(this.bits, this.length);
  }

  /** The finished bit string as 5-bit symbols. */
  toSymbols(): Uint8Array {
    if (this.length !== this.size || this.size % 5) throw new RangeError(`Wrote ${this.length} of ${this.size} bits.`);
    return Uint8Array.from({ length: this.size / 5 }, (_, s) => {
      let symbol = 0;
      for (let i = 0; i < 5; i++) symbol = (symbol << 1) | this.bits[s * 5 + i]!;
      return symbol;
    });
  }

  private push(bit: number) {
    if (this.length === this.size) throw new RangeError(`More than ${this.size} bits.`);
    this.bits[this.length++] = bit;
  }
}

export class BitReader {
  private readonly bits: Uint8Array;
  private position = 0;

  constructor(symbols: Uint8Array) {
    this.bits = new Uint8Array(symbols.length * 5);
    symbols.forEach((symbol, s) => {
      for (let i = 0; i < 5; i++) this.bits[s * 5 + i] = (symbol >> (4 - i)) & 1;
    });
  }

  uint(width: number): number {
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 2 + this.next();
    return value;
  }

  /** `width` bits as bytes, the last one zero-padded. */
  bytes(width: number): Uint8Array {
    const start = this.position;
    for (let i = 0; i < width; i++) this.next();
    return bitsToBytes(this.bits.subarray(start), width);
  }

  /** The first `count` bits as bytes, wherever the reader stands: what an integrity check covers. */
  head(count: number): Uint8Array {
    return bitsToBytes(this.bits, count);
  }

  private next(): number {
    if (this.position === this.bits.length) throw new RangeError('Read past the end of the code.');
    return this.bits[this.position++]!;
  }
}
