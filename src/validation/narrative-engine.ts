/**
 * The narrative checker in use, plugged in like the FHIRPath engine (./fhirpath-engine.ts): Node
 * (./index.ts) plugs ./narrative.ts in at once; the app loads it with fhirpath.js after the editor
 * is shown (./api.ts). Until then a narrative is only checked for being non-empty text.
 */

/** How a narrative breaks the rules: `xml` (not an XHTML div), `txt-1` or `txt-2`; the text follows the field label. */
export interface NarrativeProblem {
  key: 'xml' | 'txt-1' | 'txt-2';
  text: string;
}

export type NarrativeCheck = (xhtml: string) => NarrativeProblem | undefined;

let check: NarrativeCheck | undefined;

export function setNarrativeCheck(next: NarrativeCheck): void {
  check = next;
}

export function narrativeCheck(): NarrativeCheck | undefined {
  return check;
}
