import { TextDecoder } from 'node:util';

/**
 * Bytes of a page or file as text, in the encoding it declares. The order is the one browsers use (WHATWG
 * "determine the character encoding", abridged): a byte-order mark, the Content-Type charset, then for HTML a
 * `<meta charset>` within the first 1,024 bytes, then UTF-8. `TextDecoder` knows every WHATWG encoding label,
 * so the sniffing is the only part written here; an unknown label falls back to UTF-8.
 */
export function decodeText(bytes: Uint8Array, declaredCharset: string | undefined, html: boolean): string {
  const label = byteOrderMark(bytes) ?? declaredCharset ?? (html ? metaCharset(bytes) : undefined) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim().toLowerCase());
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  // `TextDecoder` drops a byte-order mark of its own encoding.
  return decoder.decode(bytes);
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return META_CHARSET.exec(head)?.[1];
}
