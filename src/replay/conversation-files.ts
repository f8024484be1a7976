/** Finding conversation files: the given files, and the YAML files under the given folders. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { ConversationFileError } from "./format.js";

export const CONVERSATION_EXTENSIONS = [".yaml", ".yml"];

/** The conversation files under the given files and folders (recursively), sorted, each once. */
export async function findConversationFiles(paths: string[]): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (target: string, explicit: boolean): Promise<void> => {
    let stat;
    try {
      stat = await fs.stat(target);
    } catch {
      throw new ConversationFileError(target, ["no such file or folder"]);
    }
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(target)).sort();
      for (const entry of entries) {
        if (entry.startsWith(".")) continue;
        await visit(path.join(target, entry), false);
      }
    } else if (explicit || CONVERSATION_EXTENSIONS.includes(path.extname(target).toLowerCase())) {
      found.add(path.resolve(target));
    }
  };
  for (const target of paths) await visit(target, true);
  return [...found].sort();
}
