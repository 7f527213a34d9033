import { OperationOutcomeError, isNotFound, type SearchRequest, type WithId } from '@medplum/core';
import {
  FhirRepository,
  MemoryRepository,
  type CreateResourceOptions,
  type DeleteResourceOptions,
} from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';

/** Throws an OperationOutcomeError when a resource must not be stored. */
export type WriteCheck = (resource: Resource) => void;

/** How one resource looked before a write, so the write can be undone. */
interface UndoRecord {
  resourceType: string;
  id: string;
  /** All stored versions, oldest first; empty when the resource did not exist. */
  versions: Resource[];
}

/**
 * MemoryRepository with two things it lacks: every write is checked (validation) before it is
 * stored, and `withTransaction` is atomic. Writes inside a transaction are journaled; when the
 * callback throws, the journal is unwound to the savepoint the transaction started at, so nested
 * transactions (a Bundle inside an HTTP request) roll back only their own writes.
 */
export class SandboxRepository extends MemoryRepository {
  private readonly journal: UndoRecord[] = [];
  private depth = 0;

  constructor(private readonly checkWrite: WriteCheck) {
    super();
  }

  override async createResource<T extends Resource>(
    resource: T,
    options?: CreateResourceOptions,
    update = false,
  ): Promise<WithId<T>> {
    this.checkWrite(resource);
    // An id is known up front for updates and client-assigned creates; otherwise MemoryRepository
    // assigns one and the resource is new by definition.
    if (resource.id) await this.remember(resource.resourceType, resource.id);
    const stored = await super.createResource(resource, options, update);
    if (!resource.id) this.record({ resourceType: stored.resourceType, id: stored.id, versions: [] });
    return stored;
  }

  // MemoryRepository's own conditionalCreate writes through a private method, which would skip the
  // write check and the journal; the base class's version goes through createResource.
  override conditionalCreate<T extends Resource>(
    resource: T,
    search: SearchRequest<T>,
    options?: CreateResourceOptions,
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    const base: (
      this: FhirRepository,
      resource: T,
      search: SearchRequest<T>,
      options?: CreateResourceOptions,
    ) => Promise<{ resource: WithId<T>; outcome: OperationOutcome }> = FhirRepository.prototype.conditionalCreate;
    return base.call(this, resource, search, options);
  }

  override async deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    await this.remember(resourceType, id);
    await super.deleteResource(resourceType, id, options);
  }

  // MemoryRepository.readHistory reverses its stored history array in place, so every other call
  // would return the versions oldest-first. Calling it twice restores the stored order and the first
  // answer is the newest-first one FHIR expects.
  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    const newestFirst = await super.readHistory<T>(resourceType, id);
    await super.readHistory<T>(resourceType, id);
    return newestFirst;
  }

  override async withTransaction<TResult>(callback: (repo: this) => Promise<TResult>): Promise<TResult> {
    const savepoint = this.journal.length;
    this.depth++;
    try {
      return await callback(this);
    } catch (err) {
      await this.rollbackTo(savepoint);
      throw err;
    } finally {
      this.depth--;
      if (this.depth === 0) this.journal.length = 0;
    }
  }

  private async remember(resourceType: string, id: string): Promise<void> {
    if (this.depth === 0) return;
    let versions: Resource[] = [];
    try {
      const history = await this.readHistory(resourceType, id);
      versions = (history.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])).reverse();
    } catch (err) {
      // A resource that does not exist (or was deleted) has nothing to restore.
      if (!(err instanceof OperationOutcomeError && isNotFound(err.outcome))) throw err;
    }
    this.record({ resourceType, id, versions });
  }

  private record(entry: UndoRecord): void {
    if (this.depth > 0) this.journal.push(entry);
  }

  private async rollbackTo(savepoint: number): Promise<void> {
    while (this.journal.length > savepoint) {
      const { resourceType, id, versions } = this.journal.pop() as UndoRecord;
      await this.expungeResource(resourceType, id);
      // Seeding mode keeps the stored versionId and lastUpdated instead of minting new ones.
      await this.withSeeding(async () => {
        for (const version of versions) await super.createResource(version, undefined, true);
      });
    }
  }
}
