using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Security;

/// <summary>
/// Someone rewrites the audit log behind the app's back and seals it again, as the code (open
/// source) shows how: with the database and the key-encryption key they cannot make it verify; with
/// every key they can, but not through a head written out before. On both databases.
/// </summary>
public abstract class AuditTamperTests(TestDatabase database)
{
    private readonly string _keyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _auditKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task With_the_database_and_the_key_encryption_key_a_rewritten_log_does_not_verify()
    {
        await using var app = await StartAsync();
        var (intact, _) = await LogWithLinesAsync(app);
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(_keyEncryptionKey), 32, info: Encoding.UTF8.GetBytes("soudan:audit-chain"));

        // The key the chain used to be sealed with was derived from the key-encryption key: sealed again with it...
        await RewriteAsync(app, derived);
        var withDerivedKey = await VerifyAsync(app);
        // ... or with any key they can think of.
        await RewriteAsync(app, RandomNumberGenerator.GetBytes(32));
        var withGuessedKey = await VerifyAsync(app);

        Assert.True(intact.Intact);
        Assert.False(withDerivedKey.Intact);
        Assert.Contains("derived from the key-encryption key", withDerivedKey.AnchorProblem, StringComparison.Ordinal);
        Assert.False(withGuessedKey.Intact);
        Assert.Equal(1, withGuessedKey.FirstBrokenSequence);
    }

    [Fact]
    public async Task With_every_key_a_rewritten_log_verifies_alone_but_not_through_a_head_written_out_before()
    {
        await using var app = await StartAsync();
        var (_, anchor) = await LogWithLinesAsync(app);
        var forged = anchor with { Signature = new string('0', 32) };

        await RewriteAsync(app, Convert.FromBase64String(_auditKey));
        var alone = await VerifyAsync(app);
        var throughAnchor = await VerifyAsync(app, anchor);
        var throughForgedAnchor = await VerifyAsync(app, forged);

        Assert.True(alone.Intact);   // what no chain can prove: hence the head kept elsewhere
        Assert.False(throughAnchor.Intact);
        Assert.Contains("rewritten after the anchor was taken", throughAnchor.AnchorProblem, StringComparison.Ordinal);
        Assert.False(throughForgedAnchor.Intact);
        Assert.Contains("not signed with this installation's audit key", throughForgedAnchor.AnchorProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_cut_short_after_a_head_was_written_out_does_not_verify_through_it()
    {
        await using var app = await StartAsync();
        var (_, anchor) = await LogWithLinesAsync(app);

        await ExecuteAsync(app, database == TestDatabase.Postgres
            ? $"""ALTER TABLE "AuditEvents" DISABLE TRIGGER "AuditEvents_append_only"; DELETE FROM "AuditEvents" WHERE "Sequence" >= {anchor.Sequence - 1}"""
            : $"""DROP TRIGGER "AuditEvents_no_delete"; DELETE FROM "AuditEvents" WHERE "Sequence" >= {anchor.Sequence - 1}""");
        var cut = await VerifyAsync(app, anchor);

        Assert.False(cut.Intact);
        Assert.Contains("lines were removed", cut.AnchorProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_where_a_line_came_from_breaks_the_chain()
    {
        await using var app = await StartAsync();
        using var browser = app.CreatePageClient(address: "2001:db8::77");
        await browser.SignInAsync(await app.CreateStaffAsync([StaffRoles.Analyst], twoFactor: true));
        var (intact, _) = await LogWithLinesAsync(app);
        var line = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Address == "2001:db8::77" && e.Sequence != null).Select(e => e.Sequence!.Value).FirstAsync());

        await ExecuteAsync(app, database == TestDatabase.Postgres
            ? $"""ALTER TABLE "AuditEvents" DISABLE TRIGGER "AuditEvents_append_only"; UPDATE "AuditEvents" SET "Address" = '2001:db8::99' WHERE "Sequence" = {line}"""
            : $"""DROP TRIGGER "AuditEvents_no_update"; UPDATE "AuditEvents" SET "Address" = '2001:db8::99' WHERE "Sequence" = {line}""");
        var changed = await VerifyAsync(app);

        Assert.True(intact.Intact);
        Assert.Equal(line, changed.FirstBrokenSequence);
    }

    private Task<SoudanApp> StartAsync() => SoudanApp.StartAsync(database, new Dictionary<string, string?>
    {
        ["Soudan:KeyEncryptionKey"] = _keyEncryptionKey,
        ["Soudan:AuditKey"] = _auditKey,
    });

    /// <summary>A few lines in the log (two accounts made), sealed, verified, and its head as the app writes it out.</summary>
    private static async Task<(AuditVerification Verified, AuditHead Head)> LogWithLinesAsync(SoudanApp app)
    {
        await app.CreateStaffAsync([StaffRoles.Admin]);
        await app.CreateStaffAsync([StaffRoles.Counselor]);
        await app.CreateStaffAsync([StaffRoles.Operator]);
        var verified = await VerifyAsync(app);
        var head = await app.WithScopeAsync(s => s.GetRequiredService<AuditHeadWriter>().WriteTodayAsync(CancellationToken.None))
            ?? await app.WithScopeAsync(s => s.GetRequiredService<AuditChain>().HeadAsync(CancellationToken.None));
        Assert.True(head!.Sequence >= 3);
        Assert.Equal(head, AuditHead.Parse(head.ToString()));
        return (verified, head);
    }

    private static Task<AuditVerification> VerifyAsync(SoudanApp app, AuditHead? anchor = null) =>
        app.WithScopeAsync(s => s.GetRequiredService<AuditChain>().VerifyAsync(CancellationToken.None, anchor));

    /// <summary>What an attacker does: removes the guard, changes the first line, seals every line again with <paramref name="key"/>.</summary>
    private async Task RewriteAsync(SoudanApp app, byte[] key)
    {
        await ExecuteAsync(app, database == TestDatabase.Postgres
            ? """ALTER TABLE "AuditEvents" DISABLE TRIGGER "AuditEvents_append_only" """
            : """DROP TRIGGER IF EXISTS "AuditEvents_no_update" """);
        var lines = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).ToListAsync());
        var previous = "";
        foreach (var line in lines)
        {
            var targetId = line.Sequence == 1 ? "someone-else" : line.TargetId;
            previous = HashOf(key, previous, line.Sequence!.Value, line, targetId);
            await ExecuteAsync(app, $"""UPDATE "AuditEvents" SET "TargetId" = {Quote(targetId)}, "Hash" = '{previous}' WHERE "Id" = {line.Id}""");
        }
    }

    /// <summary>The chain's formula, as anyone reading the code finds it.</summary>
    private static string HashOf(byte[] key, string previous, long sequence, AuditEvent e, string? targetId)
    {
        var line = string.Join('\u001f', previous, sequence.ToString(CultureInfo.InvariantCulture), e.Id.ToString(CultureInfo.InvariantCulture),
            e.AtUtc.Ticks.ToString(CultureInfo.InvariantCulture), e.ActorId?.ToString() ?? "", e.Action, e.TargetType ?? "", targetId ?? "");
        if (e.Address is { } address)
        {
            line += "\u001f" + address;
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(line)));
    }

    private static string Quote(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static Task<int> ExecuteAsync(SoudanApp app, string sql) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Database.ExecuteSqlRawAsync(sql));
}

public sealed class AuditTamperTestsOnSqlite() : AuditTamperTests(TestDatabase.Sqlite);

public sealed class AuditTamperTestsOnPostgres() : AuditTamperTests(TestDatabase.Postgres);
