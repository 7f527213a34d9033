/**
 * The form model: which elements of the profile the editor shows, in which section, with which input.
 * Plain TypeScript, derived from the element model only, so a changed profile changes the form.
 */
import { IMR_IMAGINGSTUDY_URL } from '../kernel/canonicals';
import { fieldSpec, IDENTIFIER_ENTRIES, labelFor, sectionFields, type FieldSection } from '../profile/fields';
import type { ElementNode, ProfileModel } from '../profile/model';
import type { ProfileRegistry } from './ports';
import { inputKindFor, type InputKind } from './dispatch';

/** The IMR ImagingStudy profile the form is generated from by default. */
export const IMR_IMAGING_STUDY_URL = IMR_IMAGINGSTUDY_URL;

/** The element names a section of the field table lists, in screen order. */
function sectionNames(section: FieldSection): string[] {
  return sectionFields(section).map((f) => f.path.slice(f.path.lastIndexOf('.') + 1));
}

/** Optional elements that IMR names as useful; shown under "More details", in this order. */
const DETAIL_ELEMENTS = sectionNames('details');

/** One input of the form. */
export interface FormField {
  /** Snapshot element id, e.g. `ImagingStudy.identifier:studyUID.value`. */
  elementId: string;
  /** Schema path without indexes or slice names, e.g. `ImagingStudy.series.instance.uid`. */
  schemaPath: string;
  /** JSON property name relative to the parent value (for a slice, the sliced element's name). */
  name: string;
  sliceName?: string;
  label: string;
  kind: InputKind;
  /** Minimum cardinality ≥ 1: the field is marked required. */
  required: boolean;
  mustSupport: boolean;
  isArray: boolean;
  max: number;
  /** Value set of the binding, if any. */
  valueSet?: string;
  bindingStrength?: string;
  element: ElementNode;
  /** For backbone (and slice) inputs: the nested inputs, in profile order. */
  children: FormField[];
}

export interface FormModel {
  profileUrl: string;
  /** Mandatory (min ≥ 1) or must-support elements, in profile order. */
  main: FormField[];
  /** "More details": the optional elements IMR names as useful. */
  details: FormField[];
  /** The series backbone, with its (and its instances') inputs as children. */
  series?: FormField;
}

/** Whether the element belongs in the main section. */
function isMainElement(el: ElementNode): boolean {
  return el.min >= 1 || el.mustSupport;
}

function toField(el: ElementNode, children: FormField[] = []): FormField {
  const field: FormField = {
    elementId: el.id,
    schemaPath: el.path,
    name: el.name,
    label: labelFor(el),
    kind: inputKindFor(el),
    required: el.min >= 1,
    mustSupport: el.mustSupport,
    isArray: el.isArray,
    max: el.max,
    element: el,
    children,
  };
  if (el.sliceName !== undefined) field.sliceName = el.sliceName;
  if (el.binding?.valueSet !== undefined) field.valueSet = el.binding.valueSet;
  if (el.binding !== undefined) field.bindingStrength = el.binding.strength;
  return field;
}

/**
 * Fields for an element that the main section shows. A sliced element is represented by its
 * mandatory or must-support slices (e.g. `identifier` by `identifier:studyUID`), whose own
 * mandatory/must-support children become nested fields.
 */
function mainFieldsFor(el: ElementNode): FormField[] {
  const slices = el.slices.filter(isMainElement);
  if (slices.length > 0) {
    const sliced = slices.map((slice) => {
      const field = toField(
        slice,
        slice.children.filter(isMainElement).map((c) => toField(c)),
      );
      // The Study Instance UID input is the slice's value: it carries the slice's name.
      const value = field.kind === 'study-uid' ? field.children.find((c) => c.name === 'value') : undefined;
      if (value) Object.assign(value, { label: field.label, required: true });
      return field;
    });
    return [...sliced, ...entryFieldsFor(el)];
  }
  return [toField(el)];
}

/**
 * The named identifier entries of the field table that are not slices of the profile (the accession number): one
 * field each, editing the entry's value at its fixed place in the values (see src/study/values.ts).
 */
function entryFieldsFor(el: ElementNode): FormField[] {
  if (el.path !== 'ImagingStudy.identifier') return [];
  return IDENTIFIER_ENTRIES.filter(
    (entry) => entry.widget !== undefined && !el.slices.some((s) => s.sliceName === entry.name),
  ).map((entry) => ({
    ...toField(el),
    label: entry.label,
    kind: entry.widget as InputKind,
    required: false,
    sliceName: entry.name,
  }));
}

/**
 * A backbone field with the children the editor shows: those the field table places in the series or instance
 * section, plus any mandatory/must-support.
 */
function backboneField(el: ElementNode): FormField {
  const children = el.children
    .filter((c) => fieldSpec(c.id)?.section !== undefined || isMainElement(c))
    .map((c) => (c.children.length > 0 ? backboneField(c) : toField(c)));
  return toField(el, children);
}

/**
 * Builds the form model from the registry's profile (the IMR ImagingStudy profile by default).
 * Throws if the registry does not know the profile.
 */
export function buildFormModel(registry: ProfileRegistry, profileUrl: string = IMR_IMAGING_STUDY_URL): FormModel {
  const profile: ProfileModel | undefined = registry.profiles.get(profileUrl);
  if (!profile) throw new Error(`Unknown profile ${profileUrl}`);
  const main: FormField[] = [];
  const details: FormField[] = [];
  let series: FormField | undefined;
  for (const el of profile.root.children) {
    if (el.name === 'series') {
      series = backboneField(el);
    } else if (isMainElement(el) || fieldSpec(el.id)?.section === 'main') {
      main.push(...mainFieldsFor(el));
    } else if (DETAIL_ELEMENTS.includes(el.name)) {
      details.push(toField(el));
    }
  }
  // Details follow the order IMR lists them in (description first), not the base resource's.
  details.sort((a, b) => DETAIL_ELEMENTS.indexOf(a.name) - DETAIL_ELEMENTS.indexOf(b.name));
  const model: FormModel = { profileUrl: profile.url, main, details };
  if (series) model.series = series;
  return model;
}
