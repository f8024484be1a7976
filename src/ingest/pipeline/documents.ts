/**
 * What the index stores of an article and its chunks, and when a stored version is still the same:
 * content hashes, embedding keys, and the LangChain Documents of chunks.
 */
import { createHash } from "node:crypto";
import { Document } from "@langchain/core/documents";
import type { StoredArticle } from "../../store/types.js";
import type { ChunkMetadata } from "../../types/index.js";
import type { Article, Chunk } from "../../types/index.js";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Hash of an article's cleaned content (title and paragraphs). */
export function contentHash(article: Article): string {
  return sha256(JSON.stringify([article.meta.title, article.paragraphs])).slice(0, 32);
}

export function embeddingKey(text: string): string {
  return sha256(text).slice(0, 32);
}

export function chunkDocument(chunk: Chunk, article: Article): Document<ChunkMetadata> {
  const meta = article.meta;
  const metadata: ChunkMetadata = {
    chunkId: chunk.id,
    articleId: chunk.articleId,
    paragraphs: chunk.paragraphs,
    title: meta.title,
    date: meta.eventDate ?? meta.publishedDate,
    publishedDate: meta.publishedDate,
    eventDate: meta.eventDate,
    sourceUrl: meta.sourceUrl,
    place: meta.place,
    participants: meta.participants.map((participant) => participant.name),
  };
  // Drop undefined fields so a stored Document and a fresh one compare equal.
  return new Document({ pageContent: chunk.text, metadata: JSON.parse(JSON.stringify(metadata)) as ChunkMetadata });
}

export function sameDocuments(previous: { doc: Document<ChunkMetadata>; key: string }[] | undefined, docs: Document<ChunkMetadata>[], keys: string[]): boolean {
  if (!previous || previous.length !== docs.length) return false;
  return previous.every(
    (old, i) => old.key === keys[i] && old.doc.pageContent === docs[i]!.pageContent && JSON.stringify(old.doc.metadata) === JSON.stringify(docs[i]!.metadata),
  );
}

/** Same content and metadata, wherever the file is. */
export function sameArticle(a: StoredArticle, b: StoredArticle): boolean {
  return a.contentHash === b.contentHash && JSON.stringify(a.meta) === JSON.stringify(b.meta);
}
