import { describe, expect, it } from 'vitest';
import { imrValidator } from './index';
import { checkNarrative } from './narrative';
import { studyWith, summary } from './testing/fixtures';

const NS = 'xmlns="http://www.w3.org/1999/xhtml"';
const div = (inner: string, attributes = '') => `<div ${NS}${attributes}>${inner}</div>`;
const validator = imrValidator();
const issuesOf = (xhtml: string) =>
  validator.validate(studyWith((s) => (s.text = { status: 'generated', div: xhtml }))).issue;

describe('R4 narrative rules (Narrative.div)', () => {
  it.each([
    ['text', div('CT chest')],
    ['basic formatting', div('<p>A <b>bold</b>, <i>italic</i> <span style="color:red">note</span><br/></p>')],
    ['a table', div('<table border="1"><tbody><tr><td colspan="2">x</td></tr></tbody></table>')],
    ['links and images', div('<a href="https://example.org" name="n">link</a><img src="#a" alt="x"/>')],
    ['only an image (txt-2: text or an image)', div('<img src="data:image/png;base64,AAAA"/>')],
    ['character references and XML entities', div('a&#160;b &amp; &lt;c&gt; &quot;&apos;')],
    ['a lang attribute and a redeclared namespace', `<div ${NS} lang="en"><p ${NS}>x</p></div>`],
  ])('accepts %s', (_name, xhtml) => {
    expect(checkNarrative(xhtml)).toBeUndefined();
    expect(issuesOf(xhtml)).toEqual([]);
  });

  it.each([
    ['no XHTML namespace', '<div>CT</div>', 'xml'],
    ['another namespace', '<div xmlns="http://example.org">CT</div>', 'xml'],
    ['not a div', `<p ${NS}>CT</p>`, 'xml'],
    ['not well-formed', div('<p>open'), 'xml'],
    ['not XML at all', 'CT chest', 'xml'],
    ['two root elements', `${div('a')}${div('b')}`, 'xml'],
    ['an HTML entity', div('a&nbsp;b'), 'xml'],
    ['a DOCTYPE', `<!DOCTYPE html>${div('x')}`, 'xml'],
    ['a script', div('<script>alert(1)</script>'), 'txt-1'],
    ['a form', div('<form><p>x</p></form>'), 'txt-1'],
    ['an iframe', div('<iframe src="x"></iframe>x'), 'txt-1'],
    ['an object', div('<object data="x"></object>x'), 'txt-1'],
    ['head and body', div('<head></head><body>x</body>'), 'txt-1'],
    ['a style element', div('<style>p{}</style>x'), 'txt-1'],
    ['an event attribute', div('<p onclick="x()">x</p>'), 'txt-1'],
    ['an SVG element', div('<svg xmlns="http://www.w3.org/2000/svg"></svg>x'), 'txt-1'],
    ['whitespace only', div(' \n '), 'txt-2'],
    ['empty elements only', div('<p> </p><br/>'), 'txt-2'],
    ['an image without src', div('<img alt="x"/>'), 'txt-2'],
  ])('rejects %s', (_name, xhtml, key) => {
    expect(checkNarrative(xhtml)?.key).toBe(key);
    const issues = issuesOf(xhtml);
    const code = key === 'xml' ? 'value' : 'invariant';
    expect(summary(issues)).toEqual([`error ${code} ImagingStudy.text.div`]);
    if (key !== 'xml') expect(issues[0]?.diagnostics).toBe(`${key}: htmlChecks()`);
  });

  it('says what is wrong', () => {
    expect(checkNarrative(div('a&nbsp;b'))?.text).toContain('&nbsp;');
    expect(checkNarrative(div('<script>x</script>'))?.text).toContain('<script>');
    expect(checkNarrative(div('<p onclick="x()">x</p>'))?.text).toContain('onclick');
    expect(checkNarrative('<div>x</div>')?.text).toContain('XHTML namespace');
  });
});
