/**
 * Focus requests for fields that may not be mounted (a collapsed series, a virtualised instance row):
 * sections that own such rows listen and bring the row into view before the field is focused.
 */
export type FocusListener = (name: string) => void;

export class FocusBus {
  private readonly listeners = new Set<FocusListener>();

  /** Registers a listener; returns the unsubscribe function. */
  listen(listener: FocusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reveal(name: string): void {
    for (const listener of this.listeners) listener(name);
  }
}

/** `series.3.instance.17.uid` -> { series: 3, instance: 17 }. */
export function rowOf(name: string): { series?: number; instance?: number } {
  const match = /^series\.(\d+)(?:\.instance\.(\d+))?/.exec(name);
  if (!match) return {};
  return match[2] === undefined
    ? { series: Number(match[1]) }
    : { series: Number(match[1]), instance: Number(match[2]) };
}
