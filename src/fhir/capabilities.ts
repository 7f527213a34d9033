/** What the FHIR server can do, from its CapabilityStatement, read once per session. */
import type { CapabilityStatement } from 'fhir/r4';
import type { FhirSession } from './session';

const transactions = new WeakMap<FhirSession, Promise<boolean>>();

function listsTransaction(statement: unknown): boolean {
  const rest = (statement as Partial<CapabilityStatement> | undefined)?.rest;
  if (!Array.isArray(rest)) return false;
  return rest.some(
    (r) => (r.mode ?? 'server') === 'server' && (r.interaction ?? []).some((i) => i.code === 'transaction'),
  );
}

/**
 * Whether the server supports `transaction` Bundles (`rest.interaction` code `transaction` in `metadata`). When the
 * CapabilityStatement cannot be read, transactions are assumed (most servers have them) and the next save asks again.
 */
export function supportsTransactions(session: FhirSession): Promise<boolean> {
  let cached = transactions.get(session);
  if (!cached) {
    cached = session
      .request<unknown>({ url: 'metadata', headers: { accept: 'application/fhir+json' } })
      .then(listsTransaction, () => {
        transactions.delete(session);
        return true;
      });
    transactions.set(session, cached);
  }
  return cached;
}
