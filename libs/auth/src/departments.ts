/**
 * The committee's departments and what each may edit: the table lives in @park/contracts (libs/contracts/src/
 * departments.ts) so that the web app, which imports no runtime code of @park/auth, decides its edit buttons by
 * the same table the API's @Edits(area) enforces.
 */
export {
  canEdit,
  DEPARTMENT_EDITS,
  DEPARTMENTS,
  EDIT_AREAS,
  isDepartment,
  isEditArea,
  type Department,
  type EditArea,
  type Editor,
} from '@park/contracts';
