namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    /// <inheritdoc />
    public async Task SetCodeAsync(string mailbox, string? code, CancellationToken cancellationToken = default)
    {
        var name = MailboxName.Normalize(mailbox);
        byte[]? salt = null, hash = null;
        if (!string.IsNullOrEmpty(code))
        {
            salt = CodeHasher.NewSalt();
            hash = CodeHasher.Hash(code, salt, _options.CodeHashIterations); // outside the write gate: it is slow on purpose
        }
        var updated = await WriteTransactionAsync((connection, transaction, _) => Execute(connection, transaction, """
            UPDATE mailboxes SET code_hash = $hash, code_salt = $salt, code_iterations = $iterations,
                                 failed_code_attempts = 0, locked_until_ms = NULL
            WHERE name = $name
            """,
            ("$hash", hash), ("$salt", salt), ("$iterations", hash is null ? null : _options.CodeHashIterations), ("$name", name)),
            cancellationToken).ConfigureAwait(false);
        if (updated == 0)
            throw new MailboxNotFoundException(name);
    }

    /// <inheritdoc />
    public async Task<CodeVerification> VerifyCodeAsync(string mailbox, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var name = MailboxName.Normalize(mailbox);
        var now = Now;

        // 1. Count the attempt before checking it, in one short transaction: parallel guesses and a crash during
        //    the (slow) hash both still count, so no caller gets more than the allowed number of tries.
        var (early, stored) = await WriteTransactionAsync<(CodeVerification?, CodeRecord?)>((connection, transaction, _) =>
        {
            using var read = Command(connection, transaction,
                "SELECT code_hash, code_salt, code_iterations, failed_code_attempts, locked_until_ms FROM mailboxes WHERE name = $name",
                ("$name", name));
            using var reader = read.ExecuteReader();
            if (!reader.Read())
                return (new CodeVerification(CodeVerificationStatus.UnknownMailbox, 0, null), null);
            var failed = reader.GetInt32(3);
            DateTimeOffset? lockedUntil = reader.IsDBNull(4) ? null : FromMs(reader.GetInt64(4));
            if (reader.IsDBNull(0))
                return (new CodeVerification(CodeVerificationStatus.NoCode, failed, null), null);
            if (lockedUntil > now)
                return (new CodeVerification(CodeVerificationStatus.LockedOut, failed, lockedUntil), null);
            var record = new CodeRecord((byte[])reader[0], (byte[])reader[1], reader.GetInt32(2));
            reader.Close();
            if (lockedUntil is not null)
                failed = 0; // a lockout that has run out starts a fresh count
            if (_options.MaxFailedCodeAttempts > 0 && failed >= _options.MaxFailedCodeAttempts)
            {
                // The allowed attempts are all used or still being checked (or a crash stopped one before it was
                // settled): this one is over the limit, so the lockout starts now.
                var until = now + _options.CodeLockoutDuration;
                Execute(connection, transaction, "UPDATE mailboxes SET failed_code_attempts = $failed, locked_until_ms = $until WHERE name = $name",
                    ("$failed", failed), ("$until", ToMs(until)), ("$name", name));
                return (new CodeVerification(CodeVerificationStatus.LockedOut, failed, until), null);
            }
            Execute(connection, transaction, "UPDATE mailboxes SET failed_code_attempts = $failed, locked_until_ms = NULL WHERE name = $name",
                ("$failed", failed + 1), ("$name", name));
            return (null, record);
        }, cancellationToken).ConfigureAwait(false);
        if (early is not null)
            return early;

        // 2. Hash outside the gate; compare in constant time.
        var accepted = CodeHasher.Matches(code, stored!.Salt, stored.Iterations, stored.Hash);
        byte[]? newSalt = null, newHash = null;
        if (accepted && stored.Iterations < _options.CodeHashIterations)
        {
            newSalt = CodeHasher.NewSalt();
            newHash = CodeHasher.Hash(code, newSalt, _options.CodeHashIterations);
        }

        // 3. Settle the attempt: a success clears the count; a failure that reached the limit starts a lockout.
        return await WriteTransactionAsync((connection, transaction, _) =>
        {
            if (accepted)
            {
                Execute(connection, transaction, """
                    UPDATE mailboxes SET failed_code_attempts = 0, locked_until_ms = NULL,
                        code_hash = COALESCE($hash, code_hash), code_salt = COALESCE($salt, code_salt),
                        code_iterations = COALESCE($iterations, code_iterations)
                    WHERE name = $name
                    """,
                    ("$hash", newHash), ("$salt", newSalt), ("$iterations", newHash is null ? null : _options.CodeHashIterations), ("$name", name));
                return new CodeVerification(CodeVerificationStatus.Accepted, 0, null);
            }
            if (_options.MaxFailedCodeAttempts > 0)
            {
                Execute(connection, transaction, """
                    UPDATE mailboxes SET locked_until_ms = $until
                    WHERE name = $name AND failed_code_attempts >= $max AND locked_until_ms IS NULL
                    """,
                    ("$until", ToMs(now + _options.CodeLockoutDuration)), ("$name", name), ("$max", _options.MaxFailedCodeAttempts));
            }
            using var read = Command(connection, transaction,
                "SELECT failed_code_attempts, locked_until_ms FROM mailboxes WHERE name = $name", ("$name", name));
            using var reader = read.ExecuteReader();
            if (!reader.Read())
                return new CodeVerification(CodeVerificationStatus.UnknownMailbox, 0, null);
            return new CodeVerification(CodeVerificationStatus.Rejected, reader.GetInt32(0),
                reader.IsDBNull(1) ? null : FromMs(reader.GetInt64(1)));
        }, CancellationToken.None).ConfigureAwait(false);
    }
}
