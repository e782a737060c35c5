/** What `glidepath init` reads from the installed package: the example policies and workflows, and the schemas. */
export interface PackageTemplates {
  /** The files directly in a package folder (`examples/quickstart/policies`), by name; an absent folder is empty. */
  readFolder(folder: string): Promise<Map<string, string>>;
}

/** Writes files into a repository, never over one that exists: what is there is kept and reported. */
export type WriteNewFiles = (root: string, files: readonly { readonly path: string; readonly content: string }[]) => Promise<{ readonly written: readonly string[]; readonly kept: readonly string[] }>;
