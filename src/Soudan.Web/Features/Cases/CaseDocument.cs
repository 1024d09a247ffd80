using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// A pay slip, a contract, a photo of a residence card: what a worker brings to prove a claim. The
/// bytes are in <see cref="CaseDocumentContent"/>, encrypted, so listing a case's documents never
/// loads them.
/// </summary>
public sealed class CaseDocument : IProtectsFields
{
    /// <summary>Ten megabytes: a phone photo or a scanned contract fits, a video does not.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int FileNameMaxLength = 200;

    public int Id { get; private set; }

    public int CaseId { get; init; }

    /// <summary>A code of <see cref="Kinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The name it had on the uploader's device, cleaned ("診断書_田中.pdf"): encrypted at rest; shown and used on download.</summary>
    public required string FileName { get; set; }

    public string? FieldsProtected { get; set; }

    public const string LegacyFileName = "LegacyFileName";

    IReadOnlyList<string> IProtectsFields.LegacyColumns => [LegacyFileName];

    string? IProtectsFields.PlainFields() => ProtectedFields.Write(new() { ["file-name"] = [FileName] });

    void IProtectsFields.ReadPlainFields(string plain) => FileName = ProtectedFields.Read(plain).GetValueOrDefault("file-name")?.FirstOrDefault() ?? "document";

    void IProtectsFields.ReadLegacyColumns(Func<string, object?> value) => FileName = value(LegacyFileName) as string ?? "document";

    /// <summary>Read from the bytes, never from the name or the browser's claim.</summary>
    public required string ContentType { get; init; }

    public required int SizeBytes { get; init; }

    /// <summary>Residence cards always; other documents when the uploader marks them.</summary>
    public bool IsSensitive { get; init; }

    public required Guid UploadedBy { get; init; }

    public required DateTime UploadedAtUtc { get; init; }

    public static TermList Kinds { get; } = new(
    [
        new("pay-slip", Localizable.Staff("Pay slip")),
        new("contract", Localizable.Staff("Contract or working conditions")),
        new("time-record", Localizable.Staff("Time records or shift schedule")),
        new("dismissal", Localizable.Staff("Dismissal notice")),
        new("residence-card", Localizable.Staff("Residence card")),
        new("letter", Localizable.Staff("Letter or message")),
        new("photo", Localizable.Staff("Photo")),
        new("other", Localizable.Staff("Other document")),
    ]);

    /// <summary>A residence card tells of immigration matters, which APPI counts as sensitive.</summary>
    public static bool AlwaysSensitive(string kind) => kind == "residence-card";
}

/// <summary>The encrypted bytes of a document, in a table of their own.</summary>
public sealed class CaseDocumentContent
{
    public int DocumentId { get; init; }

    public required byte[] Protected { get; set; }
}

/// <summary>
/// What a file really is, from its first bytes: PDF, JPEG, PNG, WebP or HEIC (photos from phones).
/// Anything else is refused, whatever its name says.
/// </summary>
public static class DocumentContent
{
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)
            && (head[8..12].SequenceEqual("heic"u8) || head[8..12].SequenceEqual("heix"u8) || head[8..12].SequenceEqual("mif1"u8)))
        {
            return "image/heic";
        }

        return null;
    }
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder)
    {
        builder.ToTable("CaseDocuments");
        builder.Property(d => d.Kind).HasMaxLength(32);
        builder.Ignore(d => d.FileName);
        builder.Property<string?>(CaseDocument.LegacyFileName).HasColumnName("FileName").HasMaxLength(CaseDocument.FileNameMaxLength);
        builder.Property(d => d.ContentType).HasMaxLength(64);
        builder.HasIndex(d => new { d.CaseId, d.UploadedAtUtc });
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseDocumentContentConfiguration : IEntityTypeConfiguration<CaseDocumentContent>
{
    public void Configure(EntityTypeBuilder<CaseDocumentContent> builder)
    {
        builder.ToTable("CaseDocumentContents");
        builder.HasKey(c => c.DocumentId);
        builder.HasOne<CaseDocument>().WithOne().HasForeignKey<CaseDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
