using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Hotline;

/// <summary>
/// A hotline day: a time window in Japan, the numbers to call, the languages spoken. Its title and
/// description are written per public language (<see cref="HotlineSessionText"/>); a reader sees
/// their own language, else English, else Japanese.
/// </summary>
public sealed class HotlineSession
{
    public const int TitleMaxLength = 150;
    public const int DescriptionMaxLength = 2_000;
    public const int PhoneMaxLength = 40;

    public int Id { get; private set; }

    public DateTime StartsAtUtc { get; private set; }

    public DateTime EndsAtUtc { get; private set; }

    public List<string> PhoneNumbers { get; private set; } = [];

    /// <summary>Language codes of the people answering: any language, not only the public ones.</summary>
    public List<string> Languages { get; private set; } = [];

    /// <summary>Problem codes (ConsultationTerms.Problems) the session is about; empty for any problem.</summary>
    public List<string> Topics { get; private set; } = [];

    public DateTime? CancelledAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public List<HotlineSessionText> Texts { get; private set; } = [];

    public bool IsCancelled => CancelledAtUtc is not null;

    public void Schedule(DateTime startsAtUtc, DateTime endsAtUtc, IEnumerable<string> phoneNumbers, IEnumerable<string> languages, IEnumerable<string> topics, DateTime nowUtc)
    {
        if (endsAtUtc <= startsAtUtc)
        {
            throw new ArgumentException("A session ends after it starts.", nameof(endsAtUtc));
        }

        (StartsAtUtc, EndsAtUtc, UpdatedAtUtc) = (startsAtUtc, endsAtUtc, nowUtc);
        PhoneNumbers = [.. phoneNumbers];
        Languages = [.. languages];
        Topics = [.. topics];
    }

    /// <summary>Sets the text in one language; empty title and description remove it.</summary>
    public void Describe(string language, string? title, string? description)
    {
        var existing = Texts.FirstOrDefault(t => t.Language == language);
        if (string.IsNullOrEmpty(title) && string.IsNullOrEmpty(description))
        {
            if (existing is not null)
            {
                Texts.Remove(existing);
            }

            return;
        }

        if (existing is null)
        {
            Texts.Add(new HotlineSessionText { Language = language, Title = title ?? "", Description = description });
        }
        else
        {
            (existing.Title, existing.Description) = (title ?? "", description);
        }
    }

    public void Cancel(DateTime nowUtc) => (CancelledAtUtc, UpdatedAtUtc) = (CancelledAtUtc ?? nowUtc, nowUtc);

    public void Reinstate(DateTime nowUtc) => (CancelledAtUtc, UpdatedAtUtc) = (null, nowUtc);

    public bool IsOnAt(DateTime nowUtc) => !IsCancelled && StartsAtUtc <= nowUtc && nowUtc < EndsAtUtc;

    /// <summary>The text for a reader of <paramref name="language"/>: theirs, else English, else Japanese, else any.</summary>
    public HotlineSessionText? TextFor(PublicLanguage language) =>
        Texts.FirstOrDefault(t => t.Language == language.Code)
        ?? (language == PublicLanguages.EasyJapanese ? Texts.FirstOrDefault(t => t.Language == PublicLanguages.Japanese.Code) : null)
        ?? Texts.FirstOrDefault(t => t.Language == PublicLanguages.English.Code)
        ?? Texts.FirstOrDefault(t => t.Language == PublicLanguages.Japanese.Code)
        ?? Texts.FirstOrDefault();

    /// <summary>0120 and 0800 numbers are free to call from any phone in Japan.</summary>
    public static bool IsFreeDial(string number) =>
        number.StartsWith("0120", StringComparison.Ordinal) || number.StartsWith("0800", StringComparison.Ordinal);

    /// <summary>What goes in a tel: link: digits and a leading +, nothing else.</summary>
    public static string Dialable(string number) =>
        new(number.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray());
}

/// <summary>A session's title and description in one public language.</summary>
public sealed class HotlineSessionText
{
    public int Id { get; private set; }

    public int SessionId { get; private set; }

    public required string Language { get; init; }

    public required string Title { get; set; }

    public string? Description { get; set; }
}

internal sealed class HotlineSessionConfiguration : IEntityTypeConfiguration<HotlineSession>
{
    public void Configure(EntityTypeBuilder<HotlineSession> builder)
    {
        builder.HasIndex(s => new { s.EndsAtUtc, s.StartsAtUtc });
        builder.HasMany(s => s.Texts).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Texts).AutoInclude();
    }
}

internal sealed class HotlineSessionTextConfiguration : IEntityTypeConfiguration<HotlineSessionText>
{
    public void Configure(EntityTypeBuilder<HotlineSessionText> builder)
    {
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.Title).HasMaxLength(HotlineSession.TitleMaxLength);
        builder.Property(t => t.Description).HasMaxLength(HotlineSession.DescriptionMaxLength);
        builder.HasIndex(t => new { t.SessionId, t.Language }).IsUnique();
    }
}
