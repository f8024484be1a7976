/**
 * The ground floor's shared shapes: what more than one room passes to another.
 * Ingest makes articles and chunks, the store keeps them with the embedding
 * model's identity, retrieval and the bot read them back. One module per
 * concept; import them from here. Shapes used by a single room stay in it
 * (e.g. the store's manifest and versions in `store/types.ts`, the answer
 * chain's passages and citations in `retrieval/types.ts`).
 */
export type * from "./article.js";
export type * from "./chunk.js";
export type * from "./dates.js";
export type * from "./embedding.js";
