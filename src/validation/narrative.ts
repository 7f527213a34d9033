/**
 * The R4 narrative rules for `Narrative.div` (an `xhtml` value), checked with saxes, a
 * namespace-aware XML parser (no hand-written one):
 * - it is well-formed XML, one `<div>` element in the XHTML namespace, with no DOCTYPE and no
 *   entities other than XML's five (`&nbsp;` is not XML: R4 JSON says to use the character);
 * - txt-1: only the basic HTML formatting elements and attributes (the lists of R4's txt-1 XPath),
 *   every element in the XHTML namespace; so no head, body, script, form, frame, object, style, and
 *   no event attributes (onclick);
 * - txt-2: some non-whitespace text, or an image.
 *
 * Loaded on demand like fhirpath.js (see ./api.ts): the editor's first load does not carry saxes.
 */
import { SaxesParser } from 'saxes';
import type { NarrativeProblem } from './narrative-engine';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** R4 txt-1's element list (its XPath, `local-name(.)=(...)`). */
const ELEMENTS = new Set(
  (
    'a abbr acronym b big blockquote br caption cite code col colgroup dd dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ' +
    'li ol p pre q samp small span strong sub sup table tbody td tfoot th thead tr tt ul var'
  ).split(' '),
);

/** R4 txt-1's attribute list (its XPath, `name(.)=(...)`); namespace declarations are not attributes there. */
const ATTRIBUTES = new Set(
  (
    'abbr accesskey align alt axis bgcolor border cellhalign cellpadding cellspacing cellvalign char charoff charset ' +
    'cite class colspan compact coords dir frame headers height href hreflang hspace id lang longdesc name nowrap ' +
    'rel rev rowspan rules scope shape span src start style summary tabindex title type valign value vspace width'
  ).split(' '),
);

const txt1 = (text: string): NarrativeProblem => ({ key: 'txt-1', text });

/** The first way `xhtml` breaks the R4 narrative rules, or undefined if it keeps them. */
export function checkNarrative(xhtml: string): NarrativeProblem | undefined {
  let problem: NarrativeProblem | undefined;
  let depth = 0;
  let roots = 0;
  let content = false;
  const parser = new SaxesParser({ xmlns: true });
  const fail = (p: NarrativeProblem) => {
    problem ??= p;
  };
  parser.on('error', (error) => {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    if (/^undefined entity/.test(message)) {
      // saxes does not name it: find the first named reference that is not one of XML's five.
      const name = /&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_][\w.-]*);/.exec(xhtml)?.[1] ?? '';
      const text = `uses the entity &${name}; which XML does not define: write the character itself (or &#160; for a non-breaking space)`;
      fail({ key: 'xml', text });
    } else fail({ key: 'xml', text: `is not well-formed XHTML (${message})` });
  });
  parser.on('doctype', () => fail({ key: 'xml', text: 'must not have a DOCTYPE' }));
  parser.on('processinginstruction', () => fail({ key: 'xml', text: 'must not contain processing instructions' }));
  parser.on('opentag', (tag) => {
    if (depth === 0) {
      roots++;
      if (tag.local !== 'div') fail({ key: 'xml', text: `must be one <div> element, not <${tag.name}>` });
      else if (tag.uri !== XHTML_NS) {
        fail({ key: 'xml', text: `<div> must be in the XHTML namespace (xmlns="${XHTML_NS}")` });
      }
    }
    depth++;
    if (tag.uri !== XHTML_NS && depth > 1) fail(txt1(`may only contain XHTML elements, not <${tag.name}>`));
    else if (!ELEMENTS.has(tag.local))
      fail(txt1(`may not contain <${tag.local}>: only basic HTML formatting is allowed`));
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.name === 'xmlns' || attribute.prefix === 'xmlns') continue;
      if (!ATTRIBUTES.has(attribute.name)) {
        fail(txt1(`may not use the attribute ${attribute.name} (on <${tag.local}>)`));
      }
    }
    if (tag.local === 'img' && typeof tag.attributes.src?.value === 'string') content = true;
  });
  parser.on('closetag', () => {
    depth--;
  });
  parser.on('text', (text) => {
    if (depth > 0 && /\S/.test(text)) content = true;
  });
  parser.on('cdata', (text) => {
    if (/\S/.test(text)) content = true;
  });
  try {
    parser.write(xhtml).close();
  } catch (error) {
    fail({ key: 'xml', text: `is not well-formed XHTML (${error instanceof Error ? error.message : String(error)})` });
  }
  if (problem !== undefined) return problem;
  if (roots !== 1) return { key: 'xml', text: 'must be exactly one <div> element' };
  if (!content) return { key: 'txt-2', text: 'must have some text (or an image), not only whitespace' };
  return undefined;
}
