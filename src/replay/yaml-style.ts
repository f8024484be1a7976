/** How conversation files are written: block style, but small objects and lists on one line, long texts as literal blocks. */
import { Document, isMap, isScalar, isSeq, type Node, Scalar, visit } from "yaml";

/** Collections whose one-line form is at most this long are written on one line. */
const FLOW_WIDTH = 80;

function flowLength(node: unknown): number {
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === "string" && value.includes("\n")) return Number.POSITIVE_INFINITY;
    return JSON.stringify(value ?? null).length;
  }
  if (isMap(node)) return node.items.reduce((sum, pair) => sum + flowLength(pair.key) + flowLength(pair.value) + 4, 2);
  if (isSeq(node)) return node.items.reduce((sum: number, item) => sum + flowLength(item) + 2, 2);
  return Number.POSITIVE_INFINITY;
}

/** Style a node tree in place: short collections inline, multi-line strings as `|-` blocks. */
export function compact<T extends Node | Document>(node: T): T {
  visit(node, {
    Map(_, map) {
      if (map.items.length > 0 && flowLength(map) <= FLOW_WIDTH) map.flow = true;
    },
    Seq(_, seq) {
      if (seq.items.length > 0 && flowLength(seq) <= FLOW_WIDTH) seq.flow = true;
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === "string" && scalar.value.includes("\n")) scalar.type = Scalar.BLOCK_LITERAL;
    },
  });
  return node;
}

/** A value as YAML text in the conversation files' style (`indentSeq: false` puts list items at column 0, for appending to `turns:`). */
export function stringifyCompact(value: unknown, options: { indentSeq?: boolean } = {}): string {
  const document = compact(new Document(value));
  return document.toString({ lineWidth: 0, indentSeq: options.indentSeq ?? true });
}
