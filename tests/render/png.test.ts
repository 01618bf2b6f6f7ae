import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeOpaquePng } from '../../src/render/png.js';

describe('encodeOpaquePng', () => {
  it('GIVEN opaque RGBA pixels THEN an independent decoder reads back exactly those pixels', async () => {
    const width = 37;
    const height = 11;
    const pixels = Buffer.alloc(width * height * 4);
    for (let index = 0; index < width * height; index += 1) {
      pixels.writeUInt32BE((((index * 2654435761) & 0xffffff00) | 0xff) >>> 0, index * 4);
    }
    const decoded = PNG.sync.read(await encodeOpaquePng(width, height, pixels));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Buffer.from(decoded.data).equals(pixels)).toBe(true);
  });

  it('GIVEN pixels that do not fill the size THEN it refuses rather than write a broken file', async () => {
    await expect(encodeOpaquePng(4, 4, Buffer.alloc(10))).rejects.toThrow(RangeError);
  });
});
