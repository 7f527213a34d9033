/**
 * Files from a drop or a file dialog, folders included: a dropped folder arrives as a
 * FileSystemDirectoryEntry tree that has to be walked; a picked folder as files with a relative path.
 */
import type { NamedFile } from './dicom/reader';

/** What the drop zone captured synchronously during the event (entries are only readable then). */
export interface DroppedItems {
  entries: FileSystemEntry[];
  files: File[];
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a directory: `readEntries` answers in pages until it answers an empty one. */
async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) return all;
    all.push(...page);
  }
}

async function walk(entry: FileSystemEntry, out: NamedFile[]): Promise<void> {
  if (isFile(entry)) {
    out.push({ file: await fileOf(entry), path: entry.fullPath.replace(/^\//, '') });
  } else if (isDirectory(entry)) {
    for (const child of await childrenOf(entry)) await walk(child, out);
  }
}

/** The files to read, each with the path the user knows it by. */
export async function collectFiles(items: DroppedItems): Promise<NamedFile[]> {
  if (items.entries.length > 0) {
    const out: NamedFile[] = [];
    for (const entry of items.entries) await walk(entry, out);
    return out;
  }
  return items.files.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
