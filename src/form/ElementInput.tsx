/**
 * The datatype dispatcher: one component per input kind (see dispatch.ts for how the kind is
 * chosen), with a recursive backbone renderer as the default.
 */
import { Box, Stack, Typography } from '@mui/material';
import { memo, useEffect } from 'react';
import type { FormField } from './form-model';
import { CodeSelectInput } from './inputs/CodeSelectInput';
import { CodingInput, CodingListInput } from './inputs/CodingInputs';
import { CodeableConceptInput, CodeableConceptListInput, ReferenceInput } from './inputs/ConceptInputs';
import { DateTimeInput } from './inputs/DateTimeInput';
import { EndpointInput } from './inputs/EndpointInput';
import {
  ComputedCountInput,
  EncounterReferenceInput,
  PatientReferenceInput,
  UnsupportedInput,
} from './inputs/ReadOnlyInputs';
import { StringInput } from './inputs/StringInput';
import type { InputProps } from './inputs/types';
import { DicomUidInput, StudyUidInput } from './inputs/UidInputs';
import { UnsignedIntInput } from './inputs/UnsignedIntInput';
import { ACCESSION_FIELD, STUDY_UID_FIELD } from './issues';
import { AccessionInput } from './inputs/AccessionInput';
import { OrderConceptsInput } from './inputs/OrderConceptsInput';
import { PractitionerReferenceInput } from './inputs/PractitionerReferenceInput';
import { terminologyTables, TerminologyCodingInput } from './inputs/TerminologyCodingInput';
import { whenIdle } from './lazy-module';

/** The slice's `value` field (for its schema path), labelled and required like the slice. */
function studyUidValueField(slice: FormField): FormField {
  const value = slice.children.find((c) => c.name === 'value');
  return value ? { ...value, label: slice.label, required: true } : slice;
}

/** Renders the input for one field at an indexed name (`series.1.uid`). Memoised: props are stable. */
export const ElementInput = memo(function ElementInput({ field, name, label }: InputProps) {
  const props = label === undefined ? { field, name } : { field, name, label };
  switch (field.kind) {
    case 'study-uid':
      return <StudyUidInput field={studyUidValueField(field)} name={STUDY_UID_FIELD} />;
    case 'accession':
      return <AccessionInput {...props} name={ACCESSION_FIELD} />;
    case 'patient-reference':
      return <PatientReferenceInput {...props} />;
    case 'encounter-reference':
      return <EncounterReferenceInput {...props} />;
    case 'endpoint-references':
      return <EndpointInput {...props} />;
    case 'computed-count':
      return <ComputedCountInput {...props} />;
    case 'dicom-uid':
      return <DicomUidInput {...props} />;
    case 'anatomic-region':
    case 'laterality':
      return <TerminologyCodingInput {...props} table={field.kind} />;
    case 'order-concepts':
      return <OrderConceptsInput {...props} />;
    case 'practitioner-reference':
      return <PractitionerReferenceInput {...props} />;
    case 'coding-list':
      return <CodingListInput {...props} />;
    case 'codeable-concept-list':
      return <CodeableConceptListInput {...props} />;
    case 'code':
      return field.valueSet ? <CodeSelectInput {...props} /> : <StringInput {...props} />;
    case 'coding':
      return <CodingInput {...props} />;
    case 'codeable-concept':
      return <CodeableConceptInput {...props} />;
    case 'reference':
      return <ReferenceInput {...props} />;
    case 'date-time':
      return <DateTimeInput {...props} />;
    case 'string':
    case 'markdown':
    case 'uri':
      return <StringInput {...props} />;
    case 'unsigned-int':
      return <UnsignedIntInput {...props} />;
    case 'backbone':
      return <BackboneInput {...props} />;
    default:
      // Lists without a dedicated editor, choices, booleans, identifiers: kept as they are. (An instance's SOP class,
      // 'sop-class', only appears in instance rows, which render its picker themselves: see InstanceRows.)
      return <UnsupportedInput {...props} />;
  }
});

/** The default renderer: a group with the backbone's child inputs, recursively. */
export function BackboneInput({ field, name, label }: InputProps) {
  return (
    <Box role="group" aria-label={label ?? field.label}>
      <Typography variant="subtitle2" component="p">
        {label ?? field.label}
      </Typography>
      <Stack spacing={2}>
        {field.children.map((child) => (
          <ElementInput key={child.elementId} field={child} name={`${name}.${child.name}`} />
        ))}
      </Stack>
    </Box>
  );
}

/** The fields of a section, each under its own name at the top level of the resource. */
export function FieldList({ fields }: { fields: readonly FormField[] }) {
  // The body site and laterality lists are not needed for the first paint: fetched once the page is idle.
  useEffect(() => whenIdle(terminologyTables.load), []);
  return (
    <Stack spacing={2.5}>
      {fields.map((f) => (
        <ElementInput key={f.elementId} field={f} name={f.name} />
      ))}
    </Stack>
  );
}
