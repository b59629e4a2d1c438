/**
 * Notebooks in these folders are exploratory or documentation by convention
 * (§7.2 NB-01 false positives): they are not production code.
 */
export const EXPLORATORY_DIR =
  /(?:^|\/)(?:docs?|examples?|tutorials?|notebooks?|reports?)\//i;

/** The base name of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The directory of a path, '' for the root. */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
