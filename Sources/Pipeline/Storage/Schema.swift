/// The state database's tables, and the migrations that bring an older file up to date.
///
/// Each migration is applied once, in order, inside one transaction together with the `PRAGMA user_version`
/// that records it, so a crash mid-migration leaves the previous version intact. Migrations are only ever
/// appended: a released one never changes.
enum Schema {
  static let migrations: [String] = [
    // 1: the ledger (one row per capture) and the outbox (one row per finding to forward).
    """
    CREATE TABLE ledger (
      id TEXT PRIMARY KEY,
      path TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ns INTEGER NOT NULL,
      inode INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('claimed', 'done')),
      run INTEGER NOT NULL,
      attempts INTEGER NOT NULL,
      claimed_at INTEGER NOT NULL,
      sha256 TEXT,
      outcome TEXT CHECK (outcome IN ('negative', 'finding', 'uncertain', 'rejected', 'failed')),
      reason TEXT,
      label TEXT,
      score REAL,
      scores TEXT,
      model_name TEXT,
      model_version TEXT,
      model_sha256 TEXT,
      decode_us INTEGER,
      inference_us INTEGER,
      recorded_at INTEGER,
      UNIQUE (path, size, mtime_ns, inode),
      CHECK ((state = 'done') = (outcome IS NOT NULL AND recorded_at IS NOT NULL))
    );
    CREATE INDEX ledger_recorded ON ledger (recorded_at) WHERE state = 'done';
    CREATE INDEX ledger_claimed ON ledger (claimed_at) WHERE state = 'claimed';
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY REFERENCES ledger (id),
      created_at INTEGER NOT NULL,
      label TEXT NOT NULL,
      score REAL NOT NULL,
      content_type TEXT NOT NULL,
      body TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'expired')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      delivered_at INTEGER
    );
    CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
    """,
    // 2: the device of a claimed file, so that a worker opens the very file claimed (0: claimed before).
    """
    ALTER TABLE ledger ADD COLUMN device INTEGER NOT NULL DEFAULT 0;
    """,
    // 3: each finding's Idempotency-Key, from the image's content (`FindingReport.findingID`), unique so that the
    // same image analysed again is not queued twice. Entries queued before keep the key they were sent with: their
    // id.
    """
    ALTER TABLE outbox ADD COLUMN idempotency_key TEXT NOT NULL DEFAULT '';
    UPDATE outbox SET idempotency_key = id;
    CREATE UNIQUE INDEX outbox_idempotency_key ON outbox (idempotency_key);
    """,
    // 4: whether a recorded outcome has been reported (its file moved, its journal entry sent): 0 from its commit
    // until then, so that a start finishes what a kill in between left undone. Rows recorded before were.
    """
    ALTER TABLE ledger ADD COLUMN reported INTEGER NOT NULL DEFAULT 1;
    CREATE INDEX ledger_unreported ON ledger (recorded_at) WHERE reported = 0;
    """,
  ]

  /// The version a fully migrated database has.
  static var version: Int { migrations.count }

  /// Applies the migrations `database` lacks. Safe to call from several connections at once: the version is
  /// read inside the write transaction.
  static func migrate(_ database: Database) throws(StorageError) {
    // Cheap check first, so that opening an up-to-date database takes no write lock.
    if try database.userVersion() == version { return }
    try database.transaction { () throws(StorageError) in
      let found = try database.userVersion()
      guard found <= version else { throw .schemaTooNew(found: found, supported: version) }
      for migration in migrations[found...] { try database.executeScript(migration) }
      try database.setUserVersion(version)
    }
  }
}
