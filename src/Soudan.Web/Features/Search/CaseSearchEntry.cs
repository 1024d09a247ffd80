using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Cases;

namespace Soudan.Web.Features.Search;

/// <summary>
/// What the search box looks through for one case, normalised by <see cref="SearchText"/>. On
/// SQLite an FTS5 trigram table follows it (triggers in the CaseSearch migration); on PostgreSQL
/// pg_trgm GIN indexes. Both find substrings in any script without a word splitter.
/// </summary>
public sealed class CaseSearchEntry
{
    public int CaseId { get; init; }

    /// <summary>Workers' names and readings: short, so that one- and two-character queries (田中) may scan it.</summary>
    public string Names { get; set; } = "";

    /// <summary>Everything searchable: reference, names, phones, e-mail, messaging IDs, companies, notes not marked sensitive.</summary>
    public string Text { get; set; } = "";
}

internal sealed class CaseSearchEntryConfiguration : IEntityTypeConfiguration<CaseSearchEntry>
{
    public void Configure(EntityTypeBuilder<CaseSearchEntry> builder)
    {
        builder.ToTable("CaseSearch");
        builder.HasKey(e => e.CaseId);
        builder.Property(e => e.CaseId).ValueGeneratedNever();
        builder.HasOne<Case>().WithOne().HasForeignKey<CaseSearchEntry>(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
