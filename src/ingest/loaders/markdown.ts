/** Markdown with optional YAML front matter (gray-matter). */
import matter from "gray-matter";
import { SkipError } from "../errors.js";
import type { RawDocument } from "../types.js";
import { documentFromFields, fieldTitle, type Fields } from "./fields.js";

interface YamlError extends Error {
  mark?: { line?: number };
  reason?: string;
}

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /\r?\n---[ \t]*(?:\r?\n|$)/;

export function loadMarkdown(text: string, id: string): RawDocument {
  if (OPENING.test(text) && !CLOSING.test(text.slice(3))) {
    throw new SkipError("broken front matter: the '---' block opened on line 1 is never closed");
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's cache, which would keep every file in memory.
    parsed = matter(text, { excerpt: false });
  } catch (error) {
    const yamlError = error as YamlError;
    // Line in the file: the YAML starts on line 2, after the opening '---'.
    const line = yamlError.mark?.line !== undefined ? ` on line ${yamlError.mark.line + 2}` : "";
    const reason = yamlError.reason ?? yamlError.message.split("\n")[0] ?? "unreadable YAML";
    throw new SkipError(`broken front matter${line}: ${reason}`, { cause: error });
  }
  const data = (parsed.data ?? {}) as Fields;
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new SkipError("broken front matter: it is not a set of 'key: value' fields");
  }
  // Without a title field, a first-level heading is the title.
  const title = fieldTitle(data) ?? /^\s{0,3}#\s+(.+?)\s*#*\s*$/m.exec(parsed.content)?.[1]?.trim();
  return documentFromFields(id, "markdown", parsed.content, data, title);
}
