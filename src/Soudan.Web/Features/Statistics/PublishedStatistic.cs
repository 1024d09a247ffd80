using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// A view of the statistics that a coordinator chose to publish on <c>/{lang}/stats</c>: the view's
/// address (what, when, by what, among which), an optional title in Japanese and English (other
/// languages read a title made from the view), and its figures as they were when published
/// (<see cref="Figures"/>: counted once, small ones already hidden), so that the public page does
/// not change when a consultation arrives or is changed later.
/// </summary>
public sealed class PublishedStatistic
{
    public const int TitleMaxLength = 150;
    public const int ViewMaxLength = 2_000;

    public int Id { get; private set; }

    public required string View { get; set; }

    public string? TitleJa { get; set; }

    public string? TitleEn { get; set; }

    public required DateTime PublishedAtUtc { get; init; }

    public required Guid PublishedBy { get; init; }

    /// <summary>
    /// The table as published (<see cref="PublishedFigures"/> as JSON): codes and counts, small ones
    /// already hidden. Null only for a view published before figures were frozen, until the public
    /// page freezes it at its first showing once its period has ended (<see cref="PublicStatistics"/>).
    /// </summary>
    public string? Figures { get; set; }

    /// <summary>When <see cref="Figures"/> were counted: "as of" on the public page.</summary>
    public DateTime? FiguresAtUtc { get; set; }
}

internal sealed class PublishedStatisticConfiguration : IEntityTypeConfiguration<PublishedStatistic>
{
    public void Configure(EntityTypeBuilder<PublishedStatistic> builder)
    {
        builder.Property(p => p.View).HasMaxLength(PublishedStatistic.ViewMaxLength);
        builder.Property(p => p.TitleJa).HasMaxLength(PublishedStatistic.TitleMaxLength);
        builder.Property(p => p.TitleEn).HasMaxLength(PublishedStatistic.TitleMaxLength);
    }
}
