import { describe, expect, it } from 'vitest';
import { createRegistry, imrRegistryInput, type ElementNode, type ProfileModel, type RegistryInput } from './index';
import { browserArtefact } from './tools/browser-artefacts';

/** The registry input as the production build ships it (every artefact through `browserArtefact`). */
function browserInput(): RegistryInput {
  const input = imrRegistryInput();
  return {
    ...input,
    profiles: input.profiles.map(browserArtefact),
    datatypes: (browserArtefact({ structureDefinitions: input.datatypes }) as { structureDefinitions: unknown[] })
      .structureDefinitions,
  };
}

/** An element tree without what the browser artefacts leave out (documentation, constraint sources). */
function withoutDocumentation(node: ElementNode): unknown {
  const { short: _short, definition: _definition, comment: _comment, ...rest } = node;
  const binding = rest.binding && { ...rest.binding, description: undefined };
  const slicing = rest.slicing && { ...rest.slicing, description: undefined };
  return {
    ...rest,
    binding,
    slicing,
    constraints: rest.constraints.map((c) => ({ ...c, source: undefined })),
    children: rest.children.map(withoutDocumentation),
    slices: rest.slices.map(withoutDocumentation),
  };
}

function models(map: ReadonlyMap<string, ProfileModel>): [string, unknown][] {
  return [...map].map(([key, model]) => [
    key,
    { ...model, root: withoutDocumentation(model.root), byId: [...model.byId.keys()] },
  ]);
}

describe('profile artefacts for the browser', () => {
  const full = createRegistry(imrRegistryInput());
  const browser = createRegistry(browserInput());

  it('build the same profile and datatype models, less their documentation', () => {
    expect(models(browser.profiles)).toEqual(models(full.profiles));
    expect(models(browser.datatypes)).toEqual(models(full.datatypes));
  });

  it('leave value sets, primitives and resource types as they are', () => {
    expect(browser.valueSets).toEqual(full.valueSets);
    expect(browser.notExpandable).toEqual(full.notExpandable);
    expect(browser.primitives).toEqual(full.primitives);
    expect(browser.resourceTypes).toEqual(full.resourceTypes);
  });

  it('carry no element documentation, and are smaller by it', () => {
    const input = imrRegistryInput();
    const text = JSON.stringify(browserInput());
    expect(text).not.toMatch(/"(short|definition|comment)":/);
    // Documentation is about 40 % of the artefacts (value sets and resource types stay).
    expect(text.length).toBeLessThan(JSON.stringify(input).length * 0.7);
  });
});
