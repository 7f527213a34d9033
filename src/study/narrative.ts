/**
 * The study's narrative (`text`) at save. A narrative the server generated from the data (`status: generated`) is
 * generated again from the saved data when the study changed, so it never contradicts the data; an unchanged study
 * keeps its narrative byte for byte. A narrative written by a person (`additional`, `extensions`) is never
 * rewritten: the editor warns that it may be stale (see ./narrative-status.ts).
 *
 * The div is escaped text in the basic elements R4's txt-1 allows (div, table, tr, th, td, p, b), in the XHTML
 * namespace; the validator's narrative rules check it like any other (see validation/narrative.ts).
 */
import type { Coding, ImagingStudy, ImagingStudySeries } from 'fhir/r4';
import { deepEqual, isRecord } from '../kernel/json';
import { ACCESSION_ENTRY, labelOf } from '../profile/fields';
import { accessionOf } from '../profile/identifiers';
import { studyUidOf } from './study-uid';

const XHTML = 'http://www.w3.org/1999/xhtml';

/** Text as XML character data and attribute values: the five characters XML treats specially, escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const codes = (codings: readonly (Coding | undefined)[] | undefined): string =>
  (codings ?? [])
    .map((c) => c?.display ?? c?.code)
    .filter((t): t is string => typeof t === 'string' && t !== '')
    .join(', ');

const shown = (value: unknown): string | undefined =>
  typeof value === 'number' ? String(value) : typeof value === 'string' && value.trim() !== '' ? value : undefined;

function row(label: string, value: unknown): string {
  const text = shown(value);
  return text === undefined ? '' : `<tr><th>${escapeXml(label)}</th><td>${escapeXml(text)}</td></tr>`;
}

function seriesTable(series: readonly ImagingStudySeries[]): string {
  if (series.length === 0) return '';
  const columns = ['ImagingStudy.series.number', 'ImagingStudy.series.modality', 'ImagingStudy.series.description'];
  const head = [...columns, 'ImagingStudy.series.numberOfInstances', 'ImagingStudy.series.uid']
    .map((id) => `<th>${escapeXml(labelOf(id))}</th>`)
    .join('');
  const body = series
    .map((s) => {
      const cells = [s.number, codes([s.modality]), s.description, s.numberOfInstances ?? s.instance?.length, s.uid];
      return `<tr>${cells.map((c) => `<td>${escapeXml(shown(c) ?? '')}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table><tbody><tr>${head}</tr>${body}</tbody></table>`;
}

/** The narrative div generated from the study's data: never empty (the status is always there). */
export function generatedDiv(study: ImagingStudy): string {
  const rows = [
    row(labelOf('ImagingStudy.identifier:studyUID'), studyUidOf(study)),
    row(ACCESSION_ENTRY.label, accessionOf(study.identifier)?.value),
    row(labelOf('ImagingStudy.status'), study.status || 'unknown'),
    row(labelOf('ImagingStudy.modality'), codes(study.modality)),
    row(labelOf('ImagingStudy.started'), study.started),
    row(labelOf('ImagingStudy.description'), study.description),
    row(labelOf('ImagingStudy.numberOfSeries'), study.numberOfSeries),
    row(labelOf('ImagingStudy.numberOfInstances'), study.numberOfInstances),
  ].join('');
  return `<div xmlns="${XHTML}"><p><b>Imaging study</b></p><table><tbody>${rows}</tbody></table>${seriesTable(study.series ?? [])}</div>`;
}

/** The study without what a save does not count as a change: meta and the narrative itself. */
function content(study: ImagingStudy): unknown {
  const { meta: _meta, text: _text, ...rest } = study;
  return rest;
}

/**
 * The study to send with its narrative: regenerated from the data when it is `generated` and the study changed
 * from `original` (always for a new study), else as it is.
 */
export function withNarrative(study: ImagingStudy, original: ImagingStudy | undefined): ImagingStudy {
  if (!isRecord(study.text) || study.text.status !== 'generated') return study;
  if (original && deepEqual(content(original), content(study))) return study;
  return { ...study, text: { ...study.text, div: generatedDiv(study) } };
}
