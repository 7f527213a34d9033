/** fhirpath.js with the FHIR R4 model, as the invariants' engine. Imported statically only by ./index.ts. */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { FhirpathEngine } from './fhirpath-engine';

const silent = { traceFn: () => undefined };

export const fhirpathR4: FhirpathEngine = {
  compile(base, expression) {
    const evaluate = fhirpath.compile({ base, expression }, r4, silent);
    return (value, env) => evaluate(value, env) as unknown[];
  },
};
