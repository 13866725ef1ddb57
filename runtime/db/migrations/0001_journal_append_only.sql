-- The case journal is append-only: a court record is never edited or deleted
-- through the database. The hash chain (greffe audit verify) detects what an
-- attacker with write access to the file could still do by dropping these.
CREATE TRIGGER `journal_events_no_update` BEFORE UPDATE ON `journal_events`
BEGIN
  SELECT RAISE(ABORT, 'journal_events : le journal est en ajout seul, modification refusée');
END;
--> statement-breakpoint
CREATE TRIGGER `journal_events_no_delete` BEFORE DELETE ON `journal_events`
BEGIN
  SELECT RAISE(ABORT, 'journal_events : le journal est en ajout seul, suppression refusée');
END;
