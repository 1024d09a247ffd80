using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Cases;

/// <summary>Something to do on a case by a day ("collect shift photos", next Tuesday), for someone.</summary>
public sealed class CaseTask
{
    public const int TitleMaxLength = 200;

    public int Id { get; private set; }

    public int CaseId { get; init; }

    public required string Title { get; init; }

    /// <summary>A day in Japan.</summary>
    public required DateOnly DueOn { get; init; }

    public Guid? AssigneeId { get; init; }

    public required Guid CreatedBy { get; init; }

    public required DateTime CreatedAtUtc { get; init; }

    public DateTime? DoneAtUtc { get; private set; }

    public Guid? DoneBy { get; private set; }

    public bool IsDone => DoneAtUtc is not null;

    public bool IsOverdueOn(DateOnly today) => !IsDone && DueOn < today;

    public void MarkDone(Guid by, DateTime nowUtc) => (DoneAtUtc, DoneBy) = (DoneAtUtc ?? nowUtc, DoneBy ?? by);
}

internal sealed class CaseTaskConfiguration : IEntityTypeConfiguration<CaseTask>
{
    public void Configure(EntityTypeBuilder<CaseTask> builder)
    {
        builder.ToTable("CaseTasks");
        builder.Property(t => t.Title).HasMaxLength(CaseTask.TitleMaxLength);
        builder.HasIndex(t => new { t.AssigneeId, t.DoneAtUtc, t.DueOn });
        builder.HasIndex(t => new { t.CaseId, t.DueOn });
        builder.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
