-- The case journal is append-only: a court record is never edited or deleted
-- through the database (same rule as the SQLite store's triggers). The hash
-- chain (greffe audit verify) detects what an owner of the database could still
-- do by dropping these.
CREATE FUNCTION journal_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'journal_events : le journal est en ajout seul, suppression refusée';
  END IF;
  RAISE EXCEPTION 'journal_events : le journal est en ajout seul, modification refusée';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER journal_events_no_update BEFORE UPDATE ON journal_events
  FOR EACH ROW EXECUTE FUNCTION journal_events_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_events_no_delete BEFORE DELETE ON journal_events
  FOR EACH ROW EXECUTE FUNCTION journal_events_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON journal_events
  FOR EACH STATEMENT EXECUTE FUNCTION journal_events_append_only();
