/**
 * Reading metadata fields from a front matter block or a JSON record, whatever the
 * producer called them (title/headline, date/published/published_at, url/link, ...).
 */
import type { RawDocument } from "../types.js";
import type { Participant, SourceFormat } from "../../types/index.js";
import { normaliseDate } from "../../text/calendar.js";

export type Fields = Record<string, unknown>;

function pick(fields: Fields, names: readonly string[]): unknown {
  for (const name of names) {
    const value = fields[name];
    if (value !== undefined && value !== null && value !== "") return value;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  return undefined;
}

export const TEXT_FIELDS = ["text", "body", "content", "article", "article_text", "full_text", "fulltext", "markdown", "html"] as const;
const TITLE_FIELDS = ["title", "headline", "name", "subject"];
const DATE_FIELDS = [
  "date",
  "published_time",
  "published",
  "published_at",
  "publishedAt",
  "published_date",
  "publishedDate",
  "pubDate",
  "pub_date",
  "datePublished",
  "date_published",
  "created_at",
  "timestamp",
];
const URL_FIELDS = ["source_url", "url", "link", "canonical_url", "canonical", "sourceUrl", "href", "permalink"];
const TAG_FIELDS = ["tags", "keywords", "categories", "category", "topics"];
const PLACE_FIELDS = ["place", "location", "venue", "dateline"];
const EVENT_DATE_FIELDS = ["event_date", "eventDate", "meeting_date", "meetingDate"];
const PARTICIPANT_FIELDS = ["participants", "attendees", "people"];
const ID_FIELDS = ["id", "_id", "uid", "guid", "slug", "record_id", "recordId"];

export function fieldTitle(fields: Fields): string | undefined {
  return text(pick(fields, TITLE_FIELDS))?.replace(/\s+/g, " ");
}

export function fieldDate(fields: Fields): string | undefined {
  for (const name of DATE_FIELDS) {
    const date = normaliseDate(fields[name]);
    if (date) return date;
  }
  return undefined;
}

export function fieldEventDate(fields: Fields): string | undefined {
  return normaliseDate(pick(fields, EVENT_DATE_FIELDS));
}

export function fieldUrl(fields: Fields): string | undefined {
  const value = text(pick(fields, URL_FIELDS));
  return value && /^https?:\/\/\S+$/i.test(value) ? value : undefined;
}

export function fieldTags(fields: Fields): string[] {
  const value = pick(fields, TAG_FIELDS);
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[,;]/) : [];
  return [...new Set(items.map((item) => text(item)).filter((item): item is string => item !== undefined))];
}

export function fieldPlace(fields: Fields): string | undefined {
  return text(pick(fields, PLACE_FIELDS));
}

export function fieldId(fields: Fields): string | undefined {
  return text(pick(fields, ID_FIELDS));
}

/** Participants as a list of names ("Fumio Kishida"), of objects ({name, title, country}), or one "A; B" string. */
export function fieldParticipants(fields: Fields): Participant[] | undefined {
  const value = pick(fields, PARTICIPANT_FIELDS);
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/;|\n/) : [];
  const participants: Participant[] = [];
  for (const item of items) {
    if (typeof item === "string" && item.trim()) {
      participants.push({ name: item.trim() });
    } else if (item && typeof item === "object") {
      const record = item as Fields;
      const name = text(record.name);
      if (!name) continue;
      const title = text(record.title ?? record.role ?? record.office);
      const country = text(record.country ?? record.nation ?? record.organisation ?? record.organization);
      participants.push({ name, ...(title ? { title } : {}), ...(country ? { country } : {}) });
    }
  }
  return participants.length > 0 ? participants : undefined;
}

/** The body text of a record: the first text-like field that holds a string. */
export function fieldBody(fields: Fields): { body: string; field: string } | undefined {
  for (const name of TEXT_FIELDS) {
    const value = fields[name];
    if (typeof value === "string" && value.trim()) return { body: value, field: name };
  }
  return undefined;
}

/**
 * A raw document from a body and the metadata fields a file or record states
 * (front matter, JSON fields); `title` overrides the title field when given.
 */
export function documentFromFields(id: string, format: SourceFormat, body: string, fields: Fields, title = fieldTitle(fields)): RawDocument {
  const publishedDate = fieldDate(fields);
  const sourceUrl = fieldUrl(fields);
  const eventDate = fieldEventDate(fields);
  const place = fieldPlace(fields);
  const participants = fieldParticipants(fields);
  return {
    id,
    format,
    body,
    tags: fieldTags(fields),
    ...(title ? { title } : {}),
    ...(publishedDate ? { publishedDate } : {}),
    ...(sourceUrl ? { sourceUrl } : {}),
    ...(eventDate ? { eventDate } : {}),
    ...(place ? { place } : {}),
    ...(participants ? { participants } : {}),
  };
}
