/**
 * One name per field: every validator message that lands on an input of the form names that input as the form
 * labels it. Checked over the validator's judged corpus and over a study with every field missing or blank.
 */
import type { OperationOutcomeIssue } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { fieldLabel, loadImrRegistry } from '../profile';
import { imrValidator } from '../validation';
import { loadCorpus } from '../validation/corpus/load';
import { buildFormModel } from './form-model';
import { indexInputs, inputField, toFormIssues } from './issues';

const model = buildFormModel(loadImrRegistry());
const inputs = indexInputs(model);
const validator = imrValidator();
const shown = new Set([...inputs.values()].map((f) => f.label));
/** Labels the field table gives elements that have no input on screen (e.g. a series' performer). */
const hiddenLabels = [...loadImrRegistry().profiles.values()]
  .flatMap((p) => [...p.byId.values()])
  .map((el) => fieldLabel(el.id, el.path))
  .filter((label) => !shown.has(label));

/** A study where every field the form shows is absent or blank. */
const BLANK = {
  resourceType: 'ImagingStudy',
  identifier: [
    { system: 'urn:dicom:uid', value: ' ' },
    {
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] },
      value: 'ACCESSION-TOO-LONG',
    },
  ],
  status: '',
  modality: [{}],
  subject: {},
  encounter: {},
  started: '',
  endpoint: [{}],
  description: ' ',
  procedureCode: [{}],
  reasonCode: [{}],
  referrer: {},
  numberOfSeries: -1,
  numberOfInstances: -1,
  series: [
    {
      uid: '',
      number: -1,
      modality: {},
      description: '',
      bodySite: {},
      laterality: {},
      started: '',
      instance: [{ uid: '', sopClass: {}, number: -1, title: '' }],
    },
  ],
};

function issuesOf(resource: unknown): OperationOutcomeIssue[] {
  return validator.validate(resource).issue;
}

const studies = [
  BLANK,
  { resourceType: 'ImagingStudy' },
  ...loadCorpus()
    .filter((c) => c.kind !== 'valid')
    .map((c) => c.resource),
];

describe('field names in messages', () => {
  it('name the input the message appears at with its label on screen', () => {
    const checked = new Set<string>();
    const mismatches: string[] = [];
    for (const study of studies) {
      for (const issue of toFormIssues(issuesOf(study), inputs)) {
        if (issue.name === undefined) continue;
        const field = inputField(issue.name, inputs);
        if (!field) continue;
        checked.add(field.label);
        // The message names the input it appears at, or an element the form does not show (whose issue then
        // lands at its nearest shown ancestor), never a name that differs from the screen's.
        const namesInput = issue.message.includes(field.label);
        const namesHidden = hiddenLabels.some((label) => issue.message.startsWith(label));
        if (!namesInput && !namesHidden) mismatches.push(`${field.label} <- ${issue.message}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every labelled input of the form was reached by some message (the Study Instance UID widget is one input,
    // its fixed system has none).
    const slicesParts = new Set(model.main.filter((f) => f.kind === 'study-uid').flatMap((f) => f.children));
    const labels = [...inputs.values()].filter((f) => !slicesParts.has(f) || f.name === 'value').map((f) => f.label);
    expect(labels.filter((l) => !checked.has(l))).toEqual([]);
  });
});
