/** Renders the editor for tests, with the real IMR registry and the test validator. */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImagingStudy } from 'fhir/r4';
import { vi } from 'vitest';
import { loadImrRegistry, type ProfileRegistry } from '../../profile';
import type { Validator } from '../ports';
import { EditorLookupsContext, type EditorLookups } from '../lookups';
import { StudyEditor, type StudyEditorProps } from '../StudyEditor';
import { patient, serverEndpoint } from '../../testing/fixtures';
import { imrValidator } from '../../validation';

export type SaveFn = StudyEditorProps['onSave'];

export interface RenderOptions {
  initial?: ImagingStudy;
  /** The server's copy (an existing study); defaults to none (a new study). */
  stored?: ImagingStudy;
  registry?: ProfileRegistry;
  validator?: Validator;
  onSave?: SaveFn;
  /** What the page would provide to the coded pickers (orders' concepts, Practitioner search). */
  lookups?: EditorLookups;
}

export function renderEditor(options: RenderOptions = {}) {
  const onSave = vi.fn<SaveFn>(options.onSave ?? (() => Promise.resolve(undefined)));
  const searchEndpoints = vi.fn(() => Promise.resolve([serverEndpoint]));
  const user = userEvent.setup();
  const view = render(
    <EditorLookupsContext.Provider value={options.lookups ?? {}}>
      <StudyEditor
        registry={options.registry ?? loadImrRegistry()}
        validator={options.validator ?? imrValidator()}
        patient={patient}
        searchEndpoints={searchEndpoints}
        onSave={onSave}
        {...(options.initial ? { initial: options.initial } : {})}
        {...(options.stored ? { stored: options.stored } : {})}
      />
    </EditorLookupsContext.Provider>,
  );
  return { user, onSave, searchEndpoints, view };
}
