/**
 * The DICOM UID grammar (PS3.5 §9.1): digits and dots, no empty component, no leading zero in a component ("0"
 * alone is fine), at most 64 characters; and new UIDs under the 2.25 root.
 */

/** Numbers without leading zeros, separated by single dots. */
const UID_SYNTAX = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

/** Whether `uid` is a valid bare UID. */
export function isValidUid(uid: string): boolean {
  return uid.length <= 64 && UID_SYNTAX.test(uid);
}

/**
 * Whether a UID looks unfinished rather than wrong: valid but for a trailing dot, as "1.2." is on the way to "1.2.3".
 * The form waits for a pause before calling it an error; a definite mistake (a leading zero, a letter) shows at once.
 */
export function isUnfinishedUid(uid: string): boolean {
  return uid.endsWith('.') && isValidUid(uid.slice(0, -1));
}

/**
 * A new UID under the `2.25` root (DICOM PS3.5 B.2): the 128 bits of a random UUID (Web Crypto) as a decimal
 * integer. At most 39 digits, so the UID stays well under the 64-character limit.
 */
export function generateUid(): string {
  const hex = crypto.randomUUID().replace(/-/g, '');
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

/** What is wrong with a bare UID, as the end of a sentence starting with the field's name; undefined if valid. */
export function uidProblem(uid: string): string | undefined {
  if (isValidUid(uid)) return undefined;
  if (uid.length === 0) return 'is empty';
  const bad = /[^0-9.]/.exec(uid);
  if (bad !== null) return `may contain only digits and dots, but has "${bad[0]}"`;
  if (uid.length > 64) return `is ${uid.length} characters long; the maximum is 64`;
  if (uid.startsWith('.')) return 'must not start with a dot';
  if (uid.endsWith('.')) return 'must not end with a dot';
  if (uid.includes('..')) return 'must not have two dots in a row (an empty number)';
  const leadingZero = uid.split('.').find((part) => part.length > 1 && part.startsWith('0')) ?? '';
  return `has a number with a leading zero ("${leadingZero}"): write it as ${leadingZero.replace(/^0+(?=\d)/, '')}`;
}
