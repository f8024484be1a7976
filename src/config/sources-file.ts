/**
 * The sources file (READOUT_SOURCES_FILE): web addresses and folders to refresh,
 * each with how often. Read and checked at start like the environment; `/add`
 * appends to it keeping its comments and layout.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";

/** One entry of the sources file: a web address (page, feed or sitemap) or a folder, and how often to refresh it. */
export type SourceEntry = { kind: "url"; url: string; refreshMs: number } | { kind: "folder"; path: string; refreshMs: number };

export interface SourcesConfig {
  /** The sources file (absolute). */
  file: string;
  sources: SourceEntry[];
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };
export const DEFAULT_REFRESH_MS = 3_600_000;
const MIN_REFRESH_MS = 1000;

/** "30s", "15m", "1h", "1d" in milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
  return ms >= MIN_REFRESH_MS ? ms : undefined;
}

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === "number" ? value * 1000 : parseDuration(value);
  if (ms === undefined || ms < MIN_REFRESH_MS) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a refresh interval such as 30s, 15m, 1h or 1d (at least 1s)` });
    return z.NEVER;
  }
  return ms;
});

const sourceSchema = z
  .object({
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/i, "must be an http:// or https:// address")
      .optional(),
    folder: z.string().min(1).optional(),
    refresh: duration.optional(),
  })
  .strict()
  .refine((source) => (source.url === undefined) !== (source.folder === undefined), "give either url: or folder:, not both nor neither");

const sourcesFileSchema = z.object({ refresh: duration.optional(), sources: z.array(sourceSchema).default([]) }).strict();

/** Parse the text of a sources file (YAML); folders are relative to the file's own folder. Throws with the problems. */
export function parseSourcesFile(text: string, file: string): SourcesConfig {
  let data: unknown;
  try {
    data = YAML.parse(text) ?? {};
  } catch (error) {
    throw new Error(`not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = sourcesFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(top)"}: ${issue.message}`);
    throw new Error(problems.join("; "));
  }
  const fallback = parsed.data.refresh ?? DEFAULT_REFRESH_MS;
  const dir = path.dirname(file);
  return {
    file,
    sources: parsed.data.sources.map((source) =>
      source.url !== undefined
        ? { kind: "url" as const, url: source.url, refreshMs: source.refresh ?? fallback }
        : { kind: "folder" as const, path: path.resolve(dir, source.folder!), refreshMs: source.refresh ?? fallback },
    ),
  };
}

/** Read and check a sources file. A file that does not exist yet is an empty list (`/add` creates it). */
export function readSourcesFile(file: string, options: { mustExist?: boolean } = {}): SourcesConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !options.mustExist) return { file, sources: [] };
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error("no such file");
    throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSourcesFile(text, file);
}

/**
 * Add a web address to the sources file (keeping its comments and layout), unless it
 * is already there. Returns the file as read back, so it is checked like at start.
 */
export function addSourceToFile(file: string, url: string, refresh?: string): { added: boolean; sources: SourcesConfig } {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const current = parseSourcesFile(text, file);
  if (current.sources.some((source) => source.kind === "url" && source.url === url)) return { added: false, sources: current };
  const document = YAML.parseDocument(text || "sources: []\n");
  if (!document.has("sources")) document.set("sources", document.createNode([]));
  const list = document.get("sources") as YAML.YAMLSeq;
  if (list.flow) list.flow = false;
  list.add(document.createNode(refresh ? { url, refresh } : { url }));
  const written = document.toString();
  const sources = parseSourcesFile(written, file);
  writeFileSync(file, written);
  return { added: true, sources };
}
