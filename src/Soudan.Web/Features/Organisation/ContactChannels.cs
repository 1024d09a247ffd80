using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Organisation;

/// <summary>
/// The ways to reach the organisation besides hotline days and the online form, as an admin sets
/// them: e-mail, LINE, an office phone. One row; empty fields are not shown.
/// </summary>
public sealed class ContactChannels
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    public string? Email { get; set; }

    /// <summary>The LINE ID people add as a friend, e.g. @soudan.</summary>
    public string? LineId { get; set; }

    /// <summary>The LINE add-friend link (https://line.me/R/ti/p/...).</summary>
    public string? LineUrl { get; set; }

    public string? OfficePhone { get; set; }

    /// <summary>When the office phone is answered, free text in Japanese and English.</summary>
    public string? OfficeHours { get; set; }

    public bool IsEmpty =>
        string.IsNullOrEmpty(Email) && string.IsNullOrEmpty(LineId) && string.IsNullOrEmpty(LineUrl) && string.IsNullOrEmpty(OfficePhone);
}

internal sealed class ContactChannelsConfiguration : IEntityTypeConfiguration<ContactChannels>
{
    public void Configure(EntityTypeBuilder<ContactChannels> builder)
    {
        builder.ToTable("ContactChannels");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.LineId).HasMaxLength(100);
        builder.Property(c => c.LineUrl).HasMaxLength(300);
        builder.Property(c => c.OfficePhone).HasMaxLength(40);
        builder.Property(c => c.OfficeHours).HasMaxLength(300);
    }
}

public static class ContactChannelsQueries
{
    public static async Task<ContactChannels> GetContactChannelsAsync(this SoudanDbContext db, CancellationToken cancellationToken) =>
        await db.Set<ContactChannels>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == ContactChannels.SingletonId, cancellationToken)
        ?? new ContactChannels();
}
