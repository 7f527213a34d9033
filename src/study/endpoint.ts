/** Building and describing Imaging Study Endpoint resources for the endpoint picker. */
import type { Coding, Endpoint, Reference } from 'fhir/r4';

import { DCM_SYSTEM, IMAGING_STUDY_ENDPOINT_URL } from '../kernel/canonicals';
/** The IMR study-level payload type (DCM 113014 "Study"); fixed for endpoints created here. */
export const STUDY_PAYLOAD: Coding = {
  system: DCM_SYSTEM,
  code: '113014',
  display: 'Study',
};

export interface NewEndpointInput {
  name: string;
  address: string;
  connectionType?: Coding;
}

/** A new Imaging Study Endpoint (no id: the app creates it in the same transaction as the study). */
export function buildEndpoint(input: NewEndpointInput): Endpoint {
  const endpoint: Endpoint = {
    resourceType: 'Endpoint',
    meta: { profile: [IMAGING_STUDY_ENDPOINT_URL] },
    status: 'active',
    connectionType: input.connectionType ?? { code: '' },
    payloadType: [{ coding: [STUDY_PAYLOAD] }],
    address: input.address.trim(),
  };
  if (input.name.trim() !== '') endpoint.name = input.name.trim();
  if (!input.connectionType) delete (endpoint as Partial<Endpoint>).connectionType;
  return endpoint;
}

/** A temporary reference for a new endpoint, resolved by the app's transaction (`fullUrl`). */
export function newEndpointReference(): string {
  return `urn:uuid:${crypto.randomUUID()}`;
}

/** What the picker shows for an endpoint: name, address and connection type. */
export interface EndpointOption {
  reference: string;
  name?: string;
  address?: string;
  connectionType?: string;
}

export function endpointOption(reference: string, endpoint: Endpoint): EndpointOption {
  const option: EndpointOption = { reference };
  if (endpoint.name) option.name = endpoint.name;
  if (endpoint.address) option.address = endpoint.address;
  const type = endpoint.connectionType?.display ?? endpoint.connectionType?.code;
  if (type) option.connectionType = type;
  return option;
}

/** The reference stored in `ImagingStudy.endpoint` for a picked endpoint. */
export function optionToReference(option: EndpointOption): Reference {
  const display = option.name ?? option.address;
  return display ? { reference: option.reference, display } : { reference: option.reference };
}

export function optionLabel(option: EndpointOption): string {
  return option.name ?? option.address ?? option.reference;
}
