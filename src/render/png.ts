import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bit depth 8, colour type 6 (RGBA), deflate, filter method 0, no interlace. */
const RGBA_8 = [8, 6, 0, 0, 0];
/**
 * zlib level 3 on unfiltered rows: on a timeline picture (large flat areas) it is twice as fast as resvg's own
 * encoder and the file is smaller still (about 155 KB against 200 KB for the seed's picture).
 */
const DEFLATE_LEVEL = 3;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

/**
 * An opaque RGBA image as a PNG file (signature, IHDR, one IDAT, IEND; the format's own minimum). The pixels
 * must be fully opaque, as the timeline picture is: resvg hands out premultiplied colours, which equal plain
 * ones only where alpha is 255. Compression runs on libuv's thread pool, so the event loop is not held.
 */
export async function encodeOpaquePng(width: number, height: number, rgba: Buffer): Promise<Buffer> {
  const stride = width * 4;
  if (rgba.length !== stride * height)
    throw new RangeError(`expected ${stride * height} bytes of RGBA pixels`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  Buffer.from(RGBA_8).copy(header, 8);
  // Each row opens on its filter type; 0 (none) costs nothing to compute and deflate does well without.
  const rows = Buffer.alloc((stride + 1) * height);
  for (let row = 0; row < height; row += 1)
    rgba.copy(rows, row * (stride + 1) + 1, row * stride, (row + 1) * stride);
  const compressed = await deflateAsync(rows, { level: DEFLATE_LEVEL });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', compressed),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
