/**
 * Bytes fetched from the web to text. The declared character sets are checked
 * against the bytes, because servers and pages often say the wrong one: a body
 * declared UTF-8 that is not valid UTF-8 is decoded by what the page itself says
 * or, failing that, by detection; a body declared in a legacy set that is valid
 * UTF-8 with non-ASCII characters is UTF-8.
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import { SkipError } from "../errors.js";
import { declaredCharset } from "../read.js";

/** The `charset` parameter of a Content-Type header, lowercased. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? "");
  return match?.[1]?.toLowerCase();
}

/** The encoding in an XML declaration (`<?xml version="1.0" encoding="windows-1251"?>`). */
function xmlDeclaredCharset(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, 512).toString("latin1");
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return match?.[1]?.toLowerCase();
}

function isUtf8Name(name: string): boolean {
  return /^utf-?8$/i.test(name);
}

function validUtf8(buffer: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(buffer: Buffer): boolean {
  for (const byte of buffer) if (byte >= 0x80) return true;
  return false;
}

/** Which character set to decode with, and why (for tests and logs). */
export function chooseCharset(buffer: Buffer, contentType: string | undefined): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return "utf-8";
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return "utf-16le";
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return "utf-16be";
  const utf8 = validUtf8(buffer);
  const declared = [headerCharset(contentType), declaredCharset(buffer), xmlDeclaredCharset(buffer)].filter(
    (name): name is string => !!name && !/^utf-?16/i.test(name) && iconv.encodingExists(name),
  );
  for (const name of declared) {
    if (isUtf8Name(name)) {
      if (utf8) return "utf-8";
      continue; // declared UTF-8 but it is not: try what else is declared
    }
    if (utf8 && hasNonAscii(buffer)) return "utf-8";
    return name;
  }
  if (utf8) return "utf-8";
  const detected = chardet.detect(buffer);
  return detected && iconv.encodingExists(detected) ? detected.toLowerCase() : "windows-1252";
}

/** Decode a fetched body. NUL bytes in the first 8 KB mark a binary file, which is refused. */
export function decodeBody(buffer: Buffer, contentType: string | undefined): string {
  const charset = chooseCharset(buffer, contentType);
  if (!charset.startsWith("utf-16") && buffer.subarray(0, 8192).includes(0)) throw new SkipError("binary content, not text");
  const text = iconv.decode(buffer, charset);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
