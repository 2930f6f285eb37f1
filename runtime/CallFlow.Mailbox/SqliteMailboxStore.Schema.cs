namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    /// <summary>
    /// Bumped with every schema change; a store refuses a database written by a newer version. Can a store of this
    /// version open every older database? Yes: each version only adds tables and indexes (all <c>IF NOT EXISTS</c>),
    /// so running <see cref="SchemaSql"/> on an older database is its migration.
    /// <list type="bullet">
    /// <item>1: mailboxes, messages.</item>
    /// <item>2: the e-mail outbox; message state 5 (AwaitingEmail).</item>
    /// </list>
    /// </summary>
    internal const int SchemaVersion = 2;

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
        CREATE TABLE IF NOT EXISTS outbox (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT, -- queueing order; what vmc mail retry takes
            kind                INTEGER NOT NULL,                  -- EmailKind
            to_address          TEXT    NOT NULL,
            from_address        TEXT,                              -- used when the SMTP sender entry names none
            subject             TEXT    NOT NULL,
            body                TEXT    NOT NULL,
            attach_message      TEXT,                              -- message id: its audio file is read at send time
            attach_file         TEXT,                              -- or a WAV file path, read at send time
            delete_when_sent    INTEGER NOT NULL,                  -- Forward mode: remove attach_message once accepted
            state               INTEGER NOT NULL,                  -- OutboxState
            attempts            INTEGER NOT NULL DEFAULT 0,
            queued_ms           INTEGER NOT NULL,
            next_attempt_ms     INTEGER NOT NULL,                  -- from the injected clock
            sent_ms             INTEGER,
            last_error          TEXT
        );
        CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_ms, id);
        CREATE INDEX IF NOT EXISTS outbox_by_message ON outbox (attach_message);
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
            if (version is > 0 and < SchemaVersion)
                Log($"schema: mailbox.db upgraded from version {version} to {SchemaVersion}");
        }
        Execute(connection, transaction, SchemaSql);
        Execute(connection, transaction, $"PRAGMA user_version = {SchemaVersion};");
        transaction.Commit();
    }
}
