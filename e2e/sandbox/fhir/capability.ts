import type { CapabilityStatement, CapabilityStatementRestResource, ResourceType } from '@medplum/fhirtypes';

const RESOURCE_TYPES: ResourceType[] = [
  'Patient',
  'Practitioner',
  'Encounter',
  'ServiceRequest',
  'ImagingStudy',
  'Endpoint',
  'Provenance',
];

function resource(type: ResourceType): CapabilityStatementRestResource {
  return {
    type,
    interaction: ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'].map(
      (code) => ({ code: code as 'read' }),
    ),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalUpdate: true,
    conditionalDelete: 'single',
  };
}

/** The server's CapabilityStatement, with the SMART oauth-uris extension (served without a token). */
export function capabilityStatement(fhirBase: string, authorizeUrl: string, tokenUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: 'IMR study author sandbox',
    kind: 'instance',
    software: { name: 'IMR sandbox EHR (Medplum FhirRouter + oidc-provider)' },
    implementation: { description: 'Sandbox EHR for the IMR study author app', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: authorizeUrl },
                { url: 'token', valueUri: tokenUrl },
              ],
            },
          ],
        },
        resource: RESOURCE_TYPES.map(resource),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}
