using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy;

/// <summary>A heading or a paragraph of the privacy notice, as the worker reads it.</summary>
public sealed record NoticeBlock(bool IsHeading, string Text);

/// <summary>
/// One version of the privacy notice, in every public language, as it was worded while in force. A
/// new version is kept whenever the words change (a new release, the retention rules, the days to
/// decide on an erasure), so that what a worker agreed to can be shown years later.
/// </summary>
public sealed class PrivacyNoticeVersion
{
    public int Id { get; private set; }

    public required DateTime PublishedAtUtc { get; init; }

    /// <summary>SHA-256 of <see cref="Content"/>: unique, so two instances never keep one wording twice.</summary>
    public required string Hash { get; init; }

    /// <summary>Language code to its blocks, as JSON.</summary>
    public required string Content { get; init; }

    public IReadOnlyList<NoticeBlock>? In(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, List<NoticeBlock>>>(Content)?.GetValueOrDefault(language);
}

internal sealed class PrivacyNoticeVersionConfiguration : IEntityTypeConfiguration<PrivacyNoticeVersion>
{
    public void Configure(EntityTypeBuilder<PrivacyNoticeVersion> builder)
    {
        builder.ToTable("PrivacyNoticeVersions");
        builder.Property(v => v.Hash).HasMaxLength(64);
        builder.HasIndex(v => v.Hash).IsUnique();
    }
}

/// <summary>
/// The privacy notice's words, and the version in force. The page at <c>/{lang}/privacy</c> shows
/// <see cref="Blocks"/>; a consultation records <see cref="CurrentAsync"/>'s number with its consent.
/// </summary>
public sealed class PrivacyNotice(IServiceScopeFactory scopes, IStringLocalizer<PublicText> T, IOptions<SoudanOptions> soudan, IOptions<PrivacyOptions> privacy, TimeProvider clock) : IDisposable
{
    /// <summary>Another instance may change the retention rules: the version is read again after this long.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _checking = new(1, 1);
    private (int Number, DateTime PublishedAtUtc, DateTime CheckedAtUtc)? _current;

    /// <summary>The notice in the current UI culture, with the retention rules in force (null while they do not run).</summary>
    public IReadOnlyList<NoticeBlock> Blocks(RetentionRules? retention)
    {
        var days = privacy.Value.DecideErasureWithinDays.ToString("N0", CultureInfo.CurrentCulture);
        var blocks = new List<NoticeBlock>
        {
            new(false, T["{0} keeps what you send us only to help you with your problem at work.", soudan.Value.OrganisationName]),
            new(true, T["What we keep"]),
            new(false, T["What you write in the consultation form and in your messages, and how to reach you. You may tell us about your health, your residence status or other sensitive matters: we keep them only with your consent, given on the form."]),
            new(true, T["Who can read it"]),
            new(false, T["Only our counselors and, when you need one, an interpreter. We do not tell your employer, the police or the immigration office without your consent, unless a law requires it."]),
            new(false, T["If you agree, we may share what is needed with a union, a lawyer or a public office that can help you. We ask you first."]),
            new(false, T["When we share your data with another organisation, the law requires us to keep a record of it (your name, who received it, what and when) for three years, even if you delete your consultation. Then we delete the record."]),
            new(true, T["How we protect it"]),
            new(false, T["What you write is stored encrypted. Your private link is known only to you: keep it safe."]),
            new(true, T["Your rights"]),
            new(false, T["You can ask us what we keep about you, and ask us to correct or delete it. You can delete your consultation yourself from your private link."]),
            new(true, T["How long we keep it"]),
            new(false, T["If you delete your consultation from your private link, we delete it at once. If a counselor has opened a case for you, they delete it within {0} days, unless the law requires us to keep it for a while (for example, while a wage claim or a court case is open).", days]),
        };
        if (retention is not null)
        {
            blocks.Add(new(false, T["Otherwise, we delete a consultation {0} months after we close it, and a case {1} months after we close it.",
                Math.Max(retention.ConsultationMonths, retention.CallMonths).ToString("N0", CultureInfo.CurrentCulture), retention.ClosedCaseMonths.ToString("N0", CultureInfo.CurrentCulture)]));
        }

        blocks.Add(new(true, T["Statistics"]));
        blocks.Add(new(false, T["We publish numbers about the problems people bring us. They never show names or anything that could identify you."]));
        return blocks;
    }

    /// <summary>
    /// The version in force: the number of the kept wording that matches today's, kept anew when the
    /// words changed (words that go back to an earlier wording are that earlier version again). Read again after a few minutes, or at once after <see cref="Forget"/>.
    /// </summary>
    public async Task<(int Number, DateTime PublishedAtUtc)> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_current is { } known && now - known.CheckedAtUtc < Kept)
        {
            return (known.Number, known.PublishedAtUtc);
        }

        await _checking.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            var retention = await db.Set<RetentionRules>().AsNoTracking().SingleOrDefaultAsync(r => r.EnabledAtUtc != null, cancellationToken);
            var content = Snapshot(retention);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
            var version = await db.Set<PrivacyNoticeVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Hash == hash, cancellationToken);
            if (version is null)
            {
                try
                {
                    db.Add(version = new PrivacyNoticeVersion { PublishedAtUtc = now, Hash = hash, Content = content });
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another instance kept the same words a moment ago; anything else (a full disk) is the caller's to report.
                    db.ChangeTracker.Clear();
                    var kept = await db.Set<PrivacyNoticeVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Hash == hash, cancellationToken);
                    if (kept is null)
                    {
                        throw;
                    }

                    version = kept;
                }
            }
            _current = (version.Id, version.PublishedAtUtc, now);
            return (version.Id, version.PublishedAtUtc);
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Dispose() => _checking.Dispose();

    /// <summary>Something the notice says changed on this instance (the retention rules): read the version again at the next consultation.</summary>
    public void Forget() => _current = null;

    private string Snapshot(RetentionRules? retention)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            var all = new SortedDictionary<string, IReadOnlyList<NoticeBlock>>(StringComparer.Ordinal);
            foreach (var language in PublicLanguages.All)
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (language.Culture, language.Culture);
                all[language.Code] = Blocks(retention);
            }

            return JsonSerializer.Serialize(all);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
