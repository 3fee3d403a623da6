/**
 * @foljsam/domain: the model, the Yjs document layouts with their typed helpers, and validation.
 * Server and client both go through these helpers; no other code touches raw Y.Map keys.
 * The 2015 demo plan is exported separately from "@foljsam/domain/seed".
 */

export * from './access';
export * from './audit/auditNames';
export * from './board/compileBoardReport';
export * from './board/labels';
export * from './derive';
export * from './documents/assignments';
export * from './documents/boardSummary';
export * from './documents/budgetPlausibility';
export * from './documents/changedFields';
export * from './documents/errors';
export * from './documents/fieldEdits';
export * from './documents/fieldPaths';
export * from './documents/names';
export * from './documents/officialValues';
export * from './documents/plan';
export * from './documents/planAuthoring';
export * from './documents/report';
export * from './documents/reportVersion';
export * from './documents/writeRules';
export * from './importIssues';
export * from './localViews';
export * from './model';
export * from './presence';
export * from './reporting/calendar';
export * from './reporting/drawOnMonths';
export * from './reporting/openingMonth';
export * from './reporting/periods';
export * from './time';
