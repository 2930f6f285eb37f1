namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    /// <summary>Bumped with every schema change; a store refuses a database written by a newer version.</summary>
    internal const int SchemaVersion = 1;

    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS mailboxes (
            name                 TEXT    NOT NULL PRIMARY KEY,  -- exact, case-sensitive (BINARY collation)
            kind                 INTEGER NOT NULL,              -- MailboxKind
            dir_name             TEXT    NOT NULL UNIQUE,       -- SafeFileName of the name, fixed at creation
            created_ms           INTEGER NOT NULL,
            code_hash            BLOB,                          -- PBKDF2-SHA256, null when no code
            code_salt            BLOB,
            code_iterations      INTEGER,
            failed_code_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until_ms      INTEGER
        );
        CREATE TABLE IF NOT EXISTS messages (
            seq                 INTEGER PRIMARY KEY AUTOINCREMENT, -- arrival order, the tie-break for playback
            id                  TEXT    NOT NULL UNIQUE,           -- also the file name: messages/<dir_name>/<id>.wav
            mailbox             TEXT    NOT NULL REFERENCES mailboxes(name),
            kind                INTEGER NOT NULL,                  -- MessageKind
            state               INTEGER NOT NULL,                  -- MessageState
            state_before_delete INTEGER,
            caller_number       TEXT,
            caller_name         TEXT,
            received_ms         INTEGER NOT NULL,
            state_changed_ms    INTEGER NOT NULL,
            audio_bytes         INTEGER NOT NULL,                  -- G.711 bytes after the 58-byte header
            priority            INTEGER NOT NULL,
            private             INTEGER NOT NULL,
            forwarded_from      TEXT
        );
        CREATE INDEX IF NOT EXISTS messages_by_mailbox ON messages (mailbox, state, received_ms, seq);
        CREATE INDEX IF NOT EXISTS messages_by_age ON messages (state_changed_ms);
        """;

    private void CreateSchema()
    {
        using var connection = OpenConnection();
        // WAL lets readers (listing, playback) run while one writer commits; the mode is stored in the file.
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var read = Command(connection, transaction, "PRAGMA user_version;"))
        {
            var version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
                throw new InvalidOperationException($"mailbox.db has schema version {version}; this CallFlow reads up to {SchemaVersion}");
        }
        Execute(connection, transaction, SchemaSql);
        Execute(connection, transaction, $"PRAGMA user_version = {SchemaVersion};");
        transaction.Commit();
    }
}
