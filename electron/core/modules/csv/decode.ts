import { AppError } from '@shared/errors.js';

/** Text encodings we meet in office CSV files: Excel on Windows writes Windows-1252, newer tools UTF-8 (often with a BOM). */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
}

/**
 * Decodes file bytes: a UTF-8 BOM wins; otherwise strict UTF-8, and if the bytes are not valid UTF-8
 * (an "é" saved by Excel is the single byte 0xE9) the file is Windows-1252.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  const utf16 = utf16Kind(bytes);
  if (utf16) {
    throw new AppError(
      'invalid_input',
      `The file is encoded in ${utf16}: save it again as CSV UTF-8 (or CSV Windows-1252) and import that`,
      { reason: 'encoding', encoding: utf16 },
    );
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8 as a whole. If it still holds well-formed UTF-8 sequences ("é" as C3 A9) beside lone
    // high bytes ("é" as E9), two encodings were pasted together: decoding either way garbles one half.
    const mixed = mixedLines(bytes);
    if (mixed) {
      throw new AppError(
        'invalid_input',
        `The file mixes two encodings: line ${mixed.utf8Line} is UTF-8 and line ${mixed.cp1252Line} is Windows-1252; save the whole file again in one encoding (CSV UTF-8)`,
        { reason: 'mixed_encoding', utf8Line: mixed.utf8Line, cp1252Line: mixed.cp1252Line },
      );
    }
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** UTF-16 by its BOM, or by the NUL bytes every ASCII character carries in it. */
function utf16Kind(bytes: Uint8Array): 'UTF-16 LE' | 'UTF-16 BE' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE';
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul > n / 4 && evenNul === 0) return 'UTF-16 LE';
  if (evenNul > n / 4 && oddNul === 0) return 'UTF-16 BE';
  return null;
}

/** First line with a valid multi-byte UTF-8 sequence and first line with a byte invalid in UTF-8, or null. */
function mixedLines(bytes: Uint8Array): { utf8Line: number; cp1252Line: number } | null {
  let line = 1;
  let utf8Line = 0;
  let cp1252Line = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    if (b < 0x80) continue;
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      if (!utf8Line) utf8Line = line;
      i += len - 1;
    } else if (!cp1252Line) cp1252Line = line;
    if (utf8Line && cp1252Line) return { utf8Line, cp1252Line };
  }
  return null;
}

// Bytes 0x80–0x9F in Windows-1252 ("€", "œ", "’"…). Node's TextDecoder('windows-1252') treats them as
// Latin-1 control characters on some builds, which silently turns "5 €" into "5 \u0080".
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    const codes = new Array<number>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j]!;
      codes[j] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}
