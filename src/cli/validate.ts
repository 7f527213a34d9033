/**
 * Command-line validator: `npm run --silent validate -- FILE...`.
 * The logic lives in ./run-validate.ts; this file only wires it to the process.
 */
import fs from 'node:fs';
import { runValidateCli } from './run-validate';

process.exitCode = runValidateCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readFile: (file) => fs.readFileSync(file, 'utf8'),
});
