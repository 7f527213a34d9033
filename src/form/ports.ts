/**
 * The form's view of the layers below it: the profile registry (src/profile) and the validator
 * (src/validation). Inline endpoints are checked with the validation layer's `validateEndpoint`.
 */
export type { ProfileRegistry } from '../profile';
export type { Validator } from '../validation';
