import type { ImagingStudy } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { imrValidator } from '../validation';
import { checkNarrative } from '../validation/narrative';
import { storedStudy } from '../testing/studies';
import { studyToSave } from './document';
import { generatedDiv } from './narrative';
import { staleNarrativeWarning } from './narrative-status';

const HOSTILE = `<script>alert("x")</script> & 'quotes' ]]> &nbsp;`;
const STORED_DIV = '<div xmlns="http://www.w3.org/1999/xhtml"><p>CT chest, as the server wrote it</p></div>';

function withText(status: 'generated' | 'additional' | 'extensions'): ImagingStudy {
  return { ...storedStudy(), text: { status, div: STORED_DIV } };
}

describe('the narrative at save', () => {
  it('is generated again from the data when a generated narrative’s study changed: escaped and valid R4 XHTML', () => {
    const stored = withText('generated');
    const saved = studyToSave(stored, { ...stored, description: HOSTILE });
    const div = saved.text?.div ?? '';
    expect(saved.text?.status).toBe('generated');
    expect(div).not.toBe(STORED_DIV);
    expect(checkNarrative(div)).toBeUndefined();
    expect(div).toContain(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;quotes&#39; ]]&#62; &#38;nbsp;',
    );
    expect(div).not.toContain('<script');
    for (const fact of ['1.2.826.0.1.3680043.8.498.10002', 'A-17', 'available', 'Computed Tomography', 'Surview']) {
      expect(div).toContain(fact);
    }
    expect(
      imrValidator()
        .validate(saved)
        .issue.filter((i) => i.expression?.[0]?.startsWith('ImagingStudy.text')),
    ).toEqual([]);
  });

  it('is kept byte for byte when the study is saved unchanged', () => {
    const stored = withText('generated');
    expect(JSON.stringify(studyToSave(stored, structuredClone(stored)).text)).toBe(JSON.stringify(stored.text));
  });

  it.each(['additional', 'extensions'] as const)(
    'is never rewritten when a person wrote it (%s), but warned about',
    (status) => {
      const stored = withText(status);
      expect(studyToSave(stored, { ...stored, description: 'changed' }).text).toEqual(stored.text);
      expect(staleNarrativeWarning(stored)).toMatch(new RegExp(`status "${status}".*may now be out of date`));
    },
  );

  it('has no warning for a generated narrative or none', () => {
    expect(staleNarrativeWarning(withText('generated'))).toBeUndefined();
    expect(staleNarrativeWarning(storedStudy())).toBeUndefined();
  });

  it('is valid for a study with nothing but a status', () => {
    expect(
      checkNarrative(generatedDiv({ resourceType: 'ImagingStudy', status: 'registered', subject: {} })),
    ).toBeUndefined();
  });
});
