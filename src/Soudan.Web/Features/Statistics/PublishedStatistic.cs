using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// A view of the statistics that a coordinator chose to publish on <c>/{lang}/stats</c>: the view's
/// address (what, when, by what, among which), and an optional title in Japanese and English (other
/// languages read a title made from the view). Its figures are counted afresh on each showing and
/// small ones are hidden (<see cref="SmallCells"/>).
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
