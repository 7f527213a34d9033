/** Field names for messages come from the profile's field table, so a message names a field as the screen does. */
export { fieldHint, fieldLabel } from '../profile/fields';
