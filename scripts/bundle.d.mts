/** The compiled module for entry (a path from the project root), built now if stale (bundle.mjs). */
export function bundled(entry: string, name: string): Promise<string>;
