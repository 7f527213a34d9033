import type { ElementNode, ProfileRegistry } from '../profile';
import { compileBinding } from './bindings';
import { type ElementRules, ComplexChecker, ContainedChecker, OpaqueChecker, PrimitiveChecker } from './checkers';
import { DICOM_HOOKS } from './dicom';
import { compileInvariants, mergeConstraints } from './invariants';
import { compilePrimitive, type PrimitiveCheck } from './primitives';
import { PropertyChecker } from './property';
import { compileReferenceCheck } from './references';
import { rowRuleFor } from './rows';
import { isRecord } from './json';
import type { Compiler, ContainingResource, ObjectType, ProfileDemand, PropertyCheck, ValueChecker } from './types';

const RESOURCE_TYPES = new Set(['Resource', 'DomainResource']);
const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';

/** The `reference` strings found by following `segments` from `value` (lists are walked into). */
export function referencesAt(value: unknown, segments: readonly string[]): string[] {
  let current: unknown[] = [value];
  for (const name of segments) {
    const next: unknown[] = [];
    for (const item of current) {
      const child = isRecord(item) ? item[name] : undefined;
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined) next.push(child);
    }
    current = next;
  }
  return current.flatMap((item) => (isRecord(item) && typeof item.reference === 'string' ? [item.reference] : []));
}

/**
 * Turns the registry's element models into checker objects, once: each element gets its rules
 * (binding, reference targets, fixed/pattern, compiled FHIRPath invariants) and each object type its
 * property table. Value checkers are built on first use, which also ends the recursion of types
 * that contain themselves (Extension.extension, Identifier.assigner -> Reference.identifier).
 */
class RegistryCompiler implements Compiler {
  private readonly checkers = new Map<ElementNode, Map<string, ValueChecker>>();
  private readonly datatypeTypes = new Map<string, ObjectType | undefined>();
  private readonly nodeTypes = new Map<ElementNode, ObjectType>();
  private readonly profiles = new Map<string, ValueChecker | undefined>();
  private readonly primitiveChecks = new Map<string, PrimitiveCheck>();
  private readonly elementsById = new Map<string, ElementNode>();
  private readonly demandsByProfile = new Map<string, ProfileDemand[]>();

  constructor(readonly registry: ProfileRegistry) {
    for (const model of [...registry.profiles.values(), ...registry.datatypes.values()]) {
      for (const [id, node] of model.byId) if (!this.elementsById.has(id)) this.elementsById.set(id, node);
    }
  }

  valueChecker(node: ElementNode, typeCode: string): ValueChecker {
    let byType = this.checkers.get(node);
    if (byType === undefined) this.checkers.set(node, (byType = new Map()));
    let checker = byType.get(typeCode);
    if (checker === undefined) {
      checker = this.build(node, typeCode);
      byType.set(typeCode, checker);
    }
    return checker;
  }

  private build(node: ElementNode, typeCode: string): ValueChecker {
    if (RESOURCE_TYPES.has(typeCode)) return new ContainedChecker(node, this);
    if (this.registry.primitives.has(typeCode)) {
      const hook = DICOM_HOOKS.get(node.id);
      return new PrimitiveChecker(
        this.rules(node, typeCode),
        this.primitive(typeCode, hook?.formatChecked ?? false),
        this,
        hook,
      );
    }
    const type = this.objectType(node, typeCode);
    return type === undefined ? new OpaqueChecker(node) : new ComplexChecker(this.rules(node, typeCode), type);
  }

  private primitive(code: string, formatChecked: boolean): PrimitiveCheck {
    const key = `${code}|${formatChecked}`;
    let check = this.primitiveChecks.get(key);
    if (check === undefined) {
      check = compilePrimitive(code, this.registry.primitives.get(code), formatChecked);
      this.primitiveChecks.set(key, check);
    }
    return check;
  }

  private rules(node: ElementNode, typeCode: string): ElementRules {
    const typeRoot = this.registry.datatypes.get(typeCode)?.root;
    const constraints = mergeConstraints(node.constraints, typeRoot?.constraints ?? []);
    // FHIRPath needs a path it can type: a choice element's is its concrete type.
    const base = node.isChoice ? typeCode : node.path;
    const binding = compileBinding(node.binding, typeCode, this.registry.valueSets);
    const reference = typeCode === 'Reference' ? compileReferenceCheck(node.types, this.registry) : undefined;
    const rules: ElementRules = {
      node,
      invariants: compileInvariants(constraints, base),
      ele1: constraints.some((c) => c.key === 'ele-1'),
      hasRules:
        binding !== undefined || reference !== undefined || node.fixed !== undefined || node.pattern !== undefined,
    };
    if (binding !== undefined) rules.binding = binding;
    if (reference !== undefined) rules.reference = reference;
    const row = rowRuleFor(node.id);
    if (row !== undefined) rules.row = row;
    return rules;
  }

  /** The properties of a value of `node` with type `typeCode`: the node's own children if the snapshot lists them, else the datatype's. */
  private objectType(node: ElementNode, typeCode: string): ObjectType | undefined {
    const source = node.contentReference === undefined ? node : this.elementsById.get(node.contentReference);
    if (source !== undefined && source.children.length > 0) {
      let type = this.nodeTypes.get(source);
      if (type === undefined) this.nodeTypes.set(source, (type = this.buildObjectType(source.children)));
      return type;
    }
    return this.datatype(typeCode);
  }

  private datatype(typeCode: string): ObjectType | undefined {
    if (!this.datatypeTypes.has(typeCode)) {
      const model = this.registry.datatypes.get(typeCode);
      this.datatypeTypes.set(typeCode, model === undefined ? undefined : this.buildObjectType(model.root.children));
    }
    return this.datatypeTypes.get(typeCode);
  }

  private buildObjectType(children: readonly ElementNode[], resourceType?: string): ObjectType {
    const props = new Map<string, PropertyCheck>();
    const list: PropertyChecker[] = [];
    const required: PropertyChecker[] = [];
    for (const child of children) {
      // R4 types Resource.id as a plain string in the snapshot, but the spec says it is an id.
      const override = resourceType !== undefined && child.name === 'id' ? 'id' : undefined;
      const prop = new PropertyChecker(child, this, override);
      list.push(prop);
      if (prop.isRequired) required.push(prop);
      for (const key of prop.keys()) if (!props.has(key)) props.set(key, prop);
    }
    return resourceType === undefined ? { props, list, required } : { props, list, required, resourceType };
  }

  profileChecker(url: string): ValueChecker | undefined {
    if (!this.profiles.has(url)) {
      const model = this.registry.profiles.get(url);
      let checker: ValueChecker | undefined;
      if (model !== undefined) {
        const type = this.buildObjectType(model.root.children, model.type);
        checker = new ComplexChecker(this.rules(model.root, model.type), type);
      }
      this.profiles.set(url, checker);
    }
    return this.profiles.get(url);
  }

  resourceChecker(resourceType: string, root?: ContainingResource): ValueChecker | undefined {
    const demanded = root === undefined ? undefined : this.demandedProfile(resourceType, root);
    if (demanded !== undefined) return this.profileChecker(demanded);
    const base = this.registry.profiles.get(CORE_SD + resourceType);
    return base === undefined ? undefined : this.profileChecker(base.url);
  }

  /**
   * The profile a contained resource must meet because an element of the root's profile that
   * demands it (a Reference whose target profile is one of ours, e.g. IMR `ImagingStudy.endpoint`
   * -> Imaging Study Endpoint) refers to it by `#id`. Only that exact element path counts: the
   * same resource referred to from elsewhere (`ImagingStudy.series.endpoint`) meets the base type.
   */
  private demandedProfile(resourceType: string, root: ContainingResource): string | undefined {
    if (root.profile === undefined || typeof root.id !== 'string') return undefined;
    const wanted = `#${root.id}`;
    for (const demand of this.demands(root.profile)) {
      if (demand.type !== resourceType) continue;
      if (referencesAt(root.resource, demand.segments).includes(wanted)) return demand.target;
    }
    return undefined;
  }

  /** The elements of a profile whose references demand one of the registry's profiles of their target. */
  demands(profileUrl: string): readonly ProfileDemand[] {
    let list = this.demandsByProfile.get(profileUrl);
    if (list === undefined) {
      list = [];
      const model = this.registry.profiles.get(profileUrl);
      for (const node of model?.byId.values() ?? []) {
        for (const type of node.types) {
          if (type.code !== 'Reference') continue;
          for (const target of type.targetProfiles) {
            const targetModel = this.registry.profiles.get(target);
            if (targetModel === undefined || target.startsWith(CORE_SD)) continue;
            list.push({ segments: node.path.split('.').slice(1), target, type: targetModel.type });
          }
        }
      }
      this.demandsByProfile.set(profileUrl, list);
    }
    return list;
  }

  elementPart(): ObjectType | undefined {
    return this.datatype('Element');
  }
}

const compilers = new WeakMap<ProfileRegistry, Compiler>();

/** The compiler of a registry (one per registry, so validators of the same registry share checkers). */
export function compilerFor(registry: ProfileRegistry): Compiler {
  let compiler = compilers.get(registry);
  if (compiler === undefined) compilers.set(registry, (compiler = new RegistryCompiler(registry)));
  return compiler;
}
