/** Turns anything a save can throw into an OperationOutcome, so it reaches fields or the form message. */
import type { OperationOutcome } from 'fhir/r4';

function isOutcome(value: unknown): value is OperationOutcome {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome'
  );
}

/**
 * An OperationOutcome for a thrown value: an OperationOutcome itself, one carried by the error
 * (fhirclient's HttpError keeps the parsed body or its text), or the error message.
 */
export function toOperationOutcome(error: unknown): OperationOutcome {
  if (isOutcome(error)) return error;
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    for (const key of ['outcome', 'body', 'response']) {
      if (isOutcome(record[key])) return record[key];
    }
    if (typeof record.message === 'string') {
      const braced = record.message.indexOf('{');
      if (braced >= 0) {
        try {
          const parsed: unknown = JSON.parse(record.message.slice(braced));
          if (isOutcome(parsed)) return parsed;
        } catch {
          // not JSON: fall through to the plain message
        }
      }
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'exception', diagnostics: message || 'Saving failed' }],
  };
}
