// Writing the generated project to disk, and comparing a directory with what would be generated
// (the committed hubspot-project/ must be exactly the output of the generator).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ProjectFile } from './build-project.ts';

/** Installed dependencies may sit in the project after `hs project install-deps`; they are not ours. */
const IGNORED_DIRS = new Set(['node_modules']);

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (!path.split('/').some((part) => IGNORED_DIRS.has(part))) out.push(path);
  }
  return out.sort();
}

export interface ProjectDiff {
  missing: string[];
  changed: string[];
  extra: string[];
}

export function diffProjectDir(dir: string, files: readonly ProjectFile[]): ProjectDiff {
  const present = new Set(listFiles(dir));
  const wanted = new Set(files.map((f) => f.path));
  return {
    missing: files.filter((f) => !present.has(f.path)).map((f) => f.path),
    changed: files.filter((f) => present.has(f.path) && readFileSync(join(dir, f.path), 'utf8') !== f.content).map((f) => f.path),
    extra: [...present].filter((p) => !wanted.has(p)),
  };
}

export const isClean = (diff: ProjectDiff): boolean => diff.missing.length + diff.changed.length + diff.extra.length === 0;

/**
 * Replaces the directory's generated files with `files`. Refuses a non-empty directory that is not a
 * generated project (no hsproject.json), so a wrong --out cannot wipe someone's work.
 */
export function writeProjectDir(dir: string, files: readonly ProjectFile[]): void {
  const existing = listFiles(dir);
  if (existing.length > 0 && !existing.includes('hsproject.json')) {
    throw new Error(`${dir} is not empty and holds no hsproject.json: refusing to overwrite it`);
  }
  for (const path of existing) rmSync(join(dir, path));
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  removeEmptyDirs(dir);
}

function removeEmptyDirs(dir: string): boolean {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !IGNORED_DIRS.has(entry.name) && removeEmptyDirs(join(dir, entry.name))) rmSync(join(dir, entry.name), { recursive: true });
    else empty = false;
  }
  return empty;
}
