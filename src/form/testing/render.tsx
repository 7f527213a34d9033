/** Renders the editor for tests, with the real IMR registry and the test validator. */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImagingStudy } from 'fhir/r4';
import { vi } from 'vitest';
import { loadImrRegistry, type ProfileRegistry } from '../../profile';
import type { Validator } from '../ports';
import { StudyEditor, type StudyEditorProps } from '../StudyEditor';
import { patient, serverEndpoint } from './fixtures';
import { imrValidator } from '../../validation';

export type SaveFn = StudyEditorProps['onSave'];

export interface RenderOptions {
  initial?: ImagingStudy;
  registry?: ProfileRegistry;
  validator?: Validator;
  onSave?: SaveFn;
}

export function renderEditor(options: RenderOptions = {}) {
  const onSave = vi.fn<SaveFn>(options.onSave ?? (() => Promise.resolve(undefined)));
  const searchEndpoints = vi.fn(() => Promise.resolve([serverEndpoint]));
  const user = userEvent.setup();
  const view = render(
    <StudyEditor
      registry={options.registry ?? loadImrRegistry()}
      validator={options.validator ?? imrValidator()}
      patient={patient}
      searchEndpoints={searchEndpoints}
      onSave={onSave}
      {...(options.initial ? { initial: options.initial } : {})}
    />,
  );
  return { user, onSave, searchEndpoints, view };
}

/** A complete, valid study as the server would hold it, with content the form does not show. */
export function existingStudy(): ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    id: 'study-1',
    meta: { versionId: '3', profile: ['http://example.org/other-profile'] },
    extension: [{ url: 'http://example.org/ext', valueString: 'keep me' }],
    identifier: [
      { system: 'http://example.org/accession', value: 'ACC-1' },
      { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3.4.5' },
    ],
    status: 'available',
    modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT', display: 'Computed Tomography' }],
    subject: { reference: 'Patient/ex-Patient' },
    started: '2020-12-31T23:30:50-05:00',
    endpoint: [{ reference: 'Endpoint/ep1', display: 'Main PACS' }],
    note: [{ text: 'a note' }],
    series: [
      {
        uid: '1.2.3.4.5.1',
        modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' },
        performer: [{ actor: { reference: 'Practitioner/p1' } }],
        instance: [
          {
            uid: '1.2.3.4.5.1.1',
            sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
          },
        ],
      },
    ],
  };
}
