-- The case journal, the transparency log and its checkpoints are append-only:
-- a court record is never edited or deleted through the database (same rule as
-- the SQLite store's triggers). The hash chain and the signed checkpoints
-- (greffe audit verify) detect what an owner of the database could still do by
-- dropping these.
CREATE FUNCTION greffe_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION '% : table en ajout seul, modification refusée', TG_TABLE_NAME;
  END IF;
  RAISE EXCEPTION '% : table en ajout seul, suppression refusée', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER journal_events_no_update BEFORE UPDATE ON journal_events FOR EACH ROW EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_events_no_delete BEFORE DELETE ON journal_events FOR EACH ROW EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON journal_events FOR EACH STATEMENT EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves FOR EACH ROW EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves FOR EACH ROW EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER log_leaves_no_truncate BEFORE TRUNCATE ON log_leaves FOR EACH STATEMENT EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints FOR EACH ROW EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints FOR EACH ROW EXECUTE FUNCTION greffe_append_only();
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints FOR EACH STATEMENT EXECUTE FUNCTION greffe_append_only();
