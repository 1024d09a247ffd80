using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.People;

/// <summary>
/// A worker the organisation helps: one record however often they call or write, linked to each of
/// their cases. The name is kept as written (any script) with a reading or romanisation beside it.
/// </summary>
public sealed class Person
{
    public const int NameMaxLength = 100;

    /// <summary>Enough for every SIM a worker has had; merging two records keeps them all up to this.</summary>
    public const int MaxPhoneNumbers = 20;

    public int Id { get; private set; }

    public required string Name { get; set; }

    /// <summary>How to say or spell the name in Latin letters or kana (ローマ字, フリガナ).</summary>
    public string? NameReading { get; set; }

    /// <summary>E.164 numbers (<see cref="Phones"/>), so one phone matches however it was typed.</summary>
    public List<string> PhoneNumbers { get; set; } = [];

    public string? Email { get; set; }

    /// <summary>LINE, WhatsApp, Facebook... as free text.</summary>
    public string? MessagingIds { get; set; }

    public string? Nationality { get; set; }

    public List<string> Languages { get; set; } = [];

    /// <summary>The <see cref="Residence"/>, encrypted (immigration matters).</summary>
    public string? ResidenceProtected { get; set; }

    public required DateTime CreatedAtUtc { get; init; }

    /// <summary>Raised on every save: two counselors editing one person cannot overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>The person asked us to stop using their data (APPI Art. 35): no referral passes it on until lifted.</summary>
    public DateTime? UseRestrictedSinceUtc { get; set; }

    /// <summary>Set by a counselor: a task reminds them this many days before the card expires.</summary>
    public int? CardReminderDays { get; set; }

    /// <summary><see cref="PersonNames.Key"/> of the name and of the reading, and the name's skeleton, to suggest duplicates.</summary>
    public string? NameKey { get; private set; }

    public string? ReadingKey { get; private set; }

    public string? NameSkeleton { get; private set; }

    /// <summary>Call after changing the name or the reading.</summary>
    public void RefreshNameKeys()
    {
        NameKey = PersonNames.Key(Name);
        ReadingKey = PersonNames.Key(NameReading);
        NameSkeleton = PersonNames.Skeleton(ReadingKey ?? NameKey);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.Property(p => p.Name).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.NameReading).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.HasIndex(p => p.Email);
        builder.Property(p => p.MessagingIds).HasMaxLength(300);
        builder.Property(p => p.Nationality).HasMaxLength(2);
        // Kept, under the name of the columns that held them in clear, until ResidenceBackfill has
        // encrypted what was written before; nothing else reads them.
        builder.Property<string?>(ResidenceBackfill.LegacyStatus).HasColumnName("ResidenceStatus").HasMaxLength(64);
        builder.Property<DateOnly?>(ResidenceBackfill.LegacyCardExpiry).HasColumnName("ResidenceCardExpiresOn");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.NameKey).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.ReadingKey).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.NameSkeleton).HasMaxLength(Person.NameMaxLength);
        builder.HasIndex(p => p.NameKey);
        builder.HasIndex(p => p.ReadingKey);
        builder.HasIndex(p => p.NameSkeleton);
    }
}
