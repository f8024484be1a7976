/**
 * Telegram's HTML parse mode, parsed the way the Bot API parses it (modelled on
 * tdlib's `parse_html`): the same supported tags, the same entity decoding, the
 * same errors. The in-process API and the test emulator use it so that anything
 * the bot sends is checked as strictly as Telegram would check it, and the
 * terminal chat uses it to render replies as plain text.
 */

export const MESSAGE_TEXT_LIMIT = 4096;

export type HtmlEntityType =
  | "bold"
  | "italic"
  | "underline"
  | "strikethrough"
  | "spoiler"
  | "text_link"
  | "custom_emoji"
  | "code"
  | "pre"
  | "blockquote"
  | "expandable_blockquote";

export interface ParsedEntity {
  type: HtmlEntityType;
  /** Offset in UTF-16 code units, as the Bot API counts. */
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface ParsedHtml {
  text: string;
  entities: ParsedEntity[];
}

/** An error worded as the Bot API words it ("Bad Request: can't parse entities: ..."). */
export class TelegramHtmlError extends Error {
  constructor(readonly reason: string) {
    super(`Bad Request: can't parse entities: ${reason}`);
    this.name = "TelegramHtmlError";
  }
}

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "blockquote",
  "code",
  "del",
  "em",
  "i",
  "ins",
  "pre",
  "s",
  "span",
  "strike",
  "strong",
  "tg-emoji",
  "tg-spoiler",
  "u",
]);

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\r" || ch === "\n" || ch === "\0" || ch === "\f" || ch === "\v";
}

/**
 * Decode the HTML entity starting at `text[start]` (which is "&").
 * Returns the decoded text and the index after the entity, or undefined when
 * it is not an entity Telegram knows, in which case "&" stands for itself.
 */
export function decodeEntityAt(text: string, start: number): { value: string; end: number } | undefined {
  const semicolon = text.indexOf(";", start + 1);
  if (semicolon < 0 || semicolon - start > 12) return undefined;
  const body = text.slice(start + 1, semicolon);
  if (body.startsWith("#")) {
    const hex = body[1] === "x" || body[1] === "X";
    const digits = hex ? body.slice(2) : body.slice(1);
    if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
    const code = Number.parseInt(digits, hex ? 16 : 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return { value: String.fromCodePoint(code), end: semicolon + 1 };
  }
  const named = NAMED_ENTITIES[body];
  return named === undefined ? undefined : { value: named, end: semicolon + 1 };
}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

/** True when the string holds a lone UTF-16 surrogate (not encodable as UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

interface OpenTag {
  name: string;
  /** Offset in the decoded text where the entity starts. */
  start: number;
  attributes: Map<string, string>;
}

function readAttributes(html: string, i: number, tagName: string, tagStart: number): { attributes: Map<string, string>; end: number } {
  const attributes = new Map<string, string>();
  while (i < html.length && html[i] !== ">") {
    while (isSpace(html[i])) i++;
    if (html[i] === ">") break;
    if (i >= html.length) throw new TelegramHtmlError(`Unclosed start tag at byte offset ${byteOffset(html, tagStart)}`);
    const nameStart = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== "=" && html[i] !== ">") i++;
    const name = html.slice(nameStart, i).toLowerCase();
    if (name.length === 0) {
      throw new TelegramHtmlError(`Empty attribute name in the tag "${tagName}" at byte offset ${byteOffset(html, nameStart)}`);
    }
    while (isSpace(html[i])) i++;
    if (html[i] !== "=") {
      if (tagName === "blockquote" && name === "expandable") {
        attributes.set(name, "");
        continue;
      }
      throw new TelegramHtmlError(`Expected equal sign in declaration of an attribute of the tag "${tagName}" at byte offset ${byteOffset(html, i)}`);
    }
    i++;
    while (isSpace(html[i])) i++;
    if (i >= html.length) throw new TelegramHtmlError(`Unclosed start tag at byte offset ${byteOffset(html, tagStart)}`);
    let value = "";
    const quote = html[i];
    if (quote === '"' || quote === "'") {
      i++;
      while (i < html.length && html[i] !== quote) {
        if (html[i] === "&") {
          const entity = decodeEntityAt(html, i);
          if (entity) {
            value += entity.value;
            i = entity.end;
            continue;
          }
        }
        value += html[i];
        i++;
      }
      if (i >= html.length) throw new TelegramHtmlError(`Unclosed start tag at byte offset ${byteOffset(html, tagStart)}`);
      i++;
    } else {
      const valueStart = i;
      while (i < html.length && /[A-Za-z0-9.-]/.test(html[i] as string)) i++;
      value = html.slice(valueStart, i);
      if (i < html.length && !isSpace(html[i]) && html[i] !== ">") {
        throw new TelegramHtmlError(`Unexpected end of name token at byte offset ${byteOffset(html, i)}`);
      }
    }
    attributes.set(name, value);
  }
  if (i >= html.length) throw new TelegramHtmlError(`Unclosed start tag at byte offset ${byteOffset(html, tagStart)}`);
  return { attributes, end: i + 1 };
}

function entityFor(tag: OpenTag, end: number, pending: OpenTag[]): ParsedEntity | undefined {
  const length = end - tag.start;
  if (length <= 0) return undefined;
  const base = { offset: tag.start, length };
  switch (tag.name) {
    case "b":
    case "strong":
      return { type: "bold", ...base };
    case "i":
    case "em":
      return { type: "italic", ...base };
    case "u":
    case "ins":
      return { type: "underline", ...base };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough", ...base };
    case "tg-spoiler":
    case "span":
      return { type: "spoiler", ...base };
    case "a": {
      const href = tag.attributes.get("href");
      return href ? { type: "text_link", ...base, url: href } : undefined;
    }
    case "tg-emoji": {
      const id = tag.attributes.get("emoji-id");
      return id ? { type: "custom_emoji", ...base, custom_emoji_id: id } : undefined;
    }
    case "code": {
      const parent = pending[pending.length - 1];
      const language = tag.attributes.get("class");
      if (parent?.name === "pre" && language?.startsWith("language-")) {
        parent.attributes.set("language", language.slice("language-".length));
      }
      return { type: "code", ...base };
    }
    case "pre": {
      const language = tag.attributes.get("language");
      return language ? { type: "pre", ...base, language } : { type: "pre", ...base };
    }
    case "blockquote":
      return { type: tag.attributes.has("expandable") ? "expandable_blockquote" : "blockquote", ...base };
    default:
      return undefined;
  }
}

/**
 * Parse a message written in Telegram's HTML parse mode into text and entities.
 * Throws TelegramHtmlError with the Bot API's wording where Telegram would refuse it.
 */
export function parseTelegramHtml(html: string): ParsedHtml {
  let text = "";
  const entities: ParsedEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === "&") {
      const entity = decodeEntityAt(html, i);
      if (entity) {
        text += entity.value;
        i = entity.end;
      } else {
        text += "&";
        i++;
      }
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const tagStart = i;
    i++;
    if (html[i] !== "/") {
      const nameStart = i;
      while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
      if (i >= html.length) throw new TelegramHtmlError(`Unclosed start tag at byte offset ${byteOffset(html, tagStart)}`);
      const name = html.slice(nameStart, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(name)) {
        throw new TelegramHtmlError(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, tagStart)}`);
      }
      const { attributes, end } = readAttributes(html, i, name, tagStart);
      i = end;
      if (name === "span" && attributes.get("class") !== "tg-spoiler") {
        throw new TelegramHtmlError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(html, tagStart)}`);
      }
      stack.push({ name, start: text.length, attributes });
      continue;
    }
    // A closing tag.
    if (stack.length === 0) {
      throw new TelegramHtmlError(`Unexpected end tag at byte offset ${byteOffset(html, tagStart)}`);
    }
    i++;
    const nameStart = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    const endName = html.slice(nameStart, i).toLowerCase();
    while (isSpace(html[i])) i++;
    if (html[i] !== ">") throw new TelegramHtmlError(`Unclosed end tag at byte offset ${byteOffset(html, tagStart)}`);
    i++;
    const open = stack.pop() as OpenTag;
    if (endName.length > 0 && endName !== open.name) {
      throw new TelegramHtmlError(`Unmatched end tag at byte offset ${byteOffset(html, tagStart)}, expected "</${open.name}>", found "</${endName}>"`);
    }
    const entity = entityFor(open, text.length, stack);
    if (entity) entities.push(entity);
  }
  if (stack.length > 0) {
    throw new TelegramHtmlError(`Can't find end tag corresponding to start tag "${(stack[stack.length - 1] as OpenTag).name}"`);
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

/** The complaint the Bot API would make about this message text, or undefined if it is acceptable. */
export function checkMessageText(text: string, parseMode: string | undefined): string | undefined {
  if (hasLoneSurrogate(text)) return "Bad Request: strings must be encoded in UTF-8";
  let visible = text;
  if (parseMode === "HTML") {
    try {
      visible = parseTelegramHtml(text).text;
    } catch (error) {
      return (error as Error).message;
    }
  } else if (parseMode !== undefined) {
    return `Bad Request: unsupported parse_mode ${JSON.stringify(parseMode)} (only HTML is emulated)`;
  }
  if (visible.trim().length === 0) return "Bad Request: message text is empty";
  if (visible.length > MESSAGE_TEXT_LIMIT) return "Bad Request: message is too long";
  return undefined;
}
