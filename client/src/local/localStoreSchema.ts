/**
 * The tables of the browser's local store (lokal lagring). One row per Yjs update of a
 * document; `pending` marks a local change the server has not confirmed yet, `change_id` and
 * `fields` are the journal's id of a local change and the fields it changed. Compaction folds
 * confirmed rows into one.
 */
export const LOCAL_STORE_DDL = `
create table if not exists yjs_updates (
  id bigserial primary key,
  doc_name text not null,
  data bytea not null,
  pending boolean not null default false
);
create index if not exists yjs_updates_doc on yjs_updates (doc_name, id);
-- The journal's id of a local change (so a change is never counted twice) and the fields it changed.
alter table yjs_updates add column if not exists change_id text;
alter table yjs_updates add column if not exists fields text[];
create table if not exists yjs_documents (
  doc_name text primary key,
  server_state_vector bytea,
  synced_at timestamptz
);
`;
