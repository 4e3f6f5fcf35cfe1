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
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
