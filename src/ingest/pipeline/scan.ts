/**
 * Finding the files to ingest under the given paths, with their article ids:
 * the path relative to the folder given, or the file name for a file given
 * directly. Hidden files, unsupported extensions and the index folder itself
 * are skipped and reported.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

export interface ScannedFile {
  absPath: string;
  /** Article id (records in the file get `id#record`). */
  id: string;
  /** The folder or file given on the command line that led here. */
  root: string;
}

export interface ScanSkip {
  path: string;
  reason: string;
  /** True for files that were never meant to be read (not failures). */
  ignored: boolean;
}

export interface ScanResult {
  files: ScannedFile[];
  skipped: ScanSkip[];
  /** Absolute folders and files given, for scoping --prune. */
  roots: { path: string; isDirectory: boolean }[];
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function extensionOf(file: string): string {
  return path.extname(file).toLowerCase();
}

export async function scanPaths(inputs: string[], options: { indexDir?: string; extensions: readonly string[] }): Promise<ScanResult> {
  const extensions = new Set(options.extensions.map((ext) => (ext.startsWith(".") ? ext : `.${ext}`).toLowerCase()));
  const indexDir = options.indexDir === undefined ? undefined : path.resolve(options.indexDir);
  const result: ScanResult = { files: [], skipped: [], roots: [] };
  const seenFiles = new Set<string>();
  const visitedDirs = new Set<string>();

  const addFile = (absPath: string, id: string, root: string) => {
    if (seenFiles.has(absPath)) return;
    seenFiles.add(absPath);
    result.files.push({ absPath, id, root });
  };

  const walk = async (dir: string, root: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (error) {
      result.skipped.push({ path: dir, reason: `cannot open folder: ${(error as Error).message}`, ignored: false });
      return;
    }
    if (visitedDirs.has(real)) return; // a symbolic link loop, or the same folder given twice
    visitedDirs.add(real);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({ path: dir, reason: `cannot list folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ignored: false });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith(".")) {
        result.skipped.push({ path: full, reason: "hidden", ignored: true });
        continue;
      }
      if (indexDir !== undefined && isInside(full, indexDir)) {
        result.skipped.push({ path: full, reason: "the index folder itself", ignored: true });
        continue;
      }
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = await fs.stat(full);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          result.skipped.push({ path: full, reason: "broken symbolic link", ignored: false });
          continue;
        }
      }
      if (isDirectory) {
        await walk(full, root);
      } else if (!isFile) {
        result.skipped.push({ path: full, reason: "not a regular file", ignored: true });
      } else if (!extensions.has(extensionOf(entry.name))) {
        const ext = extensionOf(entry.name);
        result.skipped.push({ path: full, reason: ext ? `unsupported file type ${ext}` : "no file extension", ignored: true });
      } else {
        addFile(full, path.relative(root, full).split(path.sep).join("/"), root);
      }
    }
  };

  for (const input of inputs) {
    const absolute = path.resolve(input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.skipped.push({
        path: absolute,
        reason: code === "ENOENT" ? "no such file or folder" : `cannot open: ${code ?? (error as Error).message}`,
        ignored: false,
      });
      continue;
    }
    if (stat.isDirectory()) {
      result.roots.push({ path: absolute, isDirectory: true });
      if (indexDir !== undefined && isInside(indexDir, absolute) && isInside(absolute, indexDir)) {
        result.skipped.push({ path: absolute, reason: "the index folder itself", ignored: false });
        continue;
      }
      await walk(absolute, absolute);
    } else if (stat.isFile()) {
      result.roots.push({ path: absolute, isDirectory: false });
      if (indexDir !== undefined && isInside(absolute, indexDir)) {
        result.skipped.push({ path: absolute, reason: "the index folder itself", ignored: false });
      } else if (!extensions.has(extensionOf(absolute))) {
        const ext = extensionOf(absolute);
        result.skipped.push({
          path: absolute,
          reason: `${ext ? `unsupported file type ${ext}` : "no file extension"} (supported: ${[...extensions].join(", ")})`,
          ignored: false,
        });
      } else {
        addFile(absolute, path.basename(absolute), absolute);
      }
    } else {
      result.skipped.push({ path: absolute, reason: "not a regular file or folder", ignored: false });
    }
  }
  return result;
}

/** Whether an indexed file belongs to what this run was asked to ingest (for --prune). */
export function withinRoots(file: string, roots: ScanResult["roots"]): boolean {
  return roots.some((root) => (root.isDirectory ? isInside(file, root.path) : file === root.path));
}
