/** A dropped file as far as import cares: its name, and its path where the shell can tell. */
export interface DroppedFile {
  name: string;
}

export interface DroppedPaths {
  paths: string[];
  /** Names of files the shell gave no path for (a browser tab, a file from a zip viewer). */
  withoutPath: string[];
}

/** The paths to import from a drop; an empty path means the shell could not say where the file is. */
export function droppedPaths<F extends DroppedFile>(
  files: readonly F[],
  pathForFile: ((file: F) => string) | null,
): DroppedPaths {
  const paths: string[] = [];
  const withoutPath: string[] = [];
  for (const file of files) {
    const path = pathForFile ? pathForFile(file) : '';
    if (path) paths.push(path);
    else withoutPath.push(file.name);
  }
  return { paths, withoutPath };
}
