import { isValid } from '../index';
import { createResourceValidator } from '../resources';
import type { CorpusCase } from './load';
import { endpointSnapshot, imrSnapshot, medplumReference, type MedplumReference } from './medplum';

/** A verdict on one corpus case: valid, invalid, or Medplum threw instead of reporting. */
export type Verdict = 'valid' | 'invalid' | 'crash';

export interface CaseVerdicts {
  file: string;
  ours: Verdict;
  medplum: Verdict;
}

/**
 * Our verdict (as the CLI judges the case's exact text) and @medplum/core's (validateResource on what
 * JSON.parse makes of the text, with the same profile: IMR ImagingStudy for studies, Imaging Study
 * Endpoint where the case names it, base R4 otherwise) for each case.
 */
export function corpusVerdicts(cases: readonly CorpusCase[]): CaseVerdicts[] {
  const ours = createResourceValidator();
  const medplum: Record<'imr' | 'endpoint' | 'base', MedplumReference> = {
    imr: medplumReference(imrSnapshot()),
    endpoint: medplumReference(endpointSnapshot()),
    base: medplumReference(null),
  };
  return cases.map((c) => {
    const type = (c.json as { resourceType?: unknown } | null)?.resourceType;
    const which =
      c.profile === 'imaging-study-endpoint' ? 'endpoint' : type === 'ImagingStudy' && !c.profile ? 'imr' : 'base';
    const { issues, threw } = medplum[which].validate(c.json);
    const medplumSays: Verdict = threw
      ? 'crash'
      : issues.some((i) => i.severity === 'error' || i.severity === 'fatal')
        ? 'invalid'
        : 'valid';
    const oursSays: Verdict = isValid(ours.validate(c.resource, c.profile).outcome) ? 'valid' : 'invalid';
    return { file: c.file, ours: oursSays, medplum: medplumSays };
  });
}
