/** JSON (one record or an array of records) and JSON lines (one record per line). */
import { parseHTML } from "linkedom";
import { SkipError, type RecordProblem } from "../errors.js";
import type { RawDocument } from "../types.js";
import type { SourceFormat } from "../../types/index.js";
import { blockText } from "./html.js";
import { TEXT_FIELDS, documentFromFields, fieldBody, fieldId, type Fields } from "./fields.js";

export interface RecordsResult {
  documents: RawDocument[];
  problems: RecordProblem[];
}

const LOOKS_LIKE_HTML = /<\/(?:p|div|li|h[1-6]|article|section|span|a)>|<(?:p|br|div)(?:\s[^>]*)?\/?>/i;

function htmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body ? blockText(document.body as Parameters<typeof blockText>[0]) : html;
}

function safeIdPart(value: string): string {
  return value.replace(/\s+/g, "-").replace(/#/g, "").slice(0, 120);
}

/** One record to a raw document, or a reason why it cannot be one. */
export function recordToRaw(record: unknown, id: string, format: SourceFormat): RawDocument | string {
  if (!record || typeof record !== "object" || Array.isArray(record)) return "not a JSON object";
  const fields = record as Fields;
  const found = fieldBody(fields);
  if (!found) return `no text: expected one of the fields ${TEXT_FIELDS.slice(0, 3).join("/")}`;
  const body = found.field === "html" || LOOKS_LIKE_HTML.test(found.body) ? htmlToText(found.body) : found.body;
  return documentFromFields(id, format, body, fields);
}

function collect(entries: Array<{ record: unknown; where: string; fallbackKey: string }>, fileId: string, format: SourceFormat): RecordsResult {
  const documents: RawDocument[] = [];
  const problems: RecordProblem[] = [];
  const used = new Set<string>();
  for (const { record, where, fallbackKey } of entries) {
    const ownId = record && typeof record === "object" && !Array.isArray(record) ? fieldId(record as Fields) : undefined;
    let key = ownId ? safeIdPart(ownId) : fallbackKey;
    if (used.has(key)) key = `${key}-${fallbackKey}`;
    used.add(key);
    const id = `${fileId}#${key}`;
    const raw = recordToRaw(record, id, format);
    if (typeof raw === "string") problems.push({ id, reason: `${where}: ${raw}` });
    else documents.push(raw);
  }
  return { documents, problems };
}

const ARRAY_KEYS = ["articles", "records", "items", "data", "documents", "results", "entries"];

export function loadJson(text: string, fileId: string): RecordsResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SkipError(`invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const wrapper = value as Fields;
    const key = ARRAY_KEYS.find((name) => Array.isArray(wrapper[name]));
    if (key && !fieldBody(wrapper)) value = wrapper[key];
  }
  if (Array.isArray(value)) {
    return collect(
      value.map((record, index) => ({ record, where: `record ${index + 1}`, fallbackKey: String(index + 1) })),
      fileId,
      "json",
    );
  }
  const single = recordToRaw(value, fileId, "json");
  if (typeof single === "string") throw new SkipError(`JSON record has ${single}`);
  return { documents: [single], problems: [] };
}

export function loadJsonl(text: string, fileId: string): RecordsResult {
  const entries: Array<{ record: unknown; where: string; fallbackKey: string }> = [];
  const problems: RecordProblem[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const lineNumber = i + 1;
    try {
      entries.push({ record: JSON.parse(line), where: `line ${lineNumber}`, fallbackKey: String(lineNumber) });
    } catch (error) {
      problems.push({ id: `${fileId}#${lineNumber}`, reason: `line ${lineNumber}: invalid JSON (${(error as Error).message})` });
    }
  }
  const result = collect(entries, fileId, "jsonl");
  return { documents: result.documents, problems: [...problems, ...result.problems] };
}
