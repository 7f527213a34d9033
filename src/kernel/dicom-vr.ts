/** The DICOM value representations the app checks by hand (PS3.5 §6.2). */

/**
 * What is wrong with a value of DICOM VR SH (Short String, PS3.5 §6.2), e.g. an AccessionNumber, as the end of a
 * sentence starting with the field's name; undefined if valid. SH: at most 16 characters, no backslash, and no
 * control character but ESC (which switches character sets, so a value read from DICOM may carry it).
 */
export function shProblem(value: string): string | undefined {
  if (value.length > 16) return `is ${value.length} characters long; DICOM allows at most 16`;
  if (value.includes('\\')) return 'must not contain a backslash (\\)';
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001A\u001C-\u001F\u007F]/.exec(value);
  if (control)
    return `must not contain control characters (found U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  return undefined;
}
