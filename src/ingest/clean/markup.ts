/**
 * Cleaning, step 2: markup. Inline HTML formatting tags (`<sup>31</sup>st` → `31st`; a tag that is
 * not formatting, such as a `<script>` the article talks about, stays as text), HTML blocks inside
 * Markdown, HTML entities, Markdown escapes (`\_`, `\*`, `\#`), emphasis, links, images.
 */

const FORMATTING_TAGS = "a|abbr|b|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var";
const FORMATTING_TAG = new RegExp(`</?(?:${FORMATTING_TAGS})(?:\\s[^<>]{0,3000})?>`, "gi");
const BREAK_TAG = /<br\s*\/?>/gi;
const PARAGRAPH_TAG = /<\/?p(?:\s[^<>]{0,300})?>/gi;

/** Remove inline formatting tags, keeping their text; `<br>` is a line break, `<p>` a paragraph break. */
export function stripInlineTags(text: string): string {
  return text.replace(BREAK_TAG, "\n").replace(PARAGRAPH_TAG, "\n\n").replace(FORMATTING_TAG, "");
}

const ALT_TEXT = /\balt\s*=\s*"([^"]{0,300})"/i;

/**
 * HTML blocks inside Markdown: a table row becomes a line with cells separated by " | ", an
 * image its alt text, block elements paragraph breaks; scripts and styles go with their content.
 */
export function stripHtmlBlocks(text: string): string {
  if (
    !/<\/?(?:table|colgroup|tr|td|th|thead|tbody|tfoot|figure|figcaption|img|picture|source|div|section|iframe|video|audio|ul|ol|li|h[1-6]|blockquote|script|style|noscript|svg|hr)\b/i.test(
      text,
    )
  ) {
    return text;
  }
  return text
    .replace(/<(script|style|noscript|svg)\b[^>]*>[\s\S]{0,100000}?<\/\1>/gi, "")
    .replace(/<img\b[^>]{0,20000}>/gi, (tag) => {
      const alt = ALT_TEXT.exec(tag)?.[1]?.trim();
      return alt ? `\n\n${alt}\n\n` : "";
    })
    .replace(/<\/t[dh]>\s*<t[dh]\b[^>]{0,300}>/gi, " | ")
    .replace(/<\/?t[dh]\b[^>]{0,300}>/gi, "")
    .replace(/<\/?(?:colgroup|col|caption)\b[^>]{0,2000}>/gi, " ")
    .replace(/<\/?(?:tr|table|thead|tbody|tfoot|figure|figcaption|picture|div|section|blockquote|ul|ol|h[1-6])\b[^>]{0,2000}>/gi, "\n\n")
    .replace(/<li\b[^>]{0,300}>/gi, "\n- ")
    .replace(/<\/li>/gi, "\n")
    .replace(/<(?:source|iframe|video|audio|embed|object|hr)\b[^>]{0,2000}>(?:<\/(?:iframe|video|audio|object)>)?/gi, "\n\n")
    .replace(/<\/(?:iframe|video|audio|object)>/gi, "");
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  sbquo: "‚",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  middot: "·",
  bull: "•",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  times: "×",
  divide: "÷",
  shy: "",
  zwj: "",
  zwnj: "",
  eacute: "é",
  egrave: "è",
  aacute: "á",
  agrave: "à",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  ccedil: "ç",
  uuml: "ü",
  ouml: "ö",
  auml: "ä",
  Eacute: "É",
  Uuml: "Ü",
  Ouml: "Ö",
  Auml: "Ä",
  szlig: "ß",
};

/** Decode HTML entities: named ones in common use, and every numeric one. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const value = code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff) ? String.fromCodePoint(value) : whole;
    }
    return NAMED_ENTITIES[code] ?? NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** `\_`, `\*`, `\#`, `\[` ... become the character itself. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|>~<"'$&%])/g, "$1");
}

const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|>~<"'$&%])/g;

/** Run a Markdown transformation with escaped characters (`\*`) hidden from it, then put them back escaped. */
export function protectEscapes(transform: (text: string) => string, text: string): string {
  const hidden: string[] = [];
  const masked = text.replace(ESCAPED, (_, ch: string) => {
    hidden.push(ch);
    return `\uE000${hidden.length - 1}\uE001`;
  });
  return transform(masked).replace(/\uE000(\d+)\uE001/g, (_, n: string) => `\\${hidden[Number(n)]}`);
}

/** Links to their text, images dropped (their alt text kept when it says something), emphasis and code marks removed. */
export function stripMarkdownInline(text: string): string {
  return (
    text
      .replace(/!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)/g, (_, alt: string) => (alt.trim() ? alt : ""))
      .replace(/\[([^\]\n]{1,500})\]\((?:[^()\s]|\([^()\s]*\)){1,2000}(?:\s+"[^"\n]*")?\)/g, "$1")
      // A link whose address was hard-wrapped (a space inside it after lines are joined).
      .replace(/\[([^\]\n]{1,500})\]\(\s*(?:https?:|mailto:|\/|#)[^()]{0,2000}\)/g, "$1")
      // An address with an unbalanced parenthesis ("...%20(USW,high%2Dquality)"): up to the ")" that ends it.
      .replace(/\[([^\]\n]{1,500})\]\(https?:\/\/\S{1,2000}?\)(?=[\s:;,.!?”"’]|$)/g, "$1")
      .replace(/\[([^\]\n]{1,500})\]\[[^\]\n]{0,100}\]/g, "$1")
      .replace(/\[\]\((?:[^()\s]|\([^()\s]*\)){1,2000}\)/g, "")
      .replace(/(\*\*\*|___)(?=\S)([^\n]{0,1000}?\S)(\s*)\1/g, "$2$3")
      .replace(/(\*\*|__)(?=\S)([^\n]{0,1000}?\S)(\s*)\1/g, "$2$3")
      .replace(/(^|[^\w*])\*(?=\S)([^*\n]{1,1000}?\S)\*(?![\w*])/g, "$1$2")
      .replace(/(^|[^\w])_(?=\S)([^_\n]{1,1000}?\S)_(?!\w)/g, "$1$2")
      .replace(/`([^`\n]{1,500})`/g, "$1")
      .replace(/~~([^~\n]{1,1000})~~/g, "$1")
      // Emphasis marks left without their pair (a span broken by the page): never prose.
      .replace(/\*{2,}/g, "")
  );
}
