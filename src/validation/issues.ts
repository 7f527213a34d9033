/** FHIRPath helpers of the validator's issues (the issues themselves are built by the kernel's builder). */
export type { IssueCode } from '../kernel/outcome';

/** `prefix.key`, or `prefix` itself when there is no key (lets leaves build their path only when they report). */
export function childPath(prefix: string, key: string | undefined): string {
  return key === undefined ? prefix : `${prefix}.${key}`;
}

/** Whether `expression` is `target` or lies under it: `a.b` covers `a.b`, `a.b.c`, `a.b[0]`, not `a.bc`. */
export function isAtOrBelow(expression: string, target: string): boolean {
  if (!expression.startsWith(target)) return false;
  if (expression.length === target.length) return true;
  const next = expression.charCodeAt(target.length);
  return next === 46 /* . */ || next === 91; /* [ */
}
