import type { ValueSetArtefactJson } from '../artefacts';
import type { StructureDefinitionJson } from '../fhir-json';
import type { ValueSetConcept, ValueSetModel } from '../model';
import type { CodeSystemConceptJson, FhirR4Source, ValueSetIncludeJson, ValueSetJson } from './fhir-r4-source';

class NotExpandableError extends Error {}

function stripVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar === -1 ? canonical : canonical.slice(0, bar);
}

/** Value set URLs (without version) bound `required` or `extensible` anywhere in the definitions. */
export function enforcedBindings(definitions: StructureDefinitionJson[]): string[] {
  const urls = new Set<string>();
  for (const sd of definitions) {
    for (const element of sd.snapshot?.element ?? []) {
      const binding = element.binding;
      if (binding?.valueSet && (binding.strength === 'required' || binding.strength === 'extensible')) {
        urls.add(stripVersion(binding.valueSet));
      }
    }
  }
  return [...urls].sort();
}

function flatten(system: string, concepts: CodeSystemConceptJson[] | undefined, out: ValueSetConcept[]): void {
  for (const c of concepts ?? []) {
    out.push(c.display === undefined ? { system, code: c.code } : { system, code: c.code, display: c.display });
    flatten(system, c.concept, out);
  }
}

class Expander {
  constructor(
    private readonly source: FhirR4Source,
    private readonly own: ReadonlyMap<string, ValueSetJson>,
  ) {}

  expand(url: string, seen: readonly string[] = []): ValueSetConcept[] {
    if (seen.includes(url)) throw new NotExpandableError(`circular import of ${url}`);
    const vs = this.own.get(url) ?? this.source.valueSets.get(url);
    if (!vs) throw new NotExpandableError('no definition available offline');
    if (vs.expansion?.contains) {
      return vs.expansion.contains.flatMap((c) =>
        c.system && c.code
          ? [c.display ? { system: c.system, code: c.code, display: c.display } : { system: c.system, code: c.code }]
          : [],
      );
    }
    if (!vs.compose) throw new NotExpandableError('neither compose nor expansion');
    const included = vs.compose.include.flatMap((inc) => this.include(inc, [...seen, url]));
    const excluded = new Set(
      (vs.compose.exclude ?? [])
        .flatMap((inc) => this.include(inc, [...seen, url]))
        .map((c) => `${c.system}|${c.code}`),
    );
    const unique = new Map<string, ValueSetConcept>();
    for (const c of included) {
      const key = `${c.system}|${c.code}`;
      if (!excluded.has(key) && !unique.has(key)) unique.set(key, c);
    }
    return [...unique.values()];
  }

  private include(inc: ValueSetIncludeJson, seen: string[]): ValueSetConcept[] {
    if (inc.filter && inc.filter.length > 0) {
      throw new NotExpandableError(`uses a filter on ${inc.system ?? 'a code system'}`);
    }
    const imported = (inc.valueSet ?? []).map((u) => this.expand(stripVersion(u), seen));
    if (!inc.system) {
      const [first, ...others] = imported;
      if (!first) throw new NotExpandableError('an include with neither system nor valueSet');
      // Several imported value sets in one include are intersected.
      return first.filter((c) => others.every((o) => o.some((x) => x.system === c.system && x.code === c.code)));
    }
    if (imported.length > 0) throw new NotExpandableError('an include combining a system with value sets');
    const system = inc.system;
    const cs = this.source.codeSystems.get(system);
    if (inc.concept) {
      const all: ValueSetConcept[] = [];
      flatten(system, cs?.concept, all);
      return inc.concept.map((c) => {
        const display = c.display ?? all.find((a) => a.code === c.code)?.display;
        return display === undefined ? { system, code: c.code } : { system, code: c.code, display };
      });
    }
    if (!cs) throw new NotExpandableError(`code system ${system} is not available offline`);
    if (cs.content !== undefined && cs.content !== 'complete') {
      throw new NotExpandableError(`code system ${system} has content "${cs.content}"`);
    }
    const out: ValueSetConcept[] = [];
    flatten(system, cs.concept, out);
    if (out.length === 0) throw new NotExpandableError(`code system ${system} lists no concepts`);
    return out;
  }
}

/**
 * Expands the given value sets from our own definitions (which carry their expansion) and the
 * base R4 terminology. Whatever needs an external terminology (UCUM, BCP-47, SNOMED CT, a code
 * system filter) is listed as not expandable so the validator can skip it knowingly.
 */
export function expandValueSets(urls: string[], own: ValueSetJson[], source: FhirR4Source): ValueSetArtefactJson {
  const ownByUrl = new Map(own.map((vs) => [vs.url, vs]));
  const expander = new Expander(source, ownByUrl);
  const artefact: ValueSetArtefactJson = { expansions: [], notExpandable: [] };
  for (const url of [...new Set(urls)].sort()) {
    try {
      const concepts = expander.expand(url);
      const vs = ownByUrl.get(url) ?? source.valueSets.get(url);
      const model: ValueSetModel = {
        url,
        ...(vs?.name !== undefined && { name: vs.name }),
        ...(vs?.title !== undefined && { title: vs.title }),
        concepts,
      };
      artefact.expansions.push(model);
    } catch (error) {
      if (!(error instanceof NotExpandableError)) throw error;
      artefact.notExpandable.push({ url, reason: error.message });
    }
  }
  return artefact;
}
