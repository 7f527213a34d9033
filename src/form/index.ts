/** The ImagingStudy editor form layer: the editor component and its plain-TS helpers. */
export {
  StudyEditor,
  type EditorSnapshot,
  type InlineEndpoint,
  type SaveReport,
  type StudyEditorProps,
} from './StudyEditor';
export type { EditorAddOns } from './context';
export { buildFormModel, IMR_IMAGING_STUDY_URL, type FormField, type FormModel } from './form-model';
export { expressionToFieldPath, fieldPathToExpression } from './paths';
export type { ProfileRegistry, Validator } from './ports';
export { lazyModule, whenIdle, type LazyModule, type LazyModuleState } from './lazy-module';
export { EditorLookupsContext, type EditorLookups, type OrderConcepts } from './lookups';
