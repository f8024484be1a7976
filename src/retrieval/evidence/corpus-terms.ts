/** The index's word statistics, as retrieval and the support check use them (owned by the store). */
export type { CorpusTerms } from "../../store/types.js";
