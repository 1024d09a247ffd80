using System.CommandLine;
using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>What a rotation did.</summary>
public sealed record KeyRotationResult(Guid NewKeyId, int Reencrypted, int Unreadable, int Revoked);

/// <summary>
/// Rotates the Data Protection key that encrypts sensitive fields: a new key from now on, every
/// encrypted field (the worker's words, case notes, documents, authenticator keys) re-encrypted with
/// it, and, when asked, the old keys revoked, so a key leaked earlier opens nothing written since or
/// before. Revoking signs everyone out (cookies were made with the old keys).
/// Run it with every instance of the app stopped: a running instance keeps its key ring for up to a
/// day and would go on encrypting with a key about to be revoked.
/// </summary>
public sealed class KeyRotation(SoudanDbContext db, IKeyManager keys, IDataProtectionProvider provider, TimeProvider clock)
{
    private const int Batch = 500;

    public async Task<KeyRotationResult> RotateAsync(bool revokeOld, CancellationToken cancellationToken)
    {
        var old = keys.GetAllKeys().Where(k => !k.IsRevoked).Select(k => k.KeyId).ToList();
        var now = clock.GetUtcNow();
        var key = keys.CreateNewKey(now, now.AddDays(90));
        await WaitUntilDefaultAsync(key.KeyId, cancellationToken);

        var text = provider.CreateProtector(SensitiveText.Purpose);
        var documents = provider.CreateProtector(CaseDocumentStore.Purpose);
        var authenticator = provider.CreateProtector(StaffUserManager.AuthenticatorKeyPurpose);
        var (done, unreadable) = (0, 0);
        void Count((int Done, int Unreadable) r) => (done, unreadable) = (done + r.Done, unreadable + r.Unreadable);

        Count(await ReencryptAsync(db.Intakes, i => i.Id, i => i.StoryProtected != null, i => i.StoryProtected!, (i, v) => i.StoryProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Intakes, i => i.Id, i => i.ResidenceProtected != null, i => i.ResidenceProtected!, (i, v) => i.ResidenceProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<Features.People.Person>(), p => (long)p.Id, p => p.ResidenceProtected != null, p => p.ResidenceProtected!, (p, v) => p.ResidenceProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Intakes, i => i.Id, i => i.FieldsProtected != null, i => i.FieldsProtected!, (i, v) => i.FieldsProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<Case>(), c => (long)c.Id, c => c.FieldsProtected != null, c => c.FieldsProtected!, (c, v) => c.FieldsProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseTask>(), t => (long)t.Id, t => t.FieldsProtected != null, t => t.FieldsProtected!, (t, v) => t.FieldsProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseReferral>(), r => (long)r.Id, r => r.FieldsProtected != null, r => r.FieldsProtected!, (r, v) => r.FieldsProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseOutcome>(), o => (long)o.CaseId, o => o.FieldsProtected != null, o => o.FieldsProtected!, (o, v) => o.FieldsProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseDocument>(), d => (long)d.Id, d => d.FieldsProtected != null, d => d.FieldsProtected!, (d, v) => d.FieldsProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseEntry>(), e => e.Id, e => e.FieldsProtected != null, e => e.FieldsProtected!, (e, v) => e.FieldsProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<IntakeMessage>(), m => m.Id, _ => true, m => m.BodyProtected, (m, v) => m.BodyProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseEntry>(), e => e.Id, e => e.TextProtected != null, e => e.TextProtected!, (e, v) => e.TextProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseReferral>(), r => (long)r.Id, r => r.OutcomeProtected != null, r => r.OutcomeProtected!, (r, v) => r.OutcomeProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseCalculation>(), c => (long)c.Id, _ => true, c => c.InputProtected, (c, v) => c.InputProtected = v, text, cancellationToken));
        Count(await ReencryptAsync(db.Set<CaseCalculation>(), c => (long)c.Id, _ => true, c => c.ResultProtected, (c, v) => c.ResultProtected = v, text, cancellationToken));
        Count(await ReencryptBytesAsync(documents, cancellationToken));
        var tokens = await db.UserTokens.Where(t => t.Name == "AuthenticatorKey" && t.Value != null).ToListAsync(cancellationToken);
        foreach (var token in tokens)
        {
            token.Value = authenticator.Protect(authenticator.Unprotect(token.Value!));
        }

        await db.SaveChangesAsync(cancellationToken);
        done += tokens.Count;

        if (revokeOld)
        {
            foreach (var id in old)
            {
                keys.RevokeKey(id, "rotated");
            }
        }

        return new KeyRotationResult(key.KeyId, done, unreadable, revokeOld ? old.Count : 0);
    }

    /// <summary>
    /// The key ring is refreshed in the background and the old one served meanwhile: encrypting
    /// again before the new key is the default would encrypt with the key about to be revoked. A
    /// payload names its key right after the 4-byte magic header.
    /// </summary>
    private async Task WaitUntilDefaultAsync(Guid keyId, CancellationToken cancellationToken)
    {
        var probe = provider.CreateProtector("Soudan.KeyRotation.Probe");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (new Guid(probe.Protect([1]).AsSpan(4, 16)) == keyId)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }

        throw new InvalidOperationException("The new key did not become the default within 30 seconds; nothing was encrypted again.");
    }

    /// <summary>Decrypts and encrypts again with the default key, in batches by id; what cannot be read is left as it is.</summary>
    private async Task<(int Done, int Unreadable)> ReencryptAsync<T>(
        DbSet<T> set, Expression<Func<T, long>> id, Expression<Func<T, bool>> holds, Func<T, string> read, Action<T, string> write, IDataProtector protector, CancellationToken cancellationToken)
        where T : class
    {
        // "id > last", with last read from a holder so that every batch is the same query with a new parameter.
        var cursor = new Cursor();
        var after = Expression.Lambda<Func<T, bool>>(
            Expression.GreaterThan(id.Body, Expression.Property(Expression.Constant(cursor), nameof(Cursor.Last))), id.Parameters);
        var idOf = id.Compile();
        var (done, unreadable) = (0, 0);
        while (true)
        {
            var rows = await set.Where(holds).Where(after).OrderBy(id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                try
                {
                    write(row, protector.Protect(protector.Unprotect(read(row))));
                    done++;
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    unreadable++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (rows.Count < Batch)
            {
                return (done, unreadable);
            }

            cursor.Last = idOf(rows[^1]);
        }
    }

    private sealed class Cursor
    {
        public long Last { get; set; }
    }

    private async Task<(int Done, int Unreadable)> ReencryptBytesAsync(IDataProtector protector, CancellationToken cancellationToken)
    {
        var (done, unreadable) = (0, 0);
        var ids = await db.Set<CaseDocumentContent>().Select(c => c.DocumentId).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var content = await db.Set<CaseDocumentContent>().SingleAsync(c => c.DocumentId == id, cancellationToken);
            try
            {
                content.Protected = protector.Protect(protector.Unprotect(content.Protected));
                done++;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                unreadable++;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return (done, unreadable);
    }

    /// <summary><c>-- keys rotate [--revoke-old]</c>.</summary>
    public static Command Command(IServiceProvider services)
    {
        var revoke = new Option<bool>("--revoke-old") { Description = "Revoke the old keys once everything is encrypted with the new one (signs everyone out)." };
        var rotate = new Command("rotate", "Make a new encryption key and encrypt every sensitive field again with it. Stop every instance of the app first.") { revoke };
        rotate.SetAction(async (parsed, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(parsed.GetValue(revoke), cancellationToken);
            await Console.Out.WriteLineAsync($"New key {result.NewKeyId}: {result.Reencrypted} encrypted fields and documents encrypted again; {result.Revoked} old keys revoked.");
            if (result.Unreadable > 0)
            {
                await Console.Error.WriteLineAsync($"{result.Unreadable} could not be read with any key and were left as they were.");
                return 1;
            }

            return 0;
        });
        var command = new Command("keys", "The keys that encrypt sensitive fields.");
        command.Subcommands.Add(rotate);
        return command;
    }
}
