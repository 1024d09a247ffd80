using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Cases;

/// <summary>Something to do on a case by a day ("collect shift photos", next Tuesday), for someone.</summary>
public sealed class CaseTask : IProtectsFields
{
    public const int TitleMaxLength = 200;

    public int Id { get; private set; }

    public int CaseId { get; init; }

    /// <summary>What to do, in anyone's words (it may name the worker): encrypted at rest, in <see cref="FieldsProtected"/>.</summary>
    public required string Title { get; set; }

    public string? FieldsProtected { get; set; }

    public const string LegacyTitle = "LegacyTitle";

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [LegacyTitle];

    string? IProtectsFields.PlainFields() => ProtectedFields.Write(new() { ["title"] = [Title] });

    void IProtectsFields.ReadPlainFields(string plain) => Title = ProtectedFields.Read(plain).GetValueOrDefault("title")?.FirstOrDefault() ?? "";

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value) => Title = value(LegacyTitle) as string ?? "";

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
        builder.Ignore(t => t.Title);
        builder.Property<string?>(CaseTask.LegacyTitle).HasColumnName("Title").HasMaxLength(CaseTask.TitleMaxLength);
        builder.HasIndex(t => new { t.AssigneeId, t.DoneAtUtc, t.DueOn });
        builder.HasIndex(t => new { t.CaseId, t.DueOn });
        builder.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
