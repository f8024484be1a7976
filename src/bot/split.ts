/**
 * Split a Telegram HTML message into parts that each fit one message.
 *
 * Cuts prefer paragraph boundaries, then line breaks, then sentence ends, then
 * spaces, and fall back to any character boundary. A cut is never made inside
 * a tag, an HTML entity or a surrogate pair; tags open at a cut are closed at
 * the end of the part and opened again at the start of the next, so each part
 * is valid HTML on its own.
 */
import { MESSAGE_TEXT_LIMIT, decodeEntityAt } from "../telegram/index.js";

interface OpenTag {
  name: string;
  raw: string;
}

interface Cut {
  /** Index in the HTML where one part ends and the next begins. */
  at: number;
  /** Tags open at that point, outermost first. */
  open: readonly OpenTag[];
  priority: number;
}

const PARAGRAPH = 4;
const LINE = 3;
const SENTENCE = 2;
const WORD = 1;
const ANYWHERE = 0;

function priorityAt(html: string, at: number): number {
  const prev = html[at - 1];
  if (prev === "\n") return html[at - 2] === "\n" ? PARAGRAPH : LINE;
  if (prev === " " || prev === "\t") {
    const before = html.slice(Math.max(0, at - 8), at - 1);
    return /(?:[.!?…]|[.!?…](?:&quot;|["'”’)\]]))$/.test(before) ? SENTENCE : WORD;
  }
  return ANYWHERE;
}

function closing(open: readonly OpenTag[]): string {
  return open
    .slice()
    .reverse()
    .map((tag) => `</${tag.name}>`)
    .join("");
}

function opening(open: readonly OpenTag[]): string {
  return open.map((tag) => tag.raw).join("");
}

/** Every place the HTML may be cut, in order, with the tags open there. */
function findCuts(html: string): Cut[] {
  const cuts: Cut[] = [];
  let open: readonly OpenTag[] = [];
  let i = 0;
  while (i < html.length) {
    if (i > 0) cuts.push({ at: i, open, priority: priorityAt(html, i) });
    const ch = html[i] as string;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) throw new Error("splitHtml: unclosed tag in the HTML to split");
      const raw = html.slice(i, end + 1);
      if (raw.startsWith("</")) {
        open = open.slice(0, -1);
      } else {
        const name = (/^<([^\s>]+)/.exec(raw)?.[1] ?? "").toLowerCase();
        open = [...open, { name, raw }];
      }
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const entity = decodeEntityAt(html, i);
      i = entity ? entity.end : i + 1;
      continue;
    }
    const code = html.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < html.length ? 2 : 1;
  }
  return cuts;
}

/**
 * Split `html` into parts of at most `limit` characters each (counting the
 * HTML itself, which is never shorter than the text Telegram shows).
 */
export function splitHtml(html: string, limit: number = MESSAGE_TEXT_LIMIT): string[] {
  const whole = html.trim();
  if (whole.length <= limit) return whole.length > 0 ? [whole] : [];
  const cuts = findCuts(whole);
  const parts: string[] = [];
  let start = 0;
  let prefix = "";
  let startOpen: readonly OpenTag[] = [];
  let next = 0;
  while (start < whole.length) {
    const rest = whole.slice(start);
    if (prefix.length + rest.length <= limit) {
      parts.push(prefix + (startOpen.length === 0 ? rest.trim() : rest));
      break;
    }
    while (next < cuts.length && (cuts[next] as Cut).at <= start) next++;
    const room = limit - prefix.length;
    const minimum = start + Math.floor(room / 4);
    let best: Cut | undefined;
    let fallback: Cut | undefined;
    for (let k = next; k < cuts.length; k++) {
      const cut = cuts[k] as Cut;
      if (cut.at - start > room) break;
      if (prefix.length + (cut.at - start) + closing(cut.open).length > limit) continue;
      fallback = cut;
      if (cut.at >= minimum && (!best || cut.priority >= best.priority)) best = cut;
    }
    const chosen = best ?? fallback;
    if (!chosen) throw new Error(`splitHtml: cannot fit any text into a part of ${limit} characters`);
    let body = whole.slice(start, chosen.at);
    if (startOpen.length === 0) body = body.trimStart();
    if (chosen.open.length === 0) body = body.trimEnd();
    parts.push(prefix + body + closing(chosen.open));
    start = chosen.at;
    startOpen = chosen.open;
    prefix = opening(chosen.open);
  }
  return parts.filter((part) => part.replace(/<[^>]*>/g, "").trim().length > 0);
}
