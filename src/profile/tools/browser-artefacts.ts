/**
 * The profile artefacts as the browser gets them: what the element model reads and the app uses, nothing more.
 *
 * The committed files in ../generated/ keep the profiles' full snapshots (differential, mappings, documentation) for
 * the CLI, the tests and readers. The production build passes each of them through `browserArtefact`, which keeps the
 * compact form of every StructureDefinition (see ./compact.ts) without what neither the form nor the validator reads:
 * the element documentation (`short`, `definition`, `comment`, binding and slicing descriptions), constraint sources
 * and XPaths, base paths, and flags that are false. The element model built from them is the same, less the
 * documentation (see browser-artefacts.test.ts).
 */
import type { Plugin } from 'vite';
import type { ElementDefinitionJson, StructureDefinitionJson } from '../fhir-json';
// With its extension: vite.config.ts loads this file (Vite's native config loader needs it).
import { compactStructureDefinition } from './compact.ts';

function isStructureDefinition(json: unknown): json is StructureDefinitionJson {
  return (
    typeof json === 'object' &&
    json !== null &&
    (json as { resourceType?: unknown }).resourceType === 'StructureDefinition'
  );
}

/** Element keys the browser does not need: documentation. */
const DOCUMENTATION = ['short', 'definition', 'comment'];
const FLAGS = ['mustSupport', 'isModifier', 'isSummary'];

/**
 * One snapshot element for the browser: no documentation, binding and slicing without their descriptions, constraints
 * without `source` and `xpath`, of `base` only `max`, and no flags that are false (the element model reads nothing
 * else of them, and a missing flag as false).
 */
function browserElement(element: ElementDefinitionJson): ElementDefinitionJson {
  const result: Record<string, unknown> = { ...element };
  for (const key of DOCUMENTATION) delete result[key];
  if (element.binding) {
    const { description: _description, ...binding } = element.binding;
    result.binding = binding;
  }
  if (element.slicing) {
    const { description: _description, ...slicing } = element.slicing;
    result.slicing = slicing;
  }
  if (element.constraint) {
    result.constraint = element.constraint.map(({ key, severity, human, expression }) => ({
      key,
      severity,
      human,
      ...(expression === undefined ? {} : { expression }),
    }));
  }
  if (element.base) result.base = { max: element.base.max };
  // The element model reads a missing flag as false.
  for (const flag of FLAGS) if (result[flag] === false) delete result[flag];
  return result as ElementDefinitionJson;
}

function browserStructureDefinition(sd: StructureDefinitionJson): StructureDefinitionJson {
  const compact = compactStructureDefinition(sd);
  return { ...compact, snapshot: { element: (compact.snapshot?.element ?? []).map(browserElement) } };
}

/**
 * One generated artefact (parsed JSON) reduced for the browser: a StructureDefinition, or the datatypes file's
 * `structureDefinitions`, lose what the app never reads; any other artefact is returned as it is.
 */
export function browserArtefact(json: unknown): unknown {
  if (isStructureDefinition(json)) return browserStructureDefinition(json);
  if (isExpansions(json)) {
    return {
      ...json,
      expansions: json.expansions.map(browserExpansion),
      // Why a value set cannot be expanded offline is for the CLI's readers; the browser only needs which ones.
      ...(json.notExpandable ? { notExpandable: json.notExpandable.map(({ url }) => ({ url, reason: '' })) } : {}),
    };
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    Array.isArray((json as { structureDefinitions?: unknown }).structureDefinitions)
  ) {
    const { structureDefinitions, ...rest } = json as { structureDefinitions: unknown[] };
    return {
      ...rest,
      structureDefinitions: structureDefinitions.map((sd) =>
        isStructureDefinition(sd) ? browserStructureDefinition(sd) : sd,
      ),
    };
  }
  return json;
}

interface ExpansionsJson {
  notExpandable?: { url: string; reason: string }[];
  expansions: { title?: string; name?: string; concepts?: { code?: string; display?: string }[] }[];
}

function isExpansions(json: unknown): json is ExpansionsJson {
  return typeof json === 'object' && json !== null && Array.isArray((json as { expansions?: unknown }).expansions);
}

/**
 * A value set expansion without displays that only repeat the code (all 148 resource types, say) and without a name
 * beside its title: whoever shows a concept shows its code when it has no display, and messages use the title, so
 * nothing on screen or in a message changes.
 */
function browserExpansion(expansion: ExpansionsJson['expansions'][number]): ExpansionsJson['expansions'][number] {
  // Messages name a value set by its title, and by its name only when it has none.
  const { name, ...rest } = expansion;
  const named = rest.title === undefined && name !== undefined ? { ...rest, name } : rest;
  if (!named.concepts) return named;
  return {
    ...named,
    concepts: named.concepts.map(({ display, ...concept }) =>
      display === undefined || display === concept.code ? concept : { ...concept, display },
    ),
  };
}

const GENERATED_JSON = /[\\/]src[\\/]profile[\\/]generated[\\/][^\\/]+\.json$/;

/** Vite plugin (production builds only): the app's bundle gets the browser form of the profile artefacts. */
export function browserProfileArtefacts(): Plugin {
  return {
    name: 'imr:browser-profile-artefacts',
    apply: 'build',
    // Before Vite turns the JSON into a module.
    enforce: 'pre',
    transform(code, id) {
      if (!GENERATED_JSON.test(id.replace(/\?.*$/, ''))) return null;
      return { code: JSON.stringify(browserArtefact(JSON.parse(code) as unknown)), map: null };
    },
  };
}
