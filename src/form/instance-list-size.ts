/**
 * The instance list's size, shared by the list (InstanceRows, a lazily loaded chunk) and the box that holds its place
 * while that chunk loads (InstanceList), so that the page does not grow when the rows arrive: a Save button below a
 * series that grew under the pointer lost its click.
 */

/** Fixed row height (input + helper line): rows are not measured, so layout cannot feed back into rendering. */
export const ROW_HEIGHT = 84;
/** The list scrolls beyond this height. */
export const LIST_HEIGHT = 360;

/** The list's frame; its 1 px border is part of listBoxHeight. */
export const LIST_FRAME_SX = { border: 1, borderColor: 'divider', borderRadius: 1 } as const;

/** The list's outer height for `rows` rows: the rows and its 1 px border, up to LIST_HEIGHT (border-box). */
export function listBoxHeight(rows: number): number {
  return Math.min(rows * ROW_HEIGHT + 2, LIST_HEIGHT);
}
