import fs from "node:fs";
import path from "node:path";
import yauzl from "yauzl";
import { importError } from "../import-support";

/** One PNG of the dataset: `<part>/<Alphabet>/<characterNN>/<file>.png` split into its parts. */
export type OmniglotFile = { alphabet: string; character: string; file: string; read: () => Promise<Buffer> };

const LAYOUT = /^([^/]+)\/([^/]+)\/([^/]+)\/([^/]+\.png)$/;

/** Lists a part's PNGs from its zip. A damaged or truncated zip is a specific error. */
export async function listZip(zipFile: string, part: string): Promise<{ files: OmniglotFile[]; close: () => void }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true, autoClose: false }, (error, z) => (error ? reject(error) : resolve(z!))),
  ).catch((error: Error) => {
    throw importError(`${zipFile} is not a complete zip archive (truncated or corrupt?): ${error.message}`);
  });
  const files: OmniglotFile[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      const match = LAYOUT.exec(entry.fileName);
      if (match && match[1] === part) {
        files.push({
          alphabet: match[2]!,
          character: match[3]!,
          file: match[4]!,
          read: () =>
            new Promise<Buffer>((ok, fail) =>
              zip.openReadStream(entry, (error, stream) => {
                if (error) return fail(importError(`${zipFile}: ${entry.fileName} cannot be read: ${error.message}`));
                const chunks: Buffer[] = [];
                stream!.on("data", (c: Buffer) => chunks.push(c));
                stream!.on("error", (e) => fail(importError(`${zipFile}: ${entry.fileName} is damaged: ${e.message}`)));
                stream!.on("end", () => ok(Buffer.concat(chunks)));
              }),
            ),
        });
      }
      zip.readEntry();
    });
    zip.on("end", resolve);
    zip.on("error", (error: Error) => reject(importError(`${zipFile} is damaged: ${error.message}`)));
    zip.readEntry();
  });
  return { files, close: () => zip.close() };
}

/** Lists a part's PNGs from its extracted folder. */
export function listFolder(dir: string): OmniglotFile[] {
  const files: OmniglotFile[] = [];
  for (const alphabet of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!alphabet.isDirectory()) continue;
    for (const character of fs.readdirSync(path.join(dir, alphabet.name), { withFileTypes: true })) {
      if (!character.isDirectory()) continue;
      for (const file of fs.readdirSync(path.join(dir, alphabet.name, character.name))) {
        if (!file.endsWith(".png")) continue;
        const full = path.join(dir, alphabet.name, character.name, file);
        files.push({
          alphabet: alphabet.name,
          character: character.name,
          file,
          read: () => fs.promises.readFile(full),
        });
      }
    }
  }
  return files;
}
