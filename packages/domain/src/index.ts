/**
 * @foljsam/domain: the model, the Yjs document layouts with their typed helpers, and validation.
 * Server and client both go through these helpers; no other code touches raw Y.Map keys.
 * The 2015 demo plan is exported separately from "@foljsam/domain/seed".
 */
export * from './derive';
export * from './documents/assignments';
export * from './documents/errors';
export * from './documents/names';
export * from './documents/plan';
export * from './documents/report';
export * from './localViews';
export * from './model';
