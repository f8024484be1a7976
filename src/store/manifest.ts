import { z } from "zod";
import type { IndexManifest } from "./types.js";

/** Bump when the files of a generation change shape; older indexes are then rebuilt. */
export const INDEX_FORMAT_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const manifestSchema = z.object({
  formatVersion: z.number().int(),
  embedding: z.object({
    provider: z.string().min(1),
    model: z.string().min(1),
    dimensions: z.number().int().min(0),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  articleCount: z.number().int().min(0),
  chunkCount: z.number().int().min(0),
  dateRange: z.object({ from: isoDate, to: isoDate }).optional(),
});

export function parseManifest(json: string): IndexManifest {
  const manifest = manifestSchema.parse(JSON.parse(json));
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new Error(`index format ${manifest.formatVersion}, this version of Readout reads format ${INDEX_FORMAT_VERSION}`);
  }
  return manifest;
}
