/**
 * The slice of FHIR R4 conformance-resource JSON that the profile layer reads.
 *
 * Deliberately loose (plain strings, optional everything): these describe files we did not
 * necessarily write, so the element model narrows at runtime instead of trusting a cast.
 */
import { isRecord } from '../kernel/json';

export interface JsonExtension {
  url: string;
  [key: string]: unknown;
}

export interface ElementDefinitionTypeJson {
  code: string;
  profile?: string[];
  targetProfile?: string[];
  extension?: JsonExtension[];
}

export interface ElementDefinitionJson {
  id?: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  base?: { path: string; min: number; max: string };
  type?: ElementDefinitionTypeJson[];
  binding?: { strength: string; valueSet?: string; description?: string };
  constraint?: { key: string; severity: string; human: string; expression?: string; source?: string }[];
  condition?: string[];
  mustSupport?: boolean;
  isModifier?: boolean;
  isSummary?: boolean;
  short?: string;
  definition?: string;
  comment?: string;
  contentReference?: string;
  slicing?: {
    discriminator?: { type: string; path: string }[];
    rules: string;
    ordered?: boolean;
    description?: string;
  };
  /** fixed[x] / pattern[x] and anything else the snapshot carries. */
  [key: string]: unknown;
}

export interface StructureDefinitionJson {
  resourceType: 'StructureDefinition';
  url: string;
  version?: string;
  name: string;
  title?: string;
  kind?: string;
  type: string;
  baseDefinition?: string;
  derivation?: string;
  snapshot?: { element: ElementDefinitionJson[] };
  differential?: { element: ElementDefinitionJson[] };
  [key: string]: unknown;
}

/**
 * Narrows parsed JSON to a StructureDefinition that has a snapshot, or throws with the reason.
 * Only the shape the element model depends on is checked.
 */
export function asStructureDefinition(json: unknown): StructureDefinitionJson & {
  snapshot: { element: ElementDefinitionJson[] };
} {
  if (!isRecord(json) || json.resourceType !== 'StructureDefinition') {
    throw new Error('Not a StructureDefinition');
  }
  if (typeof json.url !== 'string' || typeof json.type !== 'string' || typeof json.name !== 'string') {
    throw new Error('StructureDefinition lacks url, name or type');
  }
  const snapshot = json.snapshot;
  if (!isRecord(snapshot) || !Array.isArray(snapshot.element) || snapshot.element.length === 0) {
    throw new Error(`StructureDefinition ${json.url} has no snapshot`);
  }
  for (const element of snapshot.element) {
    if (!isRecord(element) || typeof element.path !== 'string') {
      throw new Error(`StructureDefinition ${json.url} has an element without a path`);
    }
  }
  return json as StructureDefinitionJson & { snapshot: { element: ElementDefinitionJson[] } };
}
