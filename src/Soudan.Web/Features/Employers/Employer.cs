using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Employers;

/// <summary>
/// A company a worker names: an employer, a dispatch agency or the client company workers are sent
/// to. One record per company (<see cref="EmployerNames.Key"/>), so its page lists every case.
/// </summary>
public sealed class Employer
{
    public const int NameMaxLength = 200;

    public int Id { get; private set; }

    /// <summary>The name as first written.</summary>
    public required string Name { get; set; }

    public required string NameKey { get; init; }

    public required DateTime CreatedAtUtc { get; init; }
}

internal sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(Employer.NameMaxLength);
        builder.Property(e => e.NameKey).HasMaxLength(Employer.NameMaxLength);
        builder.HasIndex(e => e.NameKey).IsUnique();
    }
}
